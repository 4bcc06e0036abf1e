package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop/control"
	"runsheet/workshop/control/controltest"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// storeOf is the real store a test's shell keeps its sessions in.
func storeOf(s *Shell) *store.Store { return s.opts.Store.(*store.Store) }

// A start straight into a new session with phones on (run PLAN --phones)
// leaves a crashed session in the library with its room down: only the
// new room's address is announced, and the old session stays in progress.
func TestRunPlanLeavesTheInterruptedSessionInTheLibrary(t *testing.T) {
	dir := t.TempDir()
	clk := controltest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	s, w, st := openShell(t, dir, clk, laptop)
	c := startBuiltin(t, s, w, "Crashed")
	if err := c.phones.start(freeAddr(t)); err != nil {
		t.Fatal(err)
	}
	key(w, fyne.KeyPageDown)
	crashed := session(c).ID
	c.stopTimers()
	c.close() // the port goes with the process on a crash
	st.Close()

	var announced []string
	desk, err := control.OpenDesk(dir, control.Runner{PhoneAddr: freeAddr(t), StartPhones: true,
		Options: control.Options{Clock: clk, Scheduler: clk, Announce: func(url string) { announced = append(announced, url) }}})
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	start := Start{Plan: plans.Builtin(), Group: "New"}
	a := test.NewTempApp(t)
	w2 := test.NewTempWindow(t, nil)
	s2 := Create(a, w2, start.options(desk))
	if s2.console != nil || len(announced) != 0 {
		t.Fatalf("the crashed session came up before the new one: %v", announced)
	}
	if err := s2.StartSession(start.Plan, start.Group); err != nil {
		t.Fatal(err)
	}
	if len(announced) != 1 || session(s2.console).Group != "New" {
		t.Errorf("announced %v for %q", announced, session(s2.console).Group)
	}
	old, err := desk.Store.Load(crashed)
	if err != nil || old.State.IsFinished() {
		t.Errorf("the crashed session after run PLAN: %v", err)
	}
	s2.console.close()
}
