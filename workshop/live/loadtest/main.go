// Command loadtest puts a room's worth of phones, and a hostile LAN, on the
// real app's phone server from a process of its own, beside a bare net/http
// handler run in a third process, and prints what it measured.
//
//	loadtest -app ./runsheet [-phones 2000] [-quick] [-kind vote|grid|open]
//	         [-window 30s] [-bareclock dist/bareclock] [-profile DIR] [-only PHASES]
//	         [-bare-store]
//
// -bare-store has the bare handler also commit each vote to a store of its
// own through the app's store package, answering once it is on disk: the
// least a durable vote can cost beside the bare handler's, with nothing of
// the app's tokens, limits, session state, screens or security headers.
//
// -kind grid runs the room on a grid, each vote one of its 25 points;
// -kind open has every phone type open answers up to its limit, against the
// bare handler in the same run, and sends hostile answers.
//
// It starts the app under its own Xvfb display with phone voting on a
// loopback port, console and projector open, drives it with xdotool as a
// facilitator's keys would, and reads the app's memory and processor time
// from /proc. Every phone comes from a loopback source address of its own
// (127.20.x.y), holds its event stream open and votes in a closed loop,
// at most 5 times a second; attackers come from 127.0.2–4.x, so
// per-address limits apply as on a real LAN. Throughput is measured in
// windows alternating between the app and the bare handler (app, bare,
// bare, app, app, bare), after a warm-up window for each that is not
// counted, with the server's processor time per acknowledged vote; the running clock beside bareclock, a bare Fyne app
// drawing the same timers. Everything is bounded in count and time;
// nothing leaves the machine.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

func main() {
	bare := flag.String("bare", "", "serve the bare handler on this address (used by loadtest itself)")
	app := flag.String("app", "./runsheet", "the runsheet binary")
	phones := flag.Int("phones", 2000, "phones in the room")
	quick := flag.Bool("quick", false, "shorter phases, for a first look")
	flag.IntVar(&volume, "votes", 500_000, "acknowledged votes before memory is read again")
	only := flag.String("only", "", "run only these phases, comma-separated: clock, throughput, profile (with -profile), paced, key, memory, hostile, kill")
	flag.DurationVar(&window, "window", window, "length of each throughput and paced window")
	flag.DurationVar(&clockWindow, "clock", clockWindow, "length of the running-clock measurement")
	flag.StringVar(&bareClock, "bareclock", "", "the bare clock app (ui/bareclock), for the clock phase")
	flag.StringVar(&profileDir, "profile", "", "write CPU and allocation profiles of the app under load to this folder")
	flag.StringVar(&kind, "kind", "vote", "what the room answers: vote, grid (two ratings as one of 25 points) or open (text answers)")
	flag.BoolVar(&bareStore, "bare-store", false, "the bare handler also commits each vote to a store of its own (the app's store package) before answering")
	bareStoreDir := flag.String("bare-store-dir", "", "the bare handler's store folder, with -bare (used by loadtest itself)")
	flag.Parse()
	for _, p := range strings.Split(*only, ",") {
		if p != "" {
			phases[p] = true
		}
	}
	if *bare != "" {
		serveBare(*bare, *bareStoreDir)
		return
	}
	if os.Getenv("GOGC") == "" {
		// The phones' own collections, at Go's default every 3 s or so
		// and marking for 70–100 ms over some 100 MB of 2,000 phones'
		// connections, held up the reading of answers and showed as
		// slow answers from either server every third second. The
		// measuring process collects less often; the servers keep
		// their own targets.
		debug.SetGCPercent(clientGCPercent)
		clientGC = fmt.Sprintf("a %d %% target", clientGCPercent)
	} else {
		clientGC = "GOGC=" + os.Getenv("GOGC")
	}
	if err := run(*app, *phones, *quick); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// kind is what the room answers: "vote", "grid" or "open".
var kind = "vote"

// options is how many answers a vote of the load plan has.
func options() int {
	if kind == "grid" {
		return 25
	}
	return 4
}

// bareStore has the bare handler commit each vote before answering it,
// to a store in a folder loadtest makes and removes.
var bareStore bool

// bareJournal is the bare handler's own store, with -bare-store: the
// app's store package, its file, commit rules and event encoding, and one
// session of the built-in plan that every vote is appended to.
type bareJournal struct {
	s       *store.Store
	session string
}

func openBareJournal(dir string) (*bareJournal, error) {
	s, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		return nil, err
	}
	sess, err := workshop.NewSession(plans.Builtin(), "Bare", "", time.Now())
	if err != nil {
		return nil, err
	}
	if err := s.Create(sess); err != nil {
		return nil, err
	}
	return &bareJournal{s: s, session: sess.ID}, nil
}

// vote commits a vote from the phone at addr, which stands in for the
// participant id the app takes from a token: 16 hex digits, as the app's.
func (j *bareJournal) vote(addr string, exercise, item, option int) error {
	h := fnv.New64a()
	h.Write([]byte(addr[:max(0, strings.LastIndexByte(addr, ':'))]))
	id := strconv.FormatUint(h.Sum64()|1<<63, 16)
	return j.s.Append(j.session, workshop.Event{Kind: workshop.EventVote, At: time.Now(),
		Exercise: exercise, Item: item, Option: option, Participant: id}, nil)
}

// serveBare answers votes as the phone server's API does — the same JSON,
// the same size limit — and writes nothing: the yardstick. With storeDir,
// it commits each vote to a store there first.
func serveBare(addr, storeDir string) {
	var journal *bareJournal
	if storeDir != "" {
		var err error
		if journal, err = openBareJournal(storeDir); err != nil {
			fmt.Fprintln(os.Stderr, "bare store:", err)
			os.Exit(1)
		}
	}
	srv := &http.Server{Addr: addr, Handler: bareHandler(journal), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 60 * time.Second}
	fmt.Println("ready")
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// bareHandler is the bare handler's API: votes, committed to journal
// first when there is one, and open answers.
func bareHandler(journal *bareJournal) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /vote", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Room     string `json:"room"`
			Name     string `json:"name"`
			Exercise int    `json:"exercise"`
			Item     int    `json:"item"`
			Option   int    `json:"option"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			http.Error(w, `{"error":"bad"}`, http.StatusBadRequest)
			return
		}
		if journal != nil {
			if err := journal.vote(r.RemoteAddr, v.Exercise, v.Item, v.Option); err != nil {
				http.Error(w, `{"error":"not saved"}`, http.StatusServiceUnavailable)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"received": true, "exercise": v.Exercise, "item": v.Item, "option": v.Option})
	})
	mux.HandleFunc("POST /answer", func(w http.ResponseWriter, r *http.Request) {
		var v struct {
			Room     string `json:"room"`
			Name     string `json:"name"`
			Exercise int    `json:"exercise"`
			Text     string `json:"text"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			http.Error(w, `{"error":"bad"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"received": true, "exercise": v.Exercise, "text": v.Text})
	})
	return mux
}

// ---- processes -----------------------------------------------------------

type room struct {
	cmd     *exec.Cmd
	data    string
	base    string // http://127.0.0.1:PORT
	code    string
	display string
	window  string
	pprof   string // the app's profiling address, when asked for
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// clientGCPercent is the load client's garbage collection target.
const clientGCPercent = 400

// clientGC says the load client's garbage collection target, for its report.
var clientGC = "Go's default"

// startXvfb starts a display of its own, so the app's window exists.
func startXvfb() (*exec.Cmd, string, error) {
	for n := 91; n < 120; n++ {
		lock := fmt.Sprintf("/tmp/.X%d-lock", n)
		if b, err := os.ReadFile(lock); err == nil {
			// A lock left by a server that is gone (killed, so it could
			// not remove it) is stale: the display is free.
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil || pid <= 0 {
				continue
			}
			if p, err := os.FindProcess(pid); err == nil && !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone) {
				continue
			}
			os.Remove(lock)
			os.Remove(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		}
		d := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", d, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			return nil, "", fmt.Errorf("starting Xvfb (install xvfb): %w", err)
		}
		time.Sleep(700 * time.Millisecond)
		return cmd, d, nil
	}
	return nil, "", errors.New("no free X display between :91 and :119")
}

// stopXvfb ends an X server started by startXvfb as its user would, so
// that it removes its lock file; one that does not end in 2 s is killed.
func stopXvfb(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

const loadPlan = `title = "Load"
[[exercise]]
kind = "vote"
title = "Many items"
minutes = 120
options = ["A", "B", "C", "D"]
items = [%s]
`

// loadGrid and loadOpen are the load plans of the other kinds: a grid of
// as many items, and an open question each phone answers four times (2,000
// phones, 8,000 answers, under the 10,000 one question keeps).
const (
	loadGrid = `title = "Load"
[[exercise]]
kind = "grid"
title = "Many items"
minutes = 120
axes = [["Implement", "Innovate"], ["Systems", "People"]]
items = [%s]
`
	loadOpen = `title = "Load"
[[exercise]]
kind = "open"
title = "Many answers"
minutes = 120
prompts = ["One thing you will do differently"]
max = 280
answers = %d
`
)

// answersPerPhone is how many answers the open load plan lets a phone give.
const answersPerPhone = 4

// startRoom starts the real app on a data folder with phone voting on a
// loopback port, and waits for its join address on standard output.
func startRoom(app, data, display string, port int, fresh bool) (*room, error) {
	args := []string{"--data", data}
	if fresh {
		var items []string
		for i := range 200 {
			items = append(items, fmt.Sprintf("%q", fmt.Sprintf("Question %d", i+1)))
		}
		plan := filepath.Join(data, "load.toml")
		text := fmt.Sprintf(loadPlan, strings.Join(items, ", "))
		switch kind {
		case "grid":
			text = fmt.Sprintf(loadGrid, strings.Join(items, ", "))
		case "open":
			text = fmt.Sprintf(loadOpen, answersPerPhone)
		}
		if err := os.WriteFile(plan, []byte(text), 0o644); err != nil {
			return nil, err
		}
		args = append(args, "run", plan, "--group", "Load", "--phones", fmt.Sprintf("127.0.0.1:%d", port))
	}
	cmd := exec.Command(app, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	pprof := ""
	if profileDir != "" {
		pprof = fmt.Sprintf("127.0.0.1:%d", freePort())
		cmd.Env = append(cmd.Env, "RUNSHEET_PPROF="+pprof)
	}
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := &room{cmd: cmd, data: data, display: display, pprof: pprof}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "http://") {
				select {
				case found <- sc.Text():
				default:
				}
			}
		}
	}()
	select {
	case u := <-found:
		base, q, _ := strings.Cut(u, "/?room=")
		r.base, r.code = base, q
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		return nil, errors.New("the app printed no join address within a minute")
	}
	for range 50 {
		w, err := r.xdotool("search", "--name", "^Runsheet$")
		if err == nil && w != "" {
			r.window = strings.Fields(w)[0]
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if r.window == "" {
		return nil, errors.New("the app's window did not appear")
	}
	return r, nil
}

func (r *room) xdotool(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+r.display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// key presses a key on the console, as a clicker would.
func (r *room) key(k string) error {
	_, err := r.xdotool("key", "--window", r.window, k)
	return err
}

// rss is the app's resident memory, in MB.
func rss(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(v)[0])
			return float64(kb) / 1024
		}
	}
	return -1
}

// ---- phones --------------------------------------------------------------

// transportFrom makes HTTP connections from one local source address.
func transportFrom(src string, conns int) *http.Transport {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 10 * time.Second}
	return &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: 90 * time.Second}
}

type phone struct {
	token  string
	votes  *http.Client
	events *http.Client
	item   atomic.Int64 // the item on screen, as its event stream says
	seen   atomic.Int64 // when that item arrived, unix ns
}

// phoneAddr is phone i's own loopback source address, 127.20.x.y: every
// phone in the room is a device of its own, as on a real LAN, so no phone
// shares another's per-address limits. Linux routes all of 127/8 to the
// loopback interface. Attackers use 127.0.2–4.x.
func phoneAddr(i int) string { return fmt.Sprintf("127.20.%d.%d", i/250, i%250+1) }

func joinPhones(ctx context.Context, base, code string, n int) ([]*phone, error) {
	return joinFrom(ctx, base, code, n, 0)
}

// joinFrom joins n phones numbered from first, each from its own address,
// and has each listen to its event stream.
func joinFrom(ctx context.Context, base, code string, n, first int) ([]*phone, error) {
	phones := make([]*phone, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			src := phoneAddr(first + i)
			p := &phone{votes: &http.Client{Transport: transportFrom(src, 2), Timeout: 30 * time.Second}, events: &http.Client{Transport: transportFrom(src, 2)}}
			p.item.Store(-2)
			body := fmt.Sprintf(`{"room":%q,"name":"phone %d"}`, code, first+i)
			for try := 0; ; try++ {
				resp, err := p.votes.Post(base+"/join", "application/json", strings.NewReader(body))
				if err != nil {
					errs <- err
					return
				}
				var out struct{ Token string }
				json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode == http.StatusTooManyRequests && try < 20 {
					time.Sleep(time.Second)
					continue
				}
				if resp.StatusCode != 200 {
					errs <- fmt.Errorf("join: %d", resp.StatusCode)
					return
				}
				p.token = out.Token
				break
			}
			phones[i] = p
			go p.listen(ctx, base, code)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return nil, err
	}
	return phones, nil
}

// listen keeps the phone's event stream open, noting each new item.
func (p *phone) listen(ctx context.Context, base, code string) {
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/events?room=%s&token=%s", base, code, p.token), nil)
		resp, err := p.events.Do(req)
		if err != nil {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var st struct {
				Item      int  `json:"item"`
				Open      bool `json:"open"`
				Answering bool `json:"answering"`
			}
			if json.Unmarshal([]byte(data), &st) != nil {
				continue
			}
			if st.Answering {
				st.Open, st.Item = true, 0 // an open question is the phone's one item
			}
			if st.Open && int64(st.Item) != p.item.Load() {
				p.item.Store(int64(st.Item))
				p.seen.Store(time.Now().UnixNano())
			}
		}
		resp.Body.Close()
	}
}

// ---- measuring -----------------------------------------------------------

type tally struct {
	mu      sync.Mutex
	start   time.Time
	lat     []time.Duration
	bySec   map[int][]time.Duration
	status  map[int]int
	acked   int
	neterrs int
	took    time.Duration // from the first vote sent to the last answer in
}

func newTally() *tally {
	return &tally{start: time.Now(), bySec: map[int][]time.Duration{}, status: map[int]int{}}
}

func (t *tally) add(sent time.Time, d time.Duration, status int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if status == 0 {
		t.neterrs++
		return
	}
	t.status[status]++
	if status == 200 {
		t.acked++
		t.lat = append(t.lat, d)
		s := int(sent.Sub(t.start) / time.Second)
		t.bySec[s] = append(t.bySec[s], d)
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func (t *tally) statuses() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var keys []int
	for k := range t.status {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d×%d", k, t.status[k]))
	}
	if t.neterrs > 0 {
		parts = append(parts, fmt.Sprintf("network errors×%d", t.neterrs))
	}
	return strings.Join(parts, " ")
}

// vote sends one vote and notes how it went.
func vote(c *http.Client, url, code, token string, item, option int, t *tally) int {
	body := fmt.Sprintf(`{"room":%q,"exercise":0,"item":%d,"option":%d}`, code, item, option)
	req, _ := http.NewRequest("POST", url+"/vote", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Runsheet-Token", token)
	sent := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		t.add(sent, 0, 0)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	t.add(sent, time.Since(sent), resp.StatusCode)
	return resp.StatusCode
}

// answer sends one open answer and notes how it went.
func answer(c *http.Client, url, code, token, text string, t *tally) int {
	body, _ := json.Marshal(map[string]any{"room": code, "exercise": 0, "text": text})
	req, _ := http.NewRequest("POST", url+"/answer", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Runsheet-Token", token)
	sent := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		t.add(sent, 0, 0)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	t.add(sent, time.Since(sent), resp.StatusCode)
	return resp.StatusCode
}

// driveAnswers has every phone send its answers, each at most perSec a
// second, and returns the tally and how long until the last was
// acknowledged. An answer is acknowledged only once it is durable.
func driveAnswers(phones []*phone, base, code string, perPhone int, perSec float64) (*tally, time.Duration) {
	t := newTally()
	start := time.Now()
	var wg sync.WaitGroup
	gap := time.Duration(float64(time.Second) / perSec)
	var last atomic.Int64
	for i, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := time.Now().Add(time.Duration(rand.Int64N(int64(gap))))
			for k := range perPhone {
				if wait := time.Until(next); wait > 0 {
					time.Sleep(wait)
				}
				next = next.Add(gap)
				text := fmt.Sprintf("Phone %d says: we will delegate the weekly plan and coach more, answer %d", i, k+1)
				if answer(p.votes, base, code, p.token, text, t) == 200 {
					for now := time.Since(start).Nanoseconds(); ; {
						old := last.Load()
						if now <= old || last.CompareAndSwap(old, now) {
							break
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	return t, time.Duration(last.Load())
}

// runOpen measures open answers: every phone sends its answers at its
// limit of 5 a second, to the app and then to the bare handler, and a
// hostile phone sends what no answer may be.
func runOpen(phones []*phone, r *room, bareBase string) error {
	n := len(phones)
	fmt.Printf("## Open answers: %d phones, %d answers each, 5 a second at most (%d answers offered)\n\n", n, answersPerPhone, n*answersPerPhone)
	fmt.Println("| | answers acknowledged | answers/s | p50 / p99 / max ms | statuses |")
	fmt.Println("| --- | --- | --- | --- | --- |")
	a, da := driveAnswers(phones, r.base, r.code, answersPerPhone, 5)
	b, db := driveAnswers(phones, bareBase, r.code, answersPerPhone, 5)
	ra, rb := float64(a.acked)/da.Seconds(), float64(b.acked)/db.Seconds()
	fmt.Printf("| app | %d | %.0f | %s / %s / %s | %s |\n", a.acked, ra, ms(pct(a.lat, .5)), ms(pct(a.lat, .99)), ms(pct(a.lat, 1)), a.statuses())
	fmt.Printf("| bare | %d | %.0f | %s / %s / %s | %s |\n", b.acked, rb, ms(pct(b.lat, .5)), ms(pct(b.lat, .99)), ms(pct(b.lat, 1)), b.statuses())
	fmt.Printf("\nRatio to the bare handler: **%.2f**\n\n", ra/rb)

	// One more from each phone is over its limit: refused, not recorded.
	over := newTally()
	answer(phones[0].votes, r.base, r.code, phones[0].token, "one too many", over)
	fmt.Printf("An answer beyond a phone's %d: %s\n\n", answersPerPhone, over.statuses())

	// Hostile answers from a new phone: ten thousand characters, and a
	// short one of control characters, bidirectional overrides and markup.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eve, err := joinPhones(ctx, r.base, r.code, 1)
	if err != nil {
		return err
	}
	huge := newTally()
	answer(eve[0].votes, r.base, r.code, eve[0].token, strings.Repeat("\u202e<b>x</b>\x00\x1b[31m", 1000), huge)
	// The short one comes back as recorded: it must hold no control or
	// bidirectional character (an answer over the question's 280
	// characters is refused whole, as the 10,000 are).
	body, _ := json.Marshal(map[string]any{"room": r.code, "exercise": 0, "text": "\u202e<script>alert(1)</script>\u2066\x07" + strings.Repeat("y", 200)})
	req, _ := http.NewRequest("POST", r.base+"/answer", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Runsheet-Token", eve[0].token)
	verdict := "not recorded"
	if resp, err := eve[0].votes.Do(req); err == nil {
		var out struct{ Text string }
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		verdict = fmt.Sprintf("%d, recorded as %d characters starting %q", resp.StatusCode, len([]rune(out.Text)), out.Text[:min(len(out.Text), 30)])
		if strings.ContainsAny(out.Text, "\u202e\u2066\x07") {
			verdict += " — RAW CHARACTERS KEPT"
		}
	}
	fmt.Printf("Hostile answers: 10,000 characters → %s; control characters, overrides and markup → %s\n", huge.statuses(), verdict)
	return nil
}

// drive has every phone vote for d, each at most perSec a second (within
// the server's per-phone limit of 5), in a closed loop: a phone sends its
// next vote once the answer to the last is in and its gap has passed. A
// vote that is late goes at once, and the gap counts from there: a phone
// held up never catches up with a burst.
func drive(phones []*phone, base, code string, d time.Duration, perSec float64) *tally {
	t := newTally()
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	gap := time.Duration(float64(time.Second) / perSec)
	for _, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Phones start spread over one gap, as people do.
			next := time.Now().Add(time.Duration(rand.Int64N(int64(gap))))
			for {
				if wait := time.Until(next); wait > 0 {
					time.Sleep(wait)
				}
				if time.Now().After(deadline) {
					return
				}
				item := int(p.item.Load())
				if item < 0 {
					item = 0
				}
				vote(p.votes, base, code, p.token, item, rand.IntN(options()), t)
				next = next.Add(gap)
				if now := time.Now(); next.Before(now) {
					next = now // late: the next vote goes at once, and the gap counts from it
				}
			}
		}()
	}
	wg.Wait()
	t.took = time.Since(t.start)
	return t
}

// ---- hostile traffic -----------------------------------------------------

type attack struct {
	name string
	run  func(ctx context.Context, base, code string, t *tally)
}

func dialFrom(src, base string) (net.Conn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	return d.Dial("tcp", strings.TrimPrefix(base, "http://"))
}

// holdConns keeps n connections from src open, doing what feed does on
// each, and reopens any the server cuts.
func holdConns(ctx context.Context, base, src string, n int, feed func(net.Conn) error, t *tally) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				c, err := dialFrom(src, base)
				if err != nil {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				stop := context.AfterFunc(ctx, func() { c.Close() })
				feed(c) // returns once the connection is cut
				stop()
				c.Close()
				t.add(time.Now(), 0, 499) // cut by the server (or at the end)
				time.Sleep(100 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}

// flood sends requests from src at rate a second, noting their statuses.
func flood(ctx context.Context, src string, rate int, workers int, req func() *http.Request, t *tally) {
	c := &http.Client{Transport: transportFrom(src, workers), Timeout: 10 * time.Second}
	var wg sync.WaitGroup
	gap := time.Duration(int64(time.Second) * int64(workers) / int64(rate))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := time.Now()
			for ctx.Err() == nil {
				if w := time.Until(next); w > 0 {
					time.Sleep(w)
				}
				next = next.Add(gap)
				r := req().WithContext(ctx)
				sent := time.Now()
				resp, err := c.Do(r)
				if err != nil {
					if ctx.Err() == nil {
						t.add(sent, 0, 0)
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				t.add(sent, time.Since(sent), resp.StatusCode)
			}
		}()
	}
	wg.Wait()
}

// holdStreams holds 10,000 event streams — 3 on each of 3,334 tokens —
// from 5 addresses, reopening any the server closes, with keep-alives read
// so that no idle timeout ends them: the attack that once took the
// server's whole connection budget. The tokens are joined from 50 other
// addresses, within their join bursts.
func holdStreams(ctx context.Context, base, code string, t *tally) {
	const streams, perToken = 10000, 3
	tokens := make([]string, (streams+perToken-1)/perToken)
	var wg sync.WaitGroup
	for a := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Transport: transportFrom(fmt.Sprintf("127.0.4.%d", a+1), 4), Timeout: 10 * time.Second}
			for i := a; i < len(tokens) && ctx.Err() == nil; i += 50 {
				for ctx.Err() == nil {
					resp, err := c.Do(jsonReq(base, "/join", "", fmt.Sprintf(`{"room":%q}`, code)).WithContext(ctx))
					if err != nil {
						continue
					}
					var out struct{ Token string }
					json.NewDecoder(resp.Body).Decode(&out)
					resp.Body.Close()
					if out.Token != "" {
						tokens[i] = out.Token
						break
					}
				}
			}
		}()
	}
	wg.Wait()
	host := strings.TrimPrefix(base, "http://")
	var hold sync.WaitGroup
	for a := range 5 {
		src := fmt.Sprintf("127.0.3.%d", a+1)
		hold.Add(1)
		go func() {
			defer hold.Done()
			var mine []string
			for i := a; i < len(tokens); i += 5 {
				for range perToken {
					mine = append(mine, tokens[i])
				}
			}
			next := 0
			var mu sync.Mutex
			holdConns(ctx, base, src, len(mine), func(c net.Conn) error {
				mu.Lock()
				tok := mine[next%len(mine)]
				next++
				mu.Unlock()
				if _, err := fmt.Fprintf(c, "GET /events?room=%s&token=%s HTTP/1.1\r\nHost: %s\r\n\r\n", code, tok, host); err != nil {
					return err
				}
				_, err := io.Copy(io.Discard, c) // keep-alives and states, until cut
				return err
			}, t)
		}()
	}
	hold.Wait()
}

func jsonReq(base, path, token, body string) *http.Request {
	r, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("X-Runsheet-Token", token)
	}
	return r
}

func attacks() []attack {
	return []attack{
		{"1,000 slowloris connections", func(ctx context.Context, base, code string, t *tally) {
			holdConns(ctx, base, "127.0.2.1", 1000, func(c net.Conn) error {
				if _, err := c.Write([]byte("POST /vote HTTP/1.1\r\nHost: room\r\n")); err != nil {
					return err
				}
				for ctx.Err() == nil {
					time.Sleep(time.Second)
					if _, err := c.Write([]byte("X")); err != nil {
						return err
					}
				}
				return nil
			}, t)
		}},
		{"5,000 idle connections from one address", func(ctx context.Context, base, code string, t *tally) {
			holdConns(ctx, base, "127.0.2.2", 5000, func(c net.Conn) error {
				_, err := c.Read(make([]byte, 1)) // waits until the server cuts it
				return err
			}, t)
		}},
		{"2 MB bodies", func(ctx context.Context, base, code string, t *tally) {
			big := bytes.Repeat([]byte("x"), 2<<20)
			flood(ctx, "127.0.2.3", 40, 8, func() *http.Request {
				r, _ := http.NewRequest("POST", base+"/vote", bytes.NewReader(big))
				r.Header.Set("Content-Type", "application/json")
				return r
			}, t)
		}},
		{"malformed JSON", func(ctx context.Context, base, code string, t *tally) {
			flood(ctx, "127.0.2.4", 2000, 32, func() *http.Request { return jsonReq(base, "/vote", "", `{"room": "`+code+`", "item": [}`) }, t)
		}},
		{"wrong room codes", func(ctx context.Context, base, code string, t *tally) {
			flood(ctx, "127.0.2.5", 2000, 32, func() *http.Request {
				r, _ := http.NewRequest("GET", base+"/state?room=WRONG", nil)
				return r
			}, t)
		}},
		{"forged tokens", func(ctx context.Context, base, code string, t *tally) {
			flood(ctx, "127.0.2.6", 2000, 32, func() *http.Request {
				forged := fmt.Sprintf("%016x%032x", rand.Uint64(), rand.Uint64())
				return jsonReq(base, "/vote", forged, fmt.Sprintf(`{"room":%q,"exercise":0,"item":0,"option":1}`, code))
			}, t)
		}},
		{"10,000 event streams held from 5 addresses", holdStreams},
		{"10,000 join attempts a second", func(ctx context.Context, base, code string, t *tally) {
			flood(ctx, "127.0.2.7", 10000, 128, func() *http.Request { return jsonReq(base, "/join", "", fmt.Sprintf(`{"room":%q}`, code)) }, t)
		}},
	}
}

// ---- the run -------------------------------------------------------------

// volume is how many acknowledged votes the memory phase waits for.
var volume int

// phases holds the phases asked for with -only; empty for all.
var phases = map[string]bool{}

func want(phase string) bool { return len(phases) == 0 || phases[phase] }

func run(app string, n int, quick bool) error {
	phase := 10 * time.Second
	if quick {
		phase = 4 * time.Second
		window = min(window, 6*time.Second)
		clockWindow = min(clockWindow, 10*time.Second)
	}
	self, _ := os.Executable()
	data, err := os.MkdirTemp("", "runsheet-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	xvfb, display, err := startXvfb()
	if err != nil {
		return err
	}
	defer stopXvfb(xvfb)

	port := freePort()
	r, err := startRoom(app, data, display, port, true)
	if err != nil {
		return err
	}
	defer func() { r.cmd.Process.Kill(); r.cmd.Wait() }()
	pid := r.cmd.Process.Pid
	fmt.Printf("# Phones from another process: %d phones, each from its own address, app pid %d, %s; load average %s; the phones' process collects garbage at %s\n\n",
		n, pid, time.Now().Format(time.RFC3339), loadAverage(), clientGC)

	barePort := freePort()
	bareArgs := []string{"-bare", fmt.Sprintf("127.0.0.1:%d", barePort)}
	if bareStore {
		dir, err := os.MkdirTemp("", "runsheet-bare")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bareArgs = append(bareArgs, "-bare-store-dir", dir)
		fmt.Print("The bare handler commits each vote to a store of its own (the app's store package) and answers once it is on disk.\n\n")
	}
	bareCmd := exec.Command(self, bareArgs...)
	bareOut, _ := bareCmd.StdoutPipe()
	if err := bareCmd.Start(); err != nil {
		return err
	}
	defer func() { bareCmd.Process.Kill(); bareCmd.Wait() }()
	bufio.NewReader(bareOut).ReadString('\n')
	bareBase := fmt.Sprintf("http://127.0.0.1:%d", barePort)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Start the workshop and open the first item, from the keyboard: the
	// session's timer runs from here.
	if err := r.key("Next"); err != nil {
		return fmt.Errorf("xdotool: %w", err)
	}
	time.Sleep(3 * time.Second)
	early := rss(pid)

	// The running clock: the app with its timer ticking and nothing else
	// happening, beside a bare Fyne app redrawing the same clocks.
	if want("clock") && kind == "vote" {
		if err := runClock(pid, self); err != nil {
			return err
		}
	}
	// Idle memory is read once it has settled: in its first minute the
	// app's heap and the renderer's buffers still grow with the clock
	// alone (by some 60 MB), which a reading 3 s after the first key
	// counted against the phones.
	idle, settled := settledRSS(pid)

	started := time.Now()
	phones, err := joinPhones(ctx, r.base, r.code, n)
	if err != nil {
		return err
	}
	for _, p := range phones {
		for p.item.Load() < 0 && time.Since(started) < time.Minute {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if kind == "open" {
		return runOpen(phones, r, bareBase)
	}
	// A connected phone listens to its event stream and keeps the
	// connection it votes on: each votes once before memory is read.
	warm := newTally()
	var wg sync.WaitGroup
	for _, p := range phones {
		wg.Add(1)
		go func() { defer wg.Done(); vote(p.votes, r.base, r.code, p.token, 0, 0, warm) }()
	}
	wg.Wait()
	time.Sleep(3 * time.Second)
	connected := rss(pid)
	fmt.Printf("%d phones joined, listening and voted once in %.1f s (%s)\n\n", n, time.Since(started).Seconds(), warm.statuses())
	fmt.Println("## Memory with the room connected")
	fmt.Println()
	fmt.Printf("App RSS idle (session running, no phone yet, settled after %s; %.0f MB 3 s after the first key): %.0f MB; with %d phones connected: %.0f MB: **%.2f ×** idle\n\n",
		settled.Round(time.Second), early, idle, n, connected, connected/idle)

	// Throughput beside the bare handler: windows in the order app, bare,
	// bare, app, app, bare, so that neither always goes first.
	total := 0
	if want("throughput") {
		total += throughput(phones, r, pid, bareBase, bareCmd.Process.Pid)
	}

	// A profile of the app under the same load, in a window of its own.
	if profileDir != "" && want("profile") {
		total += profile(phones, r)
	}

	// 5,000 votes a second offered, phones pacing themselves.
	if want("paced") {
		total += paced(phones, r, bareBase)
	}

	// The facilitator's key to every phone.
	if want("key") {
		fmt.Println("## Facilitator's key → new item on every phone")
		fmt.Println()
		var worst time.Duration
		var lines []string
		for range 5 {
			r.key("Next") // reveal
			time.Sleep(700 * time.Millisecond)
			press := time.Now()
			r.key("Next") // the next item opens
			want := int64(-1)
			var arrivals []time.Duration
			deadline := time.Now().Add(10 * time.Second)
			for _, p := range phones {
				for time.Now().Before(deadline) && (p.seen.Load() < press.UnixNano() || (want >= 0 && p.item.Load() != want)) {
					time.Sleep(2 * time.Millisecond)
				}
				if want < 0 {
					want = p.item.Load()
				}
				arrivals = append(arrivals, time.Duration(p.seen.Load()-press.UnixNano()))
			}
			p99 := pct(arrivals, .99)
			worst = max(worst, p99)
			lines = append(lines, fmt.Sprintf("item %d: p50 %s ms, p99 %s ms, last %s ms", want+1, ms(pct(arrivals, .5)), ms(p99), ms(pct(arrivals, 1))))
			time.Sleep(300 * time.Millisecond)
		}
		for _, l := range lines {
			fmt.Println("- " + l)
		}
		fmt.Printf("\nWorst p99 over 5 presses (including xdotool's own start-up): **%s ms**\n\n", ms(worst))
	}

	// Volume: half a million acknowledged votes more, moving on every so
	// often, the RSS read at every hundred thousand.
	if want("memory") {
		goal := volume
		if quick {
			goal = min(goal, 100_000)
		}
		goal += total
		vol := time.Now()
		var marks []string
		nextMark := (total/100_000 + 1) * 100_000
		for chunk := 0; total < goal && time.Since(vol) < 8*time.Minute; chunk++ {
			t := drive(phones, r.base, r.code, 2*time.Second, 5)
			total += t.acked
			if chunk%5 == 4 {
				// The next item, as the facilitator moves on.
				r.key("Next")
				r.key("Next")
			}
			if total >= nextMark {
				marks = append(marks, fmt.Sprintf("%dk: %.0f MB", total/1000, rss(r.cmd.Process.Pid)))
				nextMark += 100_000
			}
		}
		time.Sleep(2 * time.Second)
		after := rss(r.cmd.Process.Pid)
		fmt.Println("## Memory after many votes")
		fmt.Println()
		fmt.Printf("RSS with %d phones connected: %.0f MB; after %d acknowledged votes: %.0f MB (%+.0f MB)\n\n", n, connected, total, after, after-connected)
		fmt.Printf("RSS along the way (votes so far: RSS): %s\n\n", strings.Join(marks, ", "))
	}

	// Hostile LAN: 500 honest phones, each attack in turn.
	honest := phones[:min(500, len(phones))]
	if want("hostile") {
		fmt.Println("## Hostile LAN: 500 honest phones at 2 votes a second each, one attack at a time")
		fmt.Println()
		base := drive(honest, r.base, r.code, phase, 2)
		fmt.Printf("Honest baseline: p50 %s ms, p99 %s ms (%s)\n\n", ms(pct(base.lat, .5)), ms(pct(base.lat, .99)), base.statuses())
		fmt.Println("| attack | honest p99 ms | × baseline | honest statuses | hostile answers |")
		fmt.Println("| --- | --- | --- | --- | --- |")
		for _, a := range attacks() {
			actx, stop := context.WithCancel(ctx)
			hostile := newTally()
			done := make(chan struct{})
			go func() { a.run(actx, r.base, r.code, hostile); close(done) }()
			time.Sleep(time.Second) // let the attack build up
			h := drive(honest, r.base, r.code, phase, 2)
			stop()
			<-done
			fmt.Printf("| %s | %s | %.2f | %s | %s |\n", a.name, ms(pct(h.lat, .99)), float64(pct(h.lat, .99))/float64(pct(base.lat, .99)), h.statuses(), hostile.statuses())
			time.Sleep(2 * time.Second)
		}
		fmt.Println()
	}
	if !want("kill") {
		return nil
	}

	// kill -9 during a flood: no acknowledged vote may be lost.
	lost, acked, err := killDuringFlood(ctx, r, honest)
	if err != nil {
		return err
	}
	fmt.Println("## kill -9 during a hostile flood")
	fmt.Println()
	fmt.Printf("%d votes acknowledged before the kill, %d of them missing from the store after it\n", acked, lost)
	if lost > 0 {
		return fmt.Errorf("%d acknowledged votes were lost", lost)
	}
	return nil
}

// killDuringFlood has each honest phone vote once on each of several items
// while forged tokens and fake joins flood in, kills the app with SIGKILL,
// and checks every acknowledged vote against the store's export.
func killDuringFlood(ctx context.Context, r *room, phones []*phone) (lost, acked int, err error) {
	fctx, stop := context.WithCancel(ctx)
	hostile := newTally()
	for _, a := range attacks()[5:] {
		go a.run(fctx, r.base, r.code, hostile)
	}
	type ballot struct {
		participant string
		item        int
	}
	var mu sync.Mutex
	got := map[ballot]int{}
	var wg sync.WaitGroup
	kill := time.Now().Add(3 * time.Second)
	t := newTally()
	for _, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(kill.Add(time.Second)) {
				item := int(p.item.Load())
				key := ballot{p.token[:16], item}
				mu.Lock()
				_, done := got[key]
				mu.Unlock()
				if done {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				opt := rand.IntN(4)
				if vote(p.votes, r.base, r.code, p.token, item, opt, t) == 200 {
					mu.Lock()
					got[key] = opt
					mu.Unlock()
				}
			}
		}()
	}
	go func() {
		for time.Now().Before(kill) {
			r.key("Next")
			time.Sleep(400 * time.Millisecond)
		}
	}()
	time.Sleep(time.Until(kill))
	r.cmd.Process.Kill()
	r.cmd.Wait()
	wg.Wait()
	stop()
	mu.Lock()
	defer mu.Unlock()
	out := filepath.Join(r.data, "after-kill.json")
	list, err := exec.Command(r.cmd.Path, "--data", r.data, "sessions").Output()
	if err != nil {
		return 0, 0, fmt.Errorf("listing sessions after the kill: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(list)), "\n")
	id := strings.Fields(lines[len(lines)-1])[0]
	if msg, err := exec.Command(r.cmd.Path, "--data", r.data, "export", id, "-o", out).CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("export after the kill: %v %s", err, msg)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return 0, 0, err
	}
	var file struct {
		Events []struct {
			Kind        string `json:"kind"`
			Item        int    `json:"item"`
			Option      int    `json:"option"`
			Participant string `json:"participant"`
		} `json:"events"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return 0, 0, err
	}
	stored := map[ballot]int{}
	for _, e := range file.Events {
		if e.Kind == "vote" {
			stored[ballot{e.Participant, e.Item}] = e.Option
		}
	}
	for k, opt := range got {
		if v, ok := stored[k]; !ok || v != opt {
			lost++
		}
	}
	return lost, len(got), nil
}
