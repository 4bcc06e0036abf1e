package live

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// In every room language, a phone in a real browser answers an open
// question and sees what it sent, then places a grid item with two rows
// of 1–5; the controls are labelled and at least 44 px tall.
func TestPhonePageAnswersAndGridInEveryLanguage(t *testing.T) {
	f := newFixture(t)
	open, grid := exerciseOf(workshop.KindOpen), exerciseOf(workshop.KindGrid)
	// Each language has a minute of its own: under the race detector, on
	// a machine busy with other packages' tests, one shared deadline ran
	// out for the languages at the end of the list.
	browserCtx, cancel := browserFor(t, time.Duration(len(words.Languages))*time.Minute)
	defer cancel()
	url := f.web.URL + "/?room=" + f.srv.Room()
	for n, l := range words.Languages {
		w := words.For(l.Code)
		// Each language a new phone (a phone gives at most three answers),
		// in a browser context of its own: clearing the storage of one
		// page raced with the page saving its token again.
		phone, closePhone := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
		defer closePhone()
		if err := chromedp.Do(phone); err != nil {
			t.Fatal(err)
		}
		ctx, cancelLanguage := context.WithTimeout(phone, time.Minute)
		defer cancelLanguage()
		began := time.Now()
		f.record(workshop.Event{Kind: workshop.EventLanguage, Text: l.Code})
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
		answer := fmt.Sprintf("Answer %d in %s", n, l.Name)
		for i, a := range []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(url),
			waitText("#join-title", w.Say("phone.join_title")),
			click("#join-button"),
			waitText("#answer label", w.Say("phone.your_answer")),
			// Typed in through the page's own input event: chromedp's
			// SendKeys races with the DOM events it listens to.
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function(){ var t = document.getElementById("answer-text"); t.value = %q; t.dispatchEvent(new Event("input")); })()`, answer)),
			click("#answer-send"),
			waitText("#sent-list", answer),
			waitText("#sent-title", w.Say("phone.you_sent")),
		} {
			if err := chromedp.Do(ctx, a); err != nil {
				shoot(ctx, "phone-open-"+l.Code+"-failed.png")
				t.Fatalf("%s: answering, step %d, after %v: %v; the page: %s", l.Code, i+1, time.Since(began).Round(time.Millisecond), err, pageSays(phone))
			}
		}
		checkTargets(ctx, t, l.Code+" open", "#answer-send")
		if n == 0 {
			shoot(ctx, "phone-open.png")
		}
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
		for i, a := range []chromedp.Action[chromedp.Void]{
			waitText("#grid-x-label", w.Say("phone.grid_across", "Low", "Implement", "High", "Innovate")),
			click("#grid-x button:nth-child(4)"),
			waitText("#status", w.Say("phone.grid_both")),
			click("#grid-y button:nth-child(2)"),
			waitText("#status", gridReceived(w, workshop.GridOption(4, 2))),
		} {
			if err := chromedp.Do(ctx, a); err != nil {
				shoot(ctx, "phone-grid-"+l.Code+"-failed.png")
				t.Fatalf("%s: rating the grid, step %d: %v; the page: %s", l.Code, i+1, err, pageSays(phone))
			}
		}
		checkTargets(ctx, t, l.Code+" grid", "#grid button")
		if n == 0 {
			shoot(ctx, "phone-grid.png")
		}
		if took := time.Since(began); took > 10*time.Second {
			t.Logf("%s took %v", l.Code, took.Round(time.Millisecond))
		}
	}
	f.rec.View(func(s *workshop.Session) {
		if got := len(s.State.Answers[open].List); got != len(words.Languages) {
			t.Errorf("%d answers recorded, want one per language", got)
		}
		iv := &s.State.Votes[grid].Items[0]
		for _, p := range iv.Voters() {
			if o, _ := iv.Ballot(p); o != workshop.GridOption(4, 2) {
				t.Errorf("a phone's grid point is %d, want across 4, up 2", o)
			}
		}
		if len(iv.Voters()) != len(words.Languages) {
			t.Errorf("%d grid ballots, want one per language", len(iv.Voters()))
		}
	})
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		t.Logf("screenshots in %s", dir)
	}
}

// pageSays tells what a phone page that failed a step shows: its status
// line and the sections not hidden, so that a failure far away says where
// the page stood.
func pageSays(browser context.Context) string {
	ctx, cancel := context.WithTimeout(browser, 5*time.Second)
	defer cancel()
	said, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){
		var shown = [];
		document.querySelectorAll("main > section, section[id]").forEach(function (s) { if (!s.hidden) shown.push(s.id); });
		var st = document.getElementById("status");
		var sent = document.getElementById("sent-list"), title = document.getElementById("sent-title");
		return location.href + " | status: " + (st ? st.textContent : "none") + " | shown: " + shown.join(" ") +
			" | sent: " + (sent ? sent.textContent : "none") + " | sent title: " + (title ? title.textContent : "none");
	})()`))
	if err != nil {
		return "unreadable: " + err.Error()
	}
	return said
}

// checkTargets fails when a control matching sel is under 44 px tall or
// wide, or has no name a screen reader can say.
func checkTargets(ctx context.Context, t *testing.T, where, sel string) {
	t.Helper()
	js := fmt.Sprintf(`(function(){ var bad = []; document.querySelectorAll(%q).forEach(function (b) {
		var r = b.getBoundingClientRect();
		if (r.height < 44 || r.width < 44) bad.push("small " + r.width + "x" + r.height);
		if (!(b.textContent || b.getAttribute("aria-label") || "").trim()) bad.push("unnamed");
	}); return bad.join(", "); })()`, sel)
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil || bad != "" {
		t.Errorf("%s: %s: %s %v", where, sel, bad, err)
	}
}

// A grid item is placed with one tap on the phone's 5×5 board, in English
// and in Arabic at 320 px: each square a named button of at least 44 px,
// the board's columns mirrored right to left in Arabic, the tapped square
// marked by more than colour and its two ratings recorded on the laptop;
// the arrow keys and Enter place it too.
func TestPhoneGridSquaresPlaceAnItem(t *testing.T) {
	f := newFixture(t)
	grid := exerciseOf(workshop.KindGrid)
	ctx, cancel := browserFor(t, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	url := f.web.URL + "/?room=" + f.srv.Room()
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	ballot := func() int {
		o := -1
		f.rec.View(func(s *workshop.Session) {
			iv := &s.State.Votes[grid].Items[0]
			if vs := iv.Voters(); len(vs) == 1 {
				o, _ = iv.Ballot(vs[0])
			}
		})
		return o
	}
	for _, lang := range []string{"en", "ar"} {
		w := words.For(lang)
		f.record(workshop.Event{Kind: workshop.EventLanguage, Text: lang})
		// The phone joins once; in the next language it comes back as
		// the same participant.
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}
		if lang == "en" {
			steps = append(steps, waitText("#join-title", w.Say("phone.join_title")), click("#join-button"))
		}
		err := chromedp.Do(ctx, append(steps,
			waitText("#grid-tap", w.Say("phone.grid_tap")),
			click(`#grid-squares [data-x="2"][data-y="5"]`),
			waitText("#status", gridReceived(w, workshop.GridOption(2, 5))),
		)...)
		if err != nil {
			shoot(ctx, "phone-squares-"+lang+"-failed.png")
			t.Fatalf("%s: tapping a square: %v", lang, err)
		}
		if got := ballot(); got != workshop.GridOption(2, 5) {
			x, y := workshop.GridRatings(got)
			t.Errorf("%s: the laptop recorded across %d, up %d; want across 2, up 5", lang, x, y)
		}
		checkTargets(ctx, t, lang+" squares", "#grid-squares button")
		look, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){
			var b = document.getElementById("grid-squares"), at = function (x, y) { return b.querySelector('[data-x="' + x + '"][data-y="' + y + '"]'); };
			var one = at(1, 1).getBoundingClientRect(), five = at(5, 1).getBoundingClientRect(), top = at(1, 5).getBoundingClientRect();
			var on = document.querySelectorAll("#grid-squares [aria-pressed=true]");
			var mark = on.length === 1 ? getComputedStyle(on[0], "::before").content : "";
			return [one.left < five.left ? "ltr" : "rtl", top.top < one.top ? "up" : "down", on.length, mark.indexOf("\u2713") >= 0, at(4, 2).getAttribute("aria-label")].join("|");
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		dir := "ltr"
		if lang == "ar" {
			dir = "rtl"
		}
		label := w.Say("phone.grid_square", "X", 4, "Y", 2, "XLow", "Implement", "XHigh", "Innovate", "YLow", "Systems", "YHigh", "People")
		if want := dir + "|up|1|true|" + label; look != want {
			t.Errorf("%s: the board reads %q, want %q", lang, look, want)
		}
		shoot(ctx, "phone-squares-"+lang+".png")
		// By keyboard: from the tapped square one right and one down,
		// as the squares lie on screen, then Enter.
		right := workshop.GridOption(3, 4)
		if lang == "ar" {
			right = workshop.GridOption(1, 4)
		}
		err = chromedp.Do(ctx,
			chromedp.Focus(chromedp.CSS(`#grid-squares [data-x="2"][data-y="5"]`)),
			chromedp.KeyEvent(kb.ArrowRight),
			chromedp.KeyEvent(kb.ArrowDown),
			chromedp.KeyEvent(kb.Enter),
			chromedp.Poll[chromedp.Void](fmt.Sprintf(`(function(){ var p = document.querySelector("#grid-squares [aria-pressed=true]"); return !!p && (+p.getAttribute("data-y") - 1) * 5 + (+p.getAttribute("data-x") - 1) === %d; })()`, right),
				chromedp.WithPollingTimeout(10*time.Second)),
			waitText("#status", gridReceived(w, right)),
		)
		if err != nil {
			t.Fatalf("%s: by keyboard: %v", lang, err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for ballot() != right && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := ballot(); got != right {
			x, y := workshop.GridRatings(got)
			t.Errorf("%s: by keyboard the laptop recorded across %d, up %d", lang, x, y)
		}
	}
}

// gridReceived is what the page says once the laptop has recorded the
// option's point of the built-in plan's grid: both values, by their axes.
func gridReceived(w *words.Words, option int) string {
	x, y := workshop.GridRatings(option)
	return w.Say("phone.received_option", "Option", w.Say("phone.grid_square", "X", x, "Y", y, "XLow", "Implement", "XHigh", "Innovate", "YLow", "Systems", "YHigh", "People"))
}

// The answer box says in the room's language how many characters are left
// of the question's maximum, counting an emoji as one as the laptop does;
// typing or pasting stops at the maximum; and an answer the laptop
// refuses as too long is not lost: the page says why and keeps the text.
func TestPhonePageCountsAnswerCharacters(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	max := plans.Builtin().Exercises[open].AnswerRunes()
	w := words.For("pl")
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "pl"})
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	ctx, cancel := browserFor(t, time.Minute)
	defer cancel()
	typeIn := func(js string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(function(){ var t = document.getElementById("answer-text"); t.value = ` + js + `; t.dispatchEvent(new Event("input")); })()`)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()),
		click("#join-button"),
		waitText("#answer label", w.Say("phone.your_answer")),
		waitText("#answer-left", w.Say("phone.chars_left", "Left", max, "Max", max)),
		typeIn(`"Zaufanie 🙂"`),
		waitText("#answer-left", w.Say("phone.chars_left", "Left", max-10, "Max", max)),
		typeIn(fmt.Sprintf(`"🙂".repeat(%d)`, max+5)),
		waitText("#answer-left", w.Say("phone.chars_left", "Left", 0, "Max", max)),
	)
	if err != nil {
		t.Fatalf("counting: %v; the page: %s", err, pageSays(ctx))
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.getElementById("answer-text").value).length`))
	if err != nil || kept != max {
		t.Errorf("the box holds %d characters after a paste of %d, want %d (%v)", kept, max+5, max, err)
	}
	// A page that let too much through (an older one, or a script) hears
	// the laptop's refusal in the room's language and keeps the text.
	long := strings.Repeat("a", max+1)
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("answer-text").value = %q`, long)),
		click("#answer-send"),
		waitText("#status", w.Say("phone.err.answer_too_long")),
	)
	if err != nil {
		t.Fatalf("refusal: %v; the page: %s", err, pageSays(ctx))
	}
	if still, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("answer-text").value`)); err != nil || still != long {
		t.Errorf("after the refusal the box holds %d characters, want the %d typed (%v)", len(still), len(long), err)
	}
	f.rec.View(func(s *workshop.Session) {
		if n := len(s.State.Answers[open].List); n != 0 {
			t.Errorf("%d answers recorded, want none", n)
		}
	})
}

// A phone whose answer reached the laptop but whose reply was lost sends
// it again with the same id, even after the page is reloaded: the page
// puts the unsent answer back in its box, and the answer is recorded
// once, under the id the page made for it.
func TestPhonePageRetriesAnAnswerWithItsId(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	ctx, cancel := browserFor(t, time.Minute)
	defer cancel()
	const answer = "Ask before assuming"
	// The first answer's reply is lost: the request reaches the laptop,
	// and the page hears a time-out.
	loseReply := `(function(){ var send = XMLHttpRequest.prototype.send; window.sentAnswers = [];
		XMLHttpRequest.prototype.send = function (b) {
			if (b && b.indexOf('"text"') >= 0) {
				window.sentAnswers.push(b);
				if (window.sentAnswers.length === 1) {
					var x = this, timeout = x.ontimeout;
					x.onreadystatechange = function () { if (x.readyState === 4) timeout(); };
				}
			}
			return send.call(this, b);
		}; })()`
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()),
		click("#join-button"),
		waitText("#answer label", "Your answer"),
		chromedp.Evaluate[chromedp.Void](loseReply),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function(){ var t = document.getElementById("answer-text"); t.value = %q; t.dispatchEvent(new Event("input")); })()`, answer)),
		click("#answer-send"),
		waitText("#status", words.For(words.English).Say("phone.not_sent")),
	)
	if err != nil {
		t.Fatalf("the lost reply: %v; the page: %s", err, pageSays(ctx))
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.sentAnswers[0]`))
	if err != nil {
		t.Fatal(err)
	}
	var sent struct{ ID string }
	if err := json.Unmarshal([]byte(body), &sent); err != nil || len(sent.ID) < 16 {
		t.Fatalf("the page sent %s: no id of its answer (%v)", body, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Reload(),
		waitText("#answer label", "Your answer"),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("answer-text").value === %q`, answer), chromedp.WithPollingTimeout(10*time.Second)),
		click("#answer-send"),
		waitText("#status", words.For(words.English).Say("phone.received_answer", "Answer", answer)),
	)
	if err != nil {
		t.Fatalf("the retry after a reload: %v; the page: %s", err, pageSays(ctx))
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#sent-list li").length`)); err != nil || n != 1 {
		t.Errorf("the page lists %d answers sent, want 1 (%v)", n, err)
	}
	f.rec.View(func(s *workshop.Session) {
		list := s.State.Answers[open].List
		if len(list) != 1 || list[0].Text != answer || list[0].Request != sent.ID {
			t.Errorf("recorded %+v, want the answer once with id %s", list, sent.ID)
		}
	})
}
