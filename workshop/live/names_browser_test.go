package live

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// To a screen reader, in English and in Arabic: the open question has a
// heading that names it, and its answer box a label; each number of the
// grid's two rows is named with its axis, and each square of the board
// with both values and both axes.
func TestPhonePageNamesTheOpenQuestionAndTheGridsAxes(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := browser(t)
	defer cancel()
	url := f.web.URL + "/?room=" + f.srv.Room()
	for _, lang := range []string{"en", "ar"} {
		w := words.For(lang)
		f.record(workshop.Event{Kind: workshop.EventLanguage, Text: lang})
		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}
		if lang == "en" {
			steps = append(steps, chromedp.WaitVisible(chromedp.CSS("#join-button")), click("#join-button"))
		}
		if err := chromedp.Do(ctx, append(steps, chromedp.WaitVisible(chromedp.CSS("#answer-text")))...); err != nil {
			t.Fatalf("%s: the open question: %v", lang, err)
		}
		tree := axTree(ctx, t)
		if h := find(tree, "heading", "One commitment"); len(h) != 1 {
			t.Errorf("%s: no heading names the open question: %v", lang, find(tree, "heading", ""))
		}
		if box := find(tree, "textbox", w.Say("phone.your_answer")); len(box) != 1 {
			t.Errorf("%s: the answer box is not labelled %q: %v", lang, w.Say("phone.your_answer"), find(tree, "textbox", ""))
		}

		f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#grid-x button"))); err != nil {
			t.Fatalf("%s: the grid: %v", lang, err)
		}
		tree = axTree(ctx, t)
		for n := 1; n <= 5; n++ {
			for _, name := range []string{fmt.Sprintf("Implement–Innovate: %d", n), fmt.Sprintf("Systems–People: %d", n)} {
				if b := find(tree, "button", name); len(b) != 1 {
					t.Errorf("%s: no button named %q", lang, name)
				}
			}
			for y := 1; y <= 5; y++ {
				name := w.Say("phone.grid_square", "X", n, "Y", y, "XLow", "Implement", "XHigh", "Innovate", "YLow", "Systems", "YHigh", "People")
				if b := find(tree, "button", name); len(b) != 1 {
					t.Errorf("%s: no square named %q", lang, name)
				}
			}
		}
	}
}
