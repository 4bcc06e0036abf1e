package ui

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

func TestADamagedSessionCanBeSetAside(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	var ids []string
	for _, g := range []string{"Kept", "Damaged"} {
		sess, _ := workshop.NewSession(plans.Builtin(), g, "", clk.Now())
		sess.Record(workshop.Event{Kind: workshop.EventStarted, At: clk.Now()})
		if err := s.opts.Store.Create(sess); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sess.ID)
	}
	// Damage one session from outside, as a disk fault or a hand edit would.
	db, err := sql.Open("sqlite", storeOf(s).Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE events SET body = '{"kind": 42}' WHERE session_id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s.showLibrary()
	l := s.library.sessions
	if len(l.summaries) != 2 {
		t.Fatalf("listed %d sessions, want both", len(l.summaries))
	}
	damaged := -1
	for i, sum := range l.summaries {
		if sum.ID == ids[1] {
			damaged = i
		}
	}
	l.list.Select(1 - damaged)
	if l.aside.Visible() {
		t.Error("Set aside is offered for a session that opens")
	}
	l.list.Select(damaged)
	if !l.aside.Visible() {
		t.Fatal("Set aside is not offered for the damaged session")
	}
	test.Tap(l.aside)
	// The confirmation keeps the session until the facilitator agrees.
	if len(l.summaries) != 2 || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the session was set aside without asking")
	}
	l.setAside(l.summaries[damaged], filepath.Join(s.opts.DataDir, store.SetAsideDir))
	if len(l.summaries) != 1 || l.summaries[0].ID != ids[0] || l.summaries[0].Problem != "" {
		t.Fatalf("after setting aside: %+v", l.summaries)
	}
	data, err := os.ReadFile(filepath.Join(s.opts.DataDir, store.SetAsideDir, ids[1]+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `{\"kind\": 42}`) || !strings.Contains(string(data), "Damaged") {
		t.Errorf("the set-aside file lost what the session held:\n%s", data)
	}
	if err := s.OpenSession(ids[0]); err != nil {
		t.Errorf("the kept session: %v", err)
	}
}
