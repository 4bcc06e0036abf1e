package report

import (
	"fmt"
	"io"
	"strings"

	"runsheet/workshop"
)

// Handout writes the participant handout for a plan: the key ideas, then
// every exercise in order with room to write, a paper ballot for each vote
// and a 1–5 grid for each scale.
func Handout(w io.Writer, plan *workshop.Plan, opts Options) error {
	d := newDoc(opts, plan.Title, "Participant handout")
	d.titleBlock("Participant handout", plan.Title, nil)
	if plan.Summary != "" {
		d.setFont("I", 11)
		d.para(d.width, plan.Summary, "L")
		d.pdf.Ln(3)
	}
	d.fillInLine([]string{"Name", "Group", "Date"})

	if len(plan.Ideas) > 0 || plan.Contrast != nil {
		d.heading("Key ideas", 14, 20)
		for _, idea := range plan.Ideas {
			d.idea(idea)
		}
		if plan.Contrast != nil {
			d.contrast(plan.Contrast)
		}
	}
	for i, ex := range plan.Exercises {
		d.handoutExercise(i, ex)
	}
	return d.finish(w)
}

// fillInLine prints labelled blanks such as "Name ______".
func (d *doc) fillInLine(labels []string) {
	d.setFont("", 10)
	d.need(12)
	y := d.pdf.GetY() + 6
	col := d.width / float64(len(labels))
	for i, l := range labels {
		x := marginSide + float64(i)*col
		d.pdf.SetXY(x, y-4)
		d.pdf.CellFormat(16, 5, l, "", 0, "L", false, 0, "")
		d.pdf.SetDrawColor(120, 120, 120)
		d.pdf.Line(x+16, y+1, x+col-6, y+1)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginSide, y+6)
}

func (d *doc) idea(idea workshop.Idea) {
	d.setFont("B", 11)
	first := d.textHeight(d.width, idea.Title)
	d.setFont("", 10)
	d.need(first + d.textHeight(d.width, idea.Text) + 6)
	if idea.Title != "" {
		d.setFont("B", 11)
		d.para(d.width, idea.Title, "L")
	}
	d.setFont("", 10)
	if idea.Text != "" {
		d.para(d.width, idea.Text, "L")
	}
	for _, p := range idea.Points {
		h := d.textHeight(d.width-6, p)
		d.need(h)
		y := d.pdf.GetY()
		d.pdf.SetXY(marginSide+1, y)
		d.pdf.CellFormat(5, d.lineHeight(), "•", "", 0, "L", false, 0, "")
		d.cellText(marginSide+6, y, d.width-6, p, "L")
	}
	d.pdf.Ln(3)
}

// contrast prints the two sides in columns, a row per contrast.
func (d *doc) contrast(c *workshop.Contrast) {
	col := d.width / 2
	pad := 2.0
	d.setFont("B", 11)
	hh := max(d.textHeight(col-2*pad, c.Left), d.textHeight(col-2*pad, c.Right)) + 2*pad
	d.need(hh + 12)
	y := d.pdf.GetY()
	d.pdf.SetFillColor(225, 225, 225)
	d.pdf.Rect(marginSide, y, d.width, hh, "F")
	d.cellText(marginSide+pad, y+pad, col-2*pad, c.Left, "L")
	d.cellText(marginSide+col+pad, y+pad, col-2*pad, c.Right, "L")
	d.pdf.SetY(y + hh)
	d.setFont("", 10)
	for _, r := range c.Rows {
		h := max(d.textHeight(col-2*pad, r[0]), d.textHeight(col-2*pad, r[1])) + 2*pad
		d.need(h)
		y = d.pdf.GetY()
		d.cellText(marginSide+pad, y+pad, col-2*pad, r[0], "L")
		d.cellText(marginSide+col+pad, y+pad, col-2*pad, r[1], "L")
		d.pdf.SetDrawColor(160, 160, 160)
		d.pdf.Line(marginSide, y+h, marginSide+d.width, y+h)
		d.pdf.Line(marginSide+col, y, marginSide+col, y+h)
		d.pdf.SetY(y + h)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.Ln(4)
}

func (d *doc) handoutExercise(i int, ex workshop.Exercise) {
	d.heading(fmt.Sprintf("%d. %s", i+1, ex.Title), 13, 24)
	d.setFont("I", 9)
	d.pdf.SetTextColor(90, 90, 90)
	d.para(d.width, fmt.Sprintf("%s · %d minutes", kindLabel(ex.Kind), ex.Minutes), "L")
	d.pdf.SetTextColor(0, 0, 0)
	d.setFont("", 10)
	if ex.Brief != "" {
		d.para(d.width, ex.Brief, "L")
		d.pdf.Ln(2)
	}
	switch ex.Kind {
	case workshop.KindVote:
		d.ballot(ex)
	case workshop.KindScale:
		d.scaleGrid(ex)
	}
	lines := 4
	switch ex.Kind {
	case workshop.KindReflect:
		lines = 5
	case workshop.KindVote, workshop.KindScale:
		lines = 2
	}
	for _, p := range ex.Prompts {
		d.setFont("B", 10)
		d.need(d.textHeight(d.width, p) + 16)
		d.para(d.width, p, "L")
		d.writingLines(lines)
	}
	if len(ex.Prompts) == 0 {
		d.setFont("", 9)
		d.need(8 + float64(lines)*8)
		d.pdf.SetTextColor(90, 90, 90)
		d.para(d.width, "Notes", "L")
		d.pdf.SetTextColor(0, 0, 0)
		d.writingLines(lines)
	}
}

func kindLabel(k workshop.Kind) string {
	s := string(k)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// boxTable lays out a grid of boxes: a text column and one narrow column per
// choice, the header repeated on every page, rows never split.
type boxTable struct {
	d       *doc
	choices []string
	textW   float64
	choiceW float64
	caption string
}

func newBoxTable(d *doc, choices []string, caption string) *boxTable {
	cw := min(max(18.0, d.width*0.5/float64(len(choices))), 30)
	if cw*float64(len(choices)) > d.width*0.6 {
		cw = d.width * 0.6 / float64(len(choices))
	}
	return &boxTable{d: d, choices: choices, textW: d.width - cw*float64(len(choices)), choiceW: cw, caption: caption}
}

func (t *boxTable) header() {
	d := t.d
	d.setFont("B", 9)
	h := 0.0
	for _, c := range t.choices {
		h = max(h, d.textHeight(t.choiceW-2, c))
	}
	h = max(h, d.textHeight(t.textW-4, t.caption)) + 3
	y := d.pdf.GetY()
	d.pdf.SetFillColor(225, 225, 225)
	d.pdf.Rect(marginSide, y, d.width, h, "F")
	d.cellText(marginSide+2, y+1.5, t.textW-4, t.caption, "L")
	for i, c := range t.choices {
		d.cellText(marginSide+t.textW+float64(i)*t.choiceW+1, y+1.5, t.choiceW-2, c, "C")
	}
	d.pdf.SetY(y + h)
	d.setFont("", 10)
}

func (t *boxTable) row(text string) {
	d := t.d
	d.setFont("", 10)
	h := max(d.textHeight(t.textW-4, text)+4, 9)
	if d.need(h) {
		t.header()
	}
	y := d.pdf.GetY()
	d.cellText(marginSide+2, y+2, t.textW-4, text, "L")
	for i := range t.choices {
		d.box(marginSide+t.textW+float64(i)*t.choiceW, y, t.choiceW, h)
	}
	d.pdf.SetDrawColor(170, 170, 170)
	d.pdf.Line(marginSide, y+h, marginSide+d.width, y+h)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetY(y + h)
}

// ballot prints a paper ballot: a tick box per item and option.
func (d *doc) ballot(ex workshop.Exercise) {
	d.setFont("B", 10)
	d.need(30)
	d.para(d.width, "Ballot — tick one box per line", "L")
	t := newBoxTable(d, ex.Options, "Item")
	t.header()
	for i, it := range ex.Items {
		t.row(fmt.Sprintf("%d. %s", i+1, it.Text))
	}
	d.pdf.Ln(4)
}

// scaleGrid prints a 1–5 grid with the scale's labels.
func (d *doc) scaleGrid(ex workshop.Exercise) {
	labels := []string{"1", "2", "3", "4", "5"}
	if len(ex.Scale) == 2 {
		labels[0] = "1\n" + ex.Scale[0]
		labels[4] = "5\n" + ex.Scale[1]
	}
	d.setFont("B", 10)
	d.need(30)
	d.para(d.width, "Circle or tick one number per line", "L")
	t := newBoxTable(d, labels, "Item")
	t.header()
	for i, it := range ex.Items {
		t.row(fmt.Sprintf("%d. %s", i+1, it.Text))
	}
	d.pdf.Ln(4)
}
