package report

import (
	"testing"
	"time"

	"runsheet/workshop"
)

// A row whose exercise is shorter than its two lines of time (a break
// with a one-line title) ends under the time: the rule below the row
// never runs through "to 09:30".
func TestGuideRuleRunsUnderTheTallerCell(t *testing.T) {
	for _, lang := range []string{"en", "de", "ar"} {
		d := newDoc(Options{Created: time.Now()}, lang, "T", "doc.guide")
		g := &guideTable{d: d}
		for i, c := range []float64{0.11, 0.07, 0.10, 0.44, 0.28} {
			g.widths[i] = c * d.width
		}
		g.header()
		when := d.clockOf(9*time.Hour+25*time.Minute) + "\n" + d.words.Say("doc.to_time", "Time", d.clockOf(9*time.Hour+30*time.Minute))
		y0 := d.pdf.GetY()
		g.row(4, workshop.Exercise{Kind: workshop.KindBreak, Title: "Coffee", Minutes: 5}, when)
		d.setFont("", 9)
		timeBottom := y0 + 2 + d.textHeight(g.widths[0]-3, when)
		if got := d.pdf.GetY(); got < timeBottom+1 {
			t.Errorf("%s: the row's rule is at %.1f mm, through the time that ends at %.1f mm", lang, got, timeBottom)
		}
	}
}
