package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

func TestPhoneVotingFromTheConsole(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	c := startBuiltin(t, s, w, "Phones")
	p := c.phones
	p.toggle.SetChecked(true)
	if p.server == nil {
		t.Fatal("the switch did not start phone voting")
	}
	url := p.server.URLs()[0]
	if !strings.Contains(p.url.Text, p.server.Room()) || !p.qr.Visible() {
		t.Errorf("join details not shown: %q", p.url.Text)
	}
	// Nothing to vote on during a talk: the room code, small, and no QR.
	clk.Advance(redrawGap)
	if c.projector.joinQR.Visible() || c.projector.join.Text() != "Phones: room code "+p.server.Room() {
		t.Errorf("during a talk the projector shows %q", c.projector.join.Text())
	}
	c.agenda.Select(sortingExercise) // arriving at the vote opens its first item
	clk.Advance(redrawGap)
	if !c.projector.joinQR.Visible() || c.projector.url.Text() != url {
		t.Errorf("join details not on the projector while voting: %q", c.projector.url.Text())
	}
	base := strings.Split(url, "/?")[0]
	join := fmt.Sprintf(`{"room":%q,"name":"Ann"}`, p.server.Room())
	resp, err := http.Post(base+"/join", "application/json", strings.NewReader(join))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("join over loopback: %v %v", err, resp)
	}
	cookies := resp.Cookies()
	resp.Body.Close()
	req, _ := http.NewRequest("POST", base+"/vote", strings.NewReader(fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":1}`, p.server.Room())))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("vote over loopback: %v %v", err, resp)
	}
	resp.Body.Close()
	clk.Advance(time.Second) // the coalesced redraw
	if r := c.votes.chart.Result(); r.Phone[1] != 1 {
		t.Errorf("the console does not show the phone's vote: %v", r.Phone)
	}
	// A phone that only voted is seen, not connected: it holds no stream.
	// The count shows on every tab; the list is read while its tab is open.
	if !strings.HasPrefix(p.count.Text, "0 phones connected, 1 seen") || len(p.phones) != 0 {
		t.Errorf("phones out of sight: %q %+v", p.count.Text, p.phones)
	}
	c.lower.Select(p.tab)
	// In sight, the list's "last seen" keeps up with the clock, ticking
	// timer or not; out of sight it is not read.
	read := p.listedAt
	clk.Advance(2500 * time.Millisecond)
	if !p.listedAt.After(read) || clk.Now().Sub(p.listedAt) > time.Second {
		t.Errorf("the phones' ages were last read at %v, now %v", p.listedAt, clk.Now())
	}
	c.lower.SelectIndex(0)
	read = p.listedAt
	clk.Advance(3 * time.Second)
	if p.listedAt != read {
		t.Error("the phones' list was read out of sight")
	}
	c.lower.Select(p.tab)
	if !strings.HasPrefix(p.count.Text, "0 phones connected, 1 seen") || len(p.phones) != 1 || p.phones[0].Name != "Ann" {
		t.Errorf("phones: %q %+v", p.count.Text, p.phones)
	}
	if want := "Ann (" + p.phones[0].ID[:6] + ")"; phoneLabel(p.phones[0]) != want {
		t.Errorf("the phone is listed as %q, want %q", phoneLabel(p.phones[0]), want)
	}
	// The room is locked from its switch, and again with L: the phone in
	// keeps its place, a new one is refused.
	p.lock.SetChecked(true)
	if !p.server.Locked() || !p.locked.Visible() {
		t.Errorf("the lock switch: locked %v, said %v", p.server.Locked(), p.locked.Visible())
	}
	if resp, err := http.Post(base+"/join", "application/json", strings.NewReader(join)); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a new phone joined a locked room: %v %v", err, resp)
	}
	key(w, fyne.KeyL)
	if p.server.Locked() || p.lock.Checked {
		t.Error("L did not unlock the room")
	}
	key(w, fyne.KeyL)
	if !p.server.Locked() || !p.lock.Checked {
		t.Error("L did not lock the room")
	}
	if !state(c).Phones.Locked {
		t.Error("the lock is not in the session")
	}

	// The session ends: phone voting ends with it, but the server stays up
	// for late pages, telling them the session has finished.
	srv := p.server
	t.Cleanup(func() { srv.Stop() })
	c.finishNow()
	if p.server != nil || p.toggle.Checked {
		t.Error("phone voting did not stop when the session ended")
	}
	req, _ = http.NewRequest("GET", base+"/state?room="+srv.Room(), nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("a late page right after the end: %v", err)
	}
	var st struct{ Finished bool }
	json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if !st.Finished {
		t.Error("a late page was not told the session finished")
	}
}

func TestPhonesAreSetAgainstTheHeadcount(t *testing.T) {
	for _, c := range []struct {
		connected, seen, headcount int
		want                       string
	}{
		{3, 4, 0, "3 phones connected, 4 seen"},
		{3, 4, 20, "3 phones connected, 4 seen, of 20 people counted"},
		{30, 31, 20, "30 phones connected, 31 seen — more phones than the 20 people counted: check for extra devices"},
	} {
		if got := phoneCountText(c.connected, c.seen, c.headcount); got != c.want {
			t.Errorf("%d/%d/%d: %q", c.connected, c.seen, c.headcount, got)
		}
	}
}

// Switched off and on again, phone voting comes back where it was — the
// same address and port, loopback staying loopback — even when the
// command line named none (a session resumed with a plain start).
func TestPhonesSwitchedOffAndOnStayWhereTheyWere(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	c := startBuiltin(t, s, w, "Phones")
	p := c.phones
	p.toggle.SetChecked(true)
	if p.server == nil {
		t.Fatal("the switch did not start phone voting")
	}
	was := p.server.Addr()
	s.opts.Phones = ""
	p.toggle.SetChecked(false)
	p.toggle.SetChecked(true)
	if p.server == nil {
		t.Fatal("phone voting did not start again")
	}
	t.Cleanup(func() { p.server.Stop() })
	if got := p.server.Addr(); got != was {
		t.Errorf("phone voting came back on %q, was on %q", got, was)
	}
}

// The warning of more phone ballots than people says what to do as the
// room stands: lock it, or, once locked, remove phones.
func TestPhoneOvercountSaysWhatToDo(t *testing.T) {
	r := workshop.Result{Labels: []string{"a", "b"}, Room: []int{0, 0}, Paper: []int{0, 0}, Phone: []int{3, 2}, Total: []int{3, 2}, Votes: 5, Headcount: 3}
	if !r.PhonesOvercounted() {
		t.Fatalf("the fixture is not overcounted: %+v", r)
	}
	if got := countWarning(r, false); !strings.Contains(got, "lock the room") {
		t.Errorf("open room: %q", got)
	}
	if got := countWarning(r, true); strings.Contains(got, "lock the room") || !strings.Contains(got, "remove phones") {
		t.Errorf("locked room: %q", got)
	}
}

// The caption under the join code says what the exercise on screen asks
// of a phone: to vote, to rate or to answer, as its kind's definition
// says, in the room's words; every room language has all three, each
// its own.
func TestJoinCaptionFollowsTheKind(t *testing.T) {
	for _, l := range words.Languages {
		w := words.For(l.Code)
		seen := map[string]string{}
		for _, d := range []*workshop.KindDef{workshop.KindVote.Def(), workshop.KindScale.Def(), workshop.KindOpen.Def()} {
			text := w.Say(d.ScanCaption())
			if text == "" || text == d.ScanCaption() {
				t.Errorf("%s: no words for %s", l.Code, d.ScanCaption())
			}
			if other, ok := seen[text]; ok {
				t.Errorf("%s: %s and %s read the same: %q", l.Code, other, d.ScanCaption(), text)
			}
			seen[text] = d.ScanCaption()
		}
	}
	s, clk, w := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	c := startBuiltin(t, s, w, "Phones")
	c.phones.toggle.SetChecked(true)
	want := map[workshop.Input]string{
		workshop.InputOption: "Scan to vote on your phone",
		workshop.InputRating: "Scan to rate on your phone",
		workshop.InputPoint:  "Scan to rate on your phone",
		workshop.InputText:   "Scan to answer on your phone",
	}
	seen := map[workshop.Input]bool{}
	for i, ex := range state(c).Plan.Exercises {
		caption, ok := want[ex.Def().Input]
		if !ok {
			continue
		}
		c.agenda.Select(i)
		if ex.TakesAnswers() {
			c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: i})
		}
		clk.Advance(redrawGap)
		got := strings.Split(c.projector.join.Text(), "\n")[0]
		if !c.projector.joinQR.Visible() || got != caption {
			t.Errorf("%s (%s): the join code reads %q, want %q", ex.Title, ex.Kind, got, caption)
		}
		seen[ex.Def().Input] = true
	}
	if len(seen) != len(want) {
		t.Errorf("the plan showed the join code for %v only", seen)
	}
}
