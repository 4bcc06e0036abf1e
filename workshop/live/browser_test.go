package live

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"runsheet/workshop"
)

// browser starts Debian's Chromium, headless, with a fresh profile, for a
// test of 90 seconds at most.
func browser(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	return browserFor(t, 90*time.Second)
}

// browserFor is browser for a test that may take up to limit: one that
// walks the page in every language needs more than one that walks it once
// (each step still gives up after 20 seconds, see waitText).
func browserFor(t *testing.T, limit time.Duration) (context.Context, context.CancelFunc) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is needed for the phone page test: install it (make test does)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(390, 844),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// The first Run starts the browser, which then lives as long as the
	// context that Run was given: start it here, so that a step's own
	// deadline (a child of the returned context) never closes it.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTime := context.WithTimeout(ctx, limit)
	return ctx, func() { cancelTime(); cancelCtx(); cancelAlloc() }
}

// waitText waits until the element's text contains want.
func waitText(sel, want string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(function(){ var e = document.querySelector(%q); return !!e && e.textContent.indexOf(%q) >= 0; })()`, sel, want)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))
}

func click(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

func TestPhonePageInARealBrowser(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	ctx, cancel := browser(t)
	defer cancel()

	url := f.web.URL + "/?room=" + f.srv.Room()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#join-button"))); err != nil {
		t.Fatal(err)
	}
	joinAndVote(ctx, t, "Ann", "Received: Innovate")
	id := ""
	for p, opt := range f.ballots() {
		id = p
		if opt != 1 {
			t.Errorf("the vote counted as option %d", opt)
		}
	}
	// Change the vote.
	if err := chromedp.Do(ctx,
		click(`#options button:nth-child(1)`),
		waitText("#status", "Received: Implement"),
	); err != nil {
		t.Fatalf("changing the vote: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if b := f.ballots(); len(b) != 1 || b[id] != 0 {
		t.Errorf("after changing: %v", b)
	}
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		os.WriteFile(dir+"/phone.png", shot, 0o644)
	}

	// The console closes the item: the phone is told, and a vote sent from
	// it anyway (as one racing the close would be) is refused with the reason.
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
	if err := chromedp.Do(ctx, waitText("#status", "Voting on this question has closed.")); err != nil {
		t.Fatalf("the phone was not told the item closed: %v", err)
	}
	late := fmt.Sprintf(`fetch("/vote", {method: "POST", headers: {"Content-Type": "application/json"}, credentials: "same-origin",
		body: JSON.stringify({room: %q, exercise: 2, item: 0, option: 1})}).then(function (r) { return r.status; })`, f.srv.Room())
	status, err := chromedp.Run(ctx, chromedp.Evaluate[int](late, chromedp.EvalAwaitPromise))
	if err != nil || status != 409 {
		t.Fatalf("a vote on the closed item from the browser: %d %v", status, err)
	}
	if b := f.ballots(); b[id] != 0 {
		t.Errorf("a vote after closing counted: %v", b)
	}

	// The next item opens and is pushed to the phone without a reload.
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 1})
	if err := chromedp.Do(ctx, waitText("#question", "Plans the rota")); err != nil {
		t.Fatalf("the next question was not pushed: %v", err)
	}

	// The facilitator reveals the item: the phone shows the results with
	// the expected answer, as the projector does.
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 1, Option: 0, Source: workshop.SourceRoom, Count: 3})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 1})
	if err := chromedp.Do(ctx,
		waitText("#shares", "Implement: 3 (100%) — expected answer"),
	); err != nil {
		t.Fatalf("revealed results did not reach the phone: %v", err)
	}
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(dir+"/phone-results.png", shot, 0o644)
		}
	}
	f.record(workshop.Event{Kind: workshop.EventHidden, Exercise: sorting, Item: 1})
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.getElementById("results").hidden`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("hidden results stayed on the phone: %v", err)
	}

	// The Wi-Fi drops: the page reloads and rejoins as the same participant.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		waitText("#question", "Plans the rota"),
		click(`#options button:nth-child(1)`),
		waitText("#status", "Received"),
	); err != nil {
		t.Fatalf("rejoin: %v", err)
	}
	var voters []string
	f.rec.View(func(s *workshop.Session) { voters = s.State.Votes[sorting].Items[1].Voters() })
	if len(voters) != 1 || voters[0] != id {
		t.Errorf("after the drop the phone voted as %v, was %s", voters, id)
	}
}

// Where server-sent events are missing, as on some old browsers, the page
// polls instead.
func TestPhonePagePollsWithoutEventSource(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "delete window.EventSource;"}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()),
		click("#join-button"),
		waitText("#question", "Waiting for the next question"),
	)
	if err != nil {
		t.Fatal(err)
	}
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 2})
	if err := chromedp.Do(ctx, waitText("#question", "Organises people and budget")); err != nil {
		t.Fatalf("polling did not pick up the open question: %v", err)
	}
}

// The phone page speaks the room's language: Polish for a Polish room,
// right to left for an Arabic one, and, when each phone may use its own,
// the browser's language where Runsheet has it. Refusals from the laptop
// come in the room's language too.
func TestPhonePageInTheRoomsLanguage(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "pl"})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	ctx, cancel := browser(t)
	defer cancel()
	url := f.web.URL + "/?room=" + f.srv.Room()
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		waitText("#join-title", "Dołącz do sali"),
	)
	if err != nil {
		t.Fatalf("a Polish room: %v", err)
	}
	if lang, dir := htmlLangDir(ctx, t); lang != "pl" || dir != "ltr" {
		t.Errorf("html lang=%q dir=%q, want pl ltr", lang, dir)
	}
	joinAndVote(ctx, t, "Łucja", "Odebrano: Innovate. Możesz jeszcze zmienić głos.")
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: 2})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 0})
	if err := chromedp.Do(ctx, waitText("#shares", "Implement: 2 (66,7%) — oczekiwana odpowiedź")); err != nil {
		t.Fatalf("revealed results in Polish: %v", err)
	}
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(dir+"/phone-pl.png", shot, 0o644)
		}
	}
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
	late := fmt.Sprintf(`fetch("/vote", {method: "POST", headers: {"Content-Type": "application/json"}, credentials: "same-origin",
		body: JSON.stringify({room: %q, exercise: %d, item: 0, option: 1})}).then(function (r) { return r.json(); }).then(function (d) { return d.code; })`, f.srv.Room(), sorting)
	code, err := chromedp.Run(ctx, chromedp.Evaluate[string](late, chromedp.EvalAwaitPromise))
	if err != nil || code != "phone.err.closed" {
		t.Fatalf("a late vote's refusal: %q %v", code, err)
	}

	// Arabic: right to left.
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "ar"})
	if err := chromedp.Do(ctx, chromedp.Navigate(url), waitText("#join-title", "انضم إلى القاعة")); err != nil {
		t.Fatalf("an Arabic room: %v", err)
	}
	if lang, dir := htmlLangDir(ctx, t); lang != "ar" || dir != "rtl" {
		t.Errorf("an Arabic room: html lang=%q dir=%q, want ar rtl", lang, dir)
	}
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(dir+"/phone-ar.png", shot, 0o644)
		}
	}

	// Each phone its own language: a German browser reads German, in a
	// room whose own language is Polish.
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "pl", PerPhone: true})
	german := `Object.defineProperty(navigator, "languages", {get: function () { return ["de-AT", "en"]; }});`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: german}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), waitText("#join-title", "Dem Raum beitreten")); err != nil {
		t.Fatalf("a German phone in a room of each phone's own language: %v", err)
	}
	if lang, _ := htmlLangDir(ctx, t); lang != "de" {
		t.Errorf("a German phone: html lang=%q", lang)
	}
}

// joinAndVote joins the room from the page on screen under name, votes for
// the open sorting item's second option and waits for received.
func joinAndVote(ctx context.Context, t *testing.T, name, received string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		click("#join-button"),
		waitText("#question", "Sets next quarter's objectives"),
		click(`#options button:nth-child(2)`),
		waitText("#status", received),
	)
	if err != nil {
		t.Fatalf("%s joining and voting: %v", name, err)
	}
}

// htmlLangDir reads the page's language and direction.
func htmlLangDir(ctx context.Context, t *testing.T) (lang, dir string) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang + " " + document.documentElement.dir`))
	if err != nil {
		t.Fatal(err)
	}
	lang, dir, _ = strings.Cut(v, " ")
	return lang, dir
}

// shoot saves a screenshot of the page as name under $RUNSHEET_SHOTS, if set.
func shoot(ctx context.Context, name string) {
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(dir+"/"+name, shot, 0o644)
		}
	}
}

// The page in the room's language, here German, through the facilitator's
// controls: the reveal closes voting and the phone says so; a locked room
// turns a new phone away with the reason while the phone already in keeps
// voting; the end of the session thanks the phone, which stops asking.
func TestPhonePageWhenVotingClosesTheRoomLocksAndTheSessionEnds(t *testing.T) {
	f := newFixture(t)
	srv := New(f.rec, Options{ShowResults: func() bool { return true }})
	f.rec.OnChange(srv.Changed)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "de"})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	url := "http://" + srv.Addr() + "/?room=" + srv.Room()
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), waitText("#join-title", "Dem Raum beitreten")); err != nil {
		t.Fatal(err)
	}
	joinAndVote(ctx, t, "Jonas", "Angekommen: Innovate")

	// Next, revealing first: the results go up and voting closes.
	var reveal []workshop.Event
	f.rec.View(func(s *workshop.Session) { reveal = s.State.Next(true) })
	for _, e := range reveal {
		f.record(e)
	}
	if err := chromedp.Do(ctx,
		waitText("#status", "Die Abstimmung zu dieser Frage ist geschlossen."),
		waitText("#shares", "Innovate: 1"),
	); err != nil {
		t.Fatalf("the phone was not told the reveal closed voting: %v", err)
	}
	disabled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#options button").disabled`))
	if err != nil || !disabled {
		t.Errorf("the answers stay pressable after the reveal: %v %v", disabled, err)
	}
	shoot(ctx, "phone-closed.png")

	// The room is locked: a new phone is turned away, in German.
	if err := srv.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	other, cancelOther := browser(t)
	defer cancelOther()
	if err := chromedp.Do(other,
		chromedp.Navigate(url),
		click("#join-button"),
		waitText("#join-status", "Der Raum ist geschlossen"),
	); err != nil {
		t.Fatalf("a new phone in a locked room: %v", err)
	}
	shoot(other, "phone-locked.png")
	// The phone already in votes on the next item.
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 1})
	if err := chromedp.Do(ctx,
		waitText("#question", "Plans the rota"),
		click(`#options button:nth-child(1)`),
		waitText("#status", "Angekommen: Implement"),
	); err != nil {
		t.Fatalf("the phone already in, in a locked room: %v", err)
	}

	// The end: the phone thanks its owner and stops reconnecting, even
	// once the server has gone.
	f.record(workshop.Event{Kind: workshop.EventFinished})
	srv.Finish(time.Minute)
	if err := chromedp.Do(ctx, waitText("#thanks", "Vielen Dank!")); err != nil {
		t.Fatalf("the phone was not thanked: %v", err)
	}
	shoot(ctx, "phone-thanks.png")
	srv.Stop()
	time.Sleep(2 * time.Second)
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("vote").hidden ? "" : "the question, ") +
		(document.getElementById("thanks").hidden ? "" : "thanks, ") + document.getElementById("status").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(shown, "thanks, ") || strings.Contains(shown, "Verbindung wird") {
		t.Errorf("after the server stopped the page shows %q; want only the thanks", shown)
	}
}

// When the laptop drops out the phone says so at once, and once it is back
// the first state clears what the outage left on screen: no stale "Not
// sent" or "Reconnecting…".
func TestPhonePageSaysReconnectingAndRecovers(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	srv := New(f.rec, Options{})
	detach := f.rec.OnChange(srv.Changed)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/?room="+srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button"))); err != nil {
		t.Fatal(err)
	}
	joinAndVote(ctx, t, "Ann", "Received: Innovate")

	detach()
	srv.Stop()
	lostAt := time.Now()
	if err := chromedp.Do(ctx, waitText("#status", "Reconnecting")); err != nil {
		t.Fatalf("the page did not say it lost the laptop: %v", err)
	}
	if d := time.Since(lostAt); d > 3*time.Second {
		t.Errorf("the page took %v to say it lost the laptop", d)
	}
	if err := chromedp.Do(ctx, click(`#options button:nth-child(1)`), waitText("#status", "Not sent")); err != nil {
		t.Fatalf("a vote during the outage: %v", err)
	}

	again := New(f.rec, Options{Room: srv.Room(), Key: srv.Key()})
	f.rec.OnChange(again.Changed)
	if err := again.Start(addr); err != nil {
		t.Fatal(err)
	}
	defer again.Stop()
	if again.Addr() != addr {
		t.Fatalf("the server came back on %s, not %s", again.Addr(), addr)
	}
	clear := `(function(){ var t = document.querySelector("#status").textContent; return t.indexOf("Not sent") < 0 && t.indexOf("Reconnecting") < 0; })()`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](clear, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the outage's message stayed after the laptop came back: %v", err)
	}
	if err := chromedp.Do(ctx, click(`#options button:nth-child(1)`), waitText("#status", "Received: Implement")); err != nil {
		t.Fatalf("voting after the outage: %v", err)
	}
}
