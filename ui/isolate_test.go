package ui

import (
	"strings"
	"testing"
	"time"

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
