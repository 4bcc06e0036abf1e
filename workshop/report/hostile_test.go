package report

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
)

// hostileAlloc is what importing one hostile file may allocate in all.
const hostileAlloc = 100 << 20

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

var hostileDir = filepath.Join("..", "..", "testdata", "hostile")

// Every session file under testdata/hostile, the bombs and the crashers
// the fuzzer found, is refused with a sentence naming the problem, within
// hostileAlloc; the one that only brings a room is imported without it.
func TestHostileSessionFiles(t *testing.T) {
	want := map[string]string{
		"import-nested-plan.json": "the file's plan:2: lists and tables are nested more than 4 deep",
		"room-hacked-2099.json":   "the session is dated 2099-01-01T09:00:00Z, in the future",
		"event-2099.json":         "event 2 (phones-on) is dated 2099-01-01T09:00:01Z, in the future",
		"event-1999.json":         "event 2 (phones-on) is dated 1999-01-01T09:00:01Z, before the session was created",
		"room-hacked.json":        "",
	}
	files, _ := filepath.Glob(filepath.Join(hostileDir, "*.json"))
	if len(files) < len(want) {
		t.Fatalf("%d hostile session files found", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		var sess *workshop.Session
		n := allocated(func() { sess, err = ReadJSON(f) })
		f.Close()
		if n > hostileAlloc {
			t.Errorf("%s: importing it allocated %d MB", name, n>>20)
		}
		w, known := want[name]
		switch {
		case known && w == "":
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case err == nil:
			t.Errorf("%s: imported", name)
		case !errors.Is(err, ErrImport):
			t.Errorf("%s: refused without ErrImport: %v", name, err)
		case !strings.Contains(err.Error(), w):
			t.Errorf("%s: got\n%v\nwant %q", name, err, w)
		}
		if sess != nil && !sess.Imported {
			t.Errorf("%s: not marked imported", name)
		}
	}
}

// An imported session never brings a room: the phone server's address,
// room code and key are dropped, and it is marked imported.
func TestImportDropsTheRoom(t *testing.T) {
	f, err := os.Open(filepath.Join(hostileDir, "room-hacked.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sess, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	ph := sess.State.Phones
	if !sess.Imported || ph.Addr != "" || ph.Room != "" || ph.Key != "" {
		t.Errorf("imported %v, phones %+v", sess.Imported, ph)
	}
	for _, e := range sess.Events {
		if e.Text != "" || e.Room != "" || e.Key != "" {
			t.Errorf("an event keeps the room: %+v", e)
		}
	}
	// Names and notes keep no control, bidi or invisible character.
	evil := strings.NewReplacer(`"group": "Sales"`, `"group": "Sales\u202e\u001b[2J"`, `"events": [`,
		`"events": [{"kind": "note", "at": "2026-03-10T09:00:00Z", "text": "line\n\u2066two\u200b"},`)
	s2, err := ReadJSON(strings.NewReader(evil.Replace(readFile(t, filepath.Join(hostileDir, "room-hacked.json")))))
	if err != nil || s2.Group != "Sales" || s2.State.Notes[0] != "line\ntwo" {
		t.Errorf("group %q, notes %q: %v", s2.Group, s2.State.Notes, err)
	}
	// A clock a little behind the exporting laptop's is fine.
	now := time.Date(2026, 3, 10, 8, 30, 0, 0, time.UTC)
	f.Seek(0, 0)
	if _, err := readJSON(f, now); err != nil {
		t.Errorf("a file 31 minutes ahead of the clock: %v", err)
	}
	f.Seek(0, 0)
	if _, err := readJSON(f, now.Add(-time.Hour)); err == nil || !strings.Contains(err.Error(), "in the future (this laptop's clock says 2026-03-10T07:30:00Z)") {
		t.Errorf("a file 91 minutes ahead of the clock: %v", err)
	}
}

// A session file is bounded as it is read: its size, its events, its
// plan (which is held to a plan file's limits), its sources.
func TestImportLimits(t *testing.T) {
	good, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(good), `"events": [`)
	withEvents := func(n int, event string) string {
		var b strings.Builder
		b.WriteString(head + `"events": [`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(event)
		}
		b.WriteString("]}")
		return b.String()
	}
	move := `{"kind":"moved","at":"2026-03-10T09:00:00Z","exercise":1}`
	tests := []struct {
		name, file, want string
	}{
		{"too many events", withEvents(MaxImportEvents+1, move), "the file has more than 80000 events"},
		{"too large", withEvents(1, move) + strings.Repeat(" ", MaxImportBytes), "the file is larger than 16 MiB"},
		{"a plan over 1 MB", strings.Replace(string(good), `"plan": "`, `"plan": "`+strings.Repeat("# padding\\n", 120_000), 1), "the file's plan: the plan is larger than 1 MiB (1048576 bytes)"},
		{"30,000 exercises", strings.Replace(string(good), `"plan": "`, `"plan": "`+strings.Repeat(`[[exercise]]\nkind=\"talk\"\ntitle=\"a\"\nminutes=1\n`, 30_000), 1), "the plan is larger than 1 MiB (1048576 bytes)"},
		{"300,000 exercises", strings.Replace(string(good), `"plan": "`, `"plan": "`+strings.Repeat(`[[exercise]]\nkind=\"talk\"\ntitle=\"a\"\nminutes=1\n`, 300_000), 1), "the file has a text longer than 4 MiB"},
		{"a long group name", strings.Replace(string(good), `"group": "`, `"group": "`+strings.Repeat("x", MaxImportString), 1), "the file has a text longer than 4 MiB"},
		{"events twice", strings.Replace(string(good), `"events": [`, `"events": [], "events": [`, 1), `the key "events" appears twice`},
		{"events not a list", strings.Replace(string(good), `"events": [`, `"events": {"a": [`, 1), "events must be a list"},
		{"trailing data", string(good) + "{}", "something follows the session"},
		{"a list of 5 million items", strings.Replace(string(good), `"events": [`, `"events": [{"kind":"insert","at":"2026-03-10T09:00:00Z","exercise":1,"added":{"kind":"vote","title":"x","minutes":1,"options":["a","b"],"items":[`+strings.Repeat("{},", 5_000_000)+`{}]}},`, 1), "a list in the file has more than 1000 entries"},
		{"5 million sources", strings.Replace(string(good), `"plan": "`, `"sources": [`+strings.Repeat(`"",`, 5_000_000)+`""], "plan": "`, 1), "a list in the file has more than 160000 entries"},
		{"nested lists", strings.Replace(string(good), `"events": [`, `"events": [{"kind":"note","at":"2026-03-10T09:00:00Z","x":`+strings.Repeat("[", 9)+strings.Repeat("]", 9)+`},`, 1), "nested more than 8 deep"},
		{"many sources", strings.Replace(string(good), `"plan": "`, `"sources": [`+strings.Repeat(`"x",`, 200)+`"x"], "plan": "`, 1), "201 sources; at most 200"},
	}
	for _, tt := range tests {
		var err error
		n := allocated(func() { _, err = ReadJSON(strings.NewReader(tt.file)) })
		if !errors.Is(err, ErrImport) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an import error about %q", tt.name, err, tt.want)
		}
		if n > hostileAlloc {
			t.Errorf("%s: allocated %d MB", tt.name, n>>20)
		}
	}
	// The limit of events is read, within the same bounds.
	limit := withEvents(MaxImportEvents, move)
	n := allocated(func() { _, err = ReadJSON(strings.NewReader(limit)) })
	if err != nil {
		t.Errorf("%d events: %v", MaxImportEvents, err)
	}
	if n > 2*hostileAlloc {
		t.Errorf("%d events allocated %d MB", MaxImportEvents, n>>20)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
