package store

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// mountTmpfs mounts a small filesystem for the test, or skips the test
// where mounting is not allowed.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestFullDiskIsAClearErrorAndLosesNothing(t *testing.T) {
	dir := mountTmpfs(t, "512k")
	path := filepath.Join(dir, FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := newRecorded(t, s, "Full")
	if err := r.Record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, At: t0}); err != nil {
		t.Fatal(err)
	}
	var acked []string
	var lastErr error
	for i := range 100000 {
		p := fmt.Sprintf("participant-with-a-long-id-%06d", i)
		if lastErr = r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Participant: p, At: t0}); lastErr != nil {
			break
		}
		acked = append(acked, p)
	}
	if !errors.Is(lastErr, workshop.ErrNotSaved) || !strings.Contains(lastErr.Error(), "disk is full") {
		t.Fatalf("when the disk filled up: %v", lastErr)
	}
	var shown int
	r.View(func(sess *workshop.Session) { shown = len(sess.State.Votes[sorting].Items[0].Voters()) })
	if shown != len(acked) {
		t.Errorf("the session shows %d votes but %d were saved", shown, len(acked))
	}
	s.Close()

	exec.Command("mount", "-o", "remount,size=4m", dir).Run()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopening after the disk filled: %v", err)
	}
	defer s.Close()
	sess, err := s.Load(r.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(sess.State.Votes[sorting].Items[0].Voters()); got != len(acked) {
		t.Errorf("%d of %d acknowledged votes are in the file", got, len(acked))
	}
}

func TestReadOnlyFolderIsAClearError(t *testing.T) {
	dir := mountTmpfs(t, "4m")
	path := filepath.Join(dir, FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	newRecorded(t, s, "Kept")
	s.Close()
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	s, err = Open(path)
	if err == nil {
		defer s.Close()
		sess, _ := workshop.NewSession(plans.Builtin(), "new", "", t0)
		err = s.Create(sess)
	}
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("read-only folder: %v", err)
	}
}
