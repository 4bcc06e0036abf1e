package live

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// recordLiveJS keeps, in window.said, what each live region of the page
// says each time it changes: its id and its whole text, as a screen
// reader reads an atomic region.
const recordLiveJS = `(function () {
	window.said = [];
	new MutationObserver(function (records) {
		var seen = [];
		records.forEach(function (r) {
			var n = r.target.nodeType === 1 ? r.target : r.target.parentElement;
			var region = n && n.closest("[aria-live], [role=status], [role=alert]");
			if (region && seen.indexOf(region) < 0) seen.push(region);
		});
		seen.forEach(function (region) {
			if (region.textContent.trim()) window.said.push(region.id + "|" + region.textContent);
		});
	}).observe(document.body, {childList: true, characterData: true, subtree: true});
	return true;
})()`

// In every room language, the page's live regions, which are on screen,
// say each thing once: a new question, a new round with its prompt, the
// vote recorded with what it was (a grid's point by both axes), the
// answer recorded, the reveal (not again when the results are updated),
// and the end of the session.
func TestPhonePageSaysEachChangeOnce(t *testing.T) {
	browserCtx, cancel := browserFor(t, time.Duration(len(words.Languages))*time.Minute)
	defer cancel()
	if err := chromedp.Do(browserCtx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	for _, l := range words.Languages {
		t.Run(l.Code, func(t *testing.T) { saysEachChangeOnce(browserCtx, t, l.Code) })
	}
}

func saysEachChangeOnce(browserCtx context.Context, t *testing.T, lang string) {
	w := words.For(lang)
	f := newFixtureWith(t, Options{ShowResults: func() bool { return true }})
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: lang})
	events := func(get func(s *workshop.State) []workshop.Event) {
		var evs []workshop.Event
		f.rec.View(func(sess *workshop.Session) { evs = get(sess.State) })
		for _, e := range evs {
			f.record(e)
		}
	}
	var prompts []string
	f.rec.View(func(sess *workshop.Session) { prompts = sess.State.Plan.Exercises[discussion].Prompts })
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, time.Minute)
	defer cancelTime()
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			said, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.said || []`))
			t.Fatalf("%s: %v; said so far: %q", what, err, said)
		}
	}
	visible := func(sel string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](fmt.Sprintf(`(function (e) { return !!e && e.getClientRects().length > 0; })(document.querySelector(%q))`, sel), pollFast...)
	}
	do("opening the page", chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button")),
		chromedp.Evaluate[chromedp.Void](recordLiveJS))
	do("joining", click("#join-button"), chromedp.WaitVisible(chromedp.CSS("#vote")))

	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	do("the question", waitText("#announce", "Sets next quarter's objectives"), visible("#announce"))
	do("voting", click(`#options button:nth-child(2)`), waitText("#status", w.Say("phone.received_option", "Option", "Innovate")))

	// The reveal, then the room's count changing twice after it: the
	// results on screen follow, but are said once.
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: 3})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 0})
	do("the reveal", waitText("#announce", w.Say("phone.results")+" — "))
	for _, n := range []int{4, 5} {
		f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: n})
		do("the count after the reveal", chromedp.Poll[chromedp.Void](fmt.Sprintf(`/Implement\s*:\s*%d/.test(document.getElementById("shares").textContent)`, n), pollFast...))
	}

	events(func(s *workshop.State) []workshop.Event { return s.MoveTo(discussion, -1) })
	do("the first round", waitText("#announce", prompts[0]))
	events(func(s *workshop.State) []workshop.Event { return s.Next(true) })
	do("the second round", waitText("#announce", prompts[1]))

	events(func(s *workshop.State) []workshop.Event { return s.MoveTo(grid, -1) })
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	point := w.Say("phone.grid_square", "X", 4, "Y", 2, "XLow", "Implement", "XHigh", "Innovate", "YLow", "Systems", "YHigh", "People")
	do("placing the grid item", chromedp.WaitVisible(chromedp.CSS("#grid-x button")), click("#grid-x button:nth-child(4)"), click("#grid-y button:nth-child(2)"),
		waitText("#status", w.Say("phone.received_option", "Option", point)))

	events(func(s *workshop.State) []workshop.Event { return s.MoveTo(open, -1) })
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	do("answering", chromedp.WaitVisible(chromedp.CSS("#answer-send")),
		chromedp.Evaluate[chromedp.Void](`(function(){ var e = document.getElementById("answer-text"); e.value = "More innovating"; e.dispatchEvent(new Event("input")); })()`),
		click("#answer-send"), waitText("#status", w.Say("phone.received_answer", "Answer", "More innovating")))

	f.record(workshop.Event{Kind: workshop.EventFinished})
	do("the end", waitText("#announce", w.Say("phone.thanks_title")), visible("#announce"))

	said, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.said`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ what, text string }{
		{"the new question", "announce|Sets next quarter's objectives"},
		{"the vote recorded", "status|" + w.Say("phone.received_option", "Option", "Innovate")},
		{"the reveal", "announce|" + w.Say("phone.results") + " — "},
		{"the first round with its prompt", prompts[0]},
		{"the second round with its prompt", prompts[1]},
		{"the grid point recorded, by both axes", "status|" + w.Say("phone.received_option", "Option", point)},
		{"the answer recorded", "status|" + w.Say("phone.received_answer", "Answer", "More innovating")},
		{"the end", "announce|" + w.Say("phone.thanks_title") + " " + w.Say("phone.thanks")},
	} {
		n := 0
		for _, s := range said {
			if strings.Contains(s, want.text) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s (%q) was said %d times, want once; all that was said: %q", want.what, want.text, n, said)
		}
	}
}
