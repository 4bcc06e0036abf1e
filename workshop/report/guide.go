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
	return twoPass(w, opts, func(opts Options) *doc {
		d := newDoc(opts, plan.Language, plan.Title, "doc.guide")
		in := d.words
		total := time.Duration(plan.TotalMinutes()) * time.Minute
		d.titleBlock(in.Say("doc.guide"), plan.Title, []string{
			plan.Summary,
			in.Say("doc.guide_line", "Exercises", in.Count("doc.exercises", len(plan.Exercises)), "Minutes", in.Count("doc.minutes", plan.TotalMinutes()),
				"From", d.clockOf(start), "To", d.clockOf(start+total)),
		})

		g := &guideTable{d: d}
		for i, c := range []float64{0.11, 0.07, 0.10, 0.44, 0.28} {
			g.widths[i] = c * d.width
		}
		// The kind column is as wide as its longest word in the document's
		// language, never breaking one ("Abstimmung"); the notes column gives
		// up what it takes.
		d.setFont("B", 9)
		need := d.widthOf(in.Say("doc.g_kind"))
		d.setFont("", 9)
		for _, ex := range plan.Exercises {
			need = max(need, d.widthOf(d.readerKind(ex.Kind)))
		}
		if extra := need + 3.5 - g.widths[2]; extra > 0 {
			g.widths[2] += extra
			g.widths[4] -= extra
		}
		// The time column holds each clock time on one line ("9:00 ص"
		// never parts from its "ص").
		d.setFont("", 9)
		need = d.widthOf(d.prepare(in.Say("doc.g_time")))
		at := start
		for _, ex := range plan.Exercises {
			end := at + time.Duration(ex.Minutes)*time.Minute
			need = max(need, d.widthOf(d.prepare(d.clockOf(at))), d.widthOf(d.prepare(in.Say("doc.to_time", "Time", d.clockOf(end)))))
			at = end
		}
		if extra := need + 3.5 - g.widths[0]; extra > 0 {
			g.widths[0] += extra
			g.widths[4] -= extra
		}
		// On every page the table runs onto, its header comes first, and
		// the exercise running on, marked as continued.
		d.need(40)
		d.tableHeader = g.pageTop
		g.header()
		at = start
		for i, ex := range plan.Exercises {
			end := at + time.Duration(ex.Minutes)*time.Minute
			g.row(i, ex, d.clockOf(at)+"\n"+in.Say("doc.to_time", "Time", d.clockOf(end)))
			at = end
		}
		d.tableHeader = nil
		// The total closes the table where it fits; it never takes a page
		// of its own, as the title block gives the same times.
		d.setFont("B", 10)
		if d.room() < 10 {
			return d
		}
		d.pdf.Ln(2)
		d.para(d.width, in.Say("doc.guide_total", "Minutes", in.Count("doc.minutes", plan.TotalMinutes()), "Length", d.hoursMinutes(total), "Time", d.clockOf(start+total)), "L")
		return d
	})
}

// guideTable is the guide's agenda: time, minutes, kind, the exercise with
// everything printed for the facilitator, and a ruled column for their own
// notes. A row too long for what is left of a page runs on to the next,
// under the header again, rather than leaving the page half empty.
type guideTable struct {
	d      *doc
	widths [5]float64
	// cont is the exercise whose row is being drawn, repeated at the top
	// of a page its row runs on to.
	cont string
}

// pageTop opens a page the table runs on to: its header, then the title
// of the exercise running on, marked as continued, in its column.
func (g *guideTable) pageTop() {
	d := g.d
	g.header()
	if g.cont == "" {
		return
	}
	x3 := marginSide + g.widths[0] + g.widths[1] + g.widths[2]
	d.setFont("B", 9)
	d.pdf.SetTextColor(90, 90, 90)
	d.cellText(x3+1.5, d.pdf.GetY()+1.5, g.widths[3]-3, d.words.Say("doc.continued", "Title", g.cont), "L")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetY(d.pdf.GetY() + 1)
}

const (
	guideHeaderH = 7.0
	guideRule    = 7.0 // the spacing of the ruled lines to write on
)

func (g *guideTable) header() {
	d := g.d
	style, size := d.style, d.size
	d.setFont("B", 9)
	y := d.pdf.GetY()
	d.pdf.SetFillColor(225, 225, 225)
	d.rect(marginSide, y, d.width, guideHeaderH, "F")
	x := marginSide
	w := d.words
	for i, h := range []string{w.Say("doc.g_time"), w.Say("doc.g_min"), w.Say("doc.g_kind"), w.Say("doc.g_exercise"), w.Say("doc.g_notes")} {
		d.cellText(x+1.5, y+1.5, g.widths[i]-3, h, "L")
		x += g.widths[i]
	}
	d.pdf.SetY(y + guideHeaderH)
	d.setFont(style, size)
}

// row draws one exercise: the exercise column first, flowing over pages
// as it must; then the short columns at its top, and the notes column
// ruled over every page it spans.
func (g *guideTable) row(i int, ex workshop.Exercise, when string) {
	d := g.d
	x3 := marginSide + g.widths[0] + g.widths[1] + g.widths[2]
	w3 := g.widths[3] - 3
	// Never start a row in the last few lines of a page.
	d.need(min(g.estimate(ex, w3), 45))
	startPage, y0 := d.pdf.PageNo(), d.pdf.GetY()
	// The short cells first, left to right, then the exercise: the order
	// the content is written in is the order a screen reader reads the
	// row in.
	d.setFont("", 9)
	x := marginSide
	shortEnd := y0
	for c, s := range []string{when, fmt.Sprint(ex.Minutes), d.readerKind(ex.Kind)} {
		d.cellText(x+1.5, y0+2, g.widths[c]-3, s, "L")
		shortEnd = max(shortEnd, d.pdf.GetY())
		x += g.widths[c]
	}
	d.pdf.SetY(y0 + 2)
	d.setFont("B", 9)
	title := numbered(i+1, ex.Title)
	if ex.Added {
		title += d.words.Say("sum.added_on_day")
	}
	d.cellText(x3+1.5, d.pdf.GetY(), w3, title, "L")
	g.cont = title
	defer func() { g.cont = "" }()
	d.setFont("", 9)
	if ex.Brief != "" {
		d.cellText(x3+1.5, d.pdf.GetY()+0.5, w3, ex.Brief, "L")
	}
	if ex.Notes != "" {
		d.setFont("I", 9)
		d.cellText(x3+1.5, d.pdf.GetY()+1, w3, ex.Notes, "L")
	}
	g.details(x3+1.5, w3, ex)
	endPage, yEnd := d.pdf.PageNo(), d.pdf.GetY()+2
	if endPage == startPage {
		// A short exercise ends above its two lines of time: the rule
		// goes under the taller cell, never through the time.
		yEnd = max(yEnd, shortEnd+2)
	}

	_, ph := d.pdf.GetPageSize()
	bottom := ph - marginBottom
	x4 := x3 + g.widths[3]
	d.pdf.SetDrawColor(190, 190, 190)
	for p := startPage; p <= endPage; p++ {
		d.pdf.SetPage(p)
		// A page returned to keeps the colour it last drew with: set it again.
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetDrawColor(190, 190, 190)
		top, end := marginTop+guideHeaderH, bottom
		if p == startPage {
			top = y0
		}
		if p == endPage {
			end = yEnd
		}
		for y := top + guideRule; y < end-1; y += guideRule {
			d.line(x4+2, y, marginSide+d.width, y)
		}
	}
	d.pdf.SetPage(endPage)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetDrawColor(120, 120, 120)
	d.line(marginSide, yEnd, marginSide+d.width, yEnd)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginSide, yEnd)
}

// estimate is roughly the height of a row, to keep short rows whole.
func (g *guideTable) estimate(ex workshop.Exercise, w float64) float64 {
	d := g.d
	d.setFont("", 9)
	h := 8 + d.textHeight(w, ex.Title) + d.textHeight(w, ex.Brief) + d.textHeight(w, ex.Notes)
	h += float64(len(ex.Items)+len(ex.Prompts)) * d.lineHeight() * 1.6
	return h
}

// details prints what the facilitator runs the exercise with: the answer
// key as a table, a scale's items, or the prompts.
func (g *guideTable) details(x, w float64, ex workshop.Exercise) {
	d := g.d
	d.setFont("", 9)
	switch {
	case ex.Takes(workshop.FieldOptions):
		// The answer column is as wide as its widest word, so that no
		// answer is cut mid-word ("Implementieren").
		hasKey := false
		d.setFont("B", 8)
		keyW := d.widestWord(d.words.Say("doc.expected")) + 1
		d.setFont("B", 9)
		for _, it := range ex.Items {
			if it.Expect != "" {
				hasKey = true
				keyW = max(keyW, d.widestWord(it.Expect)+1)
			}
		}
		keyW = min(max(keyW, 18), w/2)
		if !hasKey {
			keyW = 0
		}
		d.pdf.SetY(d.pdf.GetY() + 1.5)
		var texts []string
		for _, it := range ex.Items {
			texts = append(texts, it.Text)
		}
		if hasKey {
			// The header stays with the first item.
			d.setFont("", 9)
			d.need(5 + d.textHeight(w-keyW-2, numbered(1, ex.Items[0].Text)))
			d.setFont("B", 8)
			y := d.pdf.GetY()
			d.cellText(x, y, w-keyW-2, d.words.Say("doc.item"), "L")
			yh := d.pdf.GetY()
			d.cellText(x+w-keyW, y, keyW, d.words.Say("doc.expected"), "L")
			d.pdf.SetY(max(yh, d.pdf.GetY()) + 0.5)
		}
		old := d.listDir
		d.inList(texts, func() { dir := d.flow(); d.listDir = &dir })
		defer func() { d.listDir = old }()
		for k, it := range ex.Items {
			d.setFont("", 9)
			text := numbered(k+1, it.Text)
			d.need(d.textHeight(w-keyW-2, text))
			y := d.pdf.GetY()
			d.cellText(x, y, w-keyW-2, text, "L")
			yNext := d.pdf.GetY()
			if it.Expect != "" {
				d.setFont("B", 9)
				d.cellText(x+w-keyW, y, keyW, it.Expect, "L")
			}
			d.pdf.SetY(max(yNext, d.pdf.GetY()))
		}
	case ex.Takes(workshop.FieldItems):
		d.pdf.SetY(d.pdf.GetY() + 1.5)
		labels := []string{scaleLabel(&ex)}
		if ex.Takes(workshop.FieldAxes) {
			labels = []string{d.axisLabel(ex, 0), d.axisLabel(ex, 1), strings.Join(ex.Quadrants, " · ")}
		}
		for _, l := range labels {
			if l != "" {
				d.setFont("B", 9)
				d.cellText(x, d.pdf.GetY(), w, l, "L")
			}
		}
		d.setFont("", 9)
		var texts []string
		for _, it := range ex.Items {
			texts = append(texts, it.Text)
		}
		d.inList(texts, func() {
			for k, it := range ex.Items {
				d.cellText(x, d.pdf.GetY(), w, numbered(k+1, it.Text), "L")
			}
		})
	}
	if len(ex.Prompts) > 0 && !ex.Takes(workshop.FieldOptions) {
		d.pdf.SetY(d.pdf.GetY() + 1.5)
		d.setFont("", 9)
		d.inList(ex.Prompts, func() {
			for k, p := range ex.Prompts {
				if ex.HasRounds() {
					label := d.words.Say("doc.round", "Round", k+1, "Prompt", iso(p))
					d.labelled(ex.Prompts, func() { d.cellText(x, d.pdf.GetY(), w, label, "L") })
					continue
				}
				label := iso(p) // one prompt: no number
				if len(ex.Prompts) > 1 {
					label = numbered(k+1, p)
				}
				d.cellText(x, d.pdf.GetY(), w, label, "L")
			}
		})
	}
}

// clockOf is the time of day a length of time after midnight, saying how
// many days later when it falls past midnight: "13:44 (+3 days)".
func (d *doc) clockOf(since time.Duration) string {
	clock := d.words.Clock(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(since % (24 * time.Hour)))
	if days := int(since / (24 * time.Hour)); days > 0 {
		return d.words.Count("doc.later_day", days, "Time", clock)
	}
	return clock
}

// hoursMinutes writes a length of time in hours and minutes: "1 h 05 min".
func (d *doc) hoursMinutes(t time.Duration) string {
	m := int(t / time.Minute)
	if m < 60 {
		return d.words.Say("num.min", "M", m)
	}
	return d.words.Say("num.h_min", "H", m/60, "M", fmt.Sprintf("%02d", m%60))
}
