package report

import (
	"fmt"
	"math"
	"strings"

	"runsheet/workshop"
)

// The summary's sections for the kinds that are neither counted as bars
// nor ranked: a grid drawn with its items at the room's means, and open
// answers with their most frequent words.

// cloudWords is how many of the most frequent words the summary names.
const cloudWords = 10

// gridLine says where the room placed a grid item: its means across and
// up, and how many rated it.
func (d *doc) gridLine(ii int, r workshop.Result) string {
	g := r.Grid()
	return d.words.Say("doc.grid_mean", "Item", numbered(ii+1, r.Item.Text), "X", iso(d.words.Mean(g.X)), "Y", iso(d.words.Mean(g.Y)),
		"Ratings", iso(d.words.Count("room.ratings", g.N)))
}

// exerciseGrid draws a grid exercise: the square with its axes' ends and
// quadrant names, each rated item as a numbered point at the room's mean,
// then each item's means and count.
func (d *doc) exerciseGrid(st *workshop.State, ei int, ex workshop.Exercise) {
	title := numbered(ei+1, ex.Title)
	side := min(d.width*0.62, 110.0)
	d.heading(title, 13, side+30)
	d.cont = title
	defer func() { d.cont = "" }()
	var lines []string
	type point struct {
		n    int
		x, y float64
	}
	var points []point
	for ii := range ex.Items {
		r := st.Result(ei, ii)
		if r.Votes == 0 {
			continue
		}
		g := r.Grid()
		points = append(points, point{ii + 1, g.X, g.Y})
		lines = append(lines, d.gridLine(ii, r))
	}
	if len(points) == 0 {
		d.setFont("I", 9)
		if st.Clocks[ei].Ran() {
			d.para(d.width, d.words.Say("room.no_ratings"), "L")
		} else {
			d.para(d.width, d.words.Say("sum.skipped_exercise"), "L")
		}
		d.pdf.Ln(2)
		return
	}
	d.need(side + 16)
	x0 := marginSide + (d.width-side)/2
	y0 := d.pdf.GetY() + 6
	// The up axis's high end is at the top.
	d.setFont("", 8)
	if len(ex.Axes) == 2 {
		d.cellText(x0, y0-5, side, ex.Axes[1][1]+" ↑", "C")
		d.cellText(x0, y0+side+1, side, ex.Axes[1][0]+" ↓", "C")
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.rect(x0, y0, side, side, "D")
	d.pdf.SetDrawColor(150, 150, 150)
	d.line(x0+side/2, y0, x0+side/2, y0+side)
	d.line(x0, y0+side/2, x0+side, y0+side/2)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetTextColor(120, 120, 120)
	// Each quadrant's name is a place no marker covers: the box of its
	// lines as set, centred in the quadrant's top.
	var names [][4]float64
	for q, name := range ex.Quadrants {
		qx, qy := x0+float64(q%2)*side/2, y0+float64(q/2)*side/2
		w := side/2 - 4
		lines := d.wrap(w, d.prepare(name))
		wide := 0.0
		for _, l := range lines {
			wide = max(wide, d.widthOf(l))
		}
		d.setFont(d.style, d.size)
		wide = min(wide, w)
		h := float64(len(lines)) * d.lineHeight()
		if strings.TrimSpace(name) != "" {
			names = append(names, [4]float64{qx + 2 + (w-wide)/2, qy + 2, qx + 2 + (w+wide)/2, qy + 2 + h})
		}
		d.cellText(qx+2, qy+2, w, name, "C")
	}
	d.pdf.SetTextColor(0, 0, 0)
	if len(ex.Axes) == 2 {
		// The across axis's ends stand outside the square, beside its
		// middle line.
		margin := x0 - marginSide - 2
		d.setFont("", 8)
		d.cellText(marginSide, y0+side/2-2, margin, ex.Axes[0][0], "R")
		d.cellText(x0+side+2, y0+side/2-2, margin, ex.Axes[0][1], "L")
	}
	// 1 sits at the left or bottom edge, 5 at the right or top. Items
	// the room placed alike would hide one another: a marker on another's
	// place moves aside to the nearest free one.
	// A marker moved aside is tied by a thin line to its item's place,
	// which a small ringed dot marks exactly where no other marker stands.
	means := make([][2]float64, len(points))
	for k, p := range points {
		means[k] = [2]float64{x0 + (p.x-1)/4*side, y0 + side - (p.y-1)/4*side}
	}
	at := workshop.PlaceMarkers(means, markerRadius, markerGap, [4]float64{x0, y0, x0 + side, y0 + side}, names...)
	if gridDrawn != nil {
		gridDrawn(names, at)
	}
	d.pdf.SetDrawColor(40, 40, 40)
	d.pdf.SetLineWidth(0.25)
	for k := range points {
		if moved(means[k], at[k], 0.05) {
			d.pdf.Line(d.mirrorX(means[k][0]), means[k][1], d.mirrorX(at[k][0]), at[k][1])
		}
	}
	for k, p := range points {
		px, py := at[k][0], at[k][1]
		d.pdf.SetFillColor(40, 40, 40)
		d.pdf.Circle(d.mirrorX(px), py, markerRadius, "F")
		d.pdf.SetTextColor(255, 255, 255)
		d.setFont("B", 7)
		d.cellText(px-2.6, py-1.6, 5.2, fmt.Sprint(p.n), "C")
		d.pdf.SetTextColor(0, 0, 0)
	}
	covered := func(p [2]float64) bool {
		for _, a := range at {
			if math.Hypot(a[0]-p[0], a[1]-p[1]) < markerRadius {
				return true
			}
		}
		return false
	}
	for k := range points {
		// A place another marker stands on is marked by that marker: a
		// dot there would hide its number.
		if moved(means[k], at[k], 0.05) && !covered(means[k]) {
			d.pdf.SetFillColor(255, 255, 255)
			d.pdf.Circle(d.mirrorX(means[k][0]), means[k][1], 0.7, "FD")
		}
	}
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetY(y0 + side + 7)
	d.setFont("", 9)
	for _, l := range lines {
		d.para(d.width, l, "L")
	}
	d.pdf.Ln(3)
}

// moved reports whether a marker drawn at b stands away from its place a.
func moved(a, b [2]float64, slack float64) bool {
	return math.Abs(a[0]-b[0]) > slack || math.Abs(a[1]-b[1]) > slack
}

// gridDrawn, when set, is told where a grid's quadrant names (left, top,
// right, bottom) and markers' centres were drawn, in mm before mirroring.
var gridDrawn func(names [][4]float64, markers [][2]float64)

// markerRadius is the radius of a grid item's marker, in mm: room for a
// two-figure number in 7-point bold.
const markerRadius = 2.6

// markerGap is the least white between two markers, in mm.
const markerGap = 0.4

// exerciseAnswers lists an open exercise's answers: the most frequent
// words, every answer the room saw, and those hidden from it, marked.
func (d *doc) exerciseAnswers(st *workshop.State, ei int, ex workshop.Exercise) {
	title := numbered(ei+1, ex.Title)
	d.heading(title, 13, 30)
	d.cont = title
	defer func() { d.cont = "" }()
	a := st.Answers[ei]
	d.setFont("", 9)
	if len(a.List) == 0 {
		d.setFont("I", 9)
		if st.Clocks[ei].Ran() {
			d.para(d.width, d.words.Say("room.no_answers"), "L")
		} else {
			d.para(d.width, d.words.Say("sum.skipped_exercise"), "L")
		}
		d.pdf.Ln(2)
		return
	}
	if len(ex.Prompts) > 0 {
		d.setFont("I", 9)
		d.para(d.width, strings.Join(ex.Prompts, " · "), "L")
	}
	cloud := workshop.Words(a.Shown(), workshop.CommonWords(d.words.Code))
	if len(cloud) > cloudWords {
		cloud = cloud[:cloudWords]
	}
	if len(cloud) > 0 {
		var ws []string
		for _, w := range cloud {
			ws = append(ws, fmt.Sprintf("%s (%d)", iso(w.Word), w.Count))
		}
		d.setFont("B", 9)
		d.para(d.width, d.words.Say("doc.frequent_words", "Words", strings.Join(ws, ", ")), "L")
	}
	d.setFont("", 9)
	// Hidden answers are in the list, marked, but the room never saw them.
	count := d.words.Say("room.answer_count", "Count", len(a.List))
	if shown := len(a.Shown()); shown < len(a.List) {
		count = d.words.Say("room.answer_count_hidden", "Shown", shown, "Hidden", len(a.List)-shown)
	}
	d.para(d.width, count, "L")
	d.pdf.Ln(1)
	var texts []string
	for _, x := range a.List {
		texts = append(texts, x.Text)
	}
	d.inList(texts, func() {
		for k, x := range a.List {
			line := numbered(k+1, x.Text)
			if x.Source == workshop.SourcePaper {
				line += " (" + d.words.Say("room.source_paper") + ")"
			}
			if x.Hidden {
				d.pdf.SetTextColor(110, 110, 110)
				line += " — " + d.words.Say("doc.hidden_answer")
			}
			d.need(d.textHeight(d.width, line))
			d.para(d.width, line, "L")
			d.pdf.SetTextColor(0, 0, 0)
		}
	})
	d.pdf.Ln(3)
}
