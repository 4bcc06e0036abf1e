package workshop

import (
	"errors"
	"reflect"
	"testing"
)

// vote records a phone vote, returning the refusal if any.
func vote(sess *Session, item, option int, who string) error {
	return sess.Record(Event{Kind: EventVote, At: t0, Exercise: 2, Item: item, Option: option, Participant: who})
}

func TestRevealClosesVotingAndOnlyAReopenOpensItAgain(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	walk(t, sess, t0, sess.State.MoveTo(2, 0))
	if err := vote(sess, 0, 0, "ann"); err != nil {
		t.Fatal(err)
	}
	// Next, set to reveal first, reveals; the reveal closes voting.
	walk(t, sess, t0, sess.State.Next(true))
	it := sess.State.Votes[2].Items[0]
	if !it.Revealed || it.Open || !it.Closed {
		t.Fatalf("after the reveal: revealed %v, open %v, closed %v", it.Revealed, it.Open, it.Closed)
	}
	if err := vote(sess, 0, 1, "ann"); !errors.Is(err, ErrItemClosed) {
		t.Errorf("a vote changed after the reveal: %v", err)
	}
	if v := sess.State.Room(); v.Open || !v.Revealed {
		t.Errorf("the room sees voting open after the reveal: %+v", v)
	}
	// Next opens item 2; Previous comes back to item 1 without reopening it.
	walk(t, sess, t0, sess.State.Next(true))
	walk(t, sess, t0, sess.State.Previous())
	if ev := sess.State.Votes[2]; ev.Active != 0 || ev.Items[0].Open || ev.Items[1].Open {
		t.Errorf("walking back: active %d, open %v/%v", ev.Active, ev.Items[0].Open, ev.Items[1].Open)
	}
	if err := vote(sess, 0, 1, "ann"); !errors.Is(err, ErrItemClosed) {
		t.Errorf("walking back reopened a revealed item: %v", err)
	}
	// Reopening is its own recorded event: results hidden, voting open.
	walk(t, sess, t0, []Event{{Kind: EventReopened, Exercise: 2, Item: 0}})
	if it := sess.State.Votes[2].Items[0]; it.Revealed || !it.Open {
		t.Errorf("after reopening: revealed %v, open %v", it.Revealed, it.Open)
	}
	if err := vote(sess, 0, 1, "ann"); err != nil {
		t.Errorf("a vote after reopening: %v", err)
	}
	// Undoing the reopen shows the results and closes voting again.
	walk(t, sess, t0, sess.State.UndoEvents())
	if it := sess.State.Votes[2].Items[0]; !it.Revealed || it.Open {
		t.Errorf("undoing the reopen: revealed %v, open %v", it.Revealed, it.Open)
	}
	if n := sess.State.Result(2, 0).Phone; n[1] != 1 || n[0] != 0 {
		t.Errorf("ann's changed vote: %v", n)
	}
	replayed, err := Replay(plan, sess.Events)
	if err != nil || !reflect.DeepEqual(replayed, sess.State) {
		t.Errorf("the events do not replay to the same state: %v", err)
	}
}

func TestUndoingARevealOpensVotingAgain(t *testing.T) {
	sess, _ := NewSession(BuiltinPlan(), "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	walk(t, sess, t0, sess.State.MoveTo(2, 0))
	walk(t, sess, t0, sess.State.Next(true))
	walk(t, sess, t0, sess.State.UndoEvents())
	if it := sess.State.Votes[2].Items[0]; it.Revealed || !it.Open {
		t.Errorf("undoing the reveal: revealed %v, open %v", it.Revealed, it.Open)
	}
	if err := vote(sess, 0, 0, "bob"); err != nil {
		t.Errorf("a vote after the reveal was undone: %v", err)
	}
}

// A session recorded before reveals closed voting replays as it happened:
// votes made after such a reveal still count.
func TestOldRevealsReplayAsRecorded(t *testing.T) {
	plan := BuiltinPlan()
	events := []Event{
		{Kind: EventStarted, At: t0},
		{Kind: EventMoved, At: t0, Exercise: 2},
		{Kind: EventOpened, At: t0, Exercise: 2, Item: 0},
		{Kind: EventRevealed, At: t0, Exercise: 2, Item: 0},
		{Kind: EventVote, At: t0, Exercise: 2, Item: 0, Option: 1, Participant: "late"},
	}
	st, err := Replay(plan, events)
	if err != nil {
		t.Fatal(err)
	}
	if n := st.Result(2, 0).Phone[1]; n != 1 {
		t.Errorf("a vote after an old reveal was lost on replay: %d", n)
	}
}

func TestRoomLockIsASessionEvent(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventRoomLocked}})
	if !sess.State.Phones.Locked {
		t.Fatal("locking did not lock the room")
	}
	replayed, err := Replay(plan, sess.Events)
	if err != nil || !replayed.Phones.Locked {
		t.Errorf("the lock did not survive a replay: %v", err)
	}
	walk(t, sess, t0, []Event{{Kind: EventRoomUnlocked}})
	if sess.State.Phones.Locked {
		t.Error("unlocking left the room locked")
	}
}

// A lock is the phones in the room as it was locked: those it lists and
// those that had voted. Every other phone is out until the room opens, and
// a replay rebuilds the same room.
func TestALockKeepsThePhonesInTheRoom(t *testing.T) {
	plan := BuiltinPlan()
	vote := -1
	for i, e := range plan.Exercises {
		if e.Kind == KindVote && vote < 0 {
			vote = i
		}
	}
	sess, _ := NewSession(plan, "", "", t0)
	walk(t, sess, t0, []Event{
		{Kind: EventStarted}, {Kind: EventMoved, Exercise: vote}, {Kind: EventOpened, Exercise: vote},
		{Kind: EventVote, Exercise: vote, Option: 0, Participant: "voter"},
		{Kind: EventRoomLocked, Members: []string{"streaming"}},
	})
	check := func(st *State, when string) {
		for who, want := range map[string]bool{"voter": true, "streaming": true, "stockpiled": false} {
			if got := st.Phones.InRoom(who); got != want {
				t.Errorf("%s: %s in the room: %v, want %v", when, who, got, want)
			}
		}
	}
	check(sess.State, "locked")
	replayed, err := Replay(plan, sess.Events)
	if err != nil {
		t.Fatal(err)
	}
	check(replayed, "replayed")
	walk(t, sess, t0, []Event{{Kind: EventRoomUnlocked}})
	if !sess.State.Phones.InRoom("stockpiled") {
		t.Error("an open room still refuses a phone")
	}
	if err := sess.Record(Event{Kind: EventRoomLocked, At: t0, Members: []string{""}}); err == nil {
		t.Error("a lock listing an empty participant was accepted")
	}
}

func TestPhoneBallotsBeyondTheHeadcountAreFlagged(t *testing.T) {
	sess, _ := NewSession(BuiltinPlan(), "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	walk(t, sess, t0, sess.State.MoveTo(2, 0))
	walk(t, sess, t0, []Event{{Kind: EventHeadcount, Exercise: 2, Count: 2}})
	for _, who := range []string{"a", "b"} {
		if err := vote(sess, 0, 0, who); err != nil {
			t.Fatal(err)
		}
	}
	if r := sess.State.Result(2, 0); r.PhonesOvercounted() || r.Overcounted() {
		t.Errorf("two ballots for two people flagged: %+v", r)
	}
	if err := vote(sess, 0, 1, "c"); err != nil {
		t.Fatal(err)
	}
	if r := sess.State.Result(2, 0); !r.PhonesOvercounted() || !r.Overcounted() {
		t.Errorf("three phone ballots for two people not flagged")
	}
	walk(t, sess, t0, []Event{{Kind: EventHeadcount, Exercise: 2, Count: 0}})
	if r := sess.State.Result(2, 0); r.PhonesOvercounted() {
		t.Errorf("flagged without a headcount")
	}
}
