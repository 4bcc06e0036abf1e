package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/workshop/store"
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
	clk := newFakeTime(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
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
