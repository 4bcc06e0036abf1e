package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"runsheet/workshop/datadir"
)

func TestCheckCommand(t *testing.T) {
	broken := filepath.Join("testdata", "plans", "broken.toml")
	one := filepath.Join(t.TempDir(), "one.toml")
	if err := os.WriteFile(one, []byte("title = \"One\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"Hello\"\nminutes = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args       []string
		code       int
		out, err   string
		errNotWant string
	}{
		{args: []string{"check", filepath.Join("assets", "plans", "implementing-vs-innovating.toml")}, code: 0,
			out: `ok: "Implementing vs Innovating", 8 exercises, 72 minutes`},
		{args: []string{"check", one}, code: 0, out: `ok: "One", 1 exercise, 1 minute` + "\n"},
		{args: []string{"--data", t.TempDir(), "check", broken}, code: 1,
			err: broken + `:7: exercise "Pick one": minutes: must be 1–240, got 0` + "\n" +
				broken + `:8: exercise "Pick one": options: a vote needs at least two options, got 1`},
		{args: []string{"check", "no-such-plan.toml"}, code: 1, err: "cannot open plan", errNotWant: "panic"},
		{args: []string{"check"}, code: 2, err: "check takes one plan file"},
		{args: []string{"check", "--help"}, code: 0, out: "runsheet check", errNotWant: "cannot open plan"},
		{args: []string{"check", "-h"}, code: 0, out: "runsheet check", errNotWant: "cannot open plan"},
		{args: []string{"frobnicate"}, code: 2, err: `unknown command "frobnicate"`},
		{args: []string{"--nope"}, code: 2, err: "flag provided but not defined"},
		{args: []string{"run", broken, "--group", "G"}, code: 1, err: "minutes: must be 1–240"},
		{args: []string{"run", "--group", strings.Repeat("n", 10000), filepath.Join("assets", "plans", "implementing-vs-innovating.toml")}, code: 1,
			err: "the group name is 10000 characters long"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), tt.out) {
			t.Errorf("%v: stdout %q lacks %q", tt.args, stdout.String(), tt.out)
		}
		if !strings.Contains(stderr.String(), tt.err) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr.String(), tt.err)
		}
		if tt.errNotWant != "" && strings.Contains(stderr.String(), tt.errNotWant) {
			t.Errorf("%v: stderr has %q", tt.args, tt.errNotWant)
		}
	}
}

func TestSessionCommands(t *testing.T) {
	data := t.TempDir()
	runOK := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--data", data}, args...), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		return stdout.String()
	}
	runFail := func(want string, args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--data", data}, args...), &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", args, code, stderr.String(), want)
		}
	}
	fixture := filepath.Join("testdata", "session-v1.json")
	if out := runOK("import", fixture); !strings.Contains(out, "imported 20260310-a1b2c3d4e5") {
		t.Errorf("import said %q", out)
	}
	runFail("imported before", "import", fixture)
	if out := runOK("sessions"); !strings.Contains(out, "20260310-a1b2c3d4e5") || !strings.Contains(out, "Sales leads, Łódź") || !strings.Contains(out, "finished") {
		t.Errorf("sessions listed %q", out)
	}
	out := filepath.Join(t.TempDir(), "out.json")
	runOK("export", "20260310-a1", "-o", out)
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(fixture)
	if !bytes.Equal(got, want) {
		t.Error("export of the imported fixture differs from the fixture")
	}
	runFail("no such session", "export", "nothing", "-o", out)
	runFail("export takes one session and -o FILE", "export", "20260310")
	runFail("cannot import", "import", filepath.Join("testdata", "plans", "broken.toml"))
	runFail("merge takes two or more sessions", "merge", "20260310")
	runFail("given twice", "merge", "20260310-a1b2c3d4e5", "20260310-a1b2c3d4e5")

	// A session imported unfinished is listed as the app lists it; its id,
	// the first's with more after it, leaves the first's its own.
	unfinished := strings.Replace(strings.Replace(string(want), `"20260310-a1b2c3d4e5"`, `"20260310-a1b2c3d4e5x"`, 1),
		",\n    {\n      \"kind\": \"finished\",\n      \"at\": \"2026-03-10T09:33:00Z\"\n    }", "", 1)
	if strings.Contains(unfinished, `"finished"`) {
		t.Fatal("the fixture's finished event was not taken out")
	}
	path := filepath.Join(t.TempDir(), "unfinished.json")
	os.WriteFile(path, []byte(unfinished), 0o600)
	runOK("import", path)
	if out := runOK("sessions"); !strings.Contains(out, "imported unfinished: results only") || strings.Contains(out, "in progress") {
		t.Errorf("sessions listed %q", out)
	}
	runOK("export", "20260310-a1b2c3d4e5", "-o", out)
	if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
		t.Error("the exact id did not name its own session")
	}
	merged := strings.TrimSpace(strings.TrimPrefix(runOK("merge", "20260310-a1b2c3d4e5", "20260310-a1b2c3d4e5x"), "merged into "))
	if listed := runOK("sessions"); !strings.Contains(listed, merged+"   ") || !regexp.MustCompile(regexp.QuoteMeta(merged)+` +\S.* +Sales leads, Łódź +Implementing`).MatchString(listed) {
		t.Errorf("a merge without --group is not named after its group: %q", listed)
	}
}

func TestPrintCommands(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	plan := filepath.Join("assets", "plans", "implementing-vs-innovating.toml")
	var stdout, stderr bytes.Buffer
	run([]string{"--data", data, "import", filepath.Join("testdata", "session-v1.json")}, &stdout, &stderr)
	for _, args := range [][]string{
		{"handout", plan, "-o", filepath.Join(dir, "h.pdf"), "--paper", "letter"},
		{"guide", plan, "-o", filepath.Join(dir, "g.pdf"), "--start", "13:30"},
		{"--data", data, "summary", "20260310", "-o", filepath.Join(dir, "s.pdf")},
		{"--data", data, "csv", "20260310", "-o", filepath.Join(dir, "v.csv")},
		{"--data", data, "csv", "20260310", "--excel", "--language", "de", "-o", filepath.Join(dir, "x.csv")},
	} {
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
	for file, prefix := range map[string]string{"h.pdf": "%PDF-", "g.pdf": "%PDF-", "s.pdf": "%PDF-", "v.csv": "session,group,exercise", "x.csv": "\uFEFFSitzung;Gruppe;Übung"} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || !bytes.HasPrefix(b, []byte(prefix)) {
			t.Errorf("%s: %v", file, err)
		}
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"handout", plan, "-o", filepath.Join(dir, "x.pdf"), "--paper", "a3"}, `unknown paper size "a3"`},
		{[]string{"guide", plan, "-o", filepath.Join(dir, "x.pdf"), "--start", "noon"}, "not a time of day"},
		{[]string{"handout", plan}, "handout takes one plan file and -o FILE.pdf"},
		{[]string{"handout", filepath.Join("testdata", "plans", "broken.toml"), "-o", filepath.Join(dir, "x.pdf")}, "minutes: must be 1–240"},
		{[]string{"--data", data, "summary", "nope", "-o", filepath.Join(dir, "x.pdf")}, "no such session"},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit %d, stderr %q", bad.args, code, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed command left a file behind")
	}
}

func TestTakePhones(t *testing.T) {
	for _, c := range []struct {
		in   []string
		rest []string
		on   bool
		addr string
	}{
		{[]string{"plan.toml", "--group", "G"}, []string{"plan.toml", "--group", "G"}, false, ""},
		{[]string{"plan.toml", "--phones"}, []string{"plan.toml"}, true, ""},
		{[]string{"--phones", "plan.toml"}, []string{"plan.toml"}, true, ""},
		{[]string{"plan.toml", "--phones", ":9000", "--group", "G"}, []string{"plan.toml", "--group", "G"}, true, ":9000"},
		{[]string{"plan.toml", "--phones=192.168.1.5:8080"}, []string{"plan.toml"}, true, "192.168.1.5:8080"},
	} {
		rest, p := takePhones(c.in)
		if strings.Join(rest, " ") != strings.Join(c.rest, " ") || p.on != c.on || p.addr != c.addr {
			t.Errorf("%v: %v %+v", c.in, rest, p)
		}
	}
}

// holdDataFolder is a second process holding a data folder, as a running
// app does; it says "holding" and waits to be killed.
func holdDataFolder(dir string) int {
	lock, err := datadir.Lock(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer lock.Release()
	defer datadir.ListenForRaise(dir, func() { fmt.Println("raised") })()
	fmt.Println("holding")
	select {}
}

func TestOneAppPerDataFolder(t *testing.T) {
	dir := t.TempDir()
	holder := exec.Command(os.Args[0], "-test.run", "^$")
	holder.Env = append(os.Environ(), "RUNSHEET_HOLD_DATA="+dir)
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { holder.Process.Kill(); holder.Wait() }()
	lines := bufio.NewReader(out)
	line, _ := lines.ReadString('\n')
	if strings.TrimSpace(line) != "holding" {
		t.Fatalf("the holder said %q", line)
	}
	// A second start brings the running app's window to the front.
	if !datadir.AskToRaise(dir) {
		t.Error("the running app was not asked to come to the front")
	} else if line, _ := lines.ReadString('\n'); strings.TrimSpace(line) != "raised" {
		t.Errorf("after asking it to come to the front, the holder said %q", line)
	}
	// The socket is the user's alone, as the data folder is.
	if fi, err := os.Stat(filepath.Join(dir, datadir.RaiseSocketName)); err != nil {
		t.Errorf("the socket: %v", err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("the socket: %v", fi.Mode())
	}
	// Anything else on the socket is ignored and raises nothing.
	if c, err := net.Dial("unix", filepath.Join(dir, datadir.RaiseSocketName)); err == nil {
		c.Write([]byte(strings.Repeat("x", 10000) + "\n"))
		c.Close()
	}
	fixture := filepath.Join("testdata", "session-v1.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", dir, "import", fixture}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "Runsheet is already open with this data folder") {
		t.Errorf("import while the app is open: exit %d, %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"--data", dir, "sessions"}, &stdout, &stderr); code != 0 {
		t.Errorf("listing sessions while the app is open: exit %d, %q", code, stderr.String())
	}
	if _, err := datadir.Lock(dir); !errors.Is(err, datadir.ErrAppOpen) {
		t.Errorf("a second app would open the same data folder: %v", err)
	}
	holder.Process.Kill() // as kill -9: the lock goes with the process
	holder.Wait()
	if datadir.AskToRaise(dir) {
		t.Error("a killed app's socket claims to raise a window")
	}
	stderr.Reset()
	if code := run([]string{"--data", dir, "import", fixture}, &stdout, &stderr); code != 0 {
		t.Errorf("import once the app is gone: exit %d, %q", code, stderr.String())
	}
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("RUNSHEET_HOLD_DATA"); dir != "" {
		os.Exit(holdDataFolder(dir))
	}
	os.Exit(m.Run())
}

func TestVersionComesFromFyneApp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--version"}, &stdout, &stderr); code != 0 {
		t.Fatalf("--version: exit %d, %s", code, stderr.String())
	}
	meta, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(meta)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if want := "Runsheet " + string(m[1]) + " (build "; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("--version printed %q, want it to start %q", stdout.String(), want)
	}
}

// A damaged store is said in a sentence, with what to do; set-aside keeps
// it under a new name and starts afresh, as the app offers. A store found
// empty (0 bytes) is opened, and said so.
func TestDamagedAndEmptyStoresOnTheCommandLine(t *testing.T) {
	data := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", data, "import", filepath.Join("testdata", "session-v1.json")}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	path := filepath.Join(data, "runsheet.db")
	db, _ := os.ReadFile(path)
	for i := 4096; i < len(db); i++ {
		db[i] = byte(i * 7)
	}
	os.WriteFile(path, db, 0o600)
	stderr.Reset()
	if code := run([]string{"--data", data, "sessions"}, &stdout, &stderr); code != 1 || strings.Count(stderr.String(), "\n") != 2 ||
		!strings.Contains(stderr.String(), "the database is damaged") || !strings.Contains(stderr.String(), "runsheet --data "+data+" set-aside") {
		t.Errorf("a damaged store: exit %d, %q", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"--data", data, "set-aside"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "kept as "+path+".unreadable-") {
		t.Fatalf("set-aside: exit %d, %q %q", code, stdout.String(), stderr.String())
	}
	kept, _ := filepath.Glob(path + ".unreadable-*")
	if len(kept) != 1 {
		t.Fatalf("kept: %v", kept)
	} else if got, _ := os.ReadFile(kept[0]); !bytes.Equal(got, db) {
		t.Error("the damaged file was not kept as it was")
	}
	stderr.Reset()
	if code := run([]string{"--data", data, "sessions"}, &stdout, &stderr); code != 0 || stderr.Len() != 0 {
		t.Errorf("after set-aside: exit %d, %q", code, stderr.String())
	}

	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "runsheet.db"), nil, 0o600)
	stderr.Reset()
	if code := run([]string{"--data", empty, "sessions"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "was an empty file (0 bytes)") {
		t.Errorf("an empty store: exit %d, %q", code, stderr.String())
	}
}
