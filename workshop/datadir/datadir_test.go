//go:build unix

package datadir

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// A new data folder is private; one an older Runsheet left open to other
// users is closed at start, Runsheet's files in it too, and nothing else.
func TestPrepareMakesTheDataFolderPrivate(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "new", "data")
	if err := Prepare(fresh); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fresh, filepath.Join(fresh, "plans")} {
		if m := mode(t, p); m != DirMode {
			t.Errorf("%s: %04o, want %04o", p, m, DirMode)
		}
	}

	old := t.TempDir()
	files := map[string]fs.FileMode{
		"runsheet.db": FileMode, "runsheet.db-wal": FileMode, "runsheet.db-shm": FileMode,
		"runsheet.lock": FileMode, "preferences.json": FileMode,
		"runsheet.db.unreadable-20260310-090000": FileMode,
		"plans/warm-up.toml":                     FileMode,
		"set-aside/20260310-a1b2c3d4e5.json":     FileMode,
		// Not Runsheet's: a folder given with --data may hold other things.
		"notes.txt": 0o644, "photos/cat.png": 0o644,
	}
	for _, d := range []string{"plans", "set-aside", "photos"} {
		if err := os.Mkdir(filepath.Join(old, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(old, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file its owner made read-only stays read-only: modes only narrow.
	if err := os.Chmod(filepath.Join(old, "preferences.json"), 0o444); err != nil {
		t.Fatal(err)
	}
	files["preferences.json"] = 0o400
	if err := os.Chmod(old, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Prepare(old); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if m := mode(t, filepath.Join(old, name)); m != want {
			t.Errorf("%s: %04o, want %04o", name, m, want)
		}
	}
	for d, want := range map[string]fs.FileMode{".": DirMode, "plans": DirMode, "set-aside": DirMode, "photos": 0o755} {
		if m := mode(t, filepath.Join(old, d)); m != want {
			t.Errorf("folder %s: %04o, want %04o", d, m, want)
		}
	}
}

func TestCreatePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runsheet.db")
	if err := CreatePrivate(path); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, path); m != FileMode {
		t.Errorf("%04o", m)
	}
	// An existing file is left as it is, content and all.
	os.WriteFile(path, []byte("kept"), 0o600)
	if err := CreatePrivate(path); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "kept" {
		t.Errorf("content %q", b)
	}
}
