package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/workshop"
	"runsheet/workshop/control/controltest"
	"runsheet/workshop/store"
	"runsheet/workshop/words"
)

// The sessions list says how many people: the headcount where one was
// entered, else the phones that voted, said as phones.
func TestTheSessionsListSaysPeopleOrPhonesThatVoted(t *testing.T) {
	newTestShell(t, laptop) // the app's words
	phones := summaryText(store.Summary{Phones: 30, Votes: 300})
	if !strings.Contains(phones, "30 phones voted") || strings.Contains(phones, "people") {
		t.Errorf("30 phones and no headcount: %q", phones)
	}
	counted := summaryText(store.Summary{Headcount: 32, Phones: 30, Votes: 300})
	if !strings.Contains(counted, "32 people") || strings.Contains(counted, "phones voted") {
		t.Errorf("a headcount of 32: %q", counted)
	}
	if none := summaryText(store.Summary{}); strings.Contains(none, "people") || strings.Contains(none, "phones") {
		t.Errorf("no headcount and no phones: %q", none)
	}
}

// Actual times come from the recorded events: an exercise left at 1:40
// and one paused at 0:30 read the same after the app is stopped and
// opened again an hour later.
func TestActualTimesReadTheSameAfterARestart(t *testing.T) {
	dir := t.TempDir()
	clk := controltest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	s, w, st := openShell(t, dir, clk, laptop)
	c := startBuiltin(t, s, w, "Times")
	press(w, fyne.KeyPageDown) // start
	clk.Advance(100 * time.Second)
	c.agenda.Select(1)
	clk.Advance(30*time.Second + 400*time.Millisecond)
	press(w, fyne.KeyF5) // pause
	actual := func(c *console) []string {
		var out []string
		for _, r := range c.snap.agenda[:2] {
			out = append(out, spentText(r.Spent))
		}
		return out
	}
	before := actual(c)
	if strings.Join(before, " ") != "1:40 0:30" {
		t.Fatalf("before: %v", before)
	}
	c.stopTimers()
	st.Close()
	clk.Advance(time.Hour)
	s2, _, st2 := openShell(t, dir, clk, laptop)
	defer st2.Close()
	if s2.console == nil {
		t.Fatal("the session was not resumed")
	}
	if after := actual(s2.console); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("actual times before the restart %v, after %v", before, after)
	}
}

// A scale's mean is written one way in every view: the console, the
// projector and the phones' state carry the same number.
func TestAMeanReadsTheSameEverywhere(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	c := startBuiltin(t, s, w, "Means")
	if err := c.phones.start(s.opts.Phones); err != nil {
		t.Fatal(err)
	}
	defer c.phones.stop(false)
	const scale = 6 // "Where am I today?"
	c.agenda.Select(scale)
	for opt, n := range []int{1, 0, 1, 0, 1} { // ratings 1, 3, 5: mean 3
		if n > 0 {
			c.votes.tally(opt, workshop.SourceRoom, n)
		}
	}
	c.toggleReveal()
	clk.Advance(redrawGap)
	mean := words.For(words.English).Mean(3)
	if mean != "3.0" {
		t.Fatalf("a mean of 3 is written %q", mean)
	}
	if !strings.Contains(c.question.Text, "mean "+mean) && !strings.Contains(c.question.Text, "Mean "+mean) {
		t.Errorf("the console writes the mean as %q", c.question.Text)
	}
	if !strings.Contains(c.projector.answer.Text(), mean) {
		t.Errorf("the projector writes the mean as %q", c.projector.answer.Text())
	}
	url := c.phones.server.URLs()[0]
	_, joined := phoneCall(t, "POST", url, "/join", "", `{"room":"`+c.phones.server.Room()+`"}`)
	token := joined[strings.Index(joined, `"token":"`)+9:]
	token = token[:strings.Index(token, `"`)]
	if got := phoneState(t, url, token)["mean"]; got != 3.0 {
		t.Errorf("the phones get the mean %v", got)
	}
}
