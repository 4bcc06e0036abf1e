package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"runsheet/workshop"
)

// ParseStart reads a start time such as "09:00" or "13:30".
func ParseStart(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("start time %q is not a time of day like 09:00 or 13:30", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// Guide writes the facilitator guide: the agenda as a table with clock
// times from start (time after midnight), each exercise's kind, title,
// brief and private notes, and the total duration and end time.
func Guide(w io.Writer, plan *workshop.Plan, start time.Duration, opts Options) error {
	d := newDoc(opts, plan.Title, "Facilitator guide")
	total := time.Duration(plan.TotalMinutes()) * time.Minute
	d.titleBlock("Facilitator guide", plan.Title, []string{
		plan.Summary,
		fmt.Sprintf("%d exercises · %d minutes · %s to %s", len(plan.Exercises), plan.TotalMinutes(), clockOf(start), clockOf(start+total)),
	})

	cols := []float64{0.10, 0.06, 0.10, 0.36, 0.38}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c * d.width
	}
	header := []string{"Time", "Min", "Kind", "Exercise and brief", "Your notes"}
	drawHeader := func() {
		d.setFont("B", 9)
		y := d.pdf.GetY()
		d.pdf.SetFillColor(225, 225, 225)
		d.pdf.Rect(marginSide, y, d.width, 7, "F")
		x := marginSide
		for i, h := range header {
			d.cellText(x+1.5, y+1.5, widths[i]-3, h, "L")
			x += widths[i]
		}
		d.pdf.SetY(y + 7)
	}
	d.setFont("B", 9)
	d.need(20)
	drawHeader()
	at := start
	for i, ex := range plan.Exercises {
		end := at + time.Duration(ex.Minutes)*time.Minute
		cells := []string{
			clockOf(at) + "\nto " + clockOf(end),
			fmt.Sprint(ex.Minutes),
			ex.Kind.Title(),
			"",
			guideNotes(ex),
		}
		title := fmt.Sprintf("%d. %s", i+1, ex.Title)
		d.setFont("B", 9)
		th := d.textHeight(widths[3]-3, title)
		d.setFont("", 9)
		h := th + d.textHeight(widths[3]-3, ex.Brief)
		for c, s := range cells {
			if c != 3 {
				h = max(h, d.textHeight(widths[c]-3, s))
			}
		}
		h += 4
		if d.need(h) {
			drawHeader()
		}
		y := d.pdf.GetY()
		x := marginSide
		for c, s := range cells {
			if c == 3 {
				d.setFont("B", 9)
				d.cellText(x+1.5, y+2, widths[c]-3, title, "L")
				d.setFont("", 9)
				d.cellText(x+1.5, y+2+th, widths[c]-3, ex.Brief, "L")
			} else {
				d.setFont("", 9)
				d.cellText(x+1.5, y+2, widths[c]-3, s, "L")
			}
			x += widths[c]
		}
		d.pdf.SetDrawColor(160, 160, 160)
		d.pdf.Line(marginSide, y+h, marginSide+d.width, y+h)
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetY(y + h)
		at = end
	}
	d.setFont("B", 10)
	d.need(10)
	d.pdf.Ln(2)
	d.para(d.width, fmt.Sprintf("Total %d minutes (%s) · ends %s", plan.TotalMinutes(), hoursMinutes(total), clockOf(start+total)), "L")
	return d.finish(w)
}

// guideNotes gathers what only the facilitator sees: private notes, and
// the items with their expected answers or the prompts.
func guideNotes(ex workshop.Exercise) string {
	var parts []string
	if ex.Notes != "" {
		parts = append(parts, ex.Notes)
	}
	switch ex.Kind {
	case workshop.KindVote:
		var lines []string
		for i, it := range ex.Items {
			l := fmt.Sprintf("%d. %s", i+1, it.Text)
			if it.Expect != "" {
				l += " → " + it.Expect
			}
			lines = append(lines, l)
		}
		parts = append(parts, strings.Join(lines, "\n"))
	case workshop.KindScale:
		if len(ex.Scale) == 2 {
			parts = append(parts, fmt.Sprintf("1 = %s … 5 = %s", ex.Scale[0], ex.Scale[1]))
		}
	}
	if len(ex.Prompts) > 0 && ex.Kind != workshop.KindVote {
		var lines []string
		for i, p := range ex.Prompts {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, p))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

func clockOf(d time.Duration) string {
	m := int(d/time.Minute) % (24 * 60)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func hoursMinutes(d time.Duration) string {
	m := int(d / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}
