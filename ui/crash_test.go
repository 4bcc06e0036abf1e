package ui

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop/control/controltest"
	"runsheet/workshop/live"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

func TestMain(m *testing.M) {
	// Fyne drops a renderer it has not drawn for a minute (FYNE_CACHE), and
	// one made again is not laid out until its size changes: on a slow
	// machine a long test would look at widgets that draw nothing. Tests
	// draw without a painter's loop, so they run with a longer cache, in a
	// process of their own when the caller did not set one.
	if os.Getenv("FYNE_CACHE") == "" {
		cmd := exec.Command(os.Args[0], os.Args[1:]...)
		cmd.Env = append(os.Environ(), "FYNE_CACHE=2h")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			if exit, ok := err.(*exec.ExitError); ok {
				os.Exit(exit.ExitCode())
			}
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if dir := os.Getenv("RUNSHEET_FONT_CHILD"); dir != "" {
		os.Exit(fontChild(dir, os.Getenv("RUNSHEET_FONT_OFFER") != ""))
	}
	if dir := os.Getenv("RUNSHEET_ROOM_CHILD"); dir != "" {
		os.Exit(roomChild(dir, os.Getenv("RUNSHEET_ROOM_ADDR"), os.Getenv("RUNSHEET_ROOM_OLDER") != ""))
	}
	os.Exit(m.Run())
}

// roomChild runs the app's screens in a process of their own on the data
// folder dir, as the app does at start: it resumes the interrupted session,
// or starts one of the built-in plan with phone voting on addr. It prints
// the join address whenever phone voting starts and what the projector
// shows, then takes "remove ID" lines on its input until it is killed.
// With older set, it first starts a session, leaves it for the library,
// runs a newer one (German) to its end, and reopens the older one.
func roomChild(dir, addr string, older bool) int {
	a := test.NewApp()
	w := a.NewWindow("Runsheet")
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	clk := controltest.NewClock(time.Now())
	s := Create(a, w, Options{DataDir: dir, Store: st, Clock: clk, Scheduler: clk, Phones: addr,
		Announce: func(url string) { fmt.Println("url", url) }})
	if s.console == nil && older {
		if err := s.StartSession(plans.Builtin(), "Older"); err != nil {
			fmt.Println("error", err)
			return 1
		}
		id := session(s.console).ID
		if err := s.console.phones.start(addr); err != nil {
			fmt.Println("error", err)
			return 1
		}
		s.console.onKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
		s.showLibrary()
		if err := s.StartSessionIn(plans.Builtin(), "Newer", RoomLanguage{Code: "de"}); err != nil {
			fmt.Println("error", err)
			return 1
		}
		s.console.onKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
		s.console.finishNow()
		s.showLibrary()
		if err := s.OpenSession(id); err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	if s.console == nil {
		if err := s.StartSession(plans.Builtin(), "Crash test"); err != nil {
			fmt.Println("error", err)
			return 1
		}
		c := s.console
		if err := c.phones.start(addr); err != nil {
			fmt.Println("error", err)
			return 1
		}
		c.onKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
		c.agenda.Select(sortingExercise)
	}
	c := s.console
	clk.Advance(time.Second)
	p := c.projector
	fmt.Printf("projector %s | %s | qr %v | %s\n", p.heading.Text(), p.position.Text(), p.joinQR.Visible(), p.join.Text())
	fmt.Printf("phones %s\n", strings.ReplaceAll(c.phones.url.Text, "\n", " "))
	fmt.Printf("group %s\n", session(c).Group)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if id, ok := strings.CutPrefix(in.Text(), "remove "); ok {
			c.phones.remove(id)
			fmt.Println("removed", id)
		}
	}
	select {} // until killed
}

// roomProcess is a running roomChild.
type roomProcess struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
}

func startRoom(t *testing.T, dir, addr string, env ...string) *roomProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), "RUNSHEET_ROOM_CHILD="+dir, "RUNSHEET_ROOM_ADDR="+addr, "LANG=en_US.UTF-8")
	cmd.Env = append(cmd.Env, env...)
	out, _ := cmd.StdoutPipe()
	in, _ := cmd.StdinPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &roomProcess{cmd: cmd, in: in, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			r.lines <- sc.Text()
		}
		close(r.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return r
}

// expect waits for the child's next line starting with prefix.
func (r *roomProcess) expect(t *testing.T, prefix string) string {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-r.lines:
			if !ok {
				t.Fatalf("the room process ended before saying %q", prefix)
			}
			if strings.HasPrefix(l, "error") {
				t.Fatalf("the room process: %s", l)
			}
			if rest, ok := strings.CutPrefix(l, prefix+" "); ok {
				return rest
			}
		case <-timeout:
			t.Fatalf("the room process never said %q", prefix)
		}
	}
}

func (r *roomProcess) kill9(t *testing.T) {
	t.Helper()
	r.cmd.Process.Kill() // SIGKILL: no chance to save or close anything
	r.cmd.Wait()
}

// phoneCall sends a phone's request to the room at url and returns its status.
func phoneCall(t *testing.T, method, url, path, token, body string) (int, string) {
	t.Helper()
	base, _, _ := strings.Cut(url, "/?")
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("X-Runsheet-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestKillNineWithTheRoomAttachedChangesNothingTheRoomReliesOn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	addr := freeAddr(t)
	first := startRoom(t, dir, addr)
	url := first.expect(t, "url")
	view := first.expect(t, "projector")
	room := url[strings.Index(url, "room=")+5:]
	if !strings.Contains(url, addr) || !strings.Contains(view, "question 1 of 12") || !strings.Contains(view, "qr true") {
		t.Fatalf("before the crash: %s / %s", url, view)
	}
	join := func() string {
		code, body := phoneCall(t, "POST", url, "/join", "", fmt.Sprintf(`{"room":%q}`, room))
		if code != 200 {
			t.Fatalf("join: %d %s", code, body)
		}
		_, rest, _ := strings.Cut(body, `"token":"`)
		tok, _, _ := strings.Cut(rest, `"`)
		return tok
	}
	vote := func(url, token string, option int) int {
		code, _ := phoneCall(t, "POST", url, "/vote", token, fmt.Sprintf(`{"room":%q,"exercise":%d,"item":0,"option":%d}`, room, sortingExercise, option))
		return code
	}
	honest, prankster := join(), join()
	if vote(url, honest, 0) != 200 || vote(url, prankster, 1) != 200 {
		t.Fatal("phones could not vote before the crash")
	}
	fmt.Fprintf(first.in, "remove %s\n", live.Participant(prankster))
	first.expect(t, "removed")
	first.kill9(t)

	// The same data folder again: the room comes back as it was.
	second := startRoom(t, dir, "")
	if again := second.expect(t, "url"); again != url {
		t.Errorf("after kill -9 phones join at %s, before at %s", again, url)
	}
	if again := second.expect(t, "projector"); again != view {
		t.Errorf("after kill -9 the projector shows\n%s\nbefore\n%s", again, view)
	}
	if code := vote(url, honest, 1); code != 200 {
		t.Errorf("a phone left open could not vote after the restart: %d", code)
	}
	if code := vote(url, prankster, 0); code != 403 {
		t.Errorf("a removed phone voted after the restart: %d", code)
	}
	second.kill9(t)

	// With its port taken, the room moves to the next one, keeps its code,
	// and the console says so.
	taken, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot hold the port to test a taken one: %v", err)
	}
	defer taken.Close()
	third := startRoom(t, dir, "")
	moved := third.expect(t, "url")
	if moved == url || !strings.HasSuffix(moved, "room="+room) {
		t.Errorf("with the port taken phones join at %s (before %s)", moved, url)
	}
	if panel := third.expect(t, "phones"); !strings.Contains(panel, "was taken") {
		t.Errorf("the console does not say the port moved: %s", panel)
	}
	if code := vote(moved, honest, 0); code != 200 {
		t.Errorf("voting on the moved port: %d", code)
	}
}

// The session resumed after kill -9 is the one that was open, not the
// newest: an older session reopened from the library comes back, phones
// and all, though a newer one was run (and finished) after it.
func TestKillNineResumesTheOpenSessionNotTheNewest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	addr := freeAddr(t)
	first := startRoom(t, dir, addr, "RUNSHEET_ROOM_OLDER=1")
	url := first.expect(t, "url")
	if group := first.expect(t, "group"); group != "Older" {
		t.Fatalf("the reopened session is %q", group)
	}
	first.kill9(t)

	second := startRoom(t, dir, "")
	if group := second.expect(t, "group"); group != "Older" {
		t.Errorf("after kill -9 the app opened %q, not the session that was open", group)
	}
	code, _ := phoneCall(t, "GET", url, "/", "", "")
	if code != 200 {
		t.Errorf("the resumed session's room does not answer at %s: %d", url, code)
	}
}
