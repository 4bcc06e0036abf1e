package workshop

import (
	"errors"
	"testing"
	"time"
)

func TestCorrectionsChangeCountsAfterTheSessionFinished(t *testing.T) {
	s, _ := NewSession(votePlan(), "", "", t0)
	walk(t, s, t0, []Event{
		{Kind: EventStarted},
		{Kind: EventTally, Exercise: 0, Item: 0, Option: 0, Source: SourcePaper, Count: 4},
		{Kind: EventFinished},
	})
	later := t0.Add(26 * time.Hour)
	for _, e := range []Event{
		{Kind: EventTally, Exercise: 0, Item: 0, Option: 0, Source: SourcePaper, Count: 5},
		{Kind: EventVote, Exercise: 0, Item: 0, Option: 1, Participant: "p1", Correction: true},
		{Kind: EventOpened, Exercise: 0, Item: 1, Correction: true},
		{Kind: EventResumed, Correction: true},
	} {
		e.At = later
		if err := s.Record(e); !errors.Is(err, ErrFinished) {
			t.Errorf("%s (correction %v) after the finish: %v, want %v", e.Kind, e.Correction, err, ErrFinished)
		}
	}
	if !s.State.Corrected.IsZero() {
		t.Fatalf("refused events marked the session corrected at %v", s.State.Corrected)
	}
	walk(t, s, later, []Event{
		{Kind: EventTally, Exercise: 0, Item: 0, Option: 0, Source: SourcePaper, Count: 5, Correction: true},
		{Kind: EventHeadcount, Exercise: 0, Count: 12, Correction: true},
		{Kind: EventNoteEdited, Exercise: 0, Text: "One ballot found under a chair.", Correction: true},
	})
	st := s.State
	if got := st.Votes[0].Items[0].Paper[0]; got != 5 {
		t.Errorf("corrected paper count = %d, want 5", got)
	}
	if st.Votes[0].Headcount != 12 || st.Notes[0] != "One ballot found under a chair." {
		t.Errorf("headcount %d, notes %q after correcting", st.Votes[0].Headcount, st.Notes[0])
	}
	if !st.Corrected.Equal(later) || !st.IsFinished() {
		t.Errorf("corrected at %v, finished %v; want %v and still finished", st.Corrected, st.IsFinished(), later)
	}
	replayed, err := Replay(s.Plan, s.Events)
	if err != nil {
		t.Fatal(err)
	}
	if replayed.Votes[0].Items[0].Paper[0] != 5 || !replayed.Corrected.Equal(later) {
		t.Errorf("replayed history lost the correction: paper %d, corrected %v", replayed.Votes[0].Items[0].Paper[0], replayed.Corrected)
	}
}
