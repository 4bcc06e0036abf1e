package live

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// sorting is the built-in plan's behaviour-sorting vote.
const sorting = 2

type fixture struct {
	t   testing.TB
	st  *store.Store
	rec *workshop.Recorder
	srv *Server
	web *httptest.Server
}

// newFixture records a session of the built-in plan into a real store and
// serves its phones on loopback.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureWith(t, Options{ShowResults: func() bool { return true }})
}

// newFixtureWith is newFixture with the server's options.
func newFixtureWith(t testing.TB, opts Options) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sess, err := workshop.NewSession(plans.Builtin(), "Room", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Create(sess); err != nil {
		t.Fatal(err)
	}
	rec := workshop.NewRecorder(sess, st)
	srv := New(rec, opts)
	rec.OnChange(srv.Changed)
	web := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { web.Close(); srv.Stop() })
	f := &fixture{t: t, st: st, rec: rec, srv: srv, web: web}
	f.record(workshop.Event{Kind: workshop.EventStarted})
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: sorting})
	return f
}

func (f *fixture) record(e workshop.Event) {
	f.t.Helper()
	e.At = time.Now()
	if err := f.rec.Record(e); err != nil {
		f.t.Fatal(err)
	}
}

// call sends a request and decodes the JSON answer.
func (f *fixture) call(method, path, token string, body any) (int, map[string]any) {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, f.web.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("X-Runsheet-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// send makes a request with body, its Content-Type ctype and its token
// when they are not empty, and returns the answer, its body read.
func (f *fixture) send(method, path, ctype, token, body string) *http.Response {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.web.URL+path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("X-Runsheet-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func (f *fixture) join(name string) string {
	f.t.Helper()
	code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room(), "name": name})
	if code != 200 {
		f.t.Fatalf("join: %d %v", code, out)
	}
	return out["token"].(string)
}

func (f *fixture) ballots() map[string]int {
	out := map[string]int{}
	f.rec.View(func(s *workshop.Session) {
		iv := &s.State.Votes[sorting].Items[0]
		for _, p := range iv.Voters() {
			out[p], _ = iv.Ballot(p)
		}
	})
	return out
}

func TestVotingFromAPhone(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.web.URL + "/")
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %v %v", err, resp)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(page, []byte("Join the room")) || !bytes.Contains(page, []byte("not who voted for what")) {
		t.Error("the page lacks the join form or the privacy note")
	}

	tok := f.join("Ann")
	room := "?room=" + strings.ToLower(f.srv.Room()) // codes are not case-sensitive
	if code, st := f.call("GET", "/state"+room, tok, nil); code != 200 || st["open"] != false {
		t.Errorf("state before voting opens: %d %v", code, st)
	}
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	code, st := f.call("GET", "/state"+room, tok, nil)
	if code != 200 || st["open"] != true || st["question"] != "Sets next quarter's objectives" || st["yourVote"] != nil {
		t.Fatalf("open state: %d %v", code, st)
	}
	for _, k := range []string{"counts", "results", "notes", "room_count"} {
		if _, ok := st[k]; ok {
			t.Errorf("the phone's state reveals %q", k)
		}
	}
	raw, _ := json.Marshal(st)
	if strings.Contains(string(raw), "Reveal after each item") {
		t.Error("the phone's state carries private notes")
	}

	vote := func(opt int) (int, map[string]any) {
		return f.call("POST", "/vote", tok, map[string]any{"room": f.srv.Room(), "name": "Ann", "exercise": sorting, "item": 0, "option": opt})
	}
	if code, out := vote(0); code != 200 || out["received"] != true {
		t.Fatalf("vote: %d %v", code, out)
	}
	if code, _ := vote(1); code != 200 {
		t.Fatalf("changing the vote: %d", code)
	}
	if b := f.ballots(); len(b) != 1 || b[Participant(tok)] != 1 {
		t.Errorf("ballots %v", b)
	}
	if _, st := f.call("GET", "/state"+room, tok, nil); st["yourVote"] != float64(1) {
		t.Errorf("yourVote %v", st["yourVote"])
	}

	// The same token rejoins as the same participant.
	code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room(), "token": tok})
	if code != 200 || out["token"] != tok {
		t.Errorf("rejoin: %d %v", code, out)
	}

	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
	if code, out := vote(0); code != http.StatusConflict || !strings.Contains(out["error"].(string), "closed") {
		t.Errorf("vote on a closed item: %d %v", code, out)
	}
	if b := f.ballots(); b[Participant(tok)] != 1 {
		t.Error("a refused vote changed the ballot")
	}

	// The console sees the phone and can remove it.
	phones := f.srv.Phones()
	if len(phones) != 1 || phones[0].Name != "Ann" || time.Since(phones[0].LastSeen) > time.Minute {
		t.Errorf("phones %+v", phones)
	}
	f.srv.Remove(Participant(tok))
	if code, out := f.call("GET", "/state"+room, tok, nil); code != http.StatusForbidden || !strings.Contains(out["error"].(string), "removed") {
		t.Errorf("removed phone: %d %v", code, out)
	}
}

func TestHostileRequestsAreRefused(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	tok := f.join("")
	room := f.srv.Room()
	if code, _ := f.call("GET", "/state?room="+room+"&name="+url.QueryEscape(strings.Repeat("Łukasz \t<b>\x00 ", 60)), tok, nil); code != 200 {
		t.Fatalf("state: %d", code)
	}
	if p := f.srv.Phones(); len(p) != 1 || len([]rune(p[0].Name)) > MaxNameRunes || strings.ContainsAny(p[0].Name, "\t\x00") {
		t.Errorf("a hostile name was kept: %+v", p)
	}
	post := func(path, ctype, body, token string) int {
		return f.send("POST", path, ctype, token, body).StatusCode
	}
	cases := []struct {
		name string
		code int
		got  int
	}{
		{"wrong room", 403, post("/join", "application/json", `{"room":"NOPE1"}`, "")},
		{"no token", 401, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), "")},
		{"malformed token", 401, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), "../../etc")},
		{"made-up token", 401, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), strings.Repeat("ab", 24))},
		{"altered token", 401, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), altered(tok))},
		{"another room's token", 401, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), New(f.rec, Options{}).newToken())},
		{"not JSON", 415, post("/vote", "text/plain", "option=1", tok)},
		{"broken JSON", 400, post("/vote", "application/json", `{"room":`, tok)},
		{"unknown field", 400, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"count":999}`, room), tok)},
		{"huge body", 413, post("/vote", "application/json", `{"room":"`+strings.Repeat("x", 10000)+`"}`, tok)},
		{"unknown option", 400, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":7}`, room), tok)},
		{"unknown item", 400, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":99,"option":0}`, room), tok)},
		{"a talk exercise", 400, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":0,"item":0,"option":0}`, room), tok)},
		{"item not open", 409, post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":1,"option":0}`, room), tok)},
		{"wrong room on vote", 403, post("/vote", "application/json", `{"room":"ZZZZZ","exercise":2,"item":0,"option":0}`, tok)},
	}
	for _, c := range cases {
		if c.got != c.code {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.code)
		}
	}
	if resp, _ := http.Get(f.web.URL + "/state"); resp.StatusCode != 403 {
		t.Errorf("state without room code: %d", resp.StatusCode)
	}
	if resp, _ := http.Post(f.web.URL+"/finish", "application/json", strings.NewReader("{}")); resp.StatusCode < 400 {
		t.Errorf("an unknown endpoint answered %d", resp.StatusCode)
	}
	// Rate limit: a burst beyond the bucket is refused.
	refused := 0
	for range 30 {
		if post("/vote", "application/json", fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, room), tok) == 429 {
			refused++
		}
	}
	if refused == 0 {
		t.Error("30 votes in a burst were all accepted")
	}
	var started, notes bool
	f.rec.View(func(s *workshop.Session) { started = s.State.Running(); notes = s.State.Notes[0] != "" })
	if !started || notes {
		t.Error("a phone request changed the session's timer or notes")
	}
}

func TestServerSentEventsPushTheOpenQuestion(t *testing.T) {
	f := newFixture(t)
	tok := f.join("")
	resp, err := http.Get(f.web.URL + "/events?room=" + f.srv.Room() + "&token=" + tok)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %v %v", err, resp)
	}
	defer resp.Body.Close()
	events := make(chan State, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st State
				json.Unmarshal([]byte(data), &st)
				events <- st
			}
		}
	}()
	first := <-events
	if first.Open {
		t.Errorf("first event %+v", first)
	}
	start := time.Now()
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 3})
	select {
	case st := <-events:
		if !st.Open || st.Item != 3 || st.Question != "Chooses which figures the team is measured by" {
			t.Errorf("pushed %+v", st)
		}
		t.Logf("pushed in %v", time.Since(start))
	case <-time.After(5 * time.Second):
		t.Fatal("opening an item was not pushed")
	}

	// Votes before reveal change nothing a phone sees: nothing is pushed.
	voter := f.join("")
	for opt := range 2 {
		if code, out := f.call("POST", "/vote", voter, map[string]any{"room": f.srv.Room(), "exercise": sorting, "item": 3, "option": opt}); code != 200 {
			t.Fatalf("vote: %d %v", code, out)
		}
	}
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 3, Option: 0, Source: workshop.SourceRoom, Count: 3})
	select {
	case st := <-events:
		t.Errorf("a vote before reveal was pushed: %+v", st)
	case <-time.After(300 * time.Millisecond):
	}
	// Reveal sends the results, with the expected answer.
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 3})
	select {
	case st := <-events:
		if !st.Revealed || st.Votes != 4 || len(st.Results) != 2 || st.Results[0].Count != 3 || st.Results[1].Percent != 25 || st.Expected != "Implement" {
			t.Errorf("revealed results pushed as %+v", st)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reveal was not pushed")
	}
	// Votes after reveal are pushed, gathered to at most two pushes a second.
	start = time.Now()
	for i := range 20 {
		f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 3, Option: 0, Source: workshop.SourceRoom, Count: 4 + i})
	}
	got := 0
	deadline := time.After(3 * time.Second)
collect:
	for {
		select {
		case st := <-events:
			got++
			if st.Results[0].Count == 23 {
				break collect
			}
		case <-deadline:
			break collect
		}
	}
	// However slow the machine, no more than one push per half second
	// (and the one the first change starts).
	if allowed := int(time.Since(start)/resultsInterval) + 2; got == 0 || got > allowed {
		t.Errorf("%d pushes for 20 changes of revealed results in %v (at most %d)", got, time.Since(start), allowed)
	}
}

func TestRemovedPhonesStayRemoved(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	tok := f.join("Prankster")
	if err := f.srv.Remove(Participant(tok)); err != nil {
		t.Fatal(err)
	}
	// A new server for the same session, as after a restart, still refuses it.
	again := New(f.rec, Options{Room: f.srv.Room(), Key: f.srv.Key()})
	web := httptest.NewServer(again.Handler())
	defer web.Close()
	req, _ := http.NewRequest("POST", web.URL+"/vote", strings.NewReader(fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":0}`, f.srv.Room())))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Runsheet-Token", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || again.Room() != f.srv.Room() {
		t.Errorf("a removed phone voting after a restart got %d (room %s)", resp.StatusCode, again.Room())
	}
}

// A thousand phones voting at once on one item, each changing their mind,
// end with exactly one counted vote each.
func TestThousandConcurrentVotersCountOnceEach(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	const phones = 1000
	tokens := make([]string, phones)
	for i := range tokens {
		tokens[i] = f.srv.newToken()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200}}
	var wg sync.WaitGroup
	errs := make(chan error, phones)
	for i, tok := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range 3 {
				body := fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":%d}`, f.srv.Room(), (i+v)%2)
				req, _ := http.NewRequest("POST", f.web.URL+"/vote", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Runsheet-Token", tok)
				resp, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- fmt.Errorf("phone %d vote %d: %d", i, v, resp.StatusCode)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	b := f.ballots()
	if len(b) != phones {
		t.Fatalf("%d ballots for %d phones", len(b), phones)
	}
	for i, tok := range tokens {
		if got, want := b[Participant(tok)], (i+2)%2; got != want {
			t.Fatalf("phone %d counts %d, its last vote was %d", i, got, want)
		}
	}
	var r workshop.Result
	f.rec.View(func(s *workshop.Session) { r = s.State.Result(sorting, 0) })
	if r.Phone[0]+r.Phone[1] != phones {
		t.Errorf("tally %v", r.Phone)
	}
}

func TestJoinsCostNothingAndOneAddressCannotBeACrowd(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	// A server whose clock stands still, so that no bucket refills during the test.
	now := time.Now()
	f.srv = New(f.rec, Options{Clock: func() time.Time { return now }})
	f.web = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.web.Close)
	room := f.srv.Room()
	// calls makes n requests at once and counts their answers.
	calls := func(n int, method, path string, body any) map[int]int {
		var mu sync.Mutex
		got := map[int]int{}
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, _ := f.call(method, path, "", body)
				mu.Lock()
				got[code]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		return got
	}
	join := map[string]string{"room": room}
	if got := calls(joinBurst, "POST", "/join", join); got[200] != joinBurst {
		t.Errorf("a room's worth of joins from one address: %v", got)
	}
	start := time.Now()
	if got := calls(50, "POST", "/join", join); got[429] != 50 {
		t.Errorf("joins past the limit: %v", got)
	}
	if waited := time.Since(start); waited < tarpitDelay {
		t.Errorf("refusals past the limit came back in %v, not held back", waited)
	}
	if n := len(f.srv.Phones()); n != 0 {
		t.Errorf("joining alone made the server remember %d phones", n)
	}
	if got := calls(wrongCodeBurst, "GET", "/state?room=ZZZZZ", nil); got[403] != wrongCodeBurst {
		t.Errorf("wrong room codes: %v", got)
	}
	if got := calls(10, "GET", "/state?room=ZZZZZ", nil); got[429] != 10 {
		t.Errorf("wrong room codes past the limit: %v", got)
	}
}

func TestConnectionsPerAddressAreCapped(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	lim := newLimitListener(ln, newConnCounter(3))
	defer lim.Close()
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := lim.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	var clients []net.Conn
	for range 5 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	var served []net.Conn
	for range 3 {
		served = append(served, <-accepted)
	}
	// The fourth and fifth are parked: never served, and never answered.
	for _, c := range clients[3:] {
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		if _, err := c.Read(make([]byte, 1)); !isTimeout(err) {
			t.Errorf("a connection over the limit was served or closed: %v", err)
		}
	}
	select {
	case c := <-accepted:
		t.Errorf("a connection over the limit reached the server: %v", c.RemoteAddr())
	default:
	}
	// When the server closes one, another is let in.
	served[0].Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	select {
	case <-accepted:
	case <-time.After(2 * time.Second):
		t.Error("no room was made when a connection closed")
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// altered changes one hex digit of a token.
func altered(tok string) string {
	if tok[0] == '0' {
		return "1" + tok[1:]
	}
	return "0" + tok[1:]
}

// An acknowledged vote's answer is the JSON of its voteResponse, byte for
// byte, whatever the numbers.
func TestVotedAnswerIsItsJSON(t *testing.T) {
	for _, v := range [][3]int{{0, 0, 0}, {2, 199, 3}, {-1, math.MaxInt, math.MinInt}} {
		rec := httptest.NewRecorder()
		writeVoted(rec, v[0], v[1], v[2])
		var want bytes.Buffer
		json.NewEncoder(&want).Encode(voteResponse{Received: true, Exercise: v[0], Item: v[1], Option: v[2]})
		if got := rec.Body.String(); got != want.String() || rec.Code != http.StatusOK {
			t.Errorf("%v: answered %d %q, want %q", v, rec.Code, got, want.String())
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%v: content type %q", v, ct)
		}
	}
}

// Every answer the phone server gives — the page, a join, an acknowledged
// vote, a refused one, an unknown path — tells the browser not to guess
// its type, not to show it in a frame, not to pass the room's address on,
// and what the page may load; a vote's answer is never cached.
func TestEveryAnswerCarriesItsSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	token := f.join("Ana")
	vote := fmt.Sprintf(`{"room":%q,"exercise":%d,"item":0,"option":1}`, f.srv.Room(), sorting)
	for _, c := range []struct {
		what, method, path, token, body string
		status                          int
	}{
		{"the page", "GET", "/", "", "", http.StatusOK},
		{"a join", "POST", "/join", "", fmt.Sprintf(`{"room":%q,"name":"Ben"}`, f.srv.Room()), http.StatusOK},
		{"an acknowledged vote", "POST", "/vote", token, vote, http.StatusOK},
		{"a vote without a token", "POST", "/vote", "", vote, http.StatusUnauthorized},
		{"an unreadable vote", "POST", "/vote", token, `{"room":`, http.StatusBadRequest},
		{"an unknown path", "GET", "/wp-admin", "", "", http.StatusNotFound},
	} {
		ctype := ""
		if c.body != "" {
			ctype = "application/json"
		}
		resp := f.send(c.method, c.path, ctype, c.token, c.body)
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.what, resp.StatusCode, c.status)
		}
		for name, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Referrer-Policy":         "no-referrer",
			"Content-Security-Policy": "default-src 'self'",
		} {
			if got := resp.Header.Get(name); !strings.HasPrefix(got, want) {
				t.Errorf("%s: %s is %q, want %q", c.what, name, got, want)
			}
		}
		if c.path == "/vote" && c.status == http.StatusOK && resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", c.what, resp.Header.Get("Cache-Control"))
		}
	}
}

// A vote is read one way only: a key given twice, in another letter case
// or with an escape is refused, as are other content types and anything
// beside the one object, and none of them is recorded; JSON's media type
// is matched whatever its case, and a charset other than UTF-8 refused.
func TestVoteIsReadOneWayOnly(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	f.srv.rate = 1e9
	tok := f.join("Ana")
	room := f.srv.Room()
	post := func(ctype, body string) int {
		return f.send("POST", "/vote", ctype, tok, body).StatusCode
	}
	vote := func(tail string) string {
		return fmt.Sprintf(`{"room":%q,"exercise":%d,"item":0,%s}`, room, sorting, tail)
	}
	const json = "application/json"
	for _, c := range []struct {
		what, ctype, body string
		code              int
	}{
		{"an option given twice", json, vote(`"option":0,"option":1`), 400},
		{"an item given twice", json, fmt.Sprintf(`{"room":%q,"exercise":%d,"item":0,"item":0,"option":1}`, room, sorting), 400},
		{"a room code given twice", json, `{"room":"XXXXXX",` + vote(`"option":1`)[1:], 400},
		{"a key in capitals", json, vote(`"Option":1`), 400},
		{"a key and its capitals", json, vote(`"option":0,"OPTION":1`), 400},
		{"an escaped key", json, vote(`"\u006fption":1`), 400},
		{"an unknown key", json, vote(`"option":1,"weight":100`), 400},
		{"an unknown key holding an object", json, vote(`"option":1,"x":{"option":1}`), 400},
		{"two objects", json, vote(`"option":1`) + vote(`"option":1`), 400},
		{"something after the object", json, vote(`"option":1`) + ` 1`, 400},
		{"null", json, `null`, 400},
		{"a list", json, `[` + vote(`"option":1`) + `]`, 400},
		{"a byte-order mark", json, "\ufeff" + vote(`"option":1`), 400},
		{"a number as text", json, vote(`"option":"3"`), 400},
		{"a fraction", json, vote(`"option":1.0`), 400},
		{"a name in Latin-1", json, vote(`"name":"Jos` + "\xe9" + `","option":1`), 400},
		{"an overlong slash in a name", json, vote(`"name":"` + "\xc0\xaf" + `","option":1`), 400},
		{"plain text", "text/plain", vote(`"option":1`), 415},
		{"JSON's type run on", "application/jsonx", vote(`"option":1`), 415},
		{"another charset", "application/json; charset=latin1", vote(`"option":1`), 415},
		{"a broken parameter", "application/json; charset", vote(`"option":1`), 415},
	} {
		if got := post(c.ctype, c.body); got != c.code {
			t.Errorf("%s: %d, want %d", c.what, got, c.code)
		}
	}
	if b := f.ballots(); len(b) != 0 {
		t.Fatalf("a refused vote was recorded: %v", b)
	}
	// Each from a phone of its own: a phone votes once on this question.
	for i, c := range []struct {
		ctype, body string
		option      int
	}{
		{"APPLICATION/JSON", vote(`"option":1`), 1},
		{"application/json; charset=UTF-8", vote(`"option":0`), 0},
		{"Application/Json;charset=utf-8", " \n" + vote(`"name":"Cy","option":1`) + "\n", 1},
	} {
		tok = f.join(fmt.Sprint("Phone ", i))
		if got := post(c.ctype, c.body); got != 200 {
			t.Errorf("%q %s: %d, want 200", c.ctype, c.body, got)
		}
		if b, ok := f.ballots()[Participant(tok)]; len(f.ballots()) != i+1 || !ok || b != c.option {
			t.Errorf("%q %s: ballots %v, want option %d", c.ctype, c.body, f.ballots(), c.option)
		}
	}
}

// A body said to be larger than a phone may send is refused at once,
// without waiting for bytes that may never come.
func TestATooLargeBodyIsRefusedAtOnce(t *testing.T) {
	f := newFixture(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(f.web.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST /vote HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n{\"room\":", strings.TrimPrefix(f.web.URL, "http://"))
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer within 5 s: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("answered after %s", took)
	}
}
