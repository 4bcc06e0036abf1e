package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/control/controltest"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

const sortingExercise = 2 // "Sort the behaviours" in the built-in plan

func TestVotePanelTalliesRevealsAndKeepsSourcesApart(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Blue")
	key(w, fyne.KeySpace)
	c.agenda.Select(sortingExercise)
	if c.lower.Selected() != c.votesTab {
		t.Fatal("a vote exercise should show the Votes tab")
	}
	p := c.votes
	p.headcount.entry.SetText("20")
	p.headcount.entry.OnSubmitted("20")
	for range 3 {
		test.Tap(p.rows[0].room.plus)
	}
	test.Tap(p.rows[1].room.plus)
	p.rows[1].paper.entry.SetText("4")
	p.rows[1].paper.entry.FocusLost() // typed, then left: still saved
	for _, bad := range []string{"lots", "-5", "99999999"} {
		p.rows[0].paper.entry.SetText(bad)
		p.rows[0].paper.entry.OnSubmitted(bad)
		c.refresh() // a redraw must not wipe what was typed
		if p.rows[0].paper.entry.Text != bad || p.rows[0].paper.entry.Validate() == nil ||
			state(c).Votes[sortingExercise].Items[0].Paper[0] != 0 {
			t.Errorf("%q: field %q, error %v, recorded %d", bad, p.rows[0].paper.entry.Text,
				p.rows[0].paper.entry.Validate(), state(c).Votes[sortingExercise].Items[0].Paper[0])
		}
	}
	p.rows[0].paper.entry.SetText("0")
	p.rows[0].paper.entry.OnSubmitted("0")
	if p.rows[0].paper.entry.Validate() != nil {
		t.Error("a mended count still shows an error")
	}

	if !strings.HasSuffix(c.question.Text, "— Implement / Innovate") {
		t.Errorf("before voting, the room sees %q", c.question.Text)
	}
	test.Tap(p.open)
	// Two phones vote, as the network server will.
	for i, opt := range []int{1, 1} {
		if err := c.model.record(workshop.Event{Kind: workshop.EventVote, Exercise: sortingExercise, Option: opt, Participant: fmt.Sprintf("phone-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c.refresh()
	r := p.chart.Result()
	if r.Room[0] != 3 || r.Room[1] != 1 || r.Paper[1] != 4 || r.Phone[1] != 2 || r.Votes != 10 || r.NoVote != 10 {
		t.Fatalf("chart shows %+v", r)
	}
	if got := p.rows[1].total.Text; got != "7 · 70%" {
		t.Errorf("total for Innovate %q", got)
	}
	if lines := p.chart.Lines(); lines[0] != "Implement 3 · 30% ✓" || lines[1] != "Innovate 7 · 70%" {
		t.Errorf("chart lines %q", lines)
	}
	if strings.Contains(c.question.Text, "30%") {
		t.Errorf("results leaked to the room before reveal: %q", c.question.Text)
	}
	char(w, 'r')
	key(w, fyne.KeyR)
	if !strings.Contains(c.question.Text, "Implement 3 (30%) · Innovate 7 (70%) — expected: Implement") {
		t.Errorf("after R the room sees %q", c.question.Text)
	}
	key(w, fyne.KeyR)
	if strings.Contains(c.question.Text, "30%") {
		t.Errorf("R again should hide the results: %q", c.question.Text)
	}
	// More votes than people in the room is said plainly.
	p.rows[1].paper.entry.SetText("250")
	p.rows[1].paper.entry.OnSubmitted("250")
	if !strings.Contains(p.status.Text, "256 votes but 20 people — check the counts") {
		t.Errorf("no warning for more votes than people: %q", p.status.Text)
	}
	p.rows[1].paper.entry.SetText("4")
	p.rows[1].paper.entry.OnSubmitted("4")

	test.Tap(p.close)
	err := c.model.record(workshop.Event{Kind: workshop.EventVote, Exercise: sortingExercise, Option: 0, Participant: "late"})
	if err == nil {
		t.Error("a vote on a closed item was accepted")
	}
	// Selecting another item shows it; its counts start at zero.
	for range 4 {
		test.Tap(p.nextItem)
	}
	if p.snap.active != 4 || p.rows[0].room.entry.Text != "0" || !strings.HasPrefix(p.item.Text, "5. Analyses why") {
		t.Errorf("selecting item 5: active %d, %q", p.snap.active, p.item.Text)
	}
}

func TestSessionsResumeAfterRestartAndFinishedOnesShowResults(t *testing.T) {
	dir := t.TempDir()
	clk := controltest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	open := func() (*Shell, fyne.Window, *store.Store) { return openShell(t, dir, clk, laptop) }

	s, w, st := open()
	c := startBuiltin(t, s, w, "Overtime group")
	key(w, fyne.KeySpace)
	clk.Advance(12 * time.Minute) // two minutes into overtime
	test.Tap(c.notes)
	test.Type(c.notes, "Lots of questions")
	key(w, fyne.KeyPageDown)
	key(w, fyne.KeyPageUp)
	before := c.timer.Text()
	st.Close()

	clk.Advance(30 * time.Second)
	s2, w2, st2 := open()
	defer st2.Close()
	l := s2.library.sessions
	if len(l.summaries) != 1 || !strings.Contains(summaryText(l.summaries[0]), "in progress") {
		t.Fatalf("sessions after restart: %+v", l.summaries)
	}
	c2 := s2.console
	if c2 == nil || w2.Content() != c2.content {
		t.Fatal("the interrupted session did not resume in the console at start")
	}
	if c2.snap.current != 0 || c2.timer.Phase() != workshop.PhaseOvertime || c2.timer.Text() != "+02:30" || before != "+02:00" {
		t.Errorf("resumed at %d, timer %q (was %q)", c2.snap.current, c2.timer.Text(), before)
	}
	if c2.notes.Text != "Lots of questions" {
		t.Errorf("notes after restart %q", c2.notes.Text)
	}
	key(w2, fyne.KeySpace) // pause, then restart: still paused
	test.Tap(c2.back)
	clk.Advance(time.Hour)
	s3, w3, st3 := open()
	if s3.console == nil || s3.console.timer.Caption() != "Timer paused" || s3.console.timer.Text() != "+02:30" {
		t.Errorf("a paused session did not come back paused at +02:30")
	}
	_ = w3
	st3.Close()
	c2.finishNow()
	test.Tap(c2.back)

	l.reload()
	l.list.Select(0)
	test.Tap(l.open)
	if s2.results == nil || w2.Content() != s2.results.content {
		t.Fatal("a finished session did not open in the results view")
	}
	if body := allText(s2.results.content); !strings.Contains(body, "1. Two words, two jobs (Talk)") || !strings.Contains(body, "Notes: Lots of questions") {
		t.Errorf("results text:\n%s", body)
	}
}

func TestCompareMergeAndImport(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	for i, g := range []string{"Room A", "Room B"} {
		c := startBuiltin(t, s, w, g)
		c.agenda.Select(sortingExercise)
		for range i + 1 {
			test.Tap(c.votes.rows[0].room.plus)
		}
		c.finishNow()
		test.Tap(c.back)
		clk.Advance(time.Hour)
		s.library.group.SetText("")
	}
	l := s.library.sessions
	if len(l.summaries) != 2 {
		t.Fatalf("%d sessions", len(l.summaries))
	}
	for _, sum := range l.summaries {
		l.setChecked(sum.ID, true)
	}
	test.Tap(l.compare)
	// The compare screen is shown, with the two rooms side by side.
	shown := allText(w.Content())
	for _, want := range []string{"Room A", "Room B", "1 (100%)", "2 (100%)"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the compare screen lacks %q:\n%s", want, shown)
		}
	}

	s.showLibrary()
	l.mergeAs("Both rooms")
	if len(l.summaries) != 3 || !strings.Contains(summaryText(l.summaries[0]), "merged from 2") {
		t.Fatalf("after merge: %+v", l.summaries)
	}
	merged, _ := s.opts.Store.Load(l.summaries[0].ID)
	if r := merged.State.Result(sortingExercise, 0); r.Room[0] != 3 {
		t.Errorf("merged room count %v", r.Room)
	}

	fixture := filepath.Join("..", "testdata", "session-v1.json")
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	l.importFrom("session-v1.json", f)
	f.Close()
	if len(l.summaries) != 4 {
		t.Fatalf("import did not add the session: %d", len(l.summaries))
	}
	f, _ = os.Open(fixture)
	l.importFrom("session-v1.json", f)
	f.Close()
	if len(l.summaries) != 4 || !strings.Contains(allText(w.Canvas().Overlays().Top()), "imported before") {
		t.Error("a duplicate import was not refused with a reason")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	l.importFrom("half.json", strings.NewReader(`{"format": "runsheet-session", "version": 1, "id": "x`))
	if len(l.summaries) != 4 || !strings.Contains(allText(w.Canvas().Overlays().Top()), "not valid JSON") {
		t.Error("a truncated import was not refused with a reason")
	}
}

func TestStoreProblemKeepsTheOldFileAndStartsFresh(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), store.FileName)
	junk := []byte("not a database at all, but somebody's precious notes")
	if err := os.WriteFile(path, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path)
	if err == nil {
		t.Fatal("junk opened as a store")
	}
	var fresh *store.Store
	p := newStoreProblem(a, err, freshStore(func(s *store.Store) { fresh = s }))
	if p.fresh.Hidden || !strings.Contains(p.message.Text, "not a SQLite file") {
		t.Fatalf("problem screen: %q", p.message.Text)
	}
	test.Tap(p.fresh)
	if fresh == nil {
		t.Fatal("no fresh store")
	}
	defer fresh.Close()
	kept, _ := filepath.Glob(path + ".unreadable-*")
	if len(kept) != 1 {
		t.Fatalf("old file not kept: %v", kept)
	}
	if data, _ := os.ReadFile(kept[0]); string(data) != string(junk) {
		t.Error("the old file was changed")
	}
}

func TestASessionNotYetStartedIsReopenedAtStart(t *testing.T) {
	dir := t.TempDir()
	clk := controltest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	open := func() (*Shell, *store.Store) {
		s, _, st := openShell(t, dir, clk, laptop)
		return s, st
	}
	s, st := open()
	if err := s.StartSession(plans.Builtin(), "Early birds"); err != nil {
		t.Fatal(err)
	}
	st.Close() // the laptop goes down before the room arrives
	clk.Advance(10 * time.Minute)
	s2, st2 := open()
	defer st2.Close()
	if s2.console == nil || session(s2.console).Group != "Early birds" || !state(s2.console).Started.IsZero() {
		t.Error("the session set up but not started was not reopened at start")
	}
}

func TestUndoFromTheVotePanelAndCtrlZ(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Undo")
	c.agenda.Select(sortingExercise)
	p := c.votes
	test.Tap(p.rows[0].room.plus)
	test.Tap(p.rows[0].room.plus)
	p.headcount.entry.SetText("20")
	p.headcount.entry.OnSubmitted("20")
	test.Tap(p.undo)
	if h := state(c).Votes[sortingExercise].Headcount; h != 0 {
		t.Errorf("Undo left the headcount at %d", h)
	}
	ctrlZ(t, w)
	if n := state(c).Votes[sortingExercise].Items[0].Room[0]; n != 1 {
		t.Errorf("Ctrl+Z left the count at %d, want 1", n)
	}
	if p.rows[0].room.entry.Text != "1" {
		t.Errorf("the field shows %q after undo", p.rows[0].room.entry.Text)
	}

	// In a count box: 12 typed and entered, then Ctrl+Z there undoes it,
	// and leaving the box marks nothing wrong.
	room := p.rows[1].room.entry
	test.Tap(room)
	room.SetText("")
	test.Type(room, "12")
	room.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n := state(c).Votes[sortingExercise].Items[0].Room[1]; n != 12 {
		t.Fatalf("12 entered: the count is %d", n)
	}
	ctrlZ(t, w)
	press(w, fyne.KeyEscape)
	if n := state(c).Votes[sortingExercise].Items[0].Room[1]; n != 0 || room.Text != "0" || p.rows[1].room.invalid {
		t.Errorf("Ctrl+Z in the count box after 12: count %d, box %q, marked wrong %v", n, room.Text, p.rows[1].room.invalid)
	}
	// A count typed and not saved is discarded by the first Ctrl+Z, and
	// only that; the next one undoes the last recorded change: 3, 4, then
	// 8 typed shows 4, then 3.
	count := func() int { return state(c).Votes[sortingExercise].Items[0].Room[1] }
	w.Canvas().Focus(room)
	for _, n := range []string{"3", "4"} {
		room.SetText("")
		test.Type(room, n)
		room.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	room.SetText("")
	test.Type(room, "8")
	ctrlZ(t, w)
	if count() != 4 || room.Text != "4" || p.rows[1].room.invalid {
		t.Errorf("Ctrl+Z over a typed 8 after 3 and 4: count %d, box %q, marked wrong %v", count(), room.Text, p.rows[1].room.invalid)
	}
	ctrlZ(t, w)
	if count() != 3 || room.Text != "3" {
		t.Errorf("the second Ctrl+Z: count %d, box %q, want 3", count(), room.Text)
	}
	// A mistyped count (marked wrong) is discarded the same way.
	room.SetText("")
	test.Type(room, "x")
	room.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ctrlZ(t, w)
	if count() != 3 || room.Text != "3" || p.rows[1].room.invalid {
		t.Errorf("Ctrl+Z over a mistyped count: count %d, box %q, marked wrong %v", count(), room.Text, p.rows[1].room.invalid)
	}
	press(w, fyne.KeyEscape)
	if count() != 3 || room.Text != "3" || p.rows[1].room.invalid {
		t.Errorf("after Escape: count %d, box %q, marked wrong %v", count(), room.Text, p.rows[1].room.invalid)
	}
}

// ctrlZ sends Ctrl+Z as the desktop driver does: Fyne's standard undo
// shortcut, to the focused widget if it takes shortcuts, else the window.
func ctrlZ(t *testing.T, w fyne.Window) {
	t.Helper()
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	// The test window's canvas wraps the one that holds the shortcuts.
	inner := reflect.ValueOf(w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	sc, ok := inner.(interface{ TypedShortcut(fyne.Shortcut) })
	if !ok {
		t.Fatalf("the test canvas (%T) takes no shortcuts", w.Canvas())
	}
	sc.TypedShortcut(&fyne.ShortcutUndo{})
}

// Revealing closes voting on the item; the vote panel says so and offers
// to reopen it, which is recorded as its own event. Phone ballots beyond
// the headcount are flagged as such.
func TestRevealClosesVotingAndReopeningIsExplicit(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Green")
	key(w, fyne.KeySpace)
	c.agenda.Select(sortingExercise)
	p := c.votes
	p.headcount.entry.SetText("2")
	p.headcount.entry.OnSubmitted("2")
	for i := range 3 {
		if err := c.model.record(workshop.Event{Kind: workshop.EventVote, Exercise: sortingExercise, Option: 1, Participant: fmt.Sprintf("phone-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c.refresh()
	if !strings.Contains(p.status.Text, "More phone ballots (3) than 2 people — lock the room") || p.status.Importance != widget.DangerImportance {
		t.Errorf("three phone ballots for two people: %q", p.status.Text)
	}
	key(w, fyne.KeyR)
	if it := state(c).Votes[sortingExercise].Items[0]; !it.Revealed || it.Open {
		t.Fatalf("R: revealed %v, open %v", it.Revealed, it.Open)
	}
	if !strings.Contains(p.status.Text, "Voting closed with the reveal.") || p.open.Text != "Reopen voting" || p.open.Disabled() {
		t.Errorf("after the reveal: %q, open button %q (disabled %v)", p.status.Text, p.open.Text, p.open.Disabled())
	}
	if err := c.model.record(workshop.Event{Kind: workshop.EventVote, Exercise: sortingExercise, Option: 0, Participant: "phone-0"}); err == nil {
		t.Error("a phone changed its vote after the reveal")
	}
	test.Tap(p.open)
	events := stored(t, c).Events
	if last := events[len(events)-1]; last.Kind != workshop.EventReopened {
		t.Errorf("reopening recorded %q", last.Kind)
	}
	if it := state(c).Votes[sortingExercise].Items[0]; it.Revealed || !it.Open || p.open.Text != "Open voting" {
		t.Errorf("after reopening: revealed %v, open %v, button %q", it.Revealed, it.Open, p.open.Text)
	}
}

// Comparing sessions shows each room's open answers beside the other's:
// how many, how many hidden, the frequent words and the answers the room
// may see, never a hidden one; merging keeps every answer and its hidden
// mark.
func TestCompareAndMergeOpenAnswers(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	oi := slices.IndexFunc(plans.Builtin().Exercises, func(e workshop.Exercise) bool { return e.TakesAnswers() })
	rooms := map[string][]string{
		"Room A": {"Trust the team more", "Coach the team weekly", "Secret hidden remark"},
		"Room B": {"Protect time for new ideas"},
	}
	for _, g := range []string{"Room A", "Room B"} {
		c := startBuiltin(t, s, w, g)
		c.agenda.Select(oi)
		for i, text := range rooms[g] {
			c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePhone, Participant: fmt.Sprint("p", i), Text: text})
		}
		if g == "Room A" {
			c.do(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: oi, Item: 2})
		}
		c.finishNow()
		test.Tap(c.back)
		clk.Advance(time.Hour)
		s.library.group.SetText("")
	}
	l := s.library.sessions
	for _, sum := range l.summaries {
		l.setChecked(sum.ID, true)
	}
	test.Tap(l.compare)
	shown := allText(w.Content())
	for _, want := range []string{"3 answers, 1 hidden.", "1 answers, 0 hidden.", "• Trust the team more", "• Coach the team weekly", "• Protect time for new ideas", "Frequent words: team (2)"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the compare screen lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Secret") {
		t.Errorf("the compare screen shows a hidden answer:\n%s", shown)
	}
	s.showLibrary()
	l.mergeAs("Both rooms")
	merged, err := s.opts.Store.Load(l.summaries[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range merged.State.Answers[merged.State.AgendaIndex(oi)].List {
		got = append(got, fmt.Sprintf("%s hidden=%v", a.Text, a.Hidden))
	}
	want := []string{"Trust the team more hidden=false", "Coach the team weekly hidden=false", "Secret hidden remark hidden=true", "Protect time for new ideas hidden=false"}
	if !slices.Equal(got, want) {
		t.Errorf("merged answers %q, want %q", got, want)
	}
}
