package live

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"runsheet/workshop"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// withClock serves the fixture's session from a new server whose clock
// moves only when the test moves it.
func (f *fixture) withClock(opts Options) *clock {
	c := &clock{now: time.Now()}
	opts.Clock = c.Now
	f.srv = New(f.rec, opts)
	f.rec.OnChange(f.srv.Changed)
	f.web = httptest.NewServer(f.srv.Handler())
	f.t.Cleanup(func() { f.web.Close(); f.srv.Stop() })
	return c
}

// from is a client whose connections come from the loopback address src
// (any of 127.0.0.0/8), as another device on the Wi-Fi would.
func from(src string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// post sends JSON from a client and decodes the answer.
func post(t *testing.T, c *http.Client, url, token string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("X-Runsheet-Token", token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// A token is its bytes, in one spelling: every other letter case of it is
// refused, and the phone counts once however it spells its token.
func TestEveryCaseOfATokenIsOneVoter(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	// A token with few letters, so that every spelling of it can be sent.
	var tok string
	var letters []int
	for tok == "" || len(letters) > 9 {
		tok, letters = f.srv.newToken(), nil
		for i, c := range tok {
			if c >= 'a' && c <= 'f' {
				letters = append(letters, i)
			}
		}
	}
	if code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room(), "token": tok}); code != 200 || out["token"] != tok {
		t.Fatalf("joining with the token: %d %v", code, out)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	refused := 0
	for mask := 0; mask < 1<<len(letters); mask++ {
		spelled := []byte(tok)
		for b, i := range letters {
			if mask&(1<<b) != 0 {
				spelled[i] -= 'a' - 'A'
			}
		}
		code, out := post(t, client, f.web.URL+"/vote", string(spelled), map[string]any{"room": f.srv.Room(), "exercise": sorting, "item": 0, "option": mask % 2})
		switch {
		case mask == 0 && code != 200:
			t.Fatalf("the token as issued: %d %v", code, out)
		case mask != 0 && code != http.StatusUnauthorized:
			t.Fatalf("spelled %s: %d %v, want 401", spelled, code, out)
		case mask != 0:
			refused++
		}
	}
	b := f.ballots()
	if len(b) != 1 || b[Participant(tok)] != 0 {
		t.Errorf("%d spellings of one token gave ballots %v; want one, for its first vote", 1<<len(letters), b)
	}
	if refused != 1<<len(letters)-1 {
		t.Errorf("%d spellings refused of %d", refused, 1<<len(letters)-1)
	}
	if p := Participant(strings.ToUpper(tok)); p != Participant(tok) {
		t.Errorf("the participant of a token depends on its spelling: %s, %s", p, Participant(tok))
	}
}

// A device that holds a token joins as the same participant, whether it
// sends the token in the body, the header or its cookie.
func TestJoiningAgainIsTheSameParticipant(t *testing.T) {
	f := newFixture(t)
	tok := f.join("Ann")
	id := Participant(tok)
	for how, send := range map[string]func(*http.Request){
		"body":   func(r *http.Request) {},
		"header": func(r *http.Request) { r.Header.Set("X-Runsheet-Token", tok) },
		"cookie": func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "runsheet_token", Value: tok}) },
	} {
		body := fmt.Sprintf(`{"room":%q}`, f.srv.Room())
		if how == "body" {
			body = fmt.Sprintf(`{"room":%q,"token":%q}`, f.srv.Room(), tok)
		}
		req, _ := http.NewRequest("POST", f.web.URL+"/join", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		send(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out joinResponse
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if resp.StatusCode != 200 || out.Participant != id || out.Token != tok {
			t.Errorf("joining again with the token in the %s: %d %+v, want participant %s", how, resp.StatusCode, out, id)
		}
	}
}

// The facilitator locks the room: phones in keep voting, new ones are
// refused with the reason; the lock is in the session and outlives a
// restart of the server.
func TestALockedRoomKeepsItsPhonesAndRefusesNewOnes(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	in := f.join("In")
	if code, _ := f.call("GET", "/state?room="+f.srv.Room(), in, nil); code != 200 { // the page asks at once
		t.Fatalf("state: %d", code)
	}
	if err := f.srv.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	if !f.srv.Locked() {
		t.Fatal("the room did not lock")
	}
	if code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room()}); code != http.StatusForbidden || out["code"] != "phone.err.locked" || !strings.Contains(out["error"].(string), "locked") {
		t.Errorf("a new phone joining a locked room: %d %v", code, out)
	}
	if code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room(), "token": in}); code != 200 || out["token"] != in {
		t.Errorf("a phone already in rejoining a locked room: %d %v", code, out)
	}
	if code, out := f.call("POST", "/vote", in, map[string]any{"room": f.srv.Room(), "exercise": sorting, "item": 0, "option": 1}); code != 200 {
		t.Errorf("a phone already in voting in a locked room: %d %v", code, out)
	}
	// After a restart the room is still locked.
	again := New(f.rec, Options{Room: f.srv.Room(), Key: f.srv.Key()})
	web := httptest.NewServer(again.Handler())
	defer web.Close()
	if code, out := post(t, http.DefaultClient, web.URL+"/join", "", map[string]string{"room": f.srv.Room()}); code != http.StatusForbidden || out["code"] != "phone.err.locked" {
		t.Errorf("a new phone after a restart: %d %v", code, out)
	}
	if err := f.srv.SetLocked(false); err != nil {
		t.Fatal(err)
	}
	f.join("Late")
}

// A removed phone's device cannot come back with its token, in the body
// or in its cookie.
func TestARemovedPhoneCannotRejoin(t *testing.T) {
	f := newFixture(t)
	tok := f.join("Prankster")
	if err := f.srv.Remove(Participant(tok)); err != nil {
		t.Fatal(err)
	}
	if code, out := f.call("POST", "/join", "", map[string]string{"room": f.srv.Room(), "token": tok}); code != http.StatusForbidden || out["code"] != "phone.err.removed" {
		t.Errorf("rejoining with the removed token: %d %v", code, out)
	}
	req, _ := http.NewRequest("POST", f.web.URL+"/join", strings.NewReader(fmt.Sprintf(`{"room":%q}`, f.srv.Room())))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "runsheet_token", Value: tok})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("rejoining with the removed token in the cookie: %d", resp.StatusCode)
	}
}

// Once the results are on the wall nobody changes their vote: the reveal
// closes voting, the phone is told, a late vote gets 409.
func TestRevealClosesVotingForPhones(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	tok := f.join("")
	vote := func(opt int) (int, map[string]any) {
		return f.call("POST", "/vote", tok, map[string]any{"room": f.srv.Room(), "exercise": sorting, "item": 0, "option": opt})
	}
	if code, _ := vote(0); code != 200 {
		t.Fatalf("vote: %d", code)
	}
	var reveal []workshop.Event
	f.rec.View(func(s *workshop.Session) { reveal = s.State.Next(true) })
	for _, e := range reveal {
		f.record(e)
	}
	if code, out := vote(1); code != http.StatusConflict || out["code"] != "phone.err.closed" {
		t.Errorf("a vote after the reveal: %d %v", code, out)
	}
	if _, st := f.call("GET", "/state?room="+f.srv.Room(), tok, nil); st["open"] != false || st["revealed"] != true || st["yourVote"] != float64(0) {
		t.Errorf("the phone's state after the reveal: %v", st)
	}
	if b := f.ballots(); b[Participant(tok)] != 0 {
		t.Errorf("the ballot changed after the reveal: %v", b)
	}
}

// Wrong room codes have a budget for the whole room: a laptop with many
// addresses, each within its own limit, still gets only so many guesses.
// The right code still lets a phone in.
func TestWrongCodesHaveARoomWideBudget(t *testing.T) {
	f := newFixture(t)
	f.withClock(Options{})
	sources := wrongCodesRoomBurst + 40
	var mu sync.Mutex
	got := map[int]int{}
	var wg sync.WaitGroup
	for i := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf("127.0.%d.%d", 10+i/250, 1+i%250)
			code, _ := post(t, from(src), f.web.URL+"/join", "", map[string]string{"room": "WRONG9"})
			mu.Lock()
			got[code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if got[http.StatusForbidden] != wrongCodesRoomBurst || got[http.StatusTooManyRequests] != sources-wrongCodesRoomBurst {
		t.Errorf("%d wrong codes from %d addresses: %v; want %d refused as wrong and the rest as too many", sources, sources, got, wrongCodesRoomBurst)
	}
	if code, out := post(t, from("127.0.9.9"), f.web.URL+"/join", "", map[string]string{"room": f.srv.Room()}); code != 200 {
		t.Errorf("the right code during a guessing attack: %d %v", code, out)
	}
}

// The limiter never forgets an address that is over its limit: a flood
// from more addresses than it remembers is refused, not let through.
func TestTheLimiterNeverForgetsAnAddressOverItsLimit(t *testing.T) {
	l := newAddrLimiter(1, 2)
	now := time.Now()
	drain := func(addr string) {
		for l.allow(addr, now) {
		}
	}
	drain("attacker")
	for i := range maxTrackedAddress - 1 {
		drain(fmt.Sprintf("10.%d.%d.%d", i>>16, i>>8&255, i&255))
	}
	now = now.Add(time.Second) // within every bucket's refill
	if l.allow("newcomer", now) {
		t.Error("a new address was let in while every remembered address is over its limit")
	}
	let := 0
	for range 2 {
		if l.allow("attacker", now) {
			let++
		}
	}
	if let == 2 {
		t.Error("the attacker's address was forgotten")
	}
	now = now.Add(3 * time.Second) // every bucket has refilled
	if !l.allow("newcomer", now) {
		t.Error("a new address was refused once the others had refilled")
	}
	if len(l.buckets) > maxTrackedAddress {
		t.Errorf("the limiter grew to %d addresses", len(l.buckets))
	}
}

func TestIPv6AddressesAreLimitedByTheirNetwork(t *testing.T) {
	a, b := limitKey("2001:db8:1:2:aaaa::1"), limitKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")
	if a != b || a != "2001:db8:1:2::/64" {
		t.Errorf("two addresses of one /64: %q, %q", a, b)
	}
	if limitKey("2001:db8:1:3::1") == a {
		t.Error("another /64 counted as the same")
	}
	if limitKey("192.168.1.20") != "192.168.1.20" {
		t.Error("an IPv4 address is not itself")
	}
}

// Room codes are six characters of an alphabet without look-alikes; a
// session recorded with an older five-character code keeps it.
func TestRoomCodes(t *testing.T) {
	for range 100 {
		c := NewRoomCode()
		if len(c) != roomCodeLen || strings.Trim(c, roomAlphabet) != "" {
			t.Fatalf("room code %q", c)
		}
	}
	if roomCodeLen < 6 {
		t.Errorf("a room code of %d characters can be guessed in a day", roomCodeLen)
	}
	f := newFixture(t)
	f.withClock(Options{Room: "ABCDE"})
	if f.srv.Room() != "ABCDE" {
		t.Fatalf("an old code became %q", f.srv.Room())
	}
	if code, out := f.call("POST", "/join", "", map[string]string{"room": "abcde"}); code != 200 {
		t.Errorf("joining with an old five-character code: %d %v", code, out)
	}
}

// A phone that joined and looked but neither voted nor holds a stream is
// forgotten after a few minutes; one that voted is kept.
func TestIdlePhonesAreForgotten(t *testing.T) {
	f := newFixture(t)
	c := f.withClock(Options{})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	looker, voter := f.join("Looker"), f.join("Voter")
	f.call("GET", "/state?room="+f.srv.Room(), looker, nil)
	if code, _ := f.call("POST", "/vote", voter, map[string]any{"room": f.srv.Room(), "exercise": sorting, "item": 0, "option": 0}); code != 200 {
		t.Fatal("vote")
	}
	if n := len(f.srv.Phones()); n != 2 {
		t.Fatalf("%d phones before", n)
	}
	c.add(forgetAfter + time.Second)
	p := f.srv.Phones()
	if len(p) != 1 || p[0].ID != Participant(voter) {
		t.Errorf("after %v: %+v; want only the voter", forgetAfter, p)
	}
}

// When the phones remembered reach MaxPhones, a latecomer still gets in:
// the phone seen longest ago without a stream makes room.
func TestALatecomerIsNeverTurnedAwayWhileAPhoneIsIdle(t *testing.T) {
	f := newFixture(t)
	c := f.withClock(Options{})
	f.srv.mu.Lock()
	for i := range MaxPhones {
		id := fmt.Sprintf("%016x", i)
		p := &phone{Phone: Phone{ID: id, LastSeen: c.Now()}}
		p.voted.Store(true)
		f.srv.phones[id] = p
	}
	f.srv.mu.Unlock()
	c.add(time.Second)
	late := f.join("Late")
	if code, out := f.call("GET", "/state?room="+f.srv.Room(), late, nil); code != 200 {
		t.Fatalf("a latecomer with %d phones remembered: %d %v", MaxPhones, code, out)
	}
	if n := len(f.srv.Phones()); n != MaxPhones {
		t.Errorf("%d phones remembered", n)
	}
}

// openStream opens a phone's event stream and returns its states as they come.
func openStream(t *testing.T, url string) (<-chan State, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		cancel()
		t.Fatalf("events: %v %v", err, resp)
	}
	states := make(chan State, 10)
	go func() {
		defer close(states)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st State
				json.Unmarshal([]byte(data), &st)
				states <- st
			}
		}
	}()
	return states, cancel
}

// closes waits for a stream to end, draining what it sends.
func closes(states <-chan State, within time.Duration) bool {
	deadline := time.After(within)
	for {
		select {
		case _, ok := <-states:
			if !ok {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// One participant holds at most a few event streams: a further one closes
// the oldest.
func TestStreamsPerParticipantAreCapped(t *testing.T) {
	f := newFixture(t)
	tok := f.join("")
	url := f.web.URL + "/events?room=" + f.srv.Room() + "&token=" + tok
	var streams []<-chan State
	for range maxStreams + 1 {
		st, cancel := openStream(t, url)
		defer cancel()
		<-st // the first state: the stream is registered
		streams = append(streams, st)
	}
	if !closes(streams[0], 5*time.Second) {
		t.Error("the oldest stream stayed open past the limit")
	}
	for i, st := range streams[1:] {
		if closes(st, 200*time.Millisecond) {
			t.Errorf("stream %d closed", i+2)
		}
	}
}

// Finishing tells the phones: the final state goes out with finished set,
// the stream ends, the page can still learn it for the grace period, then
// the server stops.
func TestFinishingReachesThePhones(t *testing.T) {
	f := newFixture(t)
	srv := New(f.rec, Options{})
	f.rec.OnChange(srv.Changed)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	base := "http://" + srv.Addr()
	code, out := post(t, http.DefaultClient, base+"/join", "", map[string]string{"room": srv.Room()})
	if code != 200 {
		t.Fatalf("join: %d %v", code, out)
	}
	tok := out["token"].(string)
	states, cancel := openStream(t, base+"/events?room="+srv.Room()+"&token="+tok)
	defer cancel()
	if st := <-states; st.Finished {
		t.Fatal("finished before the end")
	}
	f.record(workshop.Event{Kind: workshop.EventFinished})
	const grace = 700 * time.Millisecond
	srv.Finish(grace)
	select {
	case st := <-states:
		if !st.Finished {
			t.Errorf("the last state pushed: %+v", st)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the end was not pushed")
	}
	if !closes(states, 2*time.Second) {
		t.Error("the stream stayed open after the end")
	}
	// A page that comes back within the grace period learns it too.
	req, _ := http.NewRequest("GET", base+"/state?room="+srv.Room(), nil)
	req.Header.Set("X-Runsheet-Token", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("state during the grace period: %v", err)
	}
	var st State
	json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if !st.Finished {
		t.Errorf("state during the grace period: %+v", st)
	}
	time.Sleep(grace + 500*time.Millisecond)
	if c, err := net.DialTimeout("tcp", srv.Addr(), time.Second); err == nil {
		c.Close()
		t.Error("the server still listens after the grace period")
	}
}

// Only the server's own names are served: a page elsewhere that rebinds
// its own name to the laptop's address is refused (DNS rebinding).
func TestOnlyTheServersOwnHostIsServed(t *testing.T) {
	f := newFixture(t)
	port := f.web.URL[strings.LastIndex(f.web.URL, ":")+1:]
	for host, want := range map[string]int{
		"127.0.0.1:" + port:        200,
		"localhost:" + port:        200,
		"LOCALHOST.:" + port:       200,
		"[::1]:" + port:            200,
		"evil.example:" + port:     http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:" + port: http.StatusMisdirectedRequest,
		"203.0.113.9:" + port:      http.StatusMisdirectedRequest,
		"localhost.evil.example":   http.StatusMisdirectedRequest,
		strings.Repeat("a", 200):   http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("POST", f.web.URL+"/join", strings.NewReader(fmt.Sprintf(`{"room":%q}`, f.srv.Room())))
		req.Header.Set("Content-Type", "application/json")
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d %s, want %d", host, resp.StatusCode, body, want)
		}
		if want != 200 && !strings.Contains(string(body), "phone.err.wrong_host") {
			t.Errorf("Host %q refused without saying why: %s", host, body)
		}
	}
}

// Connections over an address's limit are parked, few of them, and a
// timer closes them; past the server's budget a connection is closed.
func TestParkedConnectionsAreFewAndTimed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counter := newConnCounter(1)
	lim := newLimitListener(ln, counter)
	lim.max, lim.hold = 3, 300*time.Millisecond
	defer lim.Close()
	go func() {
		for {
			if _, err := lim.Accept(); err != nil {
				return
			}
		}
	}()
	dial := func(src string) net.Conn {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}}
		c, err := d.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	dial("127.0.3.1") // served
	var parked []net.Conn
	for range 5 {
		parked = append(parked, dial("127.0.3.1"))
	}
	// The first two of five are closed at once: three may be parked.
	for i, c := range parked[:2] {
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil || isTimeout(err) {
			t.Errorf("parked connection %d was not closed past the limit: %v", i+1, err)
		}
	}
	if n := waitParked(lim, 3); n != 3 {
		t.Errorf("%d parked, want 3", n)
	}
	// The timer closes the rest though nothing else arrives.
	for i, c := range parked[2:] {
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil || isTimeout(err) {
			t.Errorf("parked connection %d outlived its time: %v", i+3, err)
		}
	}
	// Past the server's whole budget, a connection is closed at once.
	counter.mu.Lock()
	counter.total = counter.all
	counter.mu.Unlock()
	c := dial("127.0.3.2")
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil || isTimeout(err) {
		t.Errorf("a connection past the server's budget was kept: %v", err)
	}
}

func waitParked(l *limitListener, want int) int {
	for range 100 {
		if n := l.Parked(); n == want {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
	return l.Parked()
}
