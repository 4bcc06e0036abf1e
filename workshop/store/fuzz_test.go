package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/report"
)

// A session file that imports is stored whole and loads back the same,
// still marked imported, its room gone; one already stored is refused.
func FuzzImport(f *testing.F) {
	good, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "session-v1.json"))
	f.Add(good)
	hostile, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.json"))
	for _, file := range hostile {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	s, err := Open(filepath.Join(f.TempDir(), FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, data []byte) {
		sess, err := report.ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := s.Create(sess); err != nil {
			if errors.Is(err, ErrExists) {
				return
			}
			t.Fatalf("an imported session cannot be stored: %v", err)
		}
		back, err := s.Load(sess.ID)
		if err != nil {
			t.Fatalf("an imported session does not load: %v", err)
		}
		if !back.Imported || back.State.Phones.Room != "" || back.State.Phones.Key != "" || back.State.Phones.Addr != "" {
			t.Fatalf("loaded: imported %v, phones %+v", back.Imported, back.State.Phones)
		}
		if a, b := utcSummary(back), utcSummary(sess); !reflect.DeepEqual(a, b) {
			t.Fatalf("stored and loaded differ:\n%+v\n%+v", a, b)
		}
	})
}

// utcSummary is a session's summary with its times in UTC, as stored.
func utcSummary(sess *workshop.Session) Summary {
	s := Summarize(sess)
	for _, t := range []*time.Time{&s.Created, &s.Started, &s.Finished, &s.LastEvent} {
		*t = t.UTC()
	}
	return s
}
