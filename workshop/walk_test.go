package workshop

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// walk records a list of events at now into sess, failing the test on a refusal.
func walk(t *testing.T, sess *Session, now time.Time, events []Event) {
	t.Helper()
	for _, e := range events {
		e.At = now
		if err := sess.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
}

// step describes where the walk stands, for comparing with what is expected.
func step(s *State) string {
	v := s.Room()
	switch {
	case v.Item >= 0:
		state := "open"
		if !v.Open {
			state = "closed"
		}
		if v.Revealed {
			state += "+revealed"
		}
		return fmt.Sprintf("%d item %d %s", v.Exercise+1, v.Item+1, state)
	case v.Rounds > 0:
		return fmt.Sprintf("%d round %d/%d", v.Exercise+1, v.Round, v.Rounds)
	case v.Input == InputText:
		state := "open"
		if !v.Answering {
			state = "closed"
		}
		if v.Revealed {
			state += "+revealed"
		}
		return fmt.Sprintf("%d answers %s", v.Exercise+1, state)
	}
	return fmt.Sprintf("%d %s", v.Exercise+1, v.Kind)
}

func TestNextWalksTheWholeBuiltinWorkshop(t *testing.T) {
	plan := BuiltinPlan()
	sess, err := NewSession(plan, "Walkers", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	now := t0
	var steps []string
	for range 200 {
		evs := sess.State.Next(true)
		if len(evs) == 0 {
			break
		}
		now = now.Add(10 * time.Second)
		walk(t, sess, now, evs)
		steps = append(steps, step(sess.State))
	}
	if !sess.State.AtEnd() {
		t.Fatalf("Next stopped before the end at %s", steps[len(steps)-1])
	}
	// Every item opens in turn and is revealed, which closes its voting,
	// before the walk moves on; every round is shown.
	want := []string{"1 talk"}
	for ei, ex := range plan.Exercises {
		if ei == 0 {
			continue
		}
		switch {
		case ex.TakesAnswers():
			want = append(want, fmt.Sprintf("%d answers open", ei+1), fmt.Sprintf("%d answers closed+revealed", ei+1))
		case ex.TakesVotes():
			for i := range ex.Items {
				want = append(want, fmt.Sprintf("%d item %d open", ei+1, i+1), fmt.Sprintf("%d item %d closed+revealed", ei+1, i+1))
			}
		case ex.HasRounds():
			for r := range ex.Prompts {
				want = append(want, fmt.Sprintf("%d round %d/%d", ei+1, r+1, len(ex.Prompts)))
			}
		default:
			want = append(want, fmt.Sprintf("%d %s", ei+1, ex.Kind))
		}
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("the walk went\n%s\nwant\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
	}
	for ei, ex := range plan.Exercises {
		for i := range sess.State.Votes[ei].Items {
			if it := sess.State.Votes[ei].Items[i]; !it.Closed || it.Open {
				t.Errorf("%s item %d left open after the walk passed it", ex.Title, i+1)
			}
		}
	}
	if !sess.State.Running() {
		t.Error("the timer stopped during the walk")
	}

	// Previous walks back over the same steps, without revealing anything.
	var back []string
	for range 200 {
		evs := sess.State.Previous()
		if len(evs) == 0 {
			break
		}
		now = now.Add(time.Second)
		walk(t, sess, now, evs)
		back = append(back, step(sess.State))
	}
	if sess.State.Current != 0 || len(back) < len(plan.Exercises) {
		t.Errorf("Previous ended at exercise %d after %d steps", sess.State.Current+1, len(back))
	}
	replayed, err := Replay(plan, sess.Events)
	if err != nil || !reflect.DeepEqual(replayed, sess.State) {
		t.Errorf("the walk's events do not replay to the same state: %v", err)
	}
}

func TestNextWithoutRevealingAndMovingByTheAgenda(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	if evs := sess.State.Next(false); len(evs) != 1 || evs[0].Kind != EventStarted {
		t.Fatalf("Next before the start: %+v", evs)
	}
	walk(t, sess, t0, sess.State.Next(false))
	walk(t, sess, t0, sess.State.Next(false))
	if got := step(sess.State); got != "2 item 1 open" {
		t.Fatalf("after starting and one Next: %s", got)
	}
	walk(t, sess, t0, sess.State.Next(false))
	if got := step(sess.State); got != "2 item 2 open" {
		t.Errorf("Next without reveal: %s", got)
	}
	if it := sess.State.Votes[1].Items[0]; it.Revealed || it.Open || !it.Closed {
		t.Errorf("the item left is %+v", it)
	}
	// Jumping elsewhere closes the open item; coming back reopens it.
	walk(t, sess, t0, sess.State.MoveTo(3, -1))
	if got := step(sess.State); got != "4 round 1/3" || sess.State.Votes[1].Items[1].Open {
		t.Errorf("after jumping to the discussion: %s", got)
	}
	walk(t, sess, t0, sess.State.MoveTo(1, -1))
	if got := step(sess.State); got != "2 item 2 open" {
		t.Errorf("back at the warm-up: %s", got)
	}
	// Previous from the first item of an exercise arrives at the last round
	// of the discussion before it.
	walk(t, sess, t0, sess.State.MoveTo(4, -1))
	walk(t, sess, t0, sess.State.Previous())
	if got := step(sess.State); got != "4 round 3/3" {
		t.Errorf("Previous into a discussion: %s", got)
	}
	walk(t, sess, t0, []Event{{Kind: EventFinished}})
	if sess.State.Next(true) != nil || sess.State.Previous() != nil || sess.State.AtEnd() {
		t.Error("a finished session still walks")
	}
}

func TestRoundsAndPhoneVotingAreCheckedAndReplayed(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	for _, bad := range []Event{
		{Kind: EventRound, Exercise: 3, Item: 3},
		{Kind: EventRound, Exercise: 0, Item: 0},
		{Kind: EventRound, Exercise: 99},
		{Kind: EventPhonesOn, Text: "0.0.0.0:8737", Room: "k7"},
		{Kind: EventPhonesOn, Text: strings.Repeat("x", 200), Room: "K7QXM"},
		{Kind: EventPhoneRemoved},
	} {
		if err := sess.Record(bad); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
	walk(t, sess, t0, []Event{
		{Kind: EventPhonesOn, Text: ":8737", Room: "K7QXM"},
		{Kind: EventPhoneRemoved, Participant: "abc"},
		{Kind: EventPhonesOff},
		{Kind: EventPhonesOn, Text: ":8738", Room: "K7QXM"},
	})
	replayed, err := Replay(plan, sess.Events)
	if err != nil {
		t.Fatal(err)
	}
	ph := replayed.Phones
	if !ph.On || ph.Addr != ":8738" || ph.Room != "K7QXM" || !ph.Removed["abc"] {
		t.Errorf("phone voting after replay: %+v", ph)
	}
}

func TestRoomViewShowsResultsOnlyOnceRevealed(t *testing.T) {
	plan := BuiltinPlan()
	sess, _ := NewSession(plan, "", "", t0)
	walk(t, sess, t0, sess.State.MoveTo(2, -1))
	walk(t, sess, t0, []Event{{Kind: EventTally, Exercise: 2, Item: 0, Option: 0, Source: SourceRoom, Count: 7}})
	v := sess.State.Room()
	if v.Result != nil || v.Expected != "" || !v.Open || v.Question == "" || len(v.Options) != 2 {
		t.Errorf("before reveal: %+v", v)
	}
	walk(t, sess, t0, []Event{{Kind: EventRevealed, Exercise: 2, Item: 0}})
	v = sess.State.Room()
	if v.Result == nil || v.Result.Total[0] != 7 || v.Expected != "Implement" {
		t.Errorf("after reveal: %+v", v)
	}
	walk(t, sess, t0, sess.State.MoveTo(7, -1))
	v = sess.State.Room()
	if v.Item != -1 || len(v.Prompts) != 3 || v.Rounds != 0 || !v.Answering || v.Revealed || v.Answers != nil {
		t.Errorf("open exercise: %+v", v)
	}
}

func TestTimerViewFlashesFromStateAlone(t *testing.T) {
	sess, _ := NewSession(BuiltinPlan(), "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	end := t0.Add(10 * time.Minute)
	for _, c := range []struct {
		at                 time.Duration
		text               string
		flashing, inverted bool
	}{
		{-time.Second, "00:01", false, false},
		{0, "+00:00", true, true},
		{700 * time.Millisecond, "+00:00", true, false},
		{4900 * time.Millisecond, "+00:04", true, false},
		{5 * time.Second, "+00:05", false, false},
	} {
		v := sess.State.Timer(end.Add(c.at))
		if v.Text != c.text || v.Flashing != c.flashing || v.Inverted != c.inverted {
			t.Errorf("at %v past zero: %+v", c.at, v)
		}
	}
	if w, ok := sess.State.NextTick(t0.Add(300 * time.Millisecond)); !ok || w != 700*time.Millisecond {
		t.Errorf("next tick %v %v", w, ok)
	}
	if w, ok := sess.State.NextTick(end.Add(200 * time.Millisecond)); !ok || w != 300*time.Millisecond {
		t.Errorf("next tick while flashing %v %v", w, ok)
	}
	walk(t, sess, end, []Event{{Kind: EventPaused}})
	if w, ok := sess.State.NextTick(end); !ok || w != PausedTick {
		t.Errorf("a paused timer ticks every %v (%v), want only the drift's slow redraw", w, ok)
	}
	walk(t, sess, end, []Event{{Kind: EventFinished}})
	if _, ok := sess.State.NextTick(end); ok {
		t.Error("a finished session still ticks")
	}
}

// The flash at zero, watched on a clock stepped by a millisecond: never
// more than three flashes (six changes of brightness) in any second, over
// within five seconds, then a steady overtime that says so in words and
// with a "+", not by colour alone.
func TestTimerFlashIsSlowAndShort(t *testing.T) {
	sess, _ := NewSession(BuiltinPlan(), "", "", t0)
	walk(t, sess, t0, []Event{{Kind: EventStarted}})
	end := t0.Add(10 * time.Minute)
	var changes []time.Duration
	was := sess.State.Timer(end.Add(-time.Second)).Inverted
	last := time.Duration(-1)
	for at := -time.Second; at <= 20*time.Second; at += time.Millisecond {
		v := sess.State.Timer(end.Add(at))
		if v.Inverted != was {
			changes = append(changes, at)
			was = v.Inverted
		}
		if v.Flashing {
			last = at
		}
		if at >= 0 && (v.Phase != PhaseOvertime || !strings.HasPrefix(v.Text, "+")) {
			t.Fatalf("at %v past zero the timer reads %q in phase %v: overtime must show beyond colour", at, v.Text, v.Phase)
		}
	}
	if len(changes) == 0 {
		t.Fatal("the timer never flashed at zero")
	}
	for i := range changes {
		n := 0
		for _, c := range changes[i:] {
			if c-changes[i] < time.Second {
				n++
			}
		}
		if n > 6 {
			t.Errorf("%d changes of brightness within a second from %v: more than three flashes a second", n, changes[i])
		}
	}
	if last < 0 || last >= 5*time.Second || changes[len(changes)-1] >= 5*time.Second {
		t.Errorf("the flash lasts until %v (last change at %v); want it over within five seconds", last, changes[len(changes)-1])
	}
	if v := sess.State.Timer(end.Add(time.Minute)); v.Flashing || v.Inverted {
		t.Errorf("a minute over, the timer still flashes: %+v", v)
	}
}

func TestTheHeadcountCarriesOverToTheNextVote(t *testing.T) {
	sess, _ := NewSession(BuiltinPlan(), "", "", t0)
	walk(t, sess, t0, sess.State.MoveTo(1, -1))
	walk(t, sess, t0, []Event{{Kind: EventHeadcount, Exercise: 1, Count: 20}})
	walk(t, sess, t0, sess.State.MoveTo(2, -1))
	if h := sess.State.Votes[2].Headcount; h != 20 {
		t.Errorf("the headcount did not carry over: %d", h)
	}
	walk(t, sess, t0, []Event{{Kind: EventHeadcount, Exercise: 2, Count: 18}})
	walk(t, sess, t0, sess.State.MoveTo(1, -1))
	if h := sess.State.Votes[1].Headcount; h != 20 {
		t.Errorf("going back changed an exercise's own headcount: %d", h)
	}
}
