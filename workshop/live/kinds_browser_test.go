package live

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// In every room language, a phone in a real browser answers an open
// question and sees what it sent, then places a grid item with two rows
// of 1–5; the controls are labelled and at least 44 px tall.
func TestPhonePageAnswersAndGridInEveryLanguage(t *testing.T) {
	f := newFixture(t)
	open, grid := exerciseOf(workshop.KindOpen), exerciseOf(workshop.KindGrid)
	// 30 seconds a language: under the race detector, on a loaded
	// machine, eight languages did not fit in one test's 90.
	ctx, cancel := browserFor(t, time.Duration(len(words.Languages))*30*time.Second)
	defer cancel()
	url := f.web.URL + "/?room=" + f.srv.Room()
	for n, l := range words.Languages {
		w := words.For(l.Code)
		f.record(workshop.Event{Kind: workshop.EventLanguage, Text: l.Code})
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
		answer := fmt.Sprintf("Answer %d in %s", n, l.Name)
		// Each language a new phone: a phone gives at most three answers.
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx,
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
		)
		if err != nil {
			shoot(ctx, "phone-open-"+l.Code+"-failed.png")
			t.Fatalf("%s: answering: %v", l.Code, err)
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
			waitText("#status", w.Say("phone.received")),
		} {
			if err := chromedp.Do(ctx, a); err != nil {
				shoot(ctx, "phone-grid-"+l.Code+"-failed.png")
				t.Fatalf("%s: rating the grid, step %d: %v", l.Code, i+1, err)
			}
		}
		checkTargets(ctx, t, l.Code+" grid", "#grid button")
		if n == 0 {
			shoot(ctx, "phone-grid.png")
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
