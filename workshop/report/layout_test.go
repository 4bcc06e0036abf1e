package report

import (
	"testing"
	"time"
)

// Tables never split a row; a table that fits on a page moves there whole;
// a longer one leaves at least three rows on each side of every break, with
// its header on every page it spans.
func TestTablesMoveWholeOrKeepThreeRowsEachSide(t *testing.T) {
	for _, c := range []struct {
		name   string
		rows   int
		height float64
		startY float64
	}{
		{"a short table near the foot of a page", 12, 9, 230},
		{"a table longer than a page", 45, 9, 60},
		{"a table whose last row would be alone", 51, 9.5, 40},
	} {
		d := newDoc(Options{Created: time.Now()}, "", "T", "doc.handout")
		d.pdf.AddPage()
		d.pdf.SetY(c.startY)
		heights := make([]float64, c.rows)
		for i := range heights {
			heights[i] = c.height
		}
		perPage := map[int]int{}
		headers := map[int]int{}
		d.keptTable(8, heights, func() {
			headers[d.pdf.PageNo()]++
			d.pdf.SetY(d.pdf.GetY() + 8)
		}, func(i int) {
			perPage[d.pdf.PageNo()]++
			d.pdf.SetY(d.pdf.GetY() + heights[i])
		})
		total := 0
		for p, n := range perPage {
			total += n
			if len(perPage) > 1 && n < 3 {
				t.Errorf("%s: page %d holds only %d rows", c.name, p, n)
			}
			if headers[p] != 1 {
				t.Errorf("%s: page %d has %d headers", c.name, p, headers[p])
			}
		}
		if total != c.rows {
			t.Errorf("%s: %d rows drawn of %d", c.name, total, c.rows)
		}
		if c.rows*int(c.height) < 240 && len(perPage) != 1 {
			t.Errorf("%s: a table that fits on a page was split over %d pages", c.name, len(perPage))
		}
	}
}
