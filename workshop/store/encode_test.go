package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"runsheet/workshop"
)

// The votes encodeEvent writes by hand come out as encoding/json writes
// them, and every other event goes through encoding/json.
func TestEncodeEventIsItsJSON(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 30, 15, 123456789, time.UTC)
	berlin := time.FixedZone("CET", 3600)
	odd := time.FixedZone("LMT", 3600+17) // an offset with seconds: encoding/json refuses it
	events := []workshop.Event{
		{Kind: workshop.EventVote, At: at, Exercise: 2, Item: 1, Option: 3, Participant: "0a1b2c3d4e5f"},
		{Kind: workshop.EventVote, At: at},
		{Kind: workshop.EventVote, At: time.Time{}, Participant: "x"},
		{Kind: workshop.EventVote, At: at.In(berlin), Exercise: -1, Item: -7, Option: 1 << 40},
		{Kind: workshop.EventVote, At: at.Truncate(time.Second), Option: 1},
		{Kind: workshop.EventVote, At: at, Participant: `quote"and\back`},
		{Kind: workshop.EventVote, At: at, Participant: "<script>&"},
		{Kind: workshop.EventVote, At: at, Participant: "émile"},
		{Kind: workshop.EventVote, At: at, Members: []string{}},
		{Kind: workshop.EventVote, At: at, Request: "r1"},
		{Kind: workshop.EventVote, At: at, Undo: true},
		{Kind: workshop.EventVote, At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Kind: workshop.EventVote, At: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Kind: workshop.EventVote, At: at.In(odd)},
		{Kind: workshop.EventTally, At: at, Exercise: 2, Item: 1, Option: 3, Count: 12, Source: workshop.SourcePaper},
		{Kind: workshop.EventNoteEdited, At: at, Exercise: 1, Text: "notes\n\"quoted\""},
	}
	for _, e := range events {
		want, wantErr := json.Marshal(e)
		got, err := encodeEvent(e)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Errorf("%+v:\n got %s (%v)\nwant %s (%v)", e, got, err, want, wantErr)
		}
	}
}

// plainVote names every field of an event: a field added to Event must be
// added there too, or a vote carrying it would be saved without it.
func TestEncodeEventKnowsEveryField(t *testing.T) {
	var names []string
	for f := range reflect.TypeFor[workshop.Event]().Fields() {
		names = append(names, f.Name)
	}
	known := []string{"Kind", "At", "Exercise", "Delta", "Text", "Item", "Option", "Source", "Count",
		"Participant", "Room", "Key", "Close", "Undo", "Correction", "Added", "PerPhone", "Members", "Request"}
	if !reflect.DeepEqual(names, known) {
		t.Errorf("workshop.Event has fields %v; encodeEvent knows %v: check plainVote and encodeEvent", names, known)
	}
}

func FuzzEncodeEvent(f *testing.F) {
	f.Add(int64(1764667815123456789), 3600, 2, 1, 3, "0a1b2c")
	f.Add(int64(0), 0, 0, 0, 0, "")
	f.Fuzz(func(t *testing.T, nanos int64, offset, exercise, item, option int, participant string) {
		e := workshop.Event{Kind: workshop.EventVote, At: time.Unix(0, nanos).In(time.FixedZone("", offset%100000)),
			Exercise: exercise, Item: item, Option: option, Participant: participant}
		want, wantErr := json.Marshal(e)
		got, err := encodeEvent(e)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("%+v:\n got %s (%v)\nwant %s (%v)", e, got, err, want, wantErr)
		}
	})
}
