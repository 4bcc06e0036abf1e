package control

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/control/controltest"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv("RUNSHEET_CONTROL_CHILD"); dir != "" {
		os.Exit(child(dir))
	}
	os.Exit(m.Run())
}

// redrawGap is long enough for a coalesced notice to have been delivered.
const redrawGap = time.Second / MaxNoticesPerSecond

var start = time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)

// openStore opens the session store in dir, closed at the test's end.
func openStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// firstVote is the built-in plan's first exercise that takes votes on
// options (not a scale).
func firstVote(t *testing.T, p *workshop.Plan) int {
	t.Helper()
	for i, ex := range p.Exercises {
		if ex.Kind == workshop.KindVote {
			return i
		}
	}
	t.Fatal("the built-in plan has no vote")
	return -1
}

// phone is a participant's phone talking to the phone server over loopback.
type phone struct {
	t     *testing.T
	base  string
	room  string
	token string
}

func (p *phone) call(method, path string, body any) (int, map[string]any) {
	p.t.Helper()
	var r io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		r = strings.NewReader(string(data))
	}
	req, _ := http.NewRequest(method, p.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	if p.token != "" {
		req.Header.Set("X-Runsheet-Token", p.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Error(err)
		return 0, nil
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func join(t *testing.T, url, room, token string) *phone {
	t.Helper()
	base, _, _ := strings.Cut(url, "/?")
	p := &phone{t: t, base: base, room: room}
	code, out := p.call("POST", "/join", map[string]string{"room": room, "token": token})
	if code != 200 {
		t.Fatalf("join: %d %v", code, out)
	}
	p.token, _ = out["token"].(string)
	return p
}

func (p *phone) vote(exercise, item, option int) int {
	code, _ := p.call("POST", "/vote", map[string]any{"room": p.room, "exercise": exercise, "item": item, "option": option})
	return code
}

// A whole workshop runs through the controller with no window: it starts,
// walks forward and back, takes votes from phones over loopback, reveals,
// finishes, and reads back from the store as it was run. The screens' one
// subscription is told of it all, coalesced.
func TestAWholeSessionRunsWithoutAWindow(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	clk := controltest.NewClock(start)
	var announced []string
	r := &Runner{Store: st, PhoneAddr: "127.0.0.1:0", StartPhones: true,
		Options: Options{Clock: clk, Scheduler: clk, Announce: func(url string) { announced = append(announced, url) }}}
	plan := plans.Builtin()
	sess, err := r.Create(plan, "Leads", "Ana", RoomLanguage{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Run(sess)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	srv := c.Phones()
	if srv == nil || len(announced) != 1 || announced[0] != srv.URLs()[0] {
		t.Fatalf("phone voting did not start and announce itself: %v", announced)
	}

	var mu sync.Mutex
	var notices []Notice
	var at []time.Time
	cancel := c.Subscribe(func(f func()) { f() }, func(n Notice) {
		mu.Lock()
		defer mu.Unlock()
		notices = append(notices, n)
		at = append(at, clk.Now())
	})
	defer cancel()

	if err := c.Toggle(); err != nil {
		t.Fatal(err)
	}
	var running bool
	c.View(func(s *workshop.State) { running = s.Running() })
	if !running {
		t.Fatal("the timer did not start")
	}
	// The timer ticks by itself, once a second, with no window to draw.
	clk.Advance(3 * time.Second)
	ticks := 0
	mu.Lock()
	for _, n := range notices {
		if n.Ticked {
			ticks++
		}
	}
	mu.Unlock()
	if ticks < 2 || ticks > 4 {
		t.Errorf("%d ticks in three seconds", ticks)
	}

	// Walk to the first vote, one step at a time, then one back and on again.
	vote := firstVote(t, plan)
	for steps := 0; ; steps++ {
		var cur int
		c.View(func(s *workshop.State) { cur = s.Current })
		if cur == vote {
			break
		}
		if steps > 50 {
			t.Fatal("Next never reached the vote")
		}
		if _, err := c.Next(false); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Previous(); err != nil {
		t.Fatal(err)
	}
	var cur int
	c.View(func(s *workshop.State) { cur = s.Current })
	if cur != vote-1 {
		t.Fatalf("Previous went to %d, want %d", cur, vote-1)
	}
	if _, err := c.Next(false); err != nil {
		t.Fatal(err)
	}
	var room workshop.RoomView
	c.View(func(s *workshop.State) { room = s.Room() })
	if !room.VotingOpen() || room.Item != 0 {
		t.Fatalf("the vote's first item is not open: %+v", room)
	}

	// Twenty phones vote at once, over the network; every acknowledged
	// vote counts, and the burst reaches the subscriber coalesced.
	clk.Advance(time.Second)
	mu.Lock()
	before := len(notices)
	mu.Unlock()
	phones := make([]*phone, 20)
	for i := range phones {
		phones[i] = join(t, srv.URLs()[0], srv.Room(), "")
	}
	var wg sync.WaitGroup
	for i, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code := p.vote(vote, 0, i%2); code != 200 {
				t.Errorf("phone %d: vote answered %d", i, code)
			}
		}()
	}
	wg.Wait()
	clk.Advance(time.Second)
	mu.Lock()
	burst := notices[before:]
	mu.Unlock()
	changed := 0
	for _, n := range burst {
		if n.Changed {
			changed++
		}
	}
	if changed == 0 || changed > 2 {
		t.Errorf("twenty votes in an instant gave %d change notices, want one or two", changed)
	}
	var res workshop.Result
	c.View(func(s *workshop.State) { res = s.Result(vote, 0) })
	if res.Phone[0] != 10 || res.Phone[1] != 10 {
		t.Fatalf("phone votes %v, want 10 and 10", res.Phone)
	}

	// Next reveals the item before it moves on, and a revealed item is closed.
	if _, err := c.Next(true); err != nil {
		t.Fatal(err)
	}
	c.View(func(s *workshop.State) { res = s.Result(vote, 0); room = s.Room() })
	if !res.Revealed || !res.Closed || room.Item != 0 {
		t.Fatalf("Next did not reveal the open item first: revealed %v closed %v item %d", res.Revealed, res.Closed, room.Item)
	}
	if code := phones[0].vote(vote, 0, 1); code == 200 {
		t.Error("a phone changed its vote after the reveal")
	}

	// Finish: the phones are told the end, the timer stops ticking.
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	if c.Phones() != nil {
		t.Error("phone voting still on after the finish")
	}
	if code, out := phones[1].call("GET", "/state?room="+phones[1].room, nil); code != 200 || out["finished"] != true {
		t.Errorf("a phone was not told the end: %d %v", code, out)
	}
	clk.Advance(redrawGap)
	mu.Lock()
	n := len(notices)
	mu.Unlock()
	clk.Advance(10 * time.Second)
	mu.Lock()
	after := len(notices)
	gaps := at
	mu.Unlock()
	if after != n {
		t.Errorf("%d notices after the finish: the timer still ticks", after-n)
	}
	for i := 1; i < len(gaps); i++ {
		if d := gaps[i].Sub(gaps[i-1]); d < redrawGap {
			t.Errorf("two notices %v apart", d)
		}
	}

	// The store has the whole session, as it was run.
	stored, err := st.Load(c.ID())
	if err != nil {
		t.Fatal(err)
	}
	if !stored.State.IsFinished() || stored.State.Result(vote, 0).Phone[0] != 10 || !stored.State.Result(vote, 0).Revealed {
		t.Error("the stored session differs from the one run")
	}
}

// A burst of notices from many goroutines reaches a subscriber about ten
// times a second, never closer than a tenth of a second apart, and always
// once after the last, so that the final state is drawn.
func TestNoticesAreCoalesced(t *testing.T) {
	c, clk := runBuiltin(t)
	var runs []time.Time
	cancel := c.Subscribe(func(f func()) { f() }, func(Notice) { runs = append(runs, clk.Now()) })
	var last time.Time
	for range 1000 {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() { defer wg.Done(); c.notify(Notice{Changed: true}, false) }()
		}
		wg.Wait()
		last = clk.Now()
		clk.Advance(time.Millisecond)
	}
	clk.Advance(time.Second)
	if len(runs) < 9 || len(runs) > 11 {
		t.Errorf("%d notices for a second of votes, want about 10", len(runs))
	}
	for i := 1; i < len(runs); i++ {
		if gap := runs[i].Sub(runs[i-1]); gap < 100*time.Millisecond {
			t.Errorf("two notices %v apart", gap)
		}
	}
	if !runs[len(runs)-1].After(last) {
		t.Error("no notice after the last vote: the final state would never be drawn")
	}
	cancel()
	before := len(runs)
	c.notify(Notice{Changed: true}, false)
	clk.Advance(time.Second)
	if len(runs) != before {
		t.Error("a cancelled subscription was told")
	}
}

// Votes from phones alone reach a subscriber at most twice a second, the
// last always told; a change of the facilitator's while they wait is told
// within a tenth of a second, and carries the votes with it.
func TestPhoneChangesComeAtTheirSlowerPace(t *testing.T) {
	c, clk := runBuiltin(t)
	var runs []time.Time
	defer c.Subscribe(func(f func()) { f() }, func(n Notice) {
		if n.Changed {
			runs = append(runs, clk.Now())
		}
	})()
	// Two seconds of phones' changes, one every millisecond.
	var last time.Time
	for range 2000 {
		c.changed()
		last = clk.Now()
		clk.Advance(time.Millisecond)
	}
	clk.Advance(time.Second)
	if len(runs) < 3 || len(runs) > 5 {
		t.Errorf("%d notices for two seconds of phones' votes, want about 4", len(runs))
	}
	for i := 1; i < len(runs); i++ {
		if gap := runs[i].Sub(runs[i-1]); gap < time.Second/PhoneNoticesPerSecond {
			t.Errorf("two notices of phones' votes %v apart", gap)
		}
	}
	if len(runs) == 0 || !runs[len(runs)-1].After(last) {
		t.Fatal("no notice after the last vote: the final state would never be drawn")
	}

	// A phone's vote told, another that has to wait, then the
	// facilitator's key before that one is told.
	c.changed()
	clk.Advance(10 * time.Millisecond)
	before := len(runs)
	c.changed()
	clk.Advance(10 * time.Millisecond)
	if len(runs) != before {
		t.Fatal("a phone's vote was told within 10 ms of the last notice")
	}
	c.acting.Add(1)
	c.changed()
	c.acting.Add(-1)
	pressed := clk.Now()
	clk.Advance(time.Second / MaxNoticesPerSecond)
	if len(runs) != before+1 {
		t.Fatalf("%d notices after a key, want 1 within a tenth of a second", len(runs)-before)
	}
	if d := runs[len(runs)-1].Sub(pressed); d > time.Second/MaxNoticesPerSecond {
		t.Errorf("the key was told %v after it", d)
	}
	clk.Advance(time.Second)
	if len(runs) != before+1 {
		t.Errorf("the phone's vote was told again after the key's notice carried it")
	}
}

// While the timer runs, phones' votes are told with its ticks: a window
// is redrawn once a second for the time and the votes together, not once
// for each; paused, they come at their own pace again.
func TestPhoneChangesRideTheTick(t *testing.T) {
	c, clk := runBuiltin(t)
	if err := c.Toggle(); err != nil {
		t.Fatal(err)
	}
	clk.Advance(1500 * time.Millisecond)
	var notices []Notice
	defer c.Subscribe(func(f func()) { f() }, func(n Notice) { notices = append(notices, n) })()
	// Three seconds of phones' changes, one every millisecond.
	for range 3000 {
		c.changed()
		clk.Advance(time.Millisecond)
	}
	ticks := 0
	for _, n := range notices {
		if !n.Ticked {
			t.Errorf("phones' votes were told apart from a tick: %+v", n)
		}
		if n.Ticked && n.Changed {
			ticks++
		}
	}
	if ticks < 2 || ticks > 4 {
		t.Errorf("%d ticks carried the votes of three seconds, want 3 (%d notices)", ticks, len(notices))
	}

	// Paused, the timer ticks no more: votes come at their own pace.
	if err := c.Toggle(); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Second)
	notices = nil
	for range 2000 {
		c.changed()
		clk.Advance(time.Millisecond)
	}
	clk.Advance(time.Second)
	changed := 0
	for _, n := range notices {
		if n.Ticked {
			t.Errorf("a paused timer ticked: %+v", n)
		}
		if n.Changed {
			changed++
		}
	}
	if changed < 3 || changed > 5 {
		t.Errorf("%d notices for two seconds of phones' votes while paused, want about 4", changed)
	}
}

// child runs a session in a process of its own, as the app does, on the
// data folder dir: it resumes the interrupted session or starts one of the
// built-in plan with phone voting on, walks to the first vote, prints the
// join address and the room, and waits to be killed.
func child(dir string) int {
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	r := &Runner{Store: st, PhoneAddr: "127.0.0.1:0", StartPhones: true}
	sums, err := st.List()
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	var sess *workshop.Session
	if len(sums) > 0 {
		sess, err = r.Load(sums[0].ID)
	} else {
		sess, err = r.Create(plans.Builtin(), "Crash", "", RoomLanguage{})
	}
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	c, err := r.Run(sess)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	if len(sums) == 0 {
		_ = c.Toggle()
		var step []workshop.Event
		for i, ex := range sess.State.Plan.Exercises {
			if ex.Kind == workshop.KindVote {
				c.View(func(s *workshop.State) { step = s.MoveTo(i, -1) })
				break
			}
		}
		if err := c.RecordAll(step); err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	fmt.Println("room", c.Phones().URLs()[0], c.Phones().Room(), c.Phones().Addr())
	select {} // until killed
}

// startChild starts a child on dir and returns it with its first line.
func startChild(t *testing.T, dir string) (*exec.Cmd, []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RUNSHEET_CONTROL_CHILD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case line := <-lines:
		f := strings.Fields(line)
		if len(f) != 4 || f[0] != "room" {
			t.Fatalf("child said %q", line)
		}
		return cmd, f[1:]
	case <-time.After(30 * time.Second):
		t.Fatal("the child never started")
	}
	return nil, nil
}

// A session killed with -9 mid-vote comes back from the same SQLite file
// as it was: every acknowledged vote, its room code on its address, and
// the phones' tokens still good.
func TestAfterACrashTheSessionComesBackFromTheSameFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	cmd, first := startChild(t, dir)
	url, room, addr := first[0], first[1], first[2]
	phones := make([]*phone, 5)
	for i := range phones {
		phones[i] = join(t, url, room, "")
		if code := phones[i].vote(firstVote(t, plans.Builtin()), 0, i%2); code != 200 {
			t.Fatalf("vote %d answered %d", i, code)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	_, again := startChild(t, dir)
	if again[1] != room || again[2] != addr {
		t.Fatalf("the room came back as %v, want %s on %s", again, room, addr)
	}
	st := openStore(t, dir)
	sums, err := st.List()
	if err != nil || len(sums) != 1 {
		t.Fatalf("sessions after the crash: %v %v", sums, err)
	}
	sess, err := st.Load(sums[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	vote := firstVote(t, sess.State.Plan)
	if got := sess.State.Result(vote, 0).Phone; len(got) < 2 || got[0] != 3 || got[1] != 2 {
		t.Errorf("phone votes after the crash %v, want 3 and 2", got)
	}
	// A phone that was in keeps voting with the token it had.
	p := phones[0]
	p.base, _, _ = strings.Cut(again[0], "/?")
	if code := p.vote(vote, 0, 1); code != 200 {
		t.Errorf("a phone's vote after the restart answered %d", code)
	}
}

// runBuiltin runs a new session of the built-in plan on a store of its
// own, on a clock the test moves; it closes when the test ends.
func runBuiltin(t *testing.T) (*Controller, *controltest.Clock) {
	t.Helper()
	st := openStore(t, t.TempDir())
	clk := controltest.NewClock(start)
	r := &Runner{Store: st, Options: Options{Clock: clk, Scheduler: clk}}
	sess, err := r.Create(plans.Builtin(), "", "", RoomLanguage{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Run(sess)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, clk
}
