package ui

import (
	"strings"
	"testing"

	"runsheet/workshop"
)

// On the console's Answers tab every text — a hidden answer and the paper
// box's character count included — stands at least 4.5:1 against what it
// sits on, measured on the drawn window, in the light and the dark theme.
func TestConsoleAnswersReadAtFullContrast(t *testing.T) {
	for _, th := range []string{themeLight, themeDark} {
		s, _, w := newTestShell(t, laptop)
		s.prefs().SetString(prefTheme, th)
		s.applyTheme()
		c := startBuiltin(t, s, w, "Room")
		oi := kindAt(workshop.KindOpen)
		c.agenda.Select(oi)
		c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Delegate more"},
			workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Coach weekly"})
		c.do(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: oi, Item: 0})
		c.lower.Select(c.answersTab)
		hidden, count := false, false
		for _, d := range measureTexts(t, w) {
			if strings.Contains(d.text, "Delegate more") {
				hidden = true
			}
			if strings.Contains(d.text, "characters") {
				count = true
			}
			if (strings.Contains(d.text, "Delegate more") || strings.Contains(d.text, "characters")) && d.ratio < 4.5 {
				t.Errorf("%s theme: %q stands at %.2f:1", th, d.text, d.ratio)
			}
		}
		if !hidden || !count {
			t.Fatalf("%s theme: the hidden answer (%v) or the character count (%v) is not drawn", th, hidden, count)
		}
	}
}
