package store

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/report"
)

// A paper answer taken back by undo stays out of the session when it is
// loaded from the store again, and when it is exported and imported.
func TestAWithdrawnPaperAnswerStaysWithdrawn(t *testing.T) {
	s, _ := openTemp(t)
	r := newRecorded(t, s, "Typo")
	var plan *workshop.Plan
	r.View(func(x *workshop.Session) { plan = x.State.Plan })
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	at := t0
	must := func(e workshop.Event) {
		t.Helper()
		at = at.Add(time.Second)
		e.At = at
		if err := r.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	must(workshop.Event{Kind: workshop.EventStarted})
	must(workshop.Event{Kind: workshop.EventMoved, Exercise: oi})
	must(workshop.Event{Kind: workshop.EventOpened, Exercise: oi})
	must(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Calm"})
	must(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePhone, Participant: "p1", Text: "Busy"})
	must(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Tirde"})
	var undo []workshop.Event
	r.View(func(x *workshop.Session) { undo = x.State.UndoEvents() })
	for _, e := range undo {
		must(e)
	}
	var live workshop.ExerciseAnswers
	r.View(func(x *workshop.Session) { live = x.State.Answers[oi] })
	if len(live.List) != 2 || live.List[0].Text != "Calm" || live.List[1].Text != "Busy" {
		t.Fatalf("after undo: %+v", live.List)
	}

	loaded, err := s.Load(r.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got := loaded.State.Answers[oi]; !reflect.DeepEqual(got.List, live.List) {
		t.Errorf("loaded from the store: %+v, want %+v", got.List, live.List)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, loaded); err != nil {
		t.Fatal(err)
	}
	back, err := report.ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.State.Answers[oi]; !reflect.DeepEqual(got.List, live.List) {
		t.Errorf("exported and imported: %+v, want %+v", got.List, live.List)
	}
}
