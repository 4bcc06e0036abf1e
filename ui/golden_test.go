package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
)

// The golden renderings under testdata/ are what a person sees on each
// screen, as Fyne's markup: every label, button, its state and place.
// When a screen changes on purpose, `make golden` writes them anew; look at
// the difference before committing it.

func TestGoldenLibrary(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	s.library.list.Select(0)
	test.AssertRendersToMarkup(t, "library.xml", w.Canvas())
}

func TestGoldenConsole(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Golden")
	key(w, fyne.KeyPageDown) // start
	clk.Advance(2*time.Minute + 10*time.Millisecond)
	test.AssertRendersToMarkup(t, "console/talk.xml", w.Canvas())

	c.agenda.Select(sortingExercise)
	for opt, n := range []int{3, 1} {
		for range n {
			test.Tap(c.votes.rows[opt].room.plus)
		}
	}
	key(w, fyne.KeyR)
	clk.Advance(redrawGap)
	test.AssertRendersToMarkup(t, "console/vote-revealed.xml", w.Canvas())

	c.agenda.Select(3)
	key(w, fyne.KeyPageDown)
	clk.Advance(redrawGap)
	test.AssertRendersToMarkup(t, "console/discussion-round.xml", w.Canvas())
}

func TestGoldenProjector(t *testing.T) {
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1366x768", laptop}, {"800x600", fyne.NewSize(800, 600)}} {
		s, clk, w := newTestShell(t, laptop)
		c := startBuiltin(t, s, w, "Golden")
		key(w, fyne.KeyPageDown)
		c.agenda.Select(sortingExercise)
		test.Tap(c.votes.rows[0].room.plus)
		key(w, fyne.KeyR)
		c.projector.win.Resize(size.size)
		clk.Advance(redrawGap)
		test.AssertRendersToMarkup(t, "projector/vote-revealed-"+size.name+".xml", c.projector.win.Canvas())
		c.agenda.Select(3)
		clk.Advance(redrawGap)
		test.AssertRendersToMarkup(t, "projector/discussion-"+size.name+".xml", c.projector.win.Canvas())
	}
}

func TestGoldenResults(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := finishedSortingVote(t, s, clk, w, "Golden", func(v *votePanel) []*ringButton { return []*ringButton{v.rows[1].room.plus} })
	sess, err := s.opts.Store.Load(session(c).ID)
	if err != nil {
		t.Fatal(err)
	}
	s.showResults(sess)
	test.AssertRendersToMarkup(t, "results.xml", w.Canvas())
}

func TestGoldenEditor(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	e := s.showEditor(&workshop.Plan{Title: "Retro", Exercises: []workshop.Exercise{
		{Kind: workshop.KindVote, Title: "Keep or drop", Minutes: 10, Options: []string{"Keep", "Drop"}, Items: []workshop.Item{{Text: "Stand-ups"}}},
		{Kind: workshop.KindDiscuss, Title: "", Minutes: 0},
	}}, "", true)
	e.list.Select(1)
	test.AssertRendersToMarkup(t, "editor.xml", w.Canvas())
}
