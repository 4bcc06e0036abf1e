package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"runsheet/workshop"
)

// Grays for the three sources: they must stay apart on a black-and-white
// printer, so paper is also hatched and every segment is outlined.
var (
	roomGray  = 70
	paperGray = 165
	phoneGray = 235
)

// Summary writes the session summary: who, when and how many; planned
// against actual time per exercise; every vote as a bar chart with counts,
// percentages and the split by source; scale statistics; the group's
// profile; and the notes.
func Summary(w io.Writer, sess *workshop.Session, opts Options) error {
	st := sess.State
	d := newDoc(opts, sess.Plan.Title, "Session summary")
	details := []string{}
	if sess.Group != "" {
		details = append(details, "Group: "+sess.Group)
	}
	if sess.Facilitator != "" {
		details = append(details, "Facilitator: "+sess.Facilitator)
	}
	date := sess.Created
	if !st.Started.IsZero() {
		date = st.Started
	}
	line := "Date: " + date.Format("Monday 2 January 2006")
	if !st.Started.IsZero() && !st.Finished.IsZero() {
		line += fmt.Sprintf(", %s–%s", st.Started.Format("15:04"), st.Finished.Format("15:04"))
	}
	details = append(details, line)
	if h := headcount(st); h > 0 {
		details = append(details, fmt.Sprintf("Headcount: %d", h))
	}
	if len(sess.Sources) > 0 {
		details = append(details, "Merged from: "+strings.Join(sess.Sources, "; "))
	}
	d.titleBlock("Session summary", sess.Plan.Title, details)

	d.timeTable(sess)
	if p := st.Profile(); p.Votes > 0 {
		d.profile(p)
	}
	for ei, ex := range sess.Plan.Exercises {
		if !ex.TakesVotes() {
			continue
		}
		d.heading(fmt.Sprintf("%d. %s", ei+1, ex.Title), 13, 40)
		if ev := st.Votes[ei]; ev.Headcount > 0 {
			d.setFont("", 9)
			d.para(d.width, fmt.Sprintf("Headcount %d", ev.Headcount), "L")
		}
		d.legend()
		for ii := range ex.Items {
			d.itemChart(ex, ii, st.Result(ei, ii))
		}
	}
	d.notes(sess)
	return d.finish(w)
}

func headcount(st *workshop.State) int {
	h := 0
	for _, ev := range st.Votes {
		h = max(h, ev.Headcount)
	}
	return h
}

// timeTable lists planned and actual minutes per exercise with the total.
func (d *doc) timeTable(sess *workshop.Session) {
	d.heading("Time", 14, 30)
	widths := []float64{d.width * 0.55, d.width * 0.15, d.width * 0.15, d.width * 0.15}
	row := func(cells []string, bold bool, fill bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.setFont(style, 9.5)
		h := d.textHeight(widths[0]-3, cells[0]) + 3
		d.need(h)
		y := d.pdf.GetY()
		if fill {
			d.pdf.SetFillColor(225, 225, 225)
			d.pdf.Rect(marginSide, y, d.width, h, "F")
		}
		x := marginSide
		for i, c := range cells {
			align := "R"
			if i == 0 {
				align = "L"
			}
			d.cellText(x+1.5, y+1.5, widths[i]-3, c, align)
			x += widths[i]
		}
		d.pdf.SetDrawColor(190, 190, 190)
		d.pdf.Line(marginSide, y+h, marginSide+d.width, y+h)
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetY(y + h)
	}
	row([]string{"Exercise", "Planned", "Actual", "Over / under"}, true, true)
	var planned, actual time.Duration
	for i, ex := range sess.Plan.Exercises {
		c := &sess.State.Clocks[i]
		planned += c.Planned
		actual += c.Spent
		row([]string{fmt.Sprintf("%d. %s", i+1, ex.Title), minutes(c.Planned), minutes(c.Spent), overUnder(c.Spent - c.Planned)}, false, false)
	}
	row([]string{"Total", minutes(planned), minutes(actual), overUnder(actual - planned)}, true, false)
	d.pdf.Ln(3)
}

func minutes(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d/time.Second)%60)
}

func overUnder(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m > 0:
		return fmt.Sprintf("+%d min", m)
	case m < 0:
		return fmt.Sprintf("−%d min", -m)
	}
	return "on time"
}

// legend explains the three shades once per exercise.
func (d *doc) legend() {
	d.setFont("", 8.5)
	d.need(8)
	y := d.pdf.GetY() + 1
	x := marginSide
	for _, s := range []struct {
		name  string
		gray  int
		hatch bool
	}{{"room (show of hands)", roomGray, false}, {"paper ballots", paperGray, true}, {"phones", phoneGray, false}} {
		d.segment(x, y, 6, 4, s.gray, s.hatch)
		d.pdf.SetXY(x+7, y-0.5)
		d.pdf.CellFormat(40, 5, s.name, "", 0, "L", false, 0, "")
		x += 12 + d.pdf.GetStringWidth(s.name)
	}
	d.pdf.SetY(y + 6)
}

// segment draws one part of a bar in its shade, outlined, hatched for paper.
func (d *doc) segment(x, y, w, h float64, gray int, hatch bool) {
	if w <= 0 {
		return
	}
	d.pdf.SetFillColor(gray, gray, gray)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(x, y, w, h, "FD")
	if hatch {
		d.pdf.ClipRect(x, y, w, h, false)
		d.pdf.SetDrawColor(60, 60, 60)
		for hx := x - h; hx < x+w; hx += 1.6 {
			d.pdf.Line(hx, y+h, hx+h, y)
		}
		d.pdf.ClipEnd()
		d.pdf.SetDrawColor(0, 0, 0)
	}
}

// itemChart draws one item: its text and expected answer, a bar per option
// with the count and percentage, the split by source and, for scales, the
// mean, median and distribution. It is kept on one page.
func (d *doc) itemChart(ex workshop.Exercise, i int, r workshop.Result) {
	title := fmt.Sprintf("%d. %s", i+1, r.Item.Text)
	if r.Expect >= 0 {
		title += "  (expected: " + r.Labels[r.Expect] + ")"
	}
	if r.Votes == 0 {
		d.setFont("B", 10)
		d.need(d.textHeight(d.width, title) + 8)
		d.para(d.width, title, "L")
		d.setFont("I", 9)
		d.para(d.width, "No votes.", "L")
		d.pdf.Ln(2)
		return
	}
	labelW := d.width * 0.22
	valueW := 30.0
	barW := d.width - labelW - valueW - 4
	const barH, gap = 5.0, 2.0
	d.setFont("B", 10)
	th := d.textHeight(d.width, title)
	d.setFont("", 9)
	labels := make([]string, len(r.Labels))
	copy(labels, r.Labels)
	if ex.Kind == workshop.KindScale && len(ex.Scale) == 2 {
		labels[0] = "1 " + ex.Scale[0]
		labels[len(labels)-1] = fmt.Sprintf("%d %s", len(labels), ex.Scale[1])
	}
	rows := 0.0
	for _, l := range labels {
		rows += max(d.textHeight(labelW-2, l), barH) + gap
	}
	foot := r.Describe()
	d.need(th + rows + d.textHeight(d.width, foot) + 6)

	d.setFont("B", 10)
	d.para(d.width, title, "L")
	d.pdf.Ln(1)
	d.setFont("", 9)
	for oi, l := range labels {
		rh := max(d.textHeight(labelW-2, l), barH)
		y := d.pdf.GetY()
		d.cellText(marginSide, y, labelW-2, l, "L")
		x := marginSide + labelW
		d.pdf.SetFillColor(245, 245, 245)
		d.pdf.Rect(x, y, barW, barH, "F")
		parts := []struct {
			n     int
			gray  int
			hatch bool
		}{{r.Room[oi], roomGray, false}, {r.Paper[oi], paperGray, true}, {r.Phone[oi], phoneGray, false}}
		for _, p := range parts {
			w := 0.0
			if r.Votes > 0 {
				w = barW * float64(p.n) / float64(r.Votes)
			}
			d.segment(x, y, w, barH, p.gray, p.hatch)
			x += w
		}
		value := fmt.Sprintf("%d · %.0f%%", r.Total[oi], r.Percent(oi))
		d.setFont("B", 9)
		d.pdf.SetY(y + (barH-d.lineHeight())/2)
		d.cell(marginSide+labelW+barW+2, valueW, value, "L")
		d.setFont("", 9)
		d.pdf.SetY(y + rh + gap)
	}
	d.pdf.SetTextColor(60, 60, 60)
	d.para(d.width, foot, "L")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(3)
}

// profile shows how the group leaned over all sorting items.
func (d *doc) profile(p workshop.Profile) {
	d.heading("The group's profile", 14, 30)
	d.setFont("", 9.5)
	d.para(d.width, fmt.Sprintf("Over %d sorting items with an expected answer, %d votes in all.", p.Items, p.Votes), "L")
	d.pdf.Ln(1)
	labelW := d.width * 0.22
	barW := d.width - labelW - 34
	for i, sd := range p.Sides {
		d.need(12)
		y := d.pdf.GetY()
		d.setFont("B", 9.5)
		d.cellText(marginSide, y, labelW-2, sd.Option, "L")
		gray := roomGray
		if i%2 == 1 {
			gray = paperGray
		}
		d.pdf.SetFillColor(245, 245, 245)
		d.pdf.Rect(marginSide+labelW, y, barW, 5, "F")
		d.segment(marginSide+labelW, y, barW*sd.Share/100, 5, gray, i%2 == 1)
		d.pdf.SetXY(marginSide+labelW+barW+2, y)
		d.pdf.CellFormat(32, 5, fmt.Sprintf("%d · %.0f%%", sd.Votes, sd.Share), "", 0, "L", false, 0, "")
		d.pdf.SetY(y + 6)
		if sd.Expected > 0 {
			d.setFont("", 8.5)
			d.pdf.SetX(marginSide + labelW)
			d.para(d.width-labelW, fmt.Sprintf("On items whose expected answer is %s, %.0f%% of votes chose it (%d of %d).", sd.Option, sd.MatchShare, sd.Matched, sd.Expected), "L")
		}
		d.pdf.Ln(1)
	}
	d.pdf.Ln(2)
}

// notes prints the facilitator's notes, exercise by exercise.
func (d *doc) notes(sess *workshop.Session) {
	any := false
	for _, n := range sess.State.Notes {
		if strings.TrimSpace(n) != "" {
			any = true
		}
	}
	if !any {
		return
	}
	d.heading("Notes", 14, 20)
	for i, n := range sess.State.Notes {
		if strings.TrimSpace(n) == "" {
			continue
		}
		d.setFont("B", 10)
		d.need(12)
		d.para(d.width, fmt.Sprintf("%d. %s", i+1, sess.Plan.Exercises[i].Title), "L")
		d.setFont("", 9.5)
		d.para(d.width, n, "L")
		d.pdf.Ln(2)
	}
}
