package workshop

import (
	"reflect"
	"testing"
)

func TestUndoTakesBackChangesToTheStartOfTheExercise(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	walk(t, sess, t0, sess.State.MoveTo(2, 0)) // item 1 open
	before := sess.State.Result(2, 0)
	walk(t, sess, t0, []Event{
		{Kind: EventTally, Exercise: 2, Item: 0, Option: 0, Source: SourceRoom, Count: 3},
		{Kind: EventTally, Exercise: 2, Item: 0, Option: 0, Source: SourceRoom, Count: 5},
		{Kind: EventHeadcount, Exercise: 2, Count: 20},
		{Kind: EventRevealed, Exercise: 2, Item: 0},
		{Kind: EventOpened, Exercise: 2, Item: 1}, // closes item 1
	})
	undo := func() {
		t.Helper()
		evs := sess.State.UndoEvents()
		if evs == nil {
			t.Fatal("nothing to undo")
		}
		walk(t, sess, t0, evs)
	}
	undo()
	if ev := sess.State.Votes[2]; ev.Active != 0 || !ev.Items[0].Open || ev.Items[1].Open {
		t.Errorf("undoing the open of item 2: active %d, open %v/%v", ev.Active, ev.Items[0].Open, ev.Items[1].Open)
	}
	undo()
	if sess.State.Votes[2].Items[0].Revealed {
		t.Error("undoing the reveal left it revealed")
	}
	undo()
	if h := sess.State.Votes[2].Headcount; h != 0 {
		t.Errorf("undoing the headcount: %d", h)
	}
	undo()
	if n := sess.State.Votes[2].Items[0].Room[0]; n != 3 {
		t.Errorf("undoing the second count: %d, want 3", n)
	}
	undo()
	if r := sess.State.Result(2, 0); !reflect.DeepEqual(r.Total, before.Total) {
		t.Errorf("after undoing every count: %v", r.Total)
	}
	// The arrival's own open is the first change of the exercise; beyond
	// it there is nothing to take back.
	undo()
	if sess.State.CanUndo() {
		t.Error("undo reached back before the start of the exercise")
	}
	replayed, err := Replay(plan, sess.Events)
	if err != nil || !reflect.DeepEqual(replayed, sess.State) {
		t.Errorf("the undo events do not replay to the same state: %v", err)
	}
}
