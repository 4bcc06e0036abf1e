package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
)

// field finds the corrections screen's entry for the value that e sets.
func field(t *testing.T, c *corrections, want workshop.Event) *correctionField {
	t.Helper()
	for _, f := range c.fields {
		e, err := f.event("0")
		if err != nil {
			continue
		}
		if e.Kind == want.Kind && e.Exercise == want.Exercise && e.Item == want.Item && e.Option == want.Option && e.Source == want.Source {
			return f
		}
	}
	t.Fatalf("no field for %+v", want)
	return nil
}

func TestCorrectionsAfterTheSession(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := finishedSortingVote(t, s, clk, w, "Corrections", func(v *votePanel) []*ringButton {
		return []*ringButton{v.rows[0].paper.plus, v.rows[0].paper.plus}
	})
	id := session(c).ID
	load := func() *workshop.Session {
		t.Helper()
		sess, err := s.opts.Store.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	sess := load()
	s.showResults(sess)
	if strings.Contains(allText(w.Content()), "corrected after the session") {
		t.Fatal("results say corrected before any correction")
	}
	cor := s.showCorrections(sess)
	if w.Content() != cor.content {
		t.Fatal("the corrections screen is not shown")
	}
	paper := field(t, cor, workshop.Event{Kind: workshop.EventTally, Exercise: sortingExercise, Item: 0, Option: 0, Source: workshop.SourcePaper})
	if paper.entry.Text != "2" {
		t.Fatalf("paper count shows %q, want the recorded 2", paper.entry.Text)
	}

	// A value that is not a count saves nothing, not even the valid ones.
	events := len(sess.Events)
	head := field(t, cor, workshop.Event{Kind: workshop.EventHeadcount, Exercise: sortingExercise})
	head.entry.SetText("14")
	paper.entry.SetText("three")
	test.Tap(cor.save)
	if got := load(); len(got.Events) != events || got.State.Votes[sortingExercise].Headcount == 14 {
		t.Fatalf("an invalid count saved %d events (headcount %d)", len(got.Events)-events, got.State.Votes[sortingExercise].Headcount)
	}
	if w.Content() != cor.content {
		t.Fatal("an invalid count left the corrections screen")
	}

	clk.Advance(24 * time.Hour)
	paper.entry.SetText("3")
	test.Tap(cor.save)
	got := load()
	if n := len(got.Events) - events; n != 2 {
		t.Errorf("saving two changed values recorded %d events", n)
	}
	for _, e := range got.Events[events:] {
		if !e.Correction || !e.At.Equal(clk.Now()) {
			t.Errorf("%s recorded with correction %v at %v", e.Kind, e.Correction, e.At)
		}
	}
	v := got.State.Votes[sortingExercise]
	if v.Items[0].Paper[0] != 3 || v.Headcount != 14 || !got.State.IsFinished() {
		t.Errorf("after correcting: paper %d, headcount %d, finished %v", v.Items[0].Paper[0], v.Headcount, got.State.IsFinished())
	}
	if s.results == nil || w.Content() != s.results.content {
		t.Fatal("saving did not return to the results")
	}
	if text := allText(w.Content()); !strings.Contains(text, "Counts corrected after the session on") {
		t.Error("the results do not say the counts were corrected")
	}
}
