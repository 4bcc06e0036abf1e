//go:build unix

package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A new store, and the log files SQLite makes beside it, are readable by
// their owner alone, whatever the process's umask: they hold every
// session and the key that signs phones' tokens.
func TestANewStoreIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	s, path := openTemp(t)
	if err := s.Create(votedSession(t, "Private", 3)); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		seen++
		if m := info.Mode().Perm(); m != 0o600 {
			t.Errorf("%s: mode %04o, want 0600", filepath.Base(p), m)
		}
	}
	if seen != 3 {
		t.Errorf("%d of the store's 3 files while open", seen)
	}
}
