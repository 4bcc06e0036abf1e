package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
)

// press sends a key as the desktop driver does: to the focused widget if
// there is one, else to the window; keys that make a character send it too.
func press(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	r := map[fyne.KeyName]rune{fyne.KeyB: 'b', fyne.KeyPeriod: '.'}[name]
	cv := w.Canvas()
	if f := cv.Focused(); f != nil {
		f.TypedKey(ev)
		if r != 0 {
			f.TypedRune(r)
		}
		return
	}
	cv.OnTypedKey()(ev)
	if r != 0 {
		cv.OnTypedRune()(r)
	}
}

func TestClickerKeysNeverTypeIntoTheNotes(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Clicker")
	w.Canvas().Focus(c.notes)
	press(w, fyne.KeyPageDown)
	if !state(c).Running() {
		t.Error("PageDown with the notes box focused did not start the workshop")
	}
	press(w, fyne.KeyPageDown)
	if state(c).Current != 1 {
		t.Errorf("PageDown did not move on: exercise %d", state(c).Current+1)
	}
	press(w, fyne.KeyPageUp)
	if state(c).Current != 0 {
		t.Errorf("PageUp did not move back: exercise %d", state(c).Current+1)
	}
	press(w, fyne.KeyB)
	if !c.projector.isBlank() {
		t.Error("B with the notes box focused did not blank the projector")
	}
	press(w, fyne.KeyPeriod)
	if c.projector.isBlank() {
		t.Error(". did not unblank the projector")
	}
	press(w, fyne.KeyF5)
	if state(c).Running() {
		t.Error("F5 did not pause")
	}
	press(w, fyne.KeyF5)
	if !state(c).Running() {
		t.Error("F5 did not resume")
	}
	clk.Advance(2 * noteDelay)
	if c.notes.Text != "" || state(c).Notes[0] != "" {
		t.Errorf("clicker keys typed into the notes: %q", c.notes.Text)
	}
	if w.Canvas().Focused() != c.notes {
		t.Fatal("the notes box lost focus")
	}
	// Escape leaves the box, and the arrows drive the workshop again.
	press(w, fyne.KeyEscape)
	if w.Canvas().Focused() != nil {
		t.Error("Escape did not leave the notes box")
	}
	press(w, fyne.KeyRight)
	if state(c).Current != 1 {
		t.Error("Right after Escape did not move on")
	}
	press(w, fyne.KeyLeft)

	// Someone typing writes B and full stops like any other letter.
	test.Tap(c.notes)
	test.Type(c.notes, "Bob said: budgets. ")
	clk.Advance(2 * noteDelay)
	if c.notes.Text != "Bob said: budgets. " || state(c).Notes[0] != "Bob said: budgets. " || c.projector.isBlank() {
		t.Errorf("typing into the notes: %q, saved %q, blank %v", c.notes.Text, state(c).Notes[0], c.projector.isBlank())
	}
	// A count box takes digits; B there is the clicker's.
	c.agenda.Select(sortingExercise)
	w.Canvas().Focus(c.votes.rows[0].paper.entry)
	press(w, fyne.KeyB)
	press(w, fyne.KeyPageDown)
	if !c.projector.isBlank() || c.votes.rows[0].paper.entry.Text != "0" || !state(c).Votes[sortingExercise].Items[0].Revealed {
		t.Errorf("clicker keys in a count box: blank %v, text %q", c.projector.isBlank(), c.votes.rows[0].paper.entry.Text)
	}
}

// A clicker alone runs the built-in workshop from start to finish: the
// English one with the app in English, and the German one with the app in
// German and the room reading Polish.
func TestAClickerAloneRunsTheWholeBuiltinWorkshop(t *testing.T) {
	speakEnglishAfter(t)
	for _, run := range []struct{ app, room string }{{"en", ""}, {"de", "pl"}} {
		t.Run(run.app, func(t *testing.T) { clickThroughBuiltin(t, run.app, run.room) })
	}
}

func clickThroughBuiltin(t *testing.T, app, room string) {
	s, clk, w := newTestShell(t, laptop)
	choosePreferredLanguage(t, s, app)
	if app == "de" {
		s.library.list.Select(1) // Implementieren vs. Innovieren
		s.library.language.SetSelectedIndex(languageIndex(room))
		test.Type(s.library.group, "Nur Presenter")
		test.Tap(s.library.start)
	} else {
		startBuiltin(t, s, w, "Clicker only")
	}
	c := s.console
	if c == nil || w.Content() != c.content {
		t.Fatal("no console")
	}
	if room != "" && state(c).Language != room {
		t.Fatalf("the room reads %q", state(c).Language)
	}
	w.Canvas().Focus(c.notes) // as left after the facilitator typed a note
	presses := 0
	click := func(k fyne.KeyName) {
		press(w, k)
		presses++
		clk.Advance(5e9)
	}
	click(fyne.KeyB) // blank while the room settles
	click(fyne.KeyB)
	for range 300 {
		if state(c).IsFinished() {
			break
		}
		click(fyne.KeyPageDown)
		if state(c).Current == 4 && state(c).Votes[4].Active == 1 && !state(c).Votes[4].Items[1].Revealed {
			// One step back and forth again, as a facilitator who went too far.
			click(fyne.KeyPageUp)
			click(fyne.KeyPageDown)
		}
	}
	st := state(c)
	if !st.IsFinished() {
		t.Fatalf("the clicker did not finish the workshop (at exercise %d)", st.Current+1)
	}
	t.Logf("the built-in workshop took %d clicker presses", presses)

	var opened, rounds []string
	for _, e := range stored(t, c).Events {
		switch e.Kind {
		case workshop.EventOpened:
			opened = append(opened, fmt.Sprintf("%d.%d", e.Exercise+1, e.Item+1))
		case workshop.EventRound:
			rounds = append(rounds, fmt.Sprintf("%d.%d", e.Exercise+1, e.Item+1))
		}
	}
	var want []string
	for ei, ex := range st.Plan.Exercises {
		for i := range ex.Items {
			if ex.TakesVotes() {
				want = append(want, fmt.Sprintf("%d.%d", ei+1, i+1))
			}
		}
	}
	got := strings.Join(opened, " ")
	for _, w := range want {
		if !strings.Contains(" "+got+" ", " "+w+" ") {
			t.Errorf("item %s was never opened (opened: %s)", w, got)
		}
	}
	if strings.Join(rounds, " ") != "4.2 4.3" {
		t.Errorf("discussion rounds shown: %v", rounds)
	}
	for ei := range st.Votes {
		for i, it := range st.Votes[ei].Items {
			if !it.Revealed || it.Open {
				t.Errorf("exercise %d item %d: revealed %v, open %v", ei+1, i+1, it.Revealed, it.Open)
			}
		}
	}
	if st.Notes[0] != "" || c.notes.Text != "" {
		t.Errorf("the clicker typed into the notes: %q", c.notes.Text)
	}
	if app == "de" && !strings.HasPrefix(c.status.Text, "Beendet ") {
		t.Errorf("the finished console in German: %q", c.status.Text)
	}
}

// A switch clicked on one exercise does not keep the keys on the next:
// the grid's every-rating switch, clicked, then PageDown, then Space
// pauses the timer rather than ticking the switch out of sight.
func TestAClickedSwitchLetsGoOnTheNextExercise(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Switch")
	press(w, fyne.KeyPageDown) // start
	gi := slices.IndexFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	c.agenda.Select(gi)
	clk.Advance(time.Second)
	test.Tap(c.votes.every)
	w.Canvas().Focus(c.votes.every) // as a click on the desktop gives it
	every := state(c).Votes[gi].Points
	for state(c).Current == gi {
		press(w, fyne.KeyPageDown)
		clk.Advance(time.Second)
	}
	if w.Canvas().Focused() == c.votes.every {
		t.Error("the switch kept the focus on the next exercise")
	}
	if !state(c).Running() {
		press(w, fyne.KeySpace)
	}
	running := state(c).Running()
	press(w, fyne.KeySpace)
	clk.Advance(time.Second)
	if state(c).Running() == running {
		t.Error("Space on the next exercise did not start or pause the timer")
	}
	if state(c).Votes[gi].Points != every {
		t.Error("Space ticked the grid's switch, out of sight")
	}
}
