package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/control/controltest"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
	"runsheet/workshop/words"
)

// newTestShell opens the app on a test window with a fake clock at 09:00.
func newTestShell(t *testing.T, size fyne.Size) (*Shell, *controltest.Clock, fyne.Window) {
	t.Helper()
	clk := controltest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "plans"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, w, st := openShell(t, dir, clk, size)
	t.Cleanup(func() { st.Close() })
	return s, clk, w
}

// openShell opens the app on the data folder dir, in a new test window, as
// a start of the app would; the caller closes the store.
func openShell(t *testing.T, dir string, clk *controltest.Clock, size fyne.Size) (*Shell, fyne.Window, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(size)
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	return Create(a, w, Options{DataDir: dir, Clock: clk, Scheduler: clk, Store: st}), w, st
}

// session is the console's session; tests read it on the UI goroutine.
func session(c *console) *workshop.Session {
	var s *workshop.Session
	c.model.rec.View(func(x *workshop.Session) { s = x })
	return s
}

func state(c *console) *workshop.State { return session(c).State }

// sameState reports whether two states show the same at now: where the
// workshop is, every timer, note and result, phone voting.
func sameState(a, b *workshop.State, now time.Time) bool {
	if a.Current != b.Current || !a.Started.Equal(b.Started) || !a.Finished.Equal(b.Finished) ||
		!reflect.DeepEqual(a.Notes, b.Notes) || !reflect.DeepEqual(a.Rounds, b.Rounds) || !reflect.DeepEqual(a.Phones, b.Phones) {
		return false
	}
	for i := range a.Clocks {
		if a.Clocks[i].Remaining(now) != b.Clocks[i].Remaining(now) || a.Clocks[i].Running() != b.Clocks[i].Running() {
			return false
		}
		for j := range a.Votes[i].Items {
			if !reflect.DeepEqual(a.Result(i, j), b.Result(i, j)) {
				return false
			}
		}
	}
	return true
}

// stored is the console's session as the store holds it, history included.
func stored(t *testing.T, c *console) *workshop.Session {
	t.Helper()
	sess, err := c.shell.(*Shell).opts.Store.Load(c.model.rec.ID())
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

var laptop = fyne.NewSize(1366, 768)

func key(w fyne.Window, name fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }
func char(w fyne.Window, r rune)           { w.Canvas().OnTypedRune()(r) }

func startBuiltin(t *testing.T, s *Shell, w fyne.Window, group string) *console {
	t.Helper()
	s.library.list.Select(0)
	test.Type(s.library.group, group)
	test.Tap(s.library.start)
	if s.console == nil || w.Content() != s.console.content {
		t.Fatal("Start did not open the console")
	}
	return s.console
}

// finishedSortingVote runs the built-in workshop for group three minutes,
// counts on the sorting vote with taps on the given count buttons, and
// finishes the session.
func finishedSortingVote(t *testing.T, s *Shell, clk *controltest.Clock, w fyne.Window, group string, taps func(*votePanel) []*ringButton) *console {
	t.Helper()
	c := startBuiltin(t, s, w, group)
	key(w, fyne.KeyPageDown)
	clk.Advance(3 * time.Minute)
	c.agenda.Select(sortingExercise)
	for _, b := range taps(c.votes) {
		test.Tap(b)
	}
	c.finishNow()
	return c
}

func TestConsoleRunsAWorkshopFromTheKeyboard(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Sales leads")

	if got := c.heading.Text; got != "Implementing vs Innovating — Sales leads" {
		t.Errorf("heading %q", got)
	}
	if c.title.Text != "Two words, two jobs" || c.timer.Text() != "10:00" || c.startPause.Text != "Start" {
		t.Fatalf("before start: %q %q %q", c.title.Text, c.timer.Text(), c.startPause.Text)
	}
	if !strings.Contains(c.timer.Caption(), "Space") || c.prev.Disabled() == false {
		t.Errorf("before start: caption %q, previous enabled %v", c.timer.Caption(), !c.prev.Disabled())
	}

	key(w, fyne.KeySpace)
	if c.startPause.Text != "Pause" || !state(c).Running() {
		t.Fatal("Space did not start the timer")
	}
	clk.Advance(3*time.Minute + 200*time.Millisecond)
	if c.timer.Text() != "07:00" || c.projector.timer.Text() != "07:00" {
		t.Errorf("3 minutes in: timer %q", c.timer.Text())
	}
	char(w, '+')
	if c.timer.Text() != "08:00" {
		t.Errorf("after +: %q", c.timer.Text())
	}
	char(w, '-')
	char(w, '-')
	if c.timer.Text() != "06:00" {
		t.Errorf("after - -: %q", c.timer.Text())
	}
	clk.Advance(5 * time.Minute)
	if c.timer.Phase() != workshop.PhaseWarning || c.timer.Caption() != "Time is nearly up" {
		t.Errorf("one minute left: phase %v, caption %q", c.timer.Phase(), c.timer.Caption())
	}
	clk.Advance(90 * time.Second)
	if c.timer.Phase() != workshop.PhaseOvertime || c.timer.Text() != "+00:30" || c.timer.Caption() != "Overtime" {
		t.Errorf("overtime: %q %q %v", c.timer.Text(), c.timer.Caption(), c.timer.Phase())
	}

	key(w, fyne.KeyPageDown) // a clicker's "next"
	if c.title.Text != "Warm-up: what does your week need?" || c.timer.Text() != "04:00" || !state(c).Running() {
		t.Fatalf("after PageDown: %q %q running %v", c.title.Text, c.timer.Text(), state(c).Running())
	}
	if !strings.Contains(c.detail.Text, "Options: Implement · Innovate") {
		t.Errorf("vote detail %q", c.detail.Text)
	}
	// 9 minutes 30 spent of the first 10 (it was cut by a minute): on time.
	if !strings.HasPrefix(c.status.Text, "on time") {
		t.Errorf("status %q", c.status.Text)
	}
	key(w, fyne.KeySpace)
	if c.startPause.Text != "Resume" || c.timer.Caption() != "Timer paused" {
		t.Errorf("after Space: %q %q", c.startPause.Text, c.timer.Caption())
	}
	clk.Advance(5*time.Minute + workshop.PausedTick)
	if !strings.HasPrefix(c.status.Text, "5 min behind") {
		t.Errorf("paused for five minutes: status %q", c.status.Text)
	}
	key(w, fyne.KeyRight) // reveals the warm-up's first item, which closes its voting
	if r := state(c).Votes[1].Items[0]; !r.Revealed || r.Open {
		t.Errorf("Right on an unrevealed item: %+v", r)
	}
	key(w, fyne.KeyLeft)
	key(w, fyne.KeyPageUp)
	if state(c).Current != 0 || c.timer.Text() != "+00:30" || !c.prev.Disabled() {
		t.Errorf("back at the first exercise: current %d, timer %q", state(c).Current, c.timer.Text())
	}
	if r := state(c).Votes[1].Items[0]; r.Open {
		t.Error("leaving the warm-up left its item open")
	}

	replayed, err := workshop.Replay(session(c).Plan, stored(t, c).Events)
	if err != nil || !sameState(replayed, state(c), clk.Now()) {
		t.Errorf("the console's events do not replay to its state: %v", err)
	}
}

func TestConsoleButtonsAndNotes(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "")

	test.Tap(c.startPause)
	clk.Advance(time.Minute)
	test.Tap(c.plus)
	test.Tap(c.plus)
	if c.timer.Text() != "11:00" {
		t.Errorf("after +1 +1: %q", c.timer.Text())
	}
	test.Tap(c.minus)
	if c.timer.Text() != "10:00" {
		t.Errorf("after -1: %q", c.timer.Text())
	}

	test.Tap(c.notes)
	test.Type(c.notes, "Room asked about budgets")
	test.Tap(c.next)
	if got := state(c).Notes[0]; got != "Room asked about budgets" {
		t.Errorf("notes not saved on Next: %q", got)
	}
	if c.notes.Text != "" {
		t.Errorf("second exercise shows the first one's notes: %q", c.notes.Text)
	}
	test.Tap(c.prev)
	if c.notes.Text != "Room asked about budgets" {
		t.Errorf("notes not shown again: %q", c.notes.Text)
	}
	c.agenda.Select(3)
	if state(c).Current != 3 || c.title.Text != "Three contrasts" {
		t.Errorf("tapping the agenda did not move: %d", state(c).Current)
	}
	if !strings.Contains(c.detail.Text, "3. Retain or develop") {
		t.Errorf("prompts not shown: %q", c.detail.Text)
	}
	if !strings.HasPrefix(c.question.Text, "Round 1 of 3: Implement or innovate") {
		t.Errorf("the round on screen: %q", c.question.Text)
	}

	c.finishNow()
	if !state(c).IsFinished() || !c.startPause.Disabled() || !c.next.Disabled() || c.timer.Caption() != "Session finished" {
		t.Error("finishing did not close the console for changes")
	}
	key(w, fyne.KeySpace)
	if state(c).Running() {
		t.Error("Space restarted a finished session")
	}
	test.Tap(c.back)
	if w.Content() != s.library.content {
		t.Error("Library did not return to the library")
	}
}

func TestLibraryShowsBrokenPlansAndRefusesThem(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	dir := filepath.Join(s.opts.DataDir, "plans")
	broken, err := os.ReadFile(filepath.Join("..", "testdata", "plans", "broken.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.toml"), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	good := plans.Marshal(&workshop.Plan{Title: "Retro", Exercises: []workshop.Exercise{{Kind: workshop.KindDiscuss, Title: "What went well", Minutes: 20}}})
	if err := os.WriteFile(filepath.Join(dir, "retro.toml"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	l := s.library
	l.reload()
	builtins := len(plans.Builtins())
	if len(l.entries) != builtins+2 {
		t.Fatalf("want built-in, broken and retro, got %d entries", len(l.entries))
	}
	l.list.Select(builtins)
	if !l.start.Disabled() || !strings.Contains(l.problems.Text, `minutes: must be 1–240, got 0`) {
		t.Errorf("broken plan: start enabled %v, problems %q", !l.start.Disabled(), l.problems.Text)
	}
	l.list.Select(builtins + 1)
	if l.start.Disabled() || l.title.Text != "Retro" || !strings.Contains(l.outline.Text, "20 minutes") {
		t.Errorf("retro plan: %q %q", l.title.Text, l.outline.Text)
	}

	// Opening a broken file from elsewhere shows its problems and changes nothing.
	l.openPlan("broken.toml", strings.NewReader(string(broken)))
	if len(l.entries) != builtins+2 {
		t.Errorf("a broken plan was added: %d entries", len(l.entries))
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(allText(top), `exercise "Pick one": minutes: must be 1–240, got 0`) {
		t.Error("no dialog listing the plan's problems")
	}
	w.Canvas().Overlays().Remove(top)

	l.openPlan("fine.toml", strings.NewReader(string(good)))
	if len(l.entries) != builtins+3 {
		t.Errorf("a valid opened plan was not listed: %d entries", len(l.entries))
	}

	// A hostile group name is refused with a reason.
	l.list.Select(0)
	l.group.SetText(strings.Repeat("x", 10000))
	test.Tap(l.start)
	if s.console != nil {
		t.Error("a 10,000-character group name started a session")
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(allText(top), "keep it to 120") {
		t.Error("no dialog explaining the name is too long")
	}
}

// The console fits every screen from 800×600 up in every language the
// app speaks; on a small one its panes scroll rather than push the window
// past the screen.
func TestConsoleFitsCommonScreens(t *testing.T) {
	drawnWithoutRace(t)
	speakEnglishAfter(t)
	for _, code := range words.AppLanguages {
		for _, size := range []fyne.Size{fyne.NewSize(800, 600), fyne.NewSize(1024, 768), laptop, fyne.NewSize(1920, 1080)} {
			s, _, w := newTestShell(t, size)
			choosePreferredLanguage(t, s, code)
			c := startBuiltin(t, s, w, "A group with a fairly long name for the header")
			for i := range session(c).Plan.Exercises {
				c.agenda.Select(i)
				min := c.content.MinSize()
				if min.Width > size.Width || min.Height > size.Height {
					t.Errorf("%s, %v: exercise %d needs %v", code, size, i+1, min)
				}
			}
			checkTimerShare(t, c, size)
		}
	}
}

// checkTimerShare checks that the timer takes a large share of the screen,
// readable from afar.
func checkTimerShare(t *testing.T, c *console, size fyne.Size) {
	t.Helper()
	if h := c.timer.Size().Height; h < size.Height*0.2 {
		t.Errorf("%v: timer only %v high", size, h)
	}
}

// redrawGap is long enough for a coalesced redraw to have happened.
const redrawGap = time.Second / control.MaxNoticesPerSecond

// A grid item nobody rated has no place yet: the console says so rather
// than placing it at 0.0, 0.0.
func TestGridItemWithNoRatingsSaysSo(t *testing.T) {
	test.NewTempApp(t)
	ex := workshop.Exercise{Kind: workshop.KindGrid, Title: "G", Minutes: 5,
		Axes: [][]string{{"Low", "High"}, {"Low", "High"}}}
	none := workshop.Result{Item: workshop.Item{Text: "Late delivery"}, Total: make([]int, workshop.GridPoints)}
	if got := questionText(ex, 0, none); !strings.Contains(got, "No ratings yet") || strings.Contains(got, "0.0") {
		t.Errorf("no ratings: %q", got)
	}
	one := none
	one.Total = make([]int, workshop.GridPoints)
	one.Total[workshop.GridOption(2, 4)] = 1
	if got := questionText(ex, 0, one); !strings.Contains(got, "across 2.0, up 4.0 (1 rating)") {
		t.Errorf("one rating: %q", got)
	}
}
