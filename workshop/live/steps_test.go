package live

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// The phone follows every step the room's screen shows, not only votes:
// a discussion's round and its prompt, a reflection's prompts, a break and
// when it ends, and the end of the session.
func TestPhonePageFollowsRoundsReflectionsBreaksAndTheEnd(t *testing.T) {
	f := newFixture(t)
	step := func(get func(s *workshop.State) []workshop.Event) {
		t.Helper()
		var evs []workshop.Event
		f.rec.View(func(sess *workshop.Session) { evs = get(sess.State) })
		for _, e := range evs {
			f.record(e)
		}
	}
	const discussion = 3
	reflection := exerciseOf(workshop.KindOpen) // the commitment: its prompts, answered by phone
	ctx, cancel := browser(t)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()),
		chromedp.WaitVisible(chromedp.CSS("#join-button")),
		click("#join-button"),
		chromedp.WaitVisible(chromedp.CSS("#vote")),
	)
	if err != nil {
		t.Fatal(err)
	}

	step(func(s *workshop.State) []workshop.Event { return s.MoveTo(discussion, -1) })
	if err := chromedp.Do(ctx, waitText("#question", "Round 1 of 3"), waitText("#prompts", "Implement or innovate: managers implement")); err != nil {
		t.Fatalf("the first round on the phone: %v", err)
	}
	step(func(s *workshop.State) []workshop.Event { return s.Next(true) })
	if err := chromedp.Do(ctx, waitText("#question", "Round 2 of 3"), waitText("#prompts", "Systems or individuals"), waitText("#title", "Three contrasts")); err != nil {
		t.Fatalf("the second round on the phone: %v", err)
	}
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(dir+"/phone-round.png", shot, 0o644)
		}
	}
	step(func(s *workshop.State) []workshop.Event { return s.MoveTo(reflection, -1) })
	for _, p := range []string{"Next month I will use more of", "One thing I will do differently on Monday:", "Who will notice"} {
		if err := chromedp.Do(ctx, waitText("#prompts", p)); err != nil {
			t.Fatalf("the reflection's prompt %q on the phone: %v", p, err)
		}
	}
	// No "waiting" over the prompts: the heading names the exercise.
	if head, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("question").hidden ? "" : document.getElementById("question").textContent`)); err != nil || head != "One commitment" {
		t.Errorf("the heading over the reflection's prompts: %q %v, want its title", head, err)
	}

	// A break added on the day, in the room's language.
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "de"})
	step(func(s *workshop.State) []workshop.Event {
		return []workshop.Event{s.InsertEvent(workshop.Break(10, words.For("de")))}
	})
	step(func(s *workshop.State) []workshop.Event { return s.MoveTo(reflection+1, -1) })
	if err := chromedp.Do(ctx, chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), waitText("#question", "Pause — weiter um")); err != nil {
		t.Fatalf("the break on the phone: %v", err)
	}
	f.record(workshop.Event{Kind: workshop.EventFinished})
	if err := chromedp.Do(ctx, waitText("#thanks", "Vielen Dank!"), waitText("#thanks", "Die Sitzung ist beendet")); err != nil {
		t.Fatalf("the end on the phone: %v", err)
	}
	if hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("prompts").hidden`)); err != nil || !hidden {
		t.Errorf("prompts still shown after the end: %v", err)
	}
}

// A reflection's prompts are numbered on the phone when there are
// several, and a single prompt is not.
func TestPhonePageNumbersOnlySeveralPrompts(t *testing.T) {
	f := newFixture(t)
	step := func(get func(s *workshop.State) []workshop.Event) {
		t.Helper()
		var evs []workshop.Event
		f.rec.View(func(sess *workshop.Session) { evs = get(sess.State) })
		for _, e := range evs {
			f.record(e)
		}
	}
	ctx, cancel := browser(t)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()),
		chromedp.WaitVisible(chromedp.CSS("#join-button")),
		click("#join-button"),
		chromedp.WaitVisible(chromedp.CSS("#vote")),
	)
	if err != nil {
		t.Fatal(err)
	}
	listStyle := `getComputedStyle(document.getElementById("prompts")).listStyleType`
	single := workshop.Exercise{Kind: workshop.KindReflect, Title: "One", Minutes: 5, Prompts: []string{"The only prompt here"}}
	for _, c := range []struct {
		ex       workshop.Exercise
		numbered bool
	}{{reflectionHere, true}, {single, false}} {
		step(func(s *workshop.State) []workshop.Event { return []workshop.Event{s.InsertEvent(c.ex)} })
		step(func(s *workshop.State) []workshop.Event { return s.MoveTo(s.Current+1, -1) })
		if err := chromedp.Do(ctx, waitText("#prompts", c.ex.Prompts[0])); err != nil {
			t.Fatalf("%s on the phone: %v", c.ex.Title, err)
		}
		style, err := chromedp.Run(ctx, chromedp.Evaluate[string](listStyle))
		if err != nil {
			t.Fatal(err)
		}
		if (style != "none") != c.numbered {
			t.Errorf("%s: %d prompts listed with style %q", c.ex.Title, len(c.ex.Prompts), style)
		}
	}
}
