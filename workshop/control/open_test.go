package control

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTheOpenSessionIsRecordedAndForgotten(t *testing.T) {
	dir := t.TempDir()
	if got := RecordedOpen(dir); got != "" {
		t.Fatalf("a fresh folder records %q open", got)
	}
	if err := RecordOpen(dir, "a1"); err != nil {
		t.Fatal(err)
	}
	if err := RecordOpen(dir, "b2"); err != nil {
		t.Fatal(err)
	}
	if got := RecordedOpen(dir); got != "b2" {
		t.Fatalf("recorded open %q, want b2", got)
	}
	if fi, err := os.Stat(filepath.Join(dir, OpenFileName)); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the record: %v %v", fi, err)
	}
	if err := ForgetOpen(dir); err != nil {
		t.Fatal(err)
	}
	if got := RecordedOpen(dir); got != "" {
		t.Errorf("after leaving, %q is still recorded open", got)
	}
	if err := ForgetOpen(dir); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
	// No folder, no record: nothing is written to the working directory.
	if err := RecordOpen("", "x"); err != nil || RecordedOpen("") != "" {
		t.Error("an empty folder recorded a session")
	}
}
