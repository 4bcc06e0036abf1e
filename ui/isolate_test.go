package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/store"
	"runsheet/workshop/typeset"
)

// A session of an Arabic plan in the English sessions list: read in the
// order UAX #9 gives the line (as Fyne's shaping sets it), the separators
// stay between the parts. Unisolated, "1 phone voted" after an Arabic
// title counts as an Arabic number and takes the " · " before it along
// into the title's direction: "… ·1 phone voted".
func TestSessionsListKeepsAnArabicTitleApartFromItsNeighbours(t *testing.T) {
	speakEnglishAfter(t)
	setAppLanguage("en")
	sum := store.Summary{ID: "x", PlanTitle: "التنفيذ مقابل الابتكار", Group: "A",
		Created: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local), Started: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local), Phones: 1, Votes: 3}
	line := typeset.Visual(summaryText(sum), typeset.LeftToRight)
	title := typeset.Visual(sum.PlanTitle, typeset.RightToLeft)
	if want := " · A · " + title + " · 1 phone voted · 3 votes · "; !strings.Contains(line, want) {
		t.Errorf("the list shows\n%q\nwant within it\n%q", line, want)
	}
}

// An Arabic or Hebrew answer in the console's list keeps its number
// before it, read as Fyne's shaping sets the line: unisolated, "11. رائع
// جدا" showed as "11 .رائع جدا".
func TestConsoleAnswerListKeepsNumbersBeforeRightToLeftAnswers(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Numbers")
	oi := slices.IndexFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	c.agenda.Select(oi)
	for _, a := range []string{"رائع جدا", "שלום עולם"} {
		c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
	}
	var lines []string
	walkObjects(c.answers.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			// Fyne sets a line in the direction of its first strong letter.
			lines = append(lines, typeset.Visual(l.Text, typeset.ParagraphDirection(l.Text)))
		}
	})
	for i, a := range []string{"رائع جدا", "שלום עולם"} {
		want := fmt.Sprintf("%d. %s", i+1, typeset.Visual(a, typeset.RightToLeft))
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("answer %d reads %q, want it to start %q", i+1, lines, want)
		}
	}
}
