package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// The commands print no raw control, bidi or invisible character, from a
// file, the store or an error: each is shown as an escape.
func TestCommandsPrintNoRawControlCharacters(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(filepath.Join(data, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := workshop.NewSession(plans.Builtin(), "G", "", time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// As an older Runsheet may have stored them.
	sess.Group = "Sales\x1b[2J\x1b]0;pwned\x07\u202eevil"
	sess.Plan.Title = "Plan\x1b[31m\u2066red"
	if err := st.Create(sess); err != nil {
		t.Fatal(err)
	}
	st.Close()
	plan := filepath.Join(t.TempDir(), "bad\x1b[2J.toml")
	os.WriteFile(plan, []byte("title = \"x\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"\\u001b[2J\"\nminutes = 1\n"), 0o600)
	for _, args := range [][]string{
		{"--data", data, "sessions"},
		{"check", plan},
		{"--data", data, "import", plan},
		{"check", "missing\x1b[2J\u202e.toml"},
	} {
		var stdout, stderr bytes.Buffer
		run(args, &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if strings.ContainsAny(out, "\x1b\x07\u202e\u2066") {
			t.Errorf("%q printed a raw control character:\n%q", args, out)
		}
		if !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("%q did not show the escape:\n%s", args, out)
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"--data", data, "sessions"}, &stdout, &stderr)
	// The group is shown escaped; the plan was cleaned as it was stored:
	// the colour sequence dropped whole, as a terminal would have shown it.
	if !strings.Contains(stdout.String(), `Sales\x1b[2J\x1b]0;pwned\x07\u202eevil`) || !strings.Contains(stdout.String(), `Planred`) {
		t.Errorf("the list:\n%s", stdout.String())
	}
}

// A character split between two writes is printed whole.
func TestTerminalWriterKeepsSplitCharacters(t *testing.T) {
	var b bytes.Buffer
	w := &terminalWriter{w: &b}
	s := []byte("Łódź \u202e!\xff\n")
	for i := range s {
		w.Write(s[i : i+1])
	}
	if got := b.String(); got != "Łódź \\u202e!\\xff\n" {
		t.Errorf("%q", got)
	}
}

// The data folder and Runsheet's files in it are private on Unix: made so
// when new, closed when an older Runsheet left them open; another file in
// a folder given with --data is left alone.
func TestDataFolderIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a user's application data folder on Windows is private by its ACL")
	}
	mode := func(p string) os.FileMode {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Mode().Perm()
	}
	fresh := filepath.Join(t.TempDir(), "data")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", fresh, "import", filepath.Join("testdata", "session-v1.json")}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	for name, want := range map[string]os.FileMode{".": 0o700, "plans": 0o700, "runsheet.db": 0o600, "runsheet.lock": 0o600} {
		if m := mode(filepath.Join(fresh, name)); m != want {
			t.Errorf("new %s: %04o, want %04o", name, m, want)
		}
	}

	old := t.TempDir()
	os.Chmod(old, 0o755)
	os.Mkdir(filepath.Join(old, "plans"), 0o755)
	for _, name := range []string{"preferences.json", "plans/warm-up.toml", "notes.txt"} {
		os.WriteFile(filepath.Join(old, name), []byte("{}"), 0o644)
	}
	if code := run([]string{"--data", old, "import", filepath.Join("testdata", "session-v1.json")}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	os.Chmod(filepath.Join(old, "runsheet.db"), 0o644)
	if code := run([]string{"--data", old, "sessions"}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	for name, want := range map[string]os.FileMode{".": 0o700, "plans": 0o700, "runsheet.db": 0o600, "preferences.json": 0o600,
		"plans/warm-up.toml": 0o600, "runsheet.lock": 0o600, "notes.txt": 0o644} {
		if m := mode(filepath.Join(old, name)); m != want {
			t.Errorf("%s: %04o, want %04o", name, m, want)
		}
	}
}
