package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"runsheet/workshop"
)

// tabReaches reports whether Tab, from nothing focused, comes to f.
func tabReaches(w fyne.Window, f fyne.Focusable) bool {
	cv := w.Canvas()
	cv.Unfocus()
	for range 300 {
		cv.FocusNext()
		if cv.Focused() == f {
			return true
		}
	}
	return false
}

// Where the projector shows a grid or a word cloud, the console has the
// same result as plain text beside it, which Tab reaches and a screen
// reader reads: each grid item with its means across and up and how many
// rated it; the answers' words ranked, with counts, the hidden answers'
// left out. The clicker's keys pass through it to the workshop.
func TestConsoleHasCloudAndGridAsText(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Text")
	plan := state(c).Plan
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	var step []workshop.Event
	c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
	c.do(step...)
	c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: 0})
	for _, who := range []string{"a", "b"} {
		c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(2, 4), Participant: who})
	}
	c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(5, 1), Participant: "c"})
	c.lower.Select(c.votesTab)
	m := appWords().Mean
	lines := strings.Split(c.votes.means.Text, "\n")
	items := plan.Exercises[gi].Items
	if !c.votes.means.Visible() || len(lines) != len(items)+1 {
		t.Fatalf("the grid as text reads %q", c.votes.means.Text)
	}
	if want := "1. " + items[0].Text + " — across " + m(3) + ", up " + m(3) + " (3 ratings)"; lines[1] != want {
		t.Errorf("item 1 reads %q, want %q", lines[1], want)
	}
	if want := "2. " + items[1].Text + " — No ratings yet"; lines[2] != want {
		t.Errorf("item 2 reads %q, want %q", lines[2], want)
	}
	if !tabReaches(w, c.votes.means) {
		t.Error("Tab never reaches the grid as text")
	}
	before := c.snap.room
	c.votes.means.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if after := c.snap.room; after.Item == before.Item && after.Revealed == before.Revealed {
		t.Error("PageDown on the grid as text did not move the workshop")
	}

	c.model.view(func(st *workshop.State) { step = st.MoveTo(oi, -1) })
	c.do(step...)
	for _, a := range []string{"Coach Anna", "coach the team", "Trust the team", "Secretword"} {
		c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
	}
	c.do(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: oi, Item: 3})
	c.lower.Select(c.answersTab)
	want := "Words in the answers, most frequent first:\n1. coach — 2\n2. team — 2\n3. Anna — 1\n4. Trust — 1"
	if got := c.answers.words.Text; got != want {
		t.Errorf("the cloud as text reads\n%s\nwant\n%s", got, want)
	}
	if c.answers.words.AccessibilityLabel() != want {
		t.Error("a screen reader is not given the words")
	}
	if !tabReaches(w, c.answers.words) {
		t.Error("Tab never reaches the cloud as text")
	}
}

// An exercise with a single prompt shows it without a number, on the
// projector and on the console; one with several numbers them.
func TestSinglePromptIsNotNumbered(t *testing.T) {
	one := workshop.Exercise{Kind: workshop.KindReflect, Title: "One", Minutes: 5, Prompts: []string{"What will you try first?"}}
	two := workshop.Exercise{Kind: workshop.KindReflect, Title: "Two", Minutes: 5, Prompts: []string{"First?", "Second?"}}
	if got := roomQuestion(workshop.RoomView{Item: -1, Prompts: one.Prompts}); got != "What will you try first?" {
		t.Errorf("the projector shows the single prompt as %q", got)
	}
	if got := roomQuestion(workshop.RoomView{Item: -1, Prompts: two.Prompts}); got != "1. First?\n2. Second?" {
		t.Errorf("the projector shows two prompts as %q", got)
	}
	if got := detailText(one); got != "What will you try first?" {
		t.Errorf("the console shows the single prompt as %q", got)
	}
	if got := detailText(two); got != "1. First?\n\n2. Second?" {
		t.Errorf("the console shows two prompts as %q", got)
	}
	// The projector itself, on a reflection with one prompt.
	plan := &workshop.Plan{Title: "P", Exercises: []workshop.Exercise{one, two}}
	s, clk, _ := newTestShell(t, laptop)
	if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(redrawGap)
	if got := s.console.projector.question.Text(); got != "What will you try first?" {
		t.Errorf("the projector's question reads %q", got)
	}
}
