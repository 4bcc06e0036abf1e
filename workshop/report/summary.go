package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/words"
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
	return twoPass(w, opts, func(opts Options) *doc {
		st := sess.State
		d := newDoc(opts, st.Language, sess.Plan.Title, "sum.title")
		say := d.words.Say
		if sess.Facilitator != "" {
			d.pdf.SetAuthor(metadataText(sess.Facilitator), true)
		}
		details := []string{}
		if sess.Group != "" {
			details = append(details, say("sum.group", "Group", iso(sess.Group)))
		}
		if sess.Facilitator != "" {
			details = append(details, say("sum.facilitator", "Name", iso(sess.Facilitator)))
		}
		date := sess.Created
		began := st.Began()
		if !began.IsZero() {
			date = began
		}
		line := say("sum.date", "Date", d.words.Date(date))
		// A merge's events carry the moment of the merge, not a room's
		// times: its rooms' dates are in the Merged from line.
		merged := len(sess.Sources) > 0
		if merged {
			line = say("sum.date", "Date", d.words.Date(sess.Created))
		} else if !began.IsZero() && !st.Finished.IsZero() {
			line = say("sum.date_times", "Date", d.words.Date(date), "From", d.words.Clock(began), "To", d.words.Clock(st.Finished))
		}
		details = append(details, line)
		if h := headcount(st); h > 0 {
			details = append(details, say("sum.headcount", "Count", h))
		}
		if len(sess.Sources) > 0 {
			details = append(details, say("sum.merged", "Sources", strings.Join(sess.Sources, "; ")))
		}
		if !st.Corrected.IsZero() {
			details = append(details, say("sum.corrected", "When", d.words.DateAt(st.Corrected)))
		}
		d.titleBlock(say("sum.title"), sess.Plan.Title, details)
		d.overview(sess)

		// The detail follows the overview, on the same page when it fits.
		d.pdf.Ln(4)
		if !merged {
			d.timeTable(sess)
		}
		if p := st.Profile(); p.Votes > 0 {
			d.profile(p)
		}
		for ei, ex := range st.Plan.Exercises {
			switch {
			case ex.TakesAnswers():
				d.exerciseAnswers(st, ei, ex)
			case ex.Takes(workshop.FieldAxes):
				d.exerciseGrid(st, ei, ex)
			case ex.TakesVotes():
				d.exerciseVotes(st, ei, ex)
			}
		}
		d.notes(sess)
		return d
	})
}

// overview is the summary's first page at a glance: who took part, each
// vote item's leading answer and, where the plan has one, how many chose
// the expected answer; the scale items ranked by mean; time against plan.
func (d *doc) overview(sess *workshop.Session) {
	st := sess.State
	say := d.words.Say
	d.heading(say("sum.glance"), 14, 40)
	d.setFont("", 10)
	var planned, actual time.Duration
	for i := range st.Clocks {
		planned += st.Clocks[i].Planned
		actual += st.Clocks[i].Taken()
	}
	people := headcount(st)
	lines := []string{}
	if people > 0 {
		rate, n := 0.0, 0
		for ei, ex := range st.Plan.Exercises {
			for ii := range ex.Items {
				if !ex.TakesVotes() {
					continue
				}
				if r := st.Result(ei, ii); r.Votes > 0 && r.Headcount > 0 {
					rate += min(1, float64(r.Votes)/float64(r.Headcount))
					n++
				}
			}
		}
		line := say("sum.participants", "Count", people)
		if n > 0 {
			line += say("sum.response", "Rate", d.words.Percent(100*rate/float64(n)))
		}
		lines = append(lines, line)
	}
	added := ""
	if m := st.Plan.AddedMinutes(); m > 0 {
		added = say("sum.added", "Time", d.words.Duration(time.Duration(m)*time.Minute))
	}
	if len(sess.Sources) == 0 { // a merge has no times of its own
		lines = append(lines, say("sum.time_line", "Planned", d.words.Duration(planned), "Added", added, "Taken", d.words.Duration(actual), "Diff", d.words.OverUnder(actual-planned)))
	}
	for _, l := range lines {
		d.para(d.width, l, "L")
	}
	d.pdf.Ln(3)

	for ei, ex := range st.Plan.Exercises {
		if !ex.TakesVotes() {
			continue
		}
		// The exercise's title goes with its first table (see table), or
		// stands alone when nothing was voted on.
		title := numbered(ei+1, ex.Title)
		skipped := !st.Clocks[ei].Ran()
		var unvoted []string
		var rows [][]string
		var scale []workshop.Result
		var grid []string
		anyExpected := false
		for ii := range ex.Items {
			r := st.Result(ei, ii)
			if skipped {
				break
			}
			if r.Votes == 0 {
				unvoted = append(unvoted, fmt.Sprint(ii+1))
				continue
			}
			if r.IsScale {
				scale = append(scale, r)
				continue
			}
			if ex.Takes(workshop.FieldAxes) {
				grid = append(grid, d.gridLine(ii, r))
				continue
			}
			// Every option with the most votes leads: a tie is said as one.
			var leads []int
			for oi := range r.Total {
				switch {
				case len(leads) == 0 || r.Total[oi] > r.Total[leads[0]]:
					leads = []int{oi}
				case r.Total[oi] == r.Total[leads[0]]:
					leads = append(leads, oi)
				}
			}
			leading := r.Labels[leads[0]]
			if len(leads) > 1 {
				var names []string
				for _, oi := range leads {
					names = append(names, iso(r.Labels[oi]))
				}
				leading = say("sum.tie", "Answers", strings.Join(names, " / "))
			}
			expected := ""
			if r.Expect >= 0 {
				// ✓ when the expected answer led alone, = when it tied.
				mark := "✗"
				switch {
				case len(leads) == 1 && leads[0] == r.Expect:
					mark = "✓"
				case slices.Contains(leads, r.Expect):
					mark = "="
				}
				expected = say("sum.chose", "Mark", mark, "Share", d.words.Percent(r.Percent(r.Expect)), "Answer", iso(r.ExpectedLabel()))
				anyExpected = true
			}
			rows = append(rows, []string{numbered(ii+1, r.Item.Text), leading, d.words.Percent(r.Percent(leads[0])), expected})
		}
		// The note that closes the exercise (skipped, or items nobody
		// voted on) stays with its last table.
		note := ""
		switch {
		case skipped:
			note = say("sum.skipped_exercise")
		case len(unvoted) > 0:
			note = d.noVotes(unvoted)
		}
		d.setFont("I", 9)
		noteH := 0.0
		if note != "" {
			noteH = d.textHeight(d.width, note) + 2 // under the table's gap
		}
		if len(rows) > 0 {
			header := []string{say("sum.item"), say("sum.leading"), say("sum.share"), say("sum.expected")}
			cols := []float64{0.46, 0.18, 0.1, 0.26}
			if !anyExpected {
				// A column with nothing in it is left out.
				header, cols = header[:3], []float64{0.6, 0.28, 0.12}
				for k := range rows {
					rows[k] = rows[k][:3]
				}
			}
			tail := noteH
			if len(scale) > 0 {
				tail = 0
			}
			d.tableWith(title, header, cols, rows, tail)
			title = ""
		}
		if len(scale) > 0 {
			sort.SliceStable(scale, func(a, b int) bool { return scale[a].Scale().Mean > scale[b].Scale().Mean })
			var srows [][]string
			rank := 0
			for k, r := range scale {
				sc := r.Scale()
				// Items whose means read the same share a rank, and the
				// next rank counts them: 1, 1, 3.
				if k == 0 || words.RoundMean(sc.Mean) != words.RoundMean(scale[k-1].Scale().Mean) {
					rank = k + 1
				}
				srows = append(srows, []string{fmt.Sprint(rank), r.Item.Text, d.words.Mean(sc.Mean), d.median(sc.Median), fmt.Sprint(sc.N)})
			}
			caption := say("sum.ranked")
			if l := scaleLabel(&ex); l != "" {
				caption = say("sum.ranked_scale", "Scale", l)
			}
			if title != "" {
				caption = title + "\n" + caption
			}
			d.tableWith(caption, []string{say("sum.rank"), say("sum.item"), say("sum.mean"), say("sum.median"), say("sum.ratings")}, []float64{0.1, 0.54, 0.12, 0.12, 0.12}, srows, noteH)
			title = ""
		}
		// A grid's lines go with the title, as a table does: the title
		// kept with the first line, each line whole on a page, and a page
		// the lines run on to opened by the title marked as continued.
		firstH := 0.0
		if len(grid) > 0 {
			d.setFont("", 10)
			firstH = d.textHeight(d.width, grid[0])
		}
		if title != "" {
			d.setFont("B", 11)
			d.need(max(12, d.textHeight(d.width, title)+firstH))
			d.para(d.width, title, "L")
		}
		if len(grid) > 0 {
			d.cont = numbered(ei+1, ex.Title)
		}
		for k, l := range grid {
			d.setFont("", 10)
			h := d.textHeight(d.width, l)
			if k == len(grid)-1 {
				h += noteH // the note stays with its exercise
			}
			d.need(h)
			d.setFont("", 10)
			d.para(d.width, l, "L")
		}
		d.cont = ""
		if note != "" {
			d.setFont("I", 9)
			d.para(d.width, note, "L")
		}
		d.pdf.Ln(2)
	}
}

// noVotes lists the items nobody voted on, in one line.
func (d *doc) noVotes(items []string) string {
	if len(items) == 1 {
		return d.words.Say("sum.no_votes_one", "Items", items[0])
	}
	return d.words.Say("sum.no_votes_many", "Items", strings.Join(items, d.words.Say("sum.list_sep")))
}

// median writes a median: whole, or with its half.
func (d *doc) median(m float64) string {
	if m == float64(int(m)) {
		return d.words.Number(m, 0)
	}
	return d.words.Number(m, 1)
}

// fitWords widens the columns too narrow for their widest word
// ("Bewertungen"), taking the room from the widest column, so that no word
// of a header or a cell is cut.
func (d *doc) fitWords(widths []float64, header []string, rows [][]string) {
	need := make([]float64, len(widths))
	d.setFont("B", 9)
	for i, h := range header {
		need[i] = d.widestWord(h) + 3.5
	}
	d.setFont("", 9)
	for _, r := range rows {
		for i, c := range r {
			need[i] = max(need[i], d.widestWord(c)+3.5)
		}
	}
	widest := 0
	for i := range widths {
		if widths[i] > widths[widest] {
			widest = i
		}
	}
	for i := range widths {
		if i == widest || need[i] <= widths[i] {
			continue
		}
		extra := min(need[i]-widths[i], widths[widest]-need[widest])
		if extra > 0 {
			widths[i] += extra
			widths[widest] -= extra
		}
	}
}

// tableRow draws one row of a table at the current position, h high: the
// cells in style at size, the first column aligned left and the others by
// align, shaded if fill, with a rule below.
func (d *doc) tableRow(cells []string, widths []float64, h float64, style string, size float64, fill bool, align string) {
	y := d.pdf.GetY()
	if fill {
		d.pdf.SetFillColor(225, 225, 225)
		d.rect(marginSide, y, d.width, h, "F")
	}
	x := marginSide
	for i, c := range cells {
		a := align
		if i == 0 {
			a = "L"
		}
		d.setFont(style, size)
		d.cellText(x+1.5, y+1.5, widths[i]-3, c, a)
		x += widths[i]
	}
	d.pdf.SetDrawColor(190, 190, 190)
	d.line(marginSide, y+h, marginSide+d.width, y+h)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginSide, y+h)
}

// tableWith is table followed by tail mm that stay with its last rows.
func (d *doc) tableWith(title string, header []string, cols []float64, rows [][]string, tail float64) {
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c * d.width
	}
	d.fitWords(widths, header, rows)
	draw := func(cells []string, bold, fill bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.setFont(style, 9)
		h := 0.0
		for i, c := range cells {
			h = max(h, d.textHeight(widths[i]-3, c))
		}
		d.tableRow(cells, widths, h+3, style, 9, fill, "L")
	}
	d.setFont("", 9)
	heights := make([]float64, len(rows))
	for k, r := range rows {
		h := 3.0
		for i, c := range r {
			h = max(h, d.textHeight(widths[i]-3, c)+3)
		}
		heights[k] = h
	}
	d.setFont("B", 9)
	hh := 3.0
	for i, c := range header {
		hh = max(hh, d.textHeight(widths[i]-3, c)+3)
	}
	// The title, a heading or caption, is drawn with the table's first
	// header, so that it moves with the table and never ends a page alone.
	d.setFont("B", 11)
	th := d.textHeight(d.width, title)
	first := true
	d.keptTableWith(th+hh, heights, tail, func() {
		if first && title != "" {
			d.setFont("B", 11)
			d.para(d.width, title, "L")
		}
		first = false
		draw(header, true, true)
	}, func(i int) { draw(rows[i], false, false) })
	d.pdf.Ln(2)
}

// exerciseVotes prints one vote or scale exercise's items: the split by
// source once, then a chart per item voted on, and the items nobody voted
// on together in one line.
func (d *doc) exerciseVotes(st *workshop.State, ei int, ex workshop.Exercise) {
	var results []workshop.Result
	var unvoted []string
	room, paper, phone := 0, 0, 0
	for ii := range ex.Items {
		r := st.Result(ei, ii)
		if r.Votes == 0 {
			unvoted = append(unvoted, fmt.Sprint(ii+1))
			continue
		}
		a, b, c := r.BySource()
		room, paper, phone = room+a, paper+b, phone+c
		results = append(results, r)
	}
	title := numbered(ei+1, ex.Title)
	line := d.words.Say("sum.votes_line", "Votes", d.words.Count("sum.votes", room+paper+phone), "Items", d.words.Count("sum.items", len(results)),
		"Room", room, "Paper", paper, "Phones", phone)
	if h := st.Votes[ei].Headcount; h > 0 {
		line += d.words.Say("sum.headcount_tail", "Count", h)
	}
	line += "."
	// The heading stays with what opens the exercise: its line of votes,
	// the legend, the scale's labels and the first item's chart, or its
	// note when nothing was voted on.
	keep := 12.0
	if len(results) > 0 {
		d.setFont("", 9)
		keep = d.textHeight(d.width, line) + legendHeight + d.itemChartHeight(d.firstItem(ex, results[0]), results[0])
		if l := scaleLabel(&ex); l != "" {
			d.setFont("B", 9)
			keep += d.textHeight(d.width, l) + 1
		}
	}
	d.heading(title, 13, keep)
	d.cont = title
	defer func() { d.cont = "" }()
	d.setFont("", 9)
	if len(results) == 0 {
		d.setFont("I", 9)
		if st.Clocks[ei].Ran() {
			d.para(d.width, d.noVotes(unvoted), "L")
		} else {
			d.para(d.width, d.words.Say("sum.skipped_exercise"), "L")
		}
		d.pdf.Ln(2)
		return
	}
	d.para(d.width, line, "L")
	if len(results) > 0 {
		d.legend()
	}
	// A scale's labels, once, above its items.
	if l := scaleLabel(&ex); l != "" {
		d.setFont("B", 9)
		d.para(d.width, l, "L")
		d.pdf.Ln(1)
	}
	for _, r := range results {
		d.itemChart(ex, d.firstItem(ex, r), r)
	}
	if len(unvoted) > 0 {
		d.setFont("I", 9)
		d.para(d.width, d.noVotes(unvoted), "L")
		d.pdf.Ln(2)
	}
}

// firstItem is the index of r's item in ex.
func (d *doc) firstItem(ex workshop.Exercise, r workshop.Result) int {
	for k, it := range ex.Items {
		if it == r.Item {
			return k
		}
	}
	return 0
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
	say := d.words.Say
	d.heading(say("sum.time"), 14, 30)
	widths := []float64{d.width * 0.55, d.width * 0.15, d.width * 0.15, d.width * 0.15}
	var rows [][]string
	var planned, actual time.Duration
	for i, ex := range sess.State.Plan.Exercises {
		c := &sess.State.Clocks[i]
		planned += c.Planned
		taken := c.Taken()
		actual += taken
		title := numbered(i+1, ex.Title)
		if ex.Added {
			title += say("sum.added_on_day")
		}
		if !c.Ran() {
			rows = append(rows, []string{title, d.words.Duration(c.Planned), say("sum.skipped"), "—"})
			continue
		}
		rows = append(rows, []string{title, d.words.Duration(c.Planned), d.words.Duration(taken), d.words.OverUnder(taken - c.Planned)})
	}
	rows = append(rows, []string{say("sum.total"), d.words.Duration(planned), d.words.Duration(actual), d.words.OverUnder(actual - planned)})
	height := func(cells []string, style string) float64 {
		d.setFont(style, 9.5)
		h := 0.0
		for i, c := range cells {
			h = max(h, d.textHeight(widths[i]-3, c))
		}
		return h + 3
	}
	draw := func(cells []string, style string, fill bool) {
		d.tableRow(cells, widths, height(cells, style), style, 9.5, fill, "R")
	}
	header := []string{say("sum.exercise"), say("sum.planned"), say("sum.actual"), say("sum.over_under")}
	d.fitWords(widths, header, rows)
	heights := make([]float64, len(rows))
	for i, r := range rows {
		style := ""
		if i == len(rows)-1 {
			style = "B"
		}
		heights[i] = height(r, style)
	}
	d.keptTable(height(header, "B"), heights, func() { draw(header, "B", true) }, func(i int) {
		style := ""
		if i == len(rows)-1 {
			style = "B"
		}
		draw(rows[i], style, false)
	})
	d.pdf.Ln(3)
}

// legend explains the three shades once per exercise.
// legendHeight is the height the legend takes.
const legendHeight = 7.0

func (d *doc) legend() {
	d.setFont("", 8.5)
	d.need(legendHeight + 1)
	y := d.pdf.GetY() + 1
	x := marginSide
	for _, s := range []struct {
		name  string
		gray  int
		hatch bool
	}{{d.words.Say("sum.src_room"), roomGray, false}, {d.words.Say("sum.src_paper"), paperGray, true}, {d.words.Say("sum.src_phone"), phoneGray, false}} {
		d.segment(x, y, 6, 4, s.gray, s.hatch)
		d.pdf.SetY(y - 0.5)
		d.cell(x+7, 60, s.name, "L")
		x += 12 + d.widthOf(d.prepare(s.name))
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
	d.rect(x, y, w, h, "FD")
	if hatch {
		d.pdf.ClipRect(d.boxX(x, w), y, w, h, false)
		d.pdf.SetDrawColor(60, 60, 60)
		for hx := x - h; hx < x+w; hx += 1.6 {
			d.line(hx, y+h, hx+h, y)
		}
		d.pdf.ClipEnd()
		d.pdf.SetDrawColor(0, 0, 0)
	}
}

// itemChartHeight is the height itemChart keeps on one page.
func (d *doc) itemChartHeight(i int, r workshop.Result) float64 {
	const barH, gap = 5.0, 2.0
	labelW := d.width * 0.22
	d.setFont("B", 10)
	h := d.textHeight(d.width, numbered(i+1, r.Item.Text))
	d.setFont("", 9)
	for _, l := range r.Labels {
		h += max(d.textHeight(labelW-2, l), barH) + gap
	}
	return h + d.textHeight(d.width, d.scaleFoot(r)) + 6
}

// scaleFoot is the line under a scale item's chart: its mean, median and
// number of ratings; empty for other items.
func (d *doc) scaleFoot(r workshop.Result) string {
	if st := r.Scale(); r.IsScale && st.N > 0 {
		return d.words.Say("sum.scale_foot", "Mean", d.words.Mean(st.Mean), "Median", d.median(st.Median), "Ratings", d.words.Count("room.ratings", st.N))
	}
	return ""
}

// itemChart draws one item: its text and expected answer, a bar per option
// with the count and percentage, the split by source and, for scales, the
// mean, median and distribution. It is kept on one page.
func (d *doc) itemChart(ex workshop.Exercise, i int, r workshop.Result) {
	title := numbered(i+1, r.Item.Text)
	labelW := d.width * 0.22
	valueW := 42.0
	barW := d.width - labelW - valueW - 4
	const barH, gap = 5.0, 2.0
	labels := make([]string, len(r.Labels))
	copy(labels, r.Labels)
	foot := d.scaleFoot(r)
	d.need(d.itemChartHeight(i, r))

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
		d.rect(x, y, barW, barH, "F")
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
			d.segmentCount(x, y, w, barH, p.n, p.gray)
			x += w
		}
		value := fmt.Sprintf("%d · %s", r.Total[oi], d.words.Percent(r.Percent(oi)))
		if oi == r.Expect {
			value += d.words.Say("sum.expected_mark")
		}
		d.setFont("B", 9)
		d.pdf.SetY(y + (barH-d.lineHeight())/2)
		d.cell(marginSide+labelW+barW+2, valueW, value, "L")
		d.setFont("", 9)
		d.pdf.SetY(y + rh + gap)
	}
	if foot != "" {
		d.pdf.SetTextColor(60, 60, 60)
		d.para(d.width, foot, "L")
		d.pdf.SetTextColor(0, 0, 0)
	}
	if r.Overcounted() {
		warning := d.words.Say("sum.count_warning", "Votes", r.Votes, "People", r.Headcount)
		if r.PhonesOvercounted() {
			_, _, phones := r.BySource()
			warning = d.words.Say("sum.phone_count_warning", "Phones", phones, "People", r.Headcount)
		}
		d.setFont("B", 9)
		d.para(d.width, warning+".", "L")
		d.setFont("", 9)
	}
	d.pdf.Ln(3)
}

// segmentCount writes a segment's count inside it when it has room: white
// on the dark shade, black on the light ones.
func (d *doc) segmentCount(x, y, w, h float64, n, gray int) {
	if n == 0 {
		return
	}
	style, size := d.style, d.size
	d.setFont("B", 7.5)
	label := fmt.Sprint(n)
	if d.widthOf(label)+2 <= w {
		if gray < 128 {
			d.pdf.SetTextColor(255, 255, 255)
		}
		d.pdf.SetY(y + (h-d.lineHeight())/2)
		d.cell(x, w, label, "C")
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.setFont(style, size)
}

// profile shows how the group leaned over all sorting items.
func (d *doc) profile(p workshop.Profile) {
	labelW := d.width * 0.22
	barW := d.width - labelW - 34
	match := func(sd workshop.ProfileSide) string {
		return d.words.Say("sum.profile_match", "Answer", iso(sd.Option), "Share", d.words.Percent(sd.MatchShare), "Matched", sd.Matched, "Expected", sd.Expected)
	}
	// A side's bar and its sentence stay on one page.
	rowH := func(sd workshop.ProfileSide) float64 {
		d.setFont("B", 9.5)
		h := max(6, d.textHeight(labelW-2, sd.Option)+1)
		if sd.Expected > 0 {
			d.setFont("", 8.5)
			h += d.textHeight(d.width-labelW, match(sd))
		}
		return h + 1
	}
	title := d.words.Say("sum.profile")
	line := d.words.Say("sum.profile_line", "Items", d.words.Count("sum.items", p.Items), "Votes", d.words.Count("sum.votes", p.Votes))
	// The heading keeps its line and the first two sides; a page the
	// sides run on to opens with it, marked as continued.
	d.setFont("", 9.5)
	keep := d.textHeight(d.width, line) + 1
	for _, sd := range p.Sides[:min(2, len(p.Sides))] {
		keep += rowH(sd)
	}
	d.heading(title, 14, keep)
	d.cont = title
	defer func() { d.cont = "" }()
	d.setFont("", 9.5)
	d.para(d.width, line, "L")
	d.pdf.Ln(1)
	for i, sd := range p.Sides {
		d.need(rowH(sd))
		y := d.pdf.GetY()
		d.setFont("B", 9.5)
		d.cellText(marginSide, y, labelW-2, sd.Option, "L")
		d.pdf.SetFillColor(245, 245, 245)
		d.rect(marginSide+labelW, y, barW, 5, "F")
		// Black and dotted: encodings the sources' legend does not use.
		d.profileBar(marginSide+labelW, y, barW*sd.Share/100, 5, i%2 == 1)
		d.pdf.SetY(y + (5-d.lineHeight())/2)
		d.cell(marginSide+labelW+barW+2, 32, fmt.Sprintf("%d · %s", sd.Votes, d.words.Percent(sd.Share)), "L")
		d.pdf.SetY(y + 6)
		if sd.Expected > 0 {
			d.setFont("", 8.5)
			d.pdf.SetX(marginSide + labelW)
			d.para(d.width-labelW, match(sd), "L")
		}
		d.pdf.Ln(1)
	}
	d.pdf.Ln(2)
}

// profileBar draws one side of the profile: solid black, or white with
// black dots.
func (d *doc) profileBar(x, y, w, h float64, dotted bool) {
	if w <= 0 {
		return
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.3)
	if !dotted {
		d.pdf.SetFillColor(0, 0, 0)
		d.rect(x, y, w, h, "FD")
		return
	}
	d.pdf.SetFillColor(255, 255, 255)
	d.rect(x, y, w, h, "FD")
	d.pdf.SetFillColor(0, 0, 0)
	for dy := 1.0; dy < h; dy += 1.5 {
		for dx := 1.0; dx < w; dx += 1.5 {
			d.pdf.Circle(d.mirrorX(x+dx), y+dy, 0.3, "F")
		}
	}
	d.pdf.SetLineWidth(0.2)
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
	d.heading(d.words.Say("sum.notes"), 14, 20)
	for i, n := range sess.State.Notes {
		if strings.TrimSpace(n) == "" {
			continue
		}
		d.setFont("B", 10)
		d.need(12)
		d.para(d.width, numbered(i+1, sess.State.Plan.Exercises[i].Title), "L")
		d.setFont("", 9.5)
		d.para(d.width, n, "L")
		d.pdf.Ln(2)
	}
}
