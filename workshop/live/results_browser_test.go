package live

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// After the facilitator reveals them, in English and in Arabic, the phone
// shows the room's result as text: a grid's item at the room's means
// across and up with how many rated it, and an open question's most
// frequent words with the number of answers each stands in; each reveal
// is said once in the live region.
func TestPhonePageShowsRevealedGridAndWordsAsText(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	for _, lang := range []string{"en", "ar"} {
		w := words.For(lang)
		f := newFixture(t)
		f.record(workshop.Event{Kind: workshop.EventLanguage, Text: lang})
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
		do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			if err := chromedp.Do(ctx, actions...); err != nil {
				seen, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("results").outerHTML + " | " + document.getElementById("announce").textContent`))
				t.Fatalf("%s: %s: %v; the page: %s", lang, what, err, seen)
			}
		}
		do("placing the grid item", chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button")),
			chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), click("#join-button"),
			chromedp.WaitVisible(chromedp.CSS("#grid-squares button")), chromedp.Evaluate[chromedp.Void](recordLiveJS),
			click(`#grid-squares [data-x="4"][data-y="2"]`), waitText("#status", gridReceived(w, workshop.GridOption(4, 2))))
		f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 0, Close: true})
		point := w.Say("phone.grid_result", "Item", "Rolling out the new expense process", "Across", w.Mean(4), "Up", w.Mean(2), "Ratings", w.Count("room.ratings", 1))
		do("the grid revealed", waitText("#shares", point), waitText("#announce", point), chromedp.WaitVisible(chromedp.CSS("#results")))
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
		for i, text := range []string{"Coach more", "Coach the new lead"} {
			tok := f.join(string(rune('A' + i)))
			if code, out := f.call("POST", "/answer", tok, map[string]any{"room": f.srv.Room(), "exercise": open, "text": text}); code != 200 {
				t.Fatalf("answer: %d %v", code, out)
			}
		}
		do("the open question", chromedp.WaitVisible(chromedp.CSS("#answer-text")))
		f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: open})
		coach := w.Say("phone.word_count", "Word", "Coach", "Count", w.Number(2, 0))
		do("the answers revealed", waitText("#shares", coach), waitText("#announce", coach), chromedp.WaitVisible(chromedp.CSS("#results-note")),
			waitText("#results-note", w.Say("phone.top_words")))
		said, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.said`))
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{point, coach} {
			n := 0
			for _, s := range said {
				if strings.HasPrefix(s, "announce|") && strings.Contains(s, text) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %q was said %d times, want once: %q", lang, text, n, said)
			}
		}
	}
}

// A grid item nobody rated is said on the phone to have no ratings, not
// to stand at 0.0, 0.0, off the scale.
func TestPhonePageSaysAnUnratedGridItemHasNoRatings(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	w := words.For("en")
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 1, Close: true})
	unrated := "A team member keeps missing deadlines — " + w.Say("room.no_ratings")
	if err := chromedp.Do(ctx, chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button")),
		click("#join-button"), waitText("#shares", unrated)); err != nil {
		shares, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("shares").textContent`))
		t.Fatalf("the unrated item: %v; the results read %q", err, shares)
	}
	if shares, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("shares").textContent`)); strings.Contains(shares, w.Mean(0)) {
		t.Errorf("an unrated item is placed at %s: %q", w.Mean(0), shares)
	}
}
