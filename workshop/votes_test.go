package workshop

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func votePlan() *Plan {
	return &Plan{Title: "Votes", Exercises: []Exercise{
		{Kind: KindVote, Title: "Sort", Minutes: 10, Options: []string{"Implement", "Innovate"}, Items: []Item{
			{Text: "Plans the rota", Expect: "Implement"},
			{Text: "Backs a risky idea", Expect: "Innovate"},
			{Text: "No right answer"},
		}},
		{Kind: KindScale, Title: "Rate", Minutes: 5, Scale: []string{"Rarely", "Always"}, Items: []Item{{Text: "Empathy"}}},
		{Kind: KindTalk, Title: "Close", Minutes: 5},
	}}
}

func TestVotesBySourceResultsAndProfile(t *testing.T) {
	s, err := NewSession(votePlan(), "G", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	rec := func(e Event) {
		t.Helper()
		e.At = t0
		if err := s.Record(e); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	tally := func(item, opt int, src Source, n int) {
		rec(Event{Kind: EventTally, Exercise: 0, Item: item, Option: opt, Source: src, Count: n})
	}
	rec(Event{Kind: EventHeadcount, Exercise: 0, Count: 30})
	tally(0, 0, SourceRoom, 10)
	tally(0, 1, SourceRoom, 4)
	tally(0, 0, SourcePaper, 3)
	tally(0, 0, SourceRoom, 9) // a recount replaces, it does not add

	if err := s.Record(Event{Kind: EventVote, Exercise: 0, Item: 0, Option: 1, Participant: "ann", At: t0}); !errors.Is(err, ErrItemClosed) {
		t.Errorf("vote before the item opened: %v", err)
	}
	rec(Event{Kind: EventOpened, Exercise: 0, Item: 0})
	rec(Event{Kind: EventVote, Exercise: 0, Item: 0, Option: 0, Participant: "ann"})
	rec(Event{Kind: EventVote, Exercise: 0, Item: 0, Option: 1, Participant: "ann"}) // changed her mind
	rec(Event{Kind: EventVote, Exercise: 0, Item: 0, Option: 1, Participant: "bob"})
	rec(Event{Kind: EventOpened, Exercise: 0, Item: 1}) // opening the next closes the first
	if err := s.Record(Event{Kind: EventVote, Exercise: 0, Item: 0, Option: 0, Participant: "cat", At: t0}); !errors.Is(err, ErrItemClosed) {
		t.Errorf("vote on a closed item: %v", err)
	}

	r := s.State.Result(0, 0)
	want := Result{
		Item: Item{Text: "Plans the rota", Expect: "Implement"}, Labels: []string{"Implement", "Innovate"},
		Room: []int{9, 4}, Paper: []int{3, 0}, Phone: []int{0, 2}, Total: []int{12, 6},
		Votes: 18, NoVote: 12, Headcount: 30, Expect: 0, Closed: true,
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("result\n got %+v\nwant %+v", r, want)
	}
	if p := r.Percent(0); math.Abs(p-66.667) > 0.01 {
		t.Errorf("percent %v", p)
	}
	if s.State.Votes[0].Active != 1 || !s.State.Votes[0].Items[1].Open {
		t.Error("opening an item should make it the active, open one")
	}

	tally(1, 1, SourceRoom, 6)
	tally(1, 0, SourceRoom, 2)
	tally(2, 0, SourceRoom, 50) // no expected answer: not in the profile
	p := s.State.Profile()
	// Implement: 12 + 2 = 14 votes, Innovate: 6 + 6 = 12 over 2 sorting items.
	if p.Items != 2 || p.Votes != 26 || p.Sides[0].Votes != 14 || p.Sides[1].Votes != 12 {
		t.Fatalf("profile %+v", p)
	}
	// Of the 18 votes on the Implement item, 12 matched; of the 8 on the Innovate item, 6.
	if p.Sides[0].Matched != 12 || p.Sides[0].Expected != 18 || p.Sides[1].Matched != 6 || p.Sides[1].Expected != 8 {
		t.Errorf("profile matches %+v", p.Sides)
	}
	if math.Abs(p.Sides[1].MatchShare-75) > 1e-9 {
		t.Errorf("innovate match share %v", p.Sides[1].MatchShare)
	}

	// Scale: ratings 2, 4, 4, 5 → mean 3.75, median 4.
	for opt, n := range map[int]int{1: 1, 3: 2, 4: 1} {
		rec(Event{Kind: EventTally, Exercise: 1, Item: 0, Option: opt, Source: SourcePaper, Count: n})
	}
	st := s.State.Result(1, 0).Scale()
	if st.N != 4 || st.Mean != 3.75 || st.Median != 4 || st.Dist != [5]int{0, 1, 0, 2, 1} {
		t.Errorf("scale %+v", st)
	}

	again, err := Replay(s.Plan, s.Events)
	if err != nil || !reflect.DeepEqual(again, s.State) {
		t.Errorf("replay differs: %v", err)
	}
}

func TestBadVoteEventsAreRefused(t *testing.T) {
	s, _ := NewSession(votePlan(), "G", "", t0)
	s.Record(Event{Kind: EventOpened, Exercise: 0, Item: 0, At: t0})
	for _, e := range []Event{
		{Kind: EventTally, Exercise: 0, Item: 5, Source: SourceRoom, Count: 1},
		{Kind: EventTally, Exercise: 0, Item: 0, Option: 2, Source: SourceRoom, Count: 1},
		{Kind: EventTally, Exercise: 0, Item: 0, Source: SourceRoom, Count: -1},
		{Kind: EventTally, Exercise: 0, Item: 0, Source: SourceRoom, Count: MaxCount + 1},
		{Kind: EventTally, Exercise: 0, Item: 0, Source: SourcePhone, Count: 1},
		{Kind: EventTally, Exercise: 2, Item: 0, Source: SourceRoom, Count: 1},
		{Kind: EventVote, Exercise: 0, Item: 0, Option: 0},
		{Kind: EventVote, Exercise: 0, Item: 0, Option: 0, Participant: string(make([]byte, 65))},
		{Kind: EventHeadcount, Exercise: 0, Count: -3},
		{Kind: EventOpened, Exercise: 9},
	} {
		e.At = t0
		if err := s.Record(e); !errors.Is(err, ErrBadEvent) {
			t.Errorf("%+v: %v", e, err)
		}
	}
	s.Record(Event{Kind: EventFinished, At: t0.Add(time.Hour)})
	if err := s.Record(Event{Kind: EventVote, Exercise: 0, Item: 0, Participant: "x", At: t0}); !errors.Is(err, ErrFinished) {
		t.Errorf("vote after finish: %v", err)
	}
}

func TestMergeSumsRoomsAndKeepsSources(t *testing.T) {
	var rooms []*Session
	for i, g := range []string{"Room A", "Room B"} {
		s, _ := NewSession(votePlan(), g, "", t0)
		for _, e := range []Event{
			{Kind: EventHeadcount, Exercise: 0, Count: 10 + i},
			{Kind: EventTally, Exercise: 0, Item: 0, Option: 0, Source: SourceRoom, Count: 5 + i},
			{Kind: EventTally, Exercise: 0, Item: 0, Option: 1, Source: SourcePaper, Count: 2},
			{Kind: EventOpened, Exercise: 0, Item: 0},
			{Kind: EventVote, Exercise: 0, Item: 0, Option: 1, Participant: "same-token"},
			{Kind: EventNoteEdited, Exercise: 0, Text: "note " + g},
			{Kind: EventFinished},
		} {
			e.At = t0
			if err := s.Record(e); err != nil {
				t.Fatal(err)
			}
		}
		rooms = append(rooms, s)
	}
	m, err := Merge(rooms, "All rooms", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	r := m.State.Result(0, 0)
	if !reflect.DeepEqual(r.Room, []int{11, 0}) || !reflect.DeepEqual(r.Paper, []int{0, 4}) || !reflect.DeepEqual(r.Phone, []int{0, 2}) || r.Headcount != 21 {
		t.Errorf("merged result %+v", r)
	}
	if len(m.Sources) != 2 || m.State.Notes[0] != "Room A: note Room A\n\nRoom B: note Room B" || !m.State.IsFinished() {
		t.Errorf("merged session %+v notes %q", m.Sources, m.State.Notes[0])
	}
	other := votePlan()
	other.Exercises[0].Minutes = 11
	s3, _ := NewSession(other, "C", "", t0)
	if _, err := Merge([]*Session{rooms[0], s3}, "x", t0); !errors.Is(err, ErrMerge) {
		t.Errorf("merging different plans: %v", err)
	}
}

// A session given twice, or beside a merge that already holds it, would
// count its votes twice: the merge is refused. Without a group name the
// merge is named after its groups.
func TestMergeRefusesASessionTwiceAndNamesItsGroup(t *testing.T) {
	var rooms []*Session
	for i, g := range []string{"Room A", "Room B", "Room C"} {
		s, _ := NewSession(votePlan(), g, "", t0)
		s.ID = fmt.Sprintf("20260310-room%d", i)
		if err := s.Record(Event{Kind: EventFinished, At: t0}); err != nil {
			t.Fatal(err)
		}
		rooms = append(rooms, s)
	}
	if _, err := Merge([]*Session{rooms[0], rooms[1], rooms[0]}, "All", t0); !errors.Is(err, ErrMerge) || !strings.Contains(err.Error(), "20260310-room0") {
		t.Errorf("a session given twice: %v", err)
	}
	m, err := Merge(rooms[:2], "  ", t0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Group != "Room A + Room B" {
		t.Errorf("the merge's default group: %q", m.Group)
	}
	m.ID = "20260310-merged"
	if _, err := Merge([]*Session{m, rooms[1]}, "All", t0); !errors.Is(err, ErrMerge) || !strings.Contains(err.Error(), "20260310-room1") {
		t.Errorf("a merge beside one of its own sources: %v", err)
	}
	if _, err := Merge([]*Session{m, rooms[2]}, "All", t0); err != nil {
		t.Errorf("a merge beside another room: %v", err)
	}
}
