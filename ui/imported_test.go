package ui

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runsheet/workshop/control/controltest"
	"runsheet/workshop/report"
	"runsheet/workshop/store"
)

// A session imported from a stranger's file, unfinished, with phone
// voting on at 0.0.0.0:18850 in room HACKED1 with a key of zeros, is
// neither resumed at start nor given a phone server: it opens as results.
func TestAnImportedSessionNeverBringsItsRoom(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Open(filepath.Join("..", "testdata", "hostile", "room-hacked.json"))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := report.ReadJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Create(sess); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Minutes after its last event, as an interrupted session would be resumed.
	clk := controltest.NewClock(sess.Events[len(sess.Events)-1].At.Add(5 * time.Minute))
	s, w, st := openShell(t, dir, clk, laptop)
	defer st.Close()
	if s.console != nil {
		t.Fatal("the imported session was resumed at start")
	}
	l := s.library.sessions
	if len(l.summaries) != 1 || !l.summaries[0].Imported || !strings.Contains(summaryText(l.summaries[0]), "imported unfinished: results only") {
		t.Fatalf("the list: %+v", l.summaries)
	}
	if err := s.OpenSession(sess.ID); err != nil {
		t.Fatal(err)
	}
	if s.console != nil || s.results == nil || w.Content() != s.results.content {
		t.Fatal("opening the imported session did not show its results")
	}
	// It ran until its last event, not until midnight.
	if body := allText(s.results.content); !strings.Contains(body, "ran "+appWords().Clock(sess.State.Started.Local())+"–"+appWords().Clock(sess.Events[1].At.Local())) {
		t.Errorf("results:\n%s", body)
	}
	if c, err := net.DialTimeout("tcp", "127.0.0.1:18850", time.Second); err == nil {
		c.Close()
		t.Error("something listens on the imported session's port")
	}
}
