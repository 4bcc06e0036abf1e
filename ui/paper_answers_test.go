package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
)

// hit sends a key as the desktop driver does: the key, then for a
// letter the character it types, to the focused widget or else to the
// window's canvas.
func hit(w fyne.Window, name fyne.KeyName, r rune) {
	ev := &fyne.KeyEvent{Name: name}
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

// typeInto clicks the box and types text into it, key by key.
func typeInto(w fyne.Window, box *clickerEntry, text string) {
	test.Tap(box)
	w.Canvas().Focus(box) // as a click does; the test driver's tap does not
	for _, r := range text {
		hit(w, fyne.KeyName(strings.ToUpper(string(r))), r)
	}
}

// answerTexts are the current answers of exercise ei, in order.
func answerTexts(c *console, ei int) []string {
	var out []string
	for _, a := range state(c).Answers[ei].List {
		out = append(out, a.Text)
	}
	return out
}

// startOnTwoOpenQuestions starts the built-in workshop on its open
// question, with a second open question added right after it.
func startOnTwoOpenQuestions(t *testing.T, group string) (*console, fyne.Window, int) {
	t.Helper()
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, group)
	plan := session(c).Plan
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	press(w, fyne.KeyPageDown) // start
	c.agenda.Select(oi)
	if state(c).Current != oi {
		t.Fatalf("not on the open question: %d", state(c).Current)
	}
	second := plan.Exercises[oi].Clone()
	second.Title = "A second open question"
	if err := c.model.recordAll([]workshop.Event{state(c).InsertEvent(second)}); err != nil {
		t.Fatal(err)
	}
	c.refresh()
	if ex := state(c).Plan.Exercises[oi+1]; ex.Kind != workshop.KindOpen {
		t.Fatalf("no open question after the first: %+v", ex)
	}
	// The test driver gives every widget the canvas of the window made
	// last: the projector's must not be open while the console is clicked.
	if c.projector.win != nil {
		c.projector.win.Close()
		c.projector.win = nil
	}
	return c, w, oi
}

// After a paper answer is added, by Return or the Add button, the box
// gives up the focus: the clicker's R, B and PageDown act on the
// workshop at once and type nothing. A box out of sight (another tab,
// another exercise) never holds the focus, and what was typed for one
// question never turns up in another's box.
func TestPaperAnswerBoxLetsTheClickerGoAfterAnAnswer(t *testing.T) {
	c, w, oi := startOnTwoOpenQuestions(t, "Paper keys")
	box := c.answers.paper
	typeInto(w, box, "Tirde")
	hit(w, fyne.KeyReturn, 0)
	if got := answerTexts(c, oi); !slices.Equal(got, []string{"Tirde"}) {
		t.Fatalf("Return added %q", got)
	}
	if w.Canvas().Focused() == box {
		t.Fatal("the paper box kept the focus after Return added the answer")
	}
	hit(w, fyne.KeyR, 'r')
	if !state(c).Answers[oi].Revealed {
		t.Error("R after adding a paper answer did not reveal the answers")
	}
	hit(w, fyne.KeyB, 'b')
	if !c.projector.isBlank() {
		t.Error("B after adding a paper answer did not blank the projector")
	}
	hit(w, fyne.KeyB, 'b')
	if c.projector.isBlank() || box.Text != "" {
		t.Errorf("the second B: blank %v, box %q", c.projector.isBlank(), box.Text)
	}

	// The Add button too.
	typeInto(w, box, "Calm")
	test.Tap(c.answers.add)
	if got := answerTexts(c, oi); !slices.Equal(got, []string{"Tirde", "Calm"}) || w.Canvas().Focused() == box {
		t.Errorf("Add: answers %q, focus on the box %v", got, w.Canvas().Focused() == box)
	}

	// Another tab hides the box: it lets the focus go.
	typeInto(w, box, "half")
	c.lower.SelectIndex(2)
	if w.Canvas().Focused() == box {
		t.Error("the paper box kept the focus with another tab on show")
	}
	hit(w, fyne.KeyR, 'r') // hides the answers again
	if state(c).Answers[oi].Revealed || box.Text != "half" {
		t.Errorf("R with the box out of sight: still revealed %v, box %q", state(c).Answers[oi].Revealed, box.Text)
	}
	c.lower.Select(c.answersTab)

	// Typing left in the box when the workshop moves on stays behind.
	w.Canvas().Focus(box)
	hit(w, fyne.KeyPageDown, 0) // reveals first
	hit(w, fyne.KeyPageDown, 0) // moves on
	if st := state(c); st.Current != oi+1 {
		t.Fatalf("PageDown from the box: on exercise %d, want %d", st.Current, oi+1)
	}
	if box.Text != "" || w.Canvas().Focused() == box {
		t.Errorf("on the next open question the box holds %q, focus on it %v", box.Text, w.Canvas().Focused() == box)
	}
	hit(w, fyne.KeyR, 'r')
	hit(w, fyne.KeyB, 'b')
	if !state(c).Answers[oi+1].Revealed || !c.projector.isBlank() || box.Text != "" {
		t.Errorf("R and B on the next open question: revealed %v, blank %v, box %q", state(c).Answers[oi+1].Revealed, c.projector.isBlank(), box.Text)
	}
	hit(w, fyne.KeyB, 'b')
	typeInto(w, box, "Busy")
	hit(w, fyne.KeyReturn, 0)
	if got := answerTexts(c, oi+1); !slices.Equal(got, []string{"Busy"}) {
		t.Errorf("the next open question's answers: %q", got)
	}
	if got := answerTexts(c, oi); !slices.Equal(got, []string{"Tirde", "Calm"}) {
		t.Errorf("the first open question's answers changed: %q", got)
	}
	hit(w, fyne.KeyR, 'r')
	if state(c).Answers[oi+1].Revealed || box.Text != "" {
		t.Errorf("R after an answer to the next question: still revealed %v, box %q", state(c).Answers[oi+1].Revealed, box.Text)
	}
}

// Ctrl+Z and the Undo button take back the last paper answer added, one
// at a time, and nothing else; a phone's answer is never undone, only
// hidden: undo passes over it to the facilitator's own last change.
func TestUndoTakesBackAPaperAnswer(t *testing.T) {
	c, w, oi := startOnTwoOpenQuestions(t, "Paper undo")
	if !state(c).Answers[oi].Open {
		c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: oi})
	}
	box := c.answers.paper
	for _, text := range []string{"Calm", "Tirde"} {
		typeInto(w, box, text)
		hit(w, fyne.KeyReturn, 0)
	}
	sendShortcut(t, w, &fyne.ShortcutUndo{})
	if got, a := answerTexts(c, oi), state(c).Answers[oi]; !slices.Equal(got, []string{"Calm"}) || !a.Open {
		t.Fatalf("Ctrl+Z after a paper answer: answers %q, open %v", got, a.Open)
	}
	// Ctrl+Z from the box, with nothing typed in it, is the workshop's undo too.
	typeInto(w, box, "Tired")
	hit(w, fyne.KeyReturn, 0)
	w.Canvas().Focus(box)
	sendShortcut(t, w, &fyne.ShortcutUndo{})
	if got := answerTexts(c, oi); !slices.Equal(got, []string{"Calm"}) || box.Text != "" {
		t.Fatalf("Ctrl+Z in the empty box: answers %q, box %q", got, box.Text)
	}
	hit(w, fyne.KeyEscape, 0)

	c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePhone, Participant: "p1", Text: "Busy"})
	test.Tap(c.answers.undo)
	if got, a := answerTexts(c, oi), state(c).Answers[oi]; !slices.Equal(got, []string{"Busy"}) || !a.Open {
		t.Fatalf("the Undo button: answers %q, open %v", got, a.Open)
	}
	// Next, undo takes back the opening: the phone's answer stays.
	sendShortcut(t, w, &fyne.ShortcutUndo{})
	if got, a := answerTexts(c, oi), state(c).Answers[oi]; !slices.Equal(got, []string{"Busy"}) || a.Open {
		t.Errorf("undo after the paper answers: answers %q, open %v", got, a.Open)
	}
	c.do(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: oi, Item: 0})
	if a := state(c).Answers[oi].List[0]; !a.Hidden {
		t.Error("a phone's answer could not be hidden")
	}
	if err := c.model.recordAll([]workshop.Event{{Kind: workshop.EventAnswerWithdrawn, Exercise: oi, Item: 0}}); err == nil {
		t.Error("a phone's answer was withdrawn")
	}
}
