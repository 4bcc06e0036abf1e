package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// resultText is a result the projector draws (a word cloud, a grid), as
// plain text beside it on the console for a screen reader and the
// keyboard: Tab stops on it, a ring shows it has the focus, and the
// clicker's keys pass through it to the workshop.
type resultText struct {
	widget.Label
	c    *console
	ring focusRing
}

var (
	_ fyne.Focusable  = (*resultText)(nil)
	_ fyne.Accessible = (*resultText)(nil)
)

func newResultText(c *console) *resultText {
	t := &resultText{c: c}
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	return t
}

// withRing is the text with its focus ring, to lay out in its place.
func (t *resultText) withRing() fyne.CanvasObject { return t.ring.around(t) }

// FocusGained shows the ring.
func (t *resultText) FocusGained() { t.ring.show(true) }

// FocusLost hides the ring.
func (t *resultText) FocusLost() { t.ring.show(false) }

// TypedRune passes the key to the workshop: the text is read, not typed.
func (t *resultText) TypedRune(r rune) { t.c.onRune(r) }

// TypedKey passes the key to the workshop.
func (t *resultText) TypedKey(ev *fyne.KeyEvent) { t.c.forwardKey(ev) }

// AccessibilityLabel is the text itself.
func (t *resultText) AccessibilityLabel() string { return t.Text }

// AccessibilityRole is text.
func (t *resultText) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// cloudText is an open question's words as its cloud counts them: the
// answers the room may see, their words ranked, each with how many
// answers use it.
func cloudText(answers []string, language string) string {
	ws := workshop.Words(answers, workshop.CommonWords(language))
	if len(ws) == 0 {
		return appWords().Say("room.no_answers")
	}
	lines := []string{tr("Words in the answers, most frequent first:")}
	for i, w := range ws {
		lines = append(lines, fmt.Sprintf("%d. %s — %d", i+1, isolated(w.Word), w.Count))
	}
	return strings.Join(lines, "\n")
}

// gridText is where the room places each item of a grid: its means across
// and up, and how many rated it.
func gridText(results []workshop.Result) string {
	w := appWords()
	lines := []string{tr("Where the room places each item:")}
	for i, r := range results {
		g := r.Grid()
		line := fmt.Sprintf("%d. %s — ", i+1, isolated(r.Item.Text))
		if g.N == 0 {
			line += w.Say("room.no_ratings")
		} else {
			line += tr("across {{.X}}, up {{.Y}} ({{.Ratings}})", "X", w.Mean(g.X), "Y", w.Mean(g.Y), "Ratings", w.Count("room.ratings", g.N))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
