package report

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

var update = flag.Bool("update", false, "rewrite the fixture session in testdata/")

var fixture = filepath.Join("..", "..", "testdata", "session-v1.json")

// fixtureSession is the session stored in the fixture file.
func fixtureSession(t *testing.T) *workshop.Session {
	t.Helper()
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	plan := plans.Builtin()
	// The fixture was written before a scale could be private.
	for i := range plan.Exercises {
		plan.Exercises[i].Private = false
	}
	s, err := workshop.NewSession(plan, "Sales leads, Łódź", "Ana Müller", t0)
	if err != nil {
		t.Fatal(err)
	}
	s.ID = "20260310-a1b2c3d4e5"
	at := t0
	for _, e := range []workshop.Event{
		{Kind: workshop.EventStarted},
		{Kind: workshop.EventMoved, Exercise: 2},
		{Kind: workshop.EventHeadcount, Exercise: 2, Count: 24},
		{Kind: workshop.EventOpened, Exercise: 2, Item: 0},
		{Kind: workshop.EventTally, Exercise: 2, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: 15},
		{Kind: workshop.EventTally, Exercise: 2, Item: 0, Option: 1, Source: workshop.SourceRoom, Count: 5},
		{Kind: workshop.EventVote, Exercise: 2, Item: 0, Option: 0, Participant: "p-7f3a"},
		{Kind: workshop.EventVote, Exercise: 2, Item: 0, Option: 1, Participant: "p-91bc"},
		{Kind: workshop.EventRevealed, Exercise: 2, Item: 0},
		{Kind: workshop.EventNoteEdited, Exercise: 2, Text: "Split on the rota item: \"it depends\"."},
		{Kind: workshop.EventFinished},
	} {
		at = at.Add(3 * time.Minute)
		e.At = at
		if err := s.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestFixtureReadsBack(t *testing.T) {
	want := fixtureSession(t)
	if *update {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixture, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	r := got.State.Result(2, 0)
	if got.ID != want.ID || got.Group != "Sales leads, Łódź" || r.Votes != 22 || r.NoVote != 2 || !r.Revealed || !got.State.IsFinished() {
		t.Errorf("fixture reads back wrong: %s %q %+v", got.ID, got.Group, r)
	}
	if !reflect.DeepEqual(got.State, want.State) {
		t.Error("fixture state differs from the session that wrote it")
	}
	var again bytes.Buffer
	if err := WriteJSON(&again, got); err != nil {
		t.Fatal(err)
	}
	disk, _ := os.ReadFile(fixture)
	if !bytes.Equal(again.Bytes(), disk) {
		t.Error("export of an import is not the same file")
	}
}

func TestReadJSONRefusesBadFiles(t *testing.T) {
	good, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	swap := func(old, new string) string {
		if !strings.Contains(string(good), old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(string(good), old, new, 1)
	}
	tests := []struct {
		name, file, want string
	}{
		{"newer version", swap(`"version": 1`, `"version": 2`), "newer Runsheet"},
		{"truncated", string(good[:len(good)/2]), "not valid JSON"},
		{"empty", "", "not valid JSON"},
		{"not ours", `{"format": "something-else", "version": 1}`, "not a Runsheet session export"},
		{"unknown field", swap(`"group":`, `"grup": "x", "group":`), "unknown field"},
		{"item the plan lacks", swap(`"kind": "tally",`, `"kind": "tally", "item": 99,`), "does not fit the plan"},
		{"option the plan lacks", swap(`"option": 1`, `"option": 7`), "does not fit the plan"},
		{"negative count", swap(`"count": 15`, `"count": -15`), "does not fit the plan"},
		{"absurd count", swap(`"count": 15`, `"count": 900000000`), "does not fit the plan"},
		{"broken plan", swap(`minutes = 10`, `minutes = 0`), "plan is invalid"},
		{"bad id", swap(`"id": "20260310-a1b2c3d4e5"`, `"id": "../../etc"`), "id"},
		// Twins and other spellings of a key, which the decoder would take
		// the last of, or match whatever their case.
		{"a key twice in an event", swap(`"count": 15`, `"count": 15, "count": 99`), `the key "count" appears twice`},
		{"a key twice at the top", swap(`"group":`, `"group": "x", "group":`), `the key "group" appears twice`},
		{"a key in capitals beside its twin", swap(`"count": 15`, `"count": 15, "COUNT": 77`), `the key "COUNT", near byte`},
		{"a key in capitals", strings.Replace(string(good), `"at":`, `"AT":`, 1), `spelt otherwise than the format's "at"`},
		{"a key in capitals at the top", swap(`"group":`, `"ID": "x", "group":`), `spelt otherwise than the format's "id"`},
		{"an escaped key", swap(`"group":`, `"\u0067roup":`), "written with an escape"},
		{"long name", swap(`"group": "Sales leads, Łódź"`, `"group": "`+strings.Repeat("x", 10000)+`"`), "10000 characters"},
	}
	for _, tt := range tests {
		_, err := ReadJSON(strings.NewReader(tt.file))
		if !errors.Is(err, ErrImport) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an import error about %q", tt.name, err, tt.want)
		}
	}
}

// hostileSeeds are the session files under testdata/hostile, and the
// fixture.
func hostileSeeds(f *testing.F) [][]byte {
	good, _ := os.ReadFile(fixture)
	seeds := [][]byte{good}
	files, _ := filepath.Glob(filepath.Join(hostileDir, "*.json"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			seeds = append(seeds, data)
		}
	}
	return seeds
}

// withinBounds fails a fuzzed input that took more than a second while
// fuzzing; call the function it returns when the input is done.
func withinBounds(t *testing.T, data []byte) func() {
	fz := flag.Lookup("test.fuzz")
	if fz == nil || fz.Value.String() == "" {
		return func() {}
	}
	start := time.Now()
	// An input that never ends would stall the fuzzer without a word: it
	// crashes the worker instead, which keeps the input.
	hang := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("%d bytes still running after 10 s", len(data))) })
	return func() {
		hang.Stop()
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d bytes took %v", len(data), d)
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range hostileSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte(`{"format":"runsheet-session","version":1}`))
	f.Add([]byte(`{"format":"runsheet-session","version":1,"events":[{"kind":"phones-on","room":"HACKED1"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer withinBounds(t, data)()
		s, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrImport) {
				t.Fatalf("error without ErrImport: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteJSON(&buf, s); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadJSON(&buf); err != nil {
			t.Fatalf("an accepted session does not read back: %v", err)
		}
	})
}

// Two session files, each checked on import, merged: a merge of what was
// imported either succeeds, with a session that exports and imports again
// and writes its CSV, or says why not. It never panics.
func FuzzMerge(f *testing.F) {
	seeds := hostileSeeds(f)
	good := seeds[0]
	other := bytes.Replace(good, []byte(`"id": "20260310-a1b2c3d4e5"`), []byte(`"id": "20260310-b1b2c3d4e5"`), 1)
	f.Add(good, other)
	for _, s := range seeds[1:] {
		f.Add(good, s)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		defer withinBounds(t, append(a, b...))()
		var sessions []*workshop.Session
		for _, data := range [][]byte{a, b} {
			s, err := ReadJSON(bytes.NewReader(data))
			if err != nil {
				return
			}
			sessions = append(sessions, s)
		}
		merged, err := workshop.Merge(sessions, "Both", time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC))
		if err != nil {
			if !errors.Is(err, workshop.ErrMerge) && !errors.Is(err, workshop.ErrBadEvent) {
				t.Fatalf("a merge refused without a reason of its own: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteJSON(&buf, merged); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadJSON(&buf); err != nil {
			t.Fatalf("a merged session does not import: %v", err)
		}
		if err := CSV(io.Discard, merged); err != nil {
			t.Fatal(err)
		}
	})
}
