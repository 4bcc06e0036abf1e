package live

import (
	"testing"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// selfRating is the built-in workshop's private scale, "Where am I today?".
const selfRating = 6

// A private self-rating reaches the phones as its aggregate only: how many
// rated and the mean and median, never how many chose each number; a vote
// still sends its shares.
func TestPrivateScaleSendsOnlyTheAggregate(t *testing.T) {
	f := newFixture(t)
	if !plans.Builtin().Exercises[selfRating].Private {
		t.Fatal("the built-in self-rating is not private")
	}
	room := "?room=" + f.srv.Room()
	tok := f.join("")
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: selfRating})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: selfRating, Item: 0})
	for _, opt := range []int{0, 4} {
		voter := f.join("")
		if code, out := f.call("POST", "/vote", voter, map[string]any{"room": f.srv.Room(), "exercise": selfRating, "item": 0, "option": opt}); code != 200 {
			t.Fatalf("vote: %d %v", code, out)
		}
	}
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: selfRating, Item: 0})
	code, st := f.call("GET", "/state"+room, tok, nil)
	if code != 200 || st["revealed"] != true {
		t.Fatalf("state: %d %v", code, st)
	}
	if _, ok := st["results"]; ok {
		t.Errorf("a private scale's counts reached a phone: %v", st["results"])
	}
	if st["votes"] != float64(2) || st["mean"] != float64(3) || st["median"] != float64(3) {
		t.Errorf("aggregate: votes %v mean %v median %v, want 2, 3, 3", st["votes"], st["mean"], st["median"])
	}

	// A vote still sends how many chose each answer.
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: sorting})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: 3})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 0})
	if _, st := f.call("GET", "/state"+room, tok, nil); st["results"] == nil {
		t.Errorf("a vote's shares did not reach the phone: %v", st)
	}
}
