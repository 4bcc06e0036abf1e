package report

import (
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"runsheet/workshop"
)

// Handout writes the participant handout for a plan: the key ideas, then
// every exercise in order with room to write, a paper ballot for each vote
// and a 1–5 grid for each scale.
func Handout(w io.Writer, plan *workshop.Plan, opts Options) error {
	return twoPass(w, opts, func(opts Options) *doc {
		d := newDoc(opts, plan.Language, plan.Title, "doc.handout")
		say := d.words.Say
		d.titleBlock(say("doc.handout"), plan.Title, nil)
		if plan.Summary != "" {
			d.setFont("I", 11)
			d.para(d.width, plan.Summary, "L")
			d.pdf.Ln(3)
		}
		d.fillInLine([]string{say("doc.name"), say("doc.group"), say("doc.date")})

		if len(plan.Ideas) > 0 || plan.Contrast != nil {
			d.heading(say("doc.key_ideas"), 14, 20)
			// Ideas stand side by side in pairs, such as management and
			// leadership, so that they read as the comparison they are.
			for i := 0; i < len(plan.Ideas); i += 2 {
				if i+1 < len(plan.Ideas) {
					d.ideaPair(plan.Ideas[i], plan.Ideas[i+1])
				} else {
					d.idea(plan.Ideas[i], marginSide, d.width)
				}
			}
			if plan.Contrast != nil {
				d.contrast(plan.Contrast)
			}
		}
		sheets := map[int]int{} // exercise → ballot sheet number
		for i, ex := range plan.Exercises {
			if ex.TakesVotes() {
				sheets[i] = len(sheets) + 1
			}
		}
		for i, ex := range plan.Exercises {
			d.handoutExercise(i, ex, sheets[i])
		}
		// The paper ballots come last, so that participants hand in
		// their ballots and keep their notes; short ballots share a page,
		// with a line to cut along between them.
		first := true
		for i, ex := range plan.Exercises {
			if n := sheets[i]; n > 0 {
				d.ballotSheet(n, len(sheets), i, ex, first)
				first = false
			}
		}
		return d
	})
}

// writingLinesPer is how many ruled lines each exercise and discussion
// round gives to write on.
const writingLinesPer = 6

// fillInLine prints labelled blanks such as "Name ______".
func (d *doc) fillInLine(labels []string) {
	d.setFont("", 10)
	d.need(12)
	y := d.pdf.GetY() + 6
	col := d.width / float64(len(labels))
	for i, l := range labels {
		x := marginSide + float64(i)*col
		lw := max(16, d.widthOf(l)+2)
		d.pdf.SetY(y - 4)
		d.cell(x, lw, l, "L")
		d.pdf.SetDrawColor(120, 120, 120)
		d.line(x+lw, y+1, x+col-6, y+1)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginSide, y+6)
}

// ideaHeight is the height an idea takes in a column of width w.
func (d *doc) ideaHeight(idea workshop.Idea, w float64) float64 {
	d.setFont("B", 11)
	h := d.textHeight(w, idea.Title)
	d.setFont("", 10)
	h += d.textHeight(w, idea.Text)
	for i, p := range idea.Points {
		h += d.textHeight(w, numbered(i+1, p))
	}
	return h + 4
}

// idea prints a key idea in a column at x of width w: its title, its text
// and its points, numbered.
func (d *doc) idea(idea workshop.Idea, x, w float64) {
	y := d.pdf.GetY()
	if idea.Title != "" {
		d.setFont("B", 11)
		d.cellText(x, y, w, idea.Title, "L")
		y = d.pdf.GetY()
	}
	d.setFont("", 10)
	if idea.Text != "" {
		d.cellText(x, y, w, idea.Text, "L")
		y = d.pdf.GetY()
	}
	d.inList(idea.Points, func() {
		for i, p := range idea.Points {
			d.cellText(x, y, w, numbered(i+1, p), "L")
			y = d.pdf.GetY()
		}
	})
	d.pdf.SetY(y + 3)
}

// ideaPair prints two ideas side by side, kept on one page.
func (d *doc) ideaPair(a, b workshop.Idea) {
	gap := 8.0
	col := (d.width - gap) / 2
	d.need(max(d.ideaHeight(a, col), d.ideaHeight(b, col)))
	y := d.pdf.GetY()
	d.idea(a, marginSide, col)
	ya := d.pdf.GetY()
	d.pdf.SetY(y)
	d.idea(b, marginSide+col+gap, col)
	d.pdf.SetY(max(ya, d.pdf.GetY()))
}

// contrast prints the two sides in columns, a row per contrast.
func (d *doc) contrast(c *workshop.Contrast) {
	col := d.width / 2
	pad := 2.0
	d.setFont("B", 11)
	hh := max(d.textHeight(col-2*pad, c.Left), d.textHeight(col-2*pad, c.Right)) + 2*pad
	header := func() {
		d.setFont("B", 11)
		y := d.pdf.GetY()
		d.pdf.SetFillColor(225, 225, 225)
		d.rect(marginSide, y, d.width, hh, "F")
		d.cellText(marginSide+pad, y+pad, col-2*pad, c.Left, "L")
		d.cellText(marginSide+col+pad, y+pad, col-2*pad, c.Right, "L")
		d.pdf.SetY(y + hh)
	}
	d.setFont("", 10)
	heights := make([]float64, len(c.Rows))
	for i, r := range c.Rows {
		heights[i] = max(d.textHeight(col-2*pad, r[0]), d.textHeight(col-2*pad, r[1])) + 2*pad
	}
	d.keptTable(hh, heights, header, func(i int) {
		r, h := c.Rows[i], heights[i]
		d.setFont("", 10)
		y := d.pdf.GetY()
		d.cellText(marginSide+pad, y+pad, col-2*pad, r[0], "L")
		d.cellText(marginSide+col+pad, y+pad, col-2*pad, r[1], "L")
		d.pdf.SetDrawColor(160, 160, 160)
		d.line(marginSide, y+h, marginSide+d.width, y+h)
		d.line(marginSide+col, y, marginSide+col, y+h)
		d.pdf.SetXY(marginSide, y+h)
	})
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.Ln(4)
}

// readerKind is the word for an exercise's kind a reader knows ("Vote",
// "Abstimmung"), never the plan's keyword, capitalised to stand alone.
func (d *doc) readerKind(k workshop.Kind) string {
	w := d.words.Say("kind." + string(k))
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToTitle(r)) + w[n:]
}

func (d *doc) handoutExercise(i int, ex workshop.Exercise, sheet int) {
	title := numbered(i+1, ex.Title)
	// The heading stays with the brief and the first place to write: the
	// first prompt and its lines, or the notes lines.
	d.setFont("", 10)
	keep := d.textHeight(d.width, ex.Brief) + 8 + writingLinesPer*8 + 6
	if len(ex.Prompts) > 0 {
		d.setFont("B", 10)
		keep += d.textHeight(d.width, ex.Prompts[0])
	}
	if ex.TakesVotes() {
		keep += 10
	}
	// A long brief (a third of a page or more) starts where the heading
	// falls, at least its first three lines with it, and runs on to the
	// next page, rather than leaving the rest of this one empty (the whole
	// first page, under the title, for a long first brief).
	_, ph := d.pdf.GetPageSize()
	d.setFont("", 10)
	if briefH := d.textHeight(d.width, ex.Brief); briefH > (ph-marginTop-marginBottom)/3 {
		keep = 3*d.lineHeight() + 8
	}
	d.heading(title, 13, keep)
	d.cont = title
	defer func() { d.cont = "" }()
	d.setFont("I", 9)
	d.pdf.SetTextColor(90, 90, 90)
	d.para(d.width, d.words.Count("doc.minutes", ex.Minutes)+" · "+d.readerKind(ex.Kind), "L")
	d.pdf.SetTextColor(0, 0, 0)
	d.setFont("", 10)
	if ex.Brief != "" {
		d.para(d.width, ex.Brief, "L")
		d.pdf.Ln(2)
	}
	if ex.TakesAnswers() {
		// How many answers a phone takes is how many one person gives.
		d.para(d.width, d.words.Say("doc.answers_each", "Count", max(ex.PerPhone, 1)), "L")
		d.pdf.Ln(1)
	}
	if sheet > 0 {
		d.setFont("B", 10)
		if ex.Private {
			d.para(d.width, d.words.Say("doc.ballot_keep_at_end", "Sheet", sheet), "L")
		} else {
			d.para(d.width, d.words.Say("doc.ballot_at_end", "Sheet", sheet), "L")
		}
		d.pdf.Ln(1)
	}
	for r, p := range ex.Prompts {
		d.setFont("B", 10)
		label := p
		if ex.HasRounds() {
			label = d.words.Say("doc.round", "Round", r+1, "Prompt", iso(p))
		}
		// A prompt never ends a page without its lines.
		d.need(d.textHeight(d.width, label) + writingLinesPer*8 + 3)
		if ex.HasRounds() {
			d.labelled(ex.Prompts, func() { d.para(d.width, label, "L") })
		} else {
			d.para(d.width, label, "L")
		}
		d.writingLines(writingLinesPer)
	}
	if len(ex.Prompts) == 0 {
		d.setFont("", 9)
		d.need(8 + writingLinesPer*8 + 3)
		d.pdf.SetTextColor(90, 90, 90)
		d.para(d.width, d.words.Say("doc.notes"), "L")
		d.pdf.SetTextColor(0, 0, 0)
		d.writingLines(writingLinesPer)
	}
}

// boxTable lays out a grid of boxes: a text column and one narrow column per
// choice. Rows never split; the table moves whole to the next page when it
// fits there, and when it is longer than a page it breaks leaving at least
// three rows on either side, its header repeated.
type boxTable struct {
	d       *doc
	choices []string
	textW   float64
	choiceW float64
	caption string
	// numbered prints each column's number in its boxes, for a 1–5 scale.
	numbered bool
}

func newBoxTable(d *doc, choices []string, caption string) *boxTable {
	cw := min(max(18.0, d.width*0.5/float64(len(choices))), 30)
	if cw*float64(len(choices)) > d.width*0.6 {
		cw = d.width * 0.6 / float64(len(choices))
	}
	return &boxTable{d: d, choices: choices, textW: d.width - cw*float64(len(choices)), choiceW: cw, caption: caption}
}

func (t *boxTable) headerHeight() float64 {
	d := t.d
	d.setFont("B", 9)
	h := 0.0
	for _, c := range t.choices {
		h = max(h, d.textHeight(t.choiceW-2, c))
	}
	return max(h, d.textHeight(t.textW-4, t.caption)) + 3
}

func (t *boxTable) header() {
	d := t.d
	h := t.headerHeight()
	d.setFont("B", 9)
	y := d.pdf.GetY()
	d.pdf.SetFillColor(225, 225, 225)
	d.rect(marginSide, y, d.width, h, "F")
	d.cellText(marginSide+2, y+1.5, t.textW-4, t.caption, "L")
	for i, c := range t.choices {
		d.cellText(marginSide+t.textW+float64(i)*t.choiceW+1, y+1.5, t.choiceW-2, c, "C")
	}
	d.pdf.SetY(y + h)
	d.setFont("", 10)
}

func (t *boxTable) rowHeight(text string) float64 {
	t.d.setFont("", 10)
	return max(t.d.textHeight(t.textW-4, text)+4, 9)
}

// room is the height left on the current page.
func (d *doc) room() float64 {
	_, ph := d.pdf.GetPageSize()
	return ph - marginBottom - d.pdf.GetY()
}

// rows prints the table: its header and a row per text.
func (t *boxTable) rows(texts []string) {
	heights := make([]float64, len(texts))
	for i, s := range texts {
		heights[i] = t.rowHeight(s)
	}
	t.d.keptTable(t.headerHeight(), heights, t.header, func(i int) { t.row(texts[i], heights[i]) })
}

func (t *boxTable) row(text string, h float64) {
	d := t.d
	d.setFont("", 10)
	y := d.pdf.GetY()
	d.cellText(marginSide+2, y+2, t.textW-4, text, "L")
	for i := range t.choices {
		x := marginSide + t.textW + float64(i)*t.choiceW
		d.box(x, y, t.choiceW, h)
		if t.numbered {
			d.setFont("", 8)
			d.pdf.SetTextColor(110, 110, 110)
			d.pdf.SetY(y + h/2 - d.lineHeight()/2)
			d.cell(x, t.choiceW, fmt.Sprint(i+1), "C")
			d.pdf.SetTextColor(0, 0, 0)
			d.setFont("", 10)
		}
	}
	d.pdf.SetDrawColor(170, 170, 170)
	d.line(marginSide, y+h, marginSide+d.width, y+h)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginSide, y+h)
}

// ballotHeight is the height of an exercise's ballot, to know whether it
// fits below another on a page; it follows ballotSheet.
func (d *doc) ballotHeight(ex workshop.Exercise) float64 {
	d.setFont("", 9)
	h := d.textHeight(d.width, d.words.Say("doc.ballot_sheet", "Sheet", 99, "Sheets", 99))
	d.setFont("B", 14)
	h += 2 + d.textHeight(d.width, d.words.Say("doc.ballot", "Number", 99, "Title", iso(ex.Title)))
	if !ex.Private {
		h += 12
	}
	b := d.ballotOf(ex)
	d.setFont("B", 10)
	h += d.textHeight(d.width, b.say) + 2
	t := newBoxTable(d, b.choices, d.words.Say("doc.item"))
	h += t.headerHeight()
	for _, text := range b.rows {
		h += t.rowHeight(text)
	}
	return h
}

// axisLabel says what a grid's axis means in the room's words: "Across:
// 1 = Implement … 5 = Innovate".
func (d *doc) axisLabel(ex workshop.Exercise, axis int) string {
	if axis >= len(ex.Axes) || len(ex.Axes[axis]) != 2 {
		return ""
	}
	return d.words.Say([]string{"phone.grid_across", "phone.grid_up"}[axis], "Low", iso(ex.Axes[axis][0]), "High", iso(ex.Axes[axis][1]))
}

// ballot is what an exercise's paper ballot asks: the instruction, the
// boxes of each row and the rows' texts.
type ballot struct {
	say      string
	choices  []string
	numbered bool
	rows     []string
}

// ballotOf lays out an exercise's ballot: a box per option for a vote, the
// numbers 1–5 for a scale, and for a grid two rows of 1–5 per item, one
// per axis.
func (d *doc) ballotOf(ex workshop.Exercise) ballot {
	var b ballot
	switch {
	case ex.Takes(workshop.FieldAxes):
		b = ballot{say: d.words.Say("doc.tick_grid"), choices: []string{"1", "2", "3", "4", "5"}, numbered: true}
		for k, it := range ex.Items {
			b.rows = append(b.rows, numbered(k+1, it.Text)+" — "+d.axisLabel(ex, 0), "      "+d.axisLabel(ex, 1))
		}
		return b
	case ex.Def().Rating:
		b = ballot{say: d.words.Say("doc.tick_number") + " " + scaleLabel(&ex), choices: ex.OptionLabels(), numbered: true}
	default:
		b = ballot{say: d.words.Say("doc.tick_box"), choices: ex.Options}
	}
	for k, it := range ex.Items {
		b.rows = append(b.rows, numbered(k+1, it.Text))
	}
	return b
}

// ballotSheet prints an exercise's paper ballot, to be filled in, cut off
// and handed in, or kept when the scale is private (a self-rating, with no
// name on it). A ballot starts a page when it does not fit under what comes
// before; otherwise a dashed line to cut along parts them. first is the
// first ballot, which follows the exercises.
func (d *doc) ballotSheet(n, of, i int, ex workshop.Exercise, first bool) {
	const cutGap = 14.0
	if d.ballotHeight(ex)+cutGap > d.room() {
		d.pdf.AddPage()
	} else {
		y := d.pdf.GetY() + cutGap/2 - 2
		d.pdf.SetDrawColor(120, 120, 120)
		d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
		d.line(marginSide-8, y, marginSide+d.width+8, y)
		d.pdf.SetDashPattern(nil, 0)
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetY(y + cutGap/2 + 2)
	}
	d.setFont("", 9)
	d.pdf.SetTextColor(90, 90, 90)
	if ex.Private {
		d.para(d.width, d.words.Say("doc.ballot_keep", "Sheet", n, "Sheets", of), "L")
	} else {
		d.para(d.width, d.words.Say("doc.ballot_sheet", "Sheet", n, "Sheets", of), "L")
	}
	d.pdf.SetTextColor(0, 0, 0)
	title := d.words.Say("doc.ballot", "Number", i+1, "Title", iso(ex.Title))
	d.heading(title, 14, 30)
	d.cont = title
	defer func() { d.cont = "" }()
	if !ex.Private {
		d.fillInLine([]string{d.words.Say("doc.group"), d.words.Say("doc.name")})
	}
	var items []string
	for _, it := range ex.Items {
		items = append(items, it.Text)
	}
	b := d.ballotOf(ex)
	d.inList(items, func() {
		d.setFont("B", 10)
		d.para(d.width, b.say, "L")
		d.pdf.Ln(2)
		t := newBoxTable(d, b.choices, d.words.Say("doc.item"))
		t.numbered = b.numbered
		t.rows(b.rows)
	})
}
