package live

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
)

// streamFrom opens an event stream from a client, returning its states as
// they come, or nil if the server would not serve it.
func streamFrom(c *http.Client, url string) (<-chan State, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != 200 {
		if err == nil {
			resp.Body.Close()
		}
		cancel()
		return nil, func() {}
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
				select {
				case states <- st:
				default: // a hostile client that never reads what it holds
				}
			}
		}
	}()
	return states, cancel
}

// next waits for a stream's next state.
func next(states <-chan State, within time.Duration) (State, bool) {
	select {
	case st, ok := <-states:
		return st, ok
	case <-time.After(within):
		return State{}, false
	}
}

// Holding event streams cannot shut the room out: clients from a few
// addresses that hold as many streams as the server has connections only
// churn their own, and an honest phone from another address still joins,
// streams, votes and hears the next question. The console is told.
func TestHeldStreamsCannotStarveTheRoom(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	srv := New(f.rec, Options{})
	f.rec.OnChange(srv.Changed)
	// A small server: 90 connections, and streams in proportion.
	srv.conns.total = 90
	srv.streams.max = streamBudget(srv.conns.total)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	base := "http://" + srv.Addr()
	room := srv.Room()

	// The attack: three addresses, each with 10 tokens holding 3 streams,
	// 90 streams in all — the server's whole connection budget.
	for _, src := range []string{"127.0.0.2", "127.0.0.3", "127.0.0.4"} {
		c := from(src)
		for range 10 {
			code, out := post(t, c, base+"/join", "", map[string]string{"room": room})
			if code != 200 {
				t.Fatalf("attacker join from %s: %d %v", src, code, out)
			}
			for range maxStreams {
				states, cancel := streamFrom(c, base+"/events?room="+room+"&token="+out["token"].(string))
				t.Cleanup(cancel)
				if states != nil {
					next(states, 2*time.Second)
				}
			}
		}
	}
	if p := srv.Pressure(); p.Streams > p.Budget || !p.UnderPressure() || p.Closed == 0 {
		t.Errorf("pressure %+v: want at most the budget open, streams closed, and the console warned", p)
	}

	// The honest phone, from an address of its own.
	c := from("127.0.0.50")
	code, out := post(t, c, base+"/join", "", map[string]string{"room": room, "name": "Ann"})
	if code != 200 {
		t.Fatalf("honest join: %d %v", code, out)
	}
	tok := out["token"].(string)
	states, cancel := streamFrom(c, base+"/events?room="+room+"&token="+tok)
	defer cancel()
	if states == nil {
		t.Fatal("the honest phone got no stream")
	}
	if st, ok := next(states, 5*time.Second); !ok || !st.Open {
		t.Fatalf("first state %+v %v", st, ok)
	}
	if code, out := post(t, c, base+"/vote", tok, map[string]any{"room": room, "exercise": sorting, "item": 0, "option": 1}); code != 200 {
		t.Fatalf("honest vote: %d %v", code, out)
	}
	listed, streaming := srv.Phones(), 0
	for _, ph := range listed {
		if ph.Name == "Ann" && (ph.Streams != 1 || !ph.Voted) {
			t.Errorf("the honest phone is listed as %+v: want one stream, voted", ph)
		}
		if ph.Streams > 0 {
			streaming++
		}
	}
	// The console's counts agree with its list.
	if seen, connected := srv.Counts(); seen != len(listed) || connected != streaming || connected == 0 {
		t.Errorf("counts: %d seen, %d connected; the list has %d phones, %d of them streaming", seen, connected, len(listed), streaming)
	}
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 1})
	for {
		st, ok := next(states, 5*time.Second)
		if !ok {
			t.Fatal("the honest phone's stream ended or went quiet: no push of the next question")
		}
		if st.Item == 1 {
			break
		}
	}
}

// An address holds at most its share of streams, sized for a room behind
// one address: a further one closes that address's oldest, not another's.
func TestStreamsPerAddressAreCapped(t *testing.T) {
	f := newFixture(t)
	f.srv.streams.perAddr = 4
	tok := f.join("")
	other := f.join("")
	url := f.web.URL + "/events?room=" + f.srv.Room() + "&token="
	c := from("127.0.0.7")
	theirs, cancel := streamFrom(from("127.0.0.8"), url+other)
	defer cancel()
	next(theirs, 2*time.Second)
	var mine []<-chan State
	for i := range 5 {
		tk := tok
		if i%2 == 1 {
			tk = f.join("")
		}
		st, cancel := streamFrom(c, url+tk)
		defer cancel()
		next(st, 2*time.Second)
		mine = append(mine, st)
	}
	if !closes(mine[0], 5*time.Second) {
		t.Error("the address's oldest stream stayed open past its share")
	}
	if closes(theirs, 200*time.Millisecond) {
		t.Error("another address's stream was closed")
	}
}

// Removing a phone closes its open event streams at once: it hears
// nothing more.
func TestRemovingAPhoneClosesItsStreams(t *testing.T) {
	f := newFixture(t)
	tok := f.join("")
	url := f.web.URL + "/events?room=" + f.srv.Room() + "&token=" + tok
	a, cancelA := openStream(t, url)
	defer cancelA()
	b, cancelB := openStream(t, url)
	defer cancelB()
	<-a
	<-b
	if err := f.srv.Remove(Participant(tok)); err != nil {
		t.Fatal(err)
	}
	if !closes(a, 3*time.Second) || !closes(b, 3*time.Second) {
		t.Error("a removed phone's stream stayed open")
	}
}

// Locking the room locks it to the phones in it: tokens minted before the
// lock and never used are refused, to join, to see the state and to vote,
// while the phones that streamed, asked for the state or voted keep voting.
func TestALockIsThePhonesInTheRoomNotTheTokensIssued(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	room := f.srv.Room()
	streaming, asked, voter := f.join("S"), f.join("A"), f.join("V")
	var stockpile []string
	for range 20 {
		stockpile = append(stockpile, f.join(""))
	}
	states, cancel := openStream(t, f.web.URL+"/events?room="+room+"&token="+streaming)
	defer cancel()
	<-states
	f.call("GET", "/state?room="+room, asked, nil)
	vote := func(tok string) int {
		code, _ := f.call("POST", "/vote", tok, map[string]any{"room": room, "exercise": sorting, "item": 0, "option": 1})
		return code
	}
	if code := vote(voter); code != 200 {
		t.Fatalf("vote before the lock: %d", code)
	}
	if err := f.srv.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{streaming, asked, voter} {
		if code := vote(tok); code != 200 {
			t.Errorf("a phone in the room voting after the lock: %d", code)
		}
	}
	for _, tok := range stockpile {
		if code := vote(tok); code != http.StatusForbidden {
			t.Fatalf("a stockpiled token voting after the lock: %d", code)
		}
		if code, out := f.call("POST", "/join", "", map[string]string{"room": room, "token": tok}); code != http.StatusForbidden || out["code"] != "phone.err.locked" {
			t.Fatalf("a stockpiled token rejoining: %d %v", code, out)
		}
		if code, _ := f.call("GET", "/state?room="+room, tok, nil); code != http.StatusForbidden {
			t.Fatalf("a stockpiled token asking for the state: %d", code)
		}
	}
	if n := len(f.ballots()); n != 3 {
		t.Errorf("%d ballots, want the 3 phones in the room", n)
	}
	// The room survives a restart of the server: the lock lists it.
	again := New(f.rec, Options{Room: room, Key: f.srv.Key()})
	web := httptest.NewServer(again.Handler())
	defer web.Close()
	if code, _ := post(t, http.DefaultClient, web.URL+"/vote", asked, map[string]any{"room": room, "exercise": sorting, "item": 0, "option": 0}); code != 200 {
		t.Errorf("a phone in the room after a restart: %d", code)
	}
	if code, _ := post(t, http.DefaultClient, web.URL+"/vote", stockpile[0], map[string]any{"room": room, "exercise": sorting, "item": 0, "option": 0}); code != http.StatusForbidden {
		t.Errorf("a stockpiled token after a restart: %d", code)
	}
	if err := f.srv.SetLocked(false); err != nil {
		t.Fatal(err)
	}
	if code := vote(stockpile[0]); code != 200 {
		t.Errorf("a token voting once the room opened again: %d", code)
	}
}

// A phone cannot name itself after another phone's label: the six hex
// digits the console shows for a phone are dropped from the end of a name.
func TestNamesCannotImitateAPhonesLabel(t *testing.T) {
	for in, want := range map[string]string{
		"phone 8b52c4":   "phone",
		"Ann (8b52c4)":   "Ann",
		"Ann [8B52C4]":   "Ann",
		"8b52c4":         "",
		"Ann":            "Ann",
		"Ann Decade":     "Ann Decade", // a word of hex letters, no digit
		"Room 101 table": "Room 101 table",
		"x8b52c4":        "x8b52c4",
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A request with headers over the limit is answered 431, not reset, even
// when the client sends far more than the limit before it reads.
func TestOversizedHeadersAreAnswered431(t *testing.T) {
	f := newFixture(t)
	srv := New(f.rec, Options{})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	for _, n := range []int{20 << 10, 256 << 10, 1 << 20} {
		c, err := net.Dial("tcp", srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		// Headers, then a body, then a pause before reading, as a slow
		// client sends them.
		req := "POST /vote HTTP/1.1\r\nHost: " + srv.Addr() + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\nX-Big: " + strings.Repeat("a", n) + "\r\n\r\n"
		_, werr := c.Write([]byte(req))
		time.Sleep(50 * time.Millisecond)
		c.Write([]byte(strings.Repeat(" ", 4000)))
		time.Sleep(700 * time.Millisecond)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		c.Close()
		if err != nil {
			t.Errorf("%d bytes of headers: no answer (write: %v): %v", n, werr, err)
			continue
		}
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("%d bytes of headers: %d", n, resp.StatusCode)
		}
	}
}
