package workshop

import (
	"runsheet/workshop/words"

	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

// A break added on the day runs like any exercise: the walk goes through
// it, its countdown tells the room when to be back, the drift counts it
// and the coach cuts the plan's exercises, not the break.
func TestABreakAddedOnTheDayJoinsTheAgenda(t *testing.T) {
	plan := BuiltinPlan()
	sess, err := NewSession(plan, "Breakers", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	walk(t, sess, t0, sess.State.Next(true))
	planned := sess.State.PlannedEnd(t0)
	n := len(plan.Exercises)

	walk(t, sess, t0.Add(time.Minute), []Event{sess.State.InsertEvent(Break(10, words.For(words.English)))})
	st := sess.State
	if len(st.Plan.Exercises) != n+1 || len(st.Clocks) != n+1 || len(st.Votes) != n+1 || len(st.Notes) != n+1 || len(st.Rounds) != n+1 {
		t.Fatalf("agenda has %d exercises, %d clocks, want %d", len(st.Plan.Exercises), len(st.Clocks), n+1)
	}
	if len(sess.Plan.Exercises) != n || len(plan.Exercises) != n {
		t.Errorf("the session's plan changed: %d exercises", len(sess.Plan.Exercises))
	}
	added := st.Plan.Exercises[1]
	if added.Kind != KindBreak || added.Minutes != 10 || !added.Added {
		t.Errorf("exercise 2 is %+v, want the break", added)
	}
	if got := st.PlannedEnd(t0); !got.Equal(planned) {
		t.Errorf("planned end moved from %v to %v", planned, got)
	}
	rows := st.Agenda(t0.Add(time.Minute))
	if !rows[1].Added || rows[0].Added || rows[2].Due.Sub(rows[1].Due) != 10*time.Minute {
		t.Errorf("agenda rows %+v", rows[:3])
	}
	if st.AgendaIndex(1) != 2 || st.AgendaIndex(0) != 0 {
		t.Errorf("agenda index of 0, 1 = %d, %d", st.AgendaIndex(0), st.AgendaIndex(1))
	}

	// On time until the break; the break puts the workshop 10 min behind,
	// and the coach finds the 10 minutes in the plan's exercises.
	at := t0.Add(time.Duration(plan.Exercises[0].Minutes) * time.Minute)
	for range 20 {
		if st.Current == 1 {
			break
		}
		walk(t, sess, at, st.Next(false))
	}
	if st.Current != 1 {
		t.Fatalf("the walk did not reach the break, at %d", st.Current)
	}
	v := st.Room()
	if v.Kind != KindBreak || v.Heading != "Break" || !v.BackAt.Equal(at.Add(10*time.Minute)) {
		t.Errorf("room view of the break: %+v", v)
	}
	if d := st.Drift(at); d != 10*time.Minute {
		t.Errorf("drift at the break = %v, want 10m", d)
	}
	cuts, short := st.Coach(at)
	sum := time.Duration(0)
	for _, c := range cuts {
		if st.Plan.Exercises[c.Exercise].Added {
			t.Errorf("the coach cuts the added break")
		}
		sum += c.By
	}
	if sum != 10*time.Minute || short != 0 {
		t.Errorf("coach cuts %v (%v short), want 10m", sum, short)
	}
	walk(t, sess, at.Add(2*time.Minute), []Event{{Kind: EventPaused}})
	if !st.Room().BackAt.IsZero() {
		t.Error("a paused break still says when to be back")
	}

	again, err := Replay(sess.Plan, sess.Events)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Plan, st.Plan) || !reflect.DeepEqual(again.Clocks, st.Clocks) || again.Current != st.Current {
		t.Error("replay gives a different agenda")
	}
}

// An exercise added on the day takes votes like the plan's own, and the
// event that adds it survives a trip through JSON.
func TestAnAddedVoteTakesVotesAndSurvivesJSON(t *testing.T) {
	sess, _ := NewSession(votePlan(), "Room", "", t0)
	walk(t, sess, t0, sess.State.Next(true))
	extra := sess.State.Plan.Exercises[0].Clone()
	extra.Title = "Once more"
	walk(t, sess, t0, []Event{sess.State.InsertEvent(extra)})
	walk(t, sess, t0, sess.State.MoveTo(1, 0))
	walk(t, sess, t0, []Event{{Kind: EventTally, Exercise: 1, Item: 0, Option: 1, Source: SourceRoom, Count: 7}})

	data, err := json.Marshal(sess.Events)
	if err != nil {
		t.Fatal(err)
	}
	var back []Event
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	st, err := Replay(sess.Plan, back)
	if err != nil {
		t.Fatal(err)
	}
	if r := st.Result(1, 0); r.Room[1] != 7 || st.Plan.Exercises[1].Title != "Once more" || !st.Plan.Exercises[1].Added {
		t.Errorf("after JSON: %+v, exercise %+v", r.Room, st.Plan.Exercises[1])
	}
}

func TestInsertsThatCannotHappenAreRefused(t *testing.T) {
	sess, _ := NewSession(votePlan(), "Room", "", t0)
	walk(t, sess, t0, sess.State.Next(true))
	bad := []Event{
		{Kind: EventInserted, Exercise: 1}, // nothing to add
		{Kind: EventInserted, Exercise: 0, Added: &Exercise{Kind: KindBreak, Title: "B", Minutes: 5}}, // before the one on screen
		{Kind: EventInserted, Exercise: 9, Added: &Exercise{Kind: KindBreak, Title: "B", Minutes: 5}}, // past the end
		{Kind: EventInserted, Exercise: 1, Added: &Exercise{Kind: KindBreak, Title: "B", Minutes: 0}}, // no time
		{Kind: EventInserted, Exercise: 1, Added: &Exercise{Kind: KindVote, Title: "V", Minutes: 5}},  // nothing to vote on
	}
	for _, e := range bad {
		if err := sess.Record(e); !errors.Is(err, ErrBadEvent) {
			t.Errorf("insert %+v: %v, want ErrBadEvent", e.Added, err)
		}
	}
	if len(sess.State.Plan.Exercises) != len(votePlan().Exercises) || len(sess.Events) != 2 {
		t.Errorf("refused inserts changed the agenda: %d exercises, %d events", len(sess.State.Plan.Exercises), len(sess.Events))
	}
	walk(t, sess, t0, []Event{{Kind: EventFinished}})
	if err := sess.Record(sess.State.InsertEvent(Break(5, words.For(words.English)))); !errors.Is(err, ErrFinished) {
		t.Errorf("insert after finishing: %v", err)
	}
}

// Rooms that added different exercises merge into one agenda: the plan's
// exercises summed, each room's additions kept with its own votes.
func TestMergeKeepsWhatEachRoomAdded(t *testing.T) {
	var rooms []*Session
	for i, g := range []string{"Room A", "Room B"} {
		s, _ := NewSession(votePlan(), g, "", t0)
		walk(t, s, t0, s.State.Next(true))
		walk(t, s, t0, []Event{{Kind: EventTally, Exercise: 0, Item: 0, Option: 0, Source: SourceRoom, Count: 3}})
		if i == 1 {
			extra := s.State.Plan.Exercises[0].Clone()
			extra.Title = "Extra"
			walk(t, s, t0, []Event{s.State.InsertEvent(extra), s.State.InsertEvent(Break(5, words.For(words.English)))})
			walk(t, s, t0, []Event{{Kind: EventTally, Exercise: 2, Item: 0, Option: 1, Source: SourcePaper, Count: 4}})
		}
		walk(t, s, t0, []Event{{Kind: EventFinished}})
		rooms = append(rooms, s)
	}
	m, err := Merge(rooms, "All", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ex := m.State.Plan.Exercises
	if len(ex) != len(votePlan().Exercises)+2 || ex[1].Title != "Break (Room B)" || ex[2].Title != "Extra (Room B)" || !ex[2].Added {
		t.Fatalf("merged agenda: %+v", ex)
	}
	if r := m.State.Result(0, 0); r.Room[0] != 6 {
		t.Errorf("plan's exercise: room %v, want 6 for the first option", r.Room)
	}
	if r := m.State.Result(2, 0); r.Paper[1] != 4 || r.Room[0] != 0 {
		t.Errorf("added exercise: room %v paper %v, want Room B's alone", r.Room, r.Paper)
	}
}

// An exercise a room without a group name added is named for it once,
// in the brackets of NoGroup, not in brackets twice.
func TestMergedAdditionOfAGrouplessRoom(t *testing.T) {
	var rooms []*Session
	for i, g := range []string{"", "Room B"} {
		s, _ := NewSession(votePlan(), g, "", t0)
		walk(t, s, t0, s.State.Next(true))
		if i == 0 {
			extra := s.State.Plan.Exercises[0].Clone()
			extra.Title = "Wrap up"
			walk(t, s, t0, []Event{s.State.InsertEvent(extra)})
		}
		walk(t, s, t0, []Event{{Kind: EventFinished}})
		rooms = append(rooms, s)
	}
	m, err := Merge(rooms, "All", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.State.Plan.Exercises[1].Title; got != "Wrap up "+NoGroup {
		t.Errorf("the groupless room's addition is called %q", got)
	}
}
