package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/typeset"
	"runsheet/workshop/words"
)

// RoomPicture draws what the room sees of the kinds that are not bars: an
// open question's answers as a word cloud or a wall, and a grid's items
// at the room's means. It is drawn from the room view alone.
type RoomPicture struct {
	widget.BaseWidget
	view workshop.RoomView
	// cloud is the revealed answers' words, worked out once per view, as
	// many as one screen shows; words is how many there are in all.
	cloud []workshop.WordCount
	words int
	// shown is how many of the cloud's words the last layout placed.
	shown int
	// ink and muted colour the words; minText is the smallest type.
	ink, muted, accent color.Color
	minText            float32
	rtl                bool
	// version counts the views set, so that a renderer lays out again
	// only when the view or its size changed.
	version int
	// A wall too long for one screen shows it in pages, turning to the
	// next on its own (turner, after a time to read the page on screen):
	// page counts the turns, pages and pageRunes are the last layout's
	// count of pages and the characters on the page shown, shownKey the
	// question and view the turns belong to; stopTurn cancels the turn due.
	turner    workshop.Scheduler
	page      int
	pages     int
	pageRunes int
	shownKey  string
	stopTurn  func()
}

var _ fyne.Widget = (*RoomPicture)(nil)

// maxCloudWords and maxWallAnswers cap what one screen shows, and
// consoleAnswers the answers the console lists, the latest first.
const (
	consoleAnswers = 100
	maxCloudWords  = 60
	maxWallAnswers = 200
)

// NewRoomPicture makes an empty picture.
func NewRoomPicture() *RoomPicture {
	p := &RoomPicture{ink: roomText, muted: roomMuted, accent: roomAnswer}
	p.ExtendBaseWidget(p)
	return p
}

// setPalette colours the words and dots with the projector's palette, so
// that high contrast reaches them as it reaches the rest of the screen.
func (p *RoomPicture) setPalette(pal roomPalette) {
	p.ink, p.muted, p.accent = pal.text, pal.muted, pal.answer
	p.version++
	p.Refresh()
}

// SetView draws v: its answers or grid points, if it has any to show.
// A wall keeps its page while answers come and go, and starts from the
// first on another question or view.
func (p *RoomPicture) SetView(v workshop.RoomView) {
	p.view = v
	p.version++
	if key := fmt.Sprint(v.Heading, v.Item, v.Revealed, v.Wall); key != p.shownKey {
		p.shownKey, p.page = key, 0
		p.stopTurning()
	}
	p.cloud, p.words = nil, 0
	if v.Revealed && !v.Wall && len(v.Answers) > 0 {
		p.cloud = v.Cloud()
		p.words = len(p.cloud)
		if len(p.cloud) > maxCloudWords {
			p.cloud = p.cloud[:maxCloudWords]
		}
	}
	p.Refresh()
}

// Showing reports whether the view has a picture: revealed answers or a
// grid.
func (p *RoomPicture) Showing() bool { return roomPictureOf(p.view) }

// roomPictureOf reports whether a room view is drawn as a picture.
func roomPictureOf(v workshop.RoomView) bool {
	return v.Input == workshop.InputText && v.Revealed || len(v.Axes) == 2 && (v.Revealed || len(v.Points) > 0)
}

// Words are the cloud's words, largest first, as drawn.
func (p *RoomPicture) Words() []workshop.WordCount { return p.cloud }

// LeftOut is how many of the answers' words the cloud, as last laid out,
// does not show.
func (p *RoomPicture) LeftOut() int { return p.words - p.shown }

func (p *RoomPicture) CreateRenderer() fyne.WidgetRenderer {
	r := &pictureRenderer{p: p}
	return r
}

type pictureRenderer struct {
	p    *RoomPicture
	objs []fyne.CanvasObject
	size fyne.Size
	// laid is the size, view version and least type last laid out.
	laid struct {
		size    fyne.Size
		version int
		minText float32
	}
}

func (r *pictureRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *pictureRenderer) Destroy()                     {}
func (r *pictureRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *pictureRenderer) Refresh()                     { r.Layout(r.size); canvas.Refresh(r.p) }

// wallPageTime is how long a page of the wall stays up: time to read its
// characters aloud or in silence, within bounds.
func wallPageTime(runes int) time.Duration {
	return min(max(time.Duration(runes)*time.Second/20, 8*time.Second), 25*time.Second)
}

// turnPages arranges the wall's next page after the time to read this
// one, when it has more than one; a wall that fits stops turning.
func (p *RoomPicture) turnPages() {
	if p.pages <= 1 || p.turner == nil {
		p.stopTurning()
		return
	}
	if p.stopTurn != nil {
		return
	}
	p.stopTurn = p.turner.After(wallPageTime(p.pageRunes), func() {
		fyne.Do(func() {
			p.stopTurn = nil
			p.page++
			p.version++
			p.Refresh()
		})
	})
}

// stopTurning cancels the wall's next turn, if one is due.
func (p *RoomPicture) stopTurning() {
	if p.stopTurn != nil {
		p.stopTurn()
		p.stopTurn = nil
	}
}

func (r *pictureRenderer) Layout(size fyne.Size) {
	r.size = size
	// A word cloud costs a search for every word: lay out only what changed.
	if r.laid.size == size && r.laid.version == r.p.version && r.laid.minText == r.p.minText && len(r.objs) > 0 {
		return
	}
	r.laid.size, r.laid.version, r.laid.minText = size, r.p.version, r.p.minText
	r.objs = r.objs[:0]
	if size.Width < 10 || size.Height < 10 {
		return
	}
	v := r.p.view
	r.p.pages = 0
	defer r.p.turnPages()
	switch {
	case len(v.Axes) == 2:
		r.grid(size)
	case v.Input == workshop.InputText && v.Revealed && len(v.Answers) == 0:
		r.text(words.For(v.Language).Say("room.no_answers"), r.p.muted, max(r.p.minText, size.Height/8), fyne.NewPos(0, 0), size.Width, fyne.TextAlignCenter)
	case v.Input == workshop.InputText && v.Revealed && v.Wall:
		r.wall(size)
	case v.Input == workshop.InputText && v.Revealed:
		r.cloudLayout(size)
	}
}

// text adds one line of text in the room's direction, cut to width.
func (r *pictureRenderer) text(s string, c color.Color, size float32, pos fyne.Position, width float32, align fyne.TextAlign) *canvas.Text {
	return r.textIn(s, r.p.rtl, c, size, pos, width, align)
}

// textIn adds one line of text set right to left or left to right, cut
// to width.
func (r *pictureRenderer) textIn(s string, rtl bool, c color.Color, size float32, pos fyne.Position, width float32, align fyne.TextAlign) *canvas.Text {
	size = max(size, r.p.minText) // the room reads nothing smaller
	t := &canvas.Text{Text: drawnLine(ellipsize(s, width, size, fyne.TextStyle{}), rtl), Color: c, TextSize: size, Alignment: align}
	t.Move(pos)
	t.Resize(fyne.NewSize(width, size*1.3))
	r.objs = append(r.objs, t)
	return t
}

// note adds a line of the room's words with numbers in it ("الإجابات
// 1–8 من 45"), in the room's direction, as its runs, each drawn in its
// own place in the order UAX #9 gives them: set as one text, the shaper
// moved the spaces between an Arabic line's numbers and words.
func (r *pictureRenderer) note(s string, size float32, pos fyne.Position, width float32) {
	size = max(size, r.p.minText)
	line := ellipsize(s, width, size, fyne.TextStyle{})
	dir := typeset.LeftToRight
	if r.p.rtl {
		dir = typeset.RightToLeft
	}
	pieces := visualPieces(line, dir)
	widths := make([]float32, len(pieces))
	total := float32(0)
	for i, pc := range pieces {
		widths[i] = fyne.MeasureText(pc, size, fyne.TextStyle{}).Width
		total += widths[i]
	}
	x := pos.X
	if r.p.rtl {
		x += width - total
	}
	for i, pc := range pieces {
		t := &canvas.Text{Text: pc, Color: r.p.muted, TextSize: size}
		t.Move(fyne.NewPos(x, pos.Y))
		t.Resize(fyne.NewSize(widths[i], size*1.3))
		r.objs = append(r.objs, t)
		x += widths[i]
	}
}

// cloudLayout places the words from the middle outwards on a spiral, the
// most frequent first and largest, each where it overlaps none placed
// before. The spiral is laid out once, in units of the least type, on an
// open plane; a screen shows the most frequent words whose places fall
// inside it, grown to fill it. A larger screen holds every place a smaller
// one holds, so it never shows fewer words. The same words always land
// the same way.
func (r *pictureRenderer) cloudLayout(size fyne.Size) {
	r.p.shown = 0
	texts := r.cloudPlace(size)
	if len(texts) < r.p.words {
		// Not all fit: a line under the cloud says how many are left out.
		least := r.p.minText
		note := least * 1.6
		texts = r.cloudPlace(fyne.NewSize(size.Width, size.Height-note))
		align := fyne.TextAlignLeading
		if r.p.rtl {
			align = fyne.TextAlignTrailing
		}
		w := words.For(r.p.view.Language)
		r.text(w.Count("room.more_words", r.p.words-len(texts)), r.p.muted, least, fyne.NewPos(least*0.4, size.Height-note+least*0.15), size.Width-least*0.8, align)
	}
	r.p.shown = len(texts)
	for _, t := range texts {
		r.objs = append(r.objs, t)
	}
}

// cloudBox is a word's place in a cloud laid out in units of the least
// type, centred on 0, 0: its box and its type, and the word cut short
// when it had to be.
type cloudBox struct {
	x, y, w, h, ts float32
	cut            string
}

// cloudScales are the types of the most frequent word tried, in units of
// the least type, largest first; the rarest word is always set at 1.
var cloudScales = []float32{4, 3, 2, 1.4, 1}

// cloudWideWord is the widest a word is set, in units of the least type:
// a longer word shrinks to it, whole, down to the least type; one wider
// than the screen even then is cut short there, never set smaller (a
// word of 250 letters came out 3 px high, a dotted line).
const cloudWideWord = 30

// cloudSpiral lays out words on an open plane from the middle outwards,
// the first word at big units of type and the rarest at 1, a word wider
// than wide shrunk to it, down to 1, where it may stand wider than wide
// up to full, and one wider than full at 1 cut short to wide. It depends
// on the words and the screen's width alone.
func cloudSpiral(ws []workshop.WordCount, big, wide, full float32) []cloudBox {
	const unit = 20 // measured at 20 points, scaled to units
	top := float64(ws[0].Count)
	var boxes []cloudBox
	for i, w := range ws {
		ts := float32(1 + float64(big-1)*math.Sqrt(float64(w.Count)/top))
		style := fyne.TextStyle{Bold: i < 3}
		m := fyne.MeasureText(w.Word, unit, style)
		mw, mh := m.Width/unit, m.Height/unit
		text := ""
		if mw*ts+ts*0.4 > wide {
			ts = max(1, wide/(mw+0.4))
		}
		if mw*ts+ts*0.4 > full {
			// Cut to the widest a word is set, a little less than the
			// box it keeps: type drawn at another size than it was
			// measured at comes out wider.
			text = ellipsize(w.Word, (wide*0.95-0.4)*unit, unit, style)
			mw = wide - 0.4
		}
		bw, bh := mw*ts+ts*0.4, mh*ts
		placed := false
		// An Archimedean spiral, wider than tall as screens are.
		for step := 0; step < 4000 && !placed; step++ {
			a := float64(step) * 0.3
			rad := float32(a) * ts * 0.12
			cx := rad * float32(math.Cos(a)) * 1.6
			cy := rad * float32(math.Sin(a))
			b := cloudBox{cx - bw/2, cy - bh/2, bw, bh, ts, text}
			clash := false
			for _, o := range boxes {
				if b.x < o.x+o.w && o.x < b.x+b.w && b.y < o.y+o.h && o.y < b.y+b.h {
					clash = true
					break
				}
			}
			if !clash {
				boxes = append(boxes, b)
				placed = true
			}
		}
		if !placed {
			break
		}
	}
	return boxes
}

// cloudFits is how many of the first boxes fall inside a box w by h
// units centred on 0, 0, grown by scale.
func cloudFits(boxes []cloudBox, w, h, scale float32) int {
	for i, b := range boxes {
		if b.x*scale < -w/2 || (b.x+b.w)*scale > w/2 || b.y*scale < -h/2 || (b.y+b.h)*scale > h/2 {
			return i
		}
	}
	return len(boxes)
}

// cloudPlace lays out the cloud's words in size, as many as fit.
func (r *pictureRenderer) cloudPlace(size fyne.Size) []*canvas.Text {
	ws := r.p.cloud
	least := r.p.minText
	if len(ws) == 0 || size.Height < 10 || least <= 0 {
		return nil
	}
	w, h := size.Width/least, size.Height/least
	wide := min(w*0.98, cloudWideWord)
	// The layout that holds the most words at the least type, the one
	// with the largest type of those alike.
	var boxes []cloudBox
	n := -1
	for _, big := range cloudScales {
		// Measured at one size and drawn at another, a line of type can
		// come out a few per cent wider: a word cut short keeps room.
		bs := cloudSpiral(ws, big, wide, w*0.94)
		if k := cloudFits(bs, w, h, 1); k > n {
			boxes, n = bs, k
		}
	}
	if n <= 0 {
		return nil
	}
	boxes = boxes[:n]
	// Grown as far as the screen allows, the first word never above a
	// quarter of the height or a sixth of the width.
	lo, hi := float32(1), max(1, min(h/4, w/6)/boxes[0].ts)
	for k := 0; k < 24; k++ {
		mid := (lo + hi) / 2
		if cloudFits(boxes, w, h, mid) == n {
			lo = mid
		} else {
			hi = mid
		}
	}
	scale := lo * least
	var texts []*canvas.Text
	for i, b := range boxes {
		c := r.p.ink
		switch {
		case i == 0:
			c = r.p.accent
		case i%3 == 2:
			c = r.p.muted
		}
		word := ws[i].Word
		if b.cut != "" {
			word = b.cut
		}
		ts := b.ts * scale
		style := fyne.TextStyle{Bold: i < 3}
		// Each word in its own direction, whatever the room's.
		t := &canvas.Text{Text: drawnLine(word, ownRTL(word)), Color: c, TextSize: ts, TextStyle: style}
		t.Move(fyne.NewPos(size.Width/2+b.x*scale+ts*0.2, size.Height/2+b.y*scale))
		t.Resize(fyne.MeasureText(word, ts, style))
		texts = append(texts, t)
	}
	return texts
}

// wall shows the answers themselves in columns, in the order they came,
// each whole: wrapped to its column and set as large as lets every answer
// fit. Should even the least type not fit them all, the wall is shown in
// pages at the least type, from the first answer on, each page up for
// the time it takes to read it before the next (turnPages), with a line
// that says which answers of how many are on screen; an answer is never
// cut, and none is left out.
func (r *pictureRenderer) wall(size fyne.Size) {
	all := r.p.view.Answers
	if len(all) == 0 {
		return
	}
	least := r.p.minText
	lay := r.wallFit(all, size)
	r.p.pages = 1
	if lay == nil {
		note := least * 1.6
		room := fyne.NewSize(size.Width, size.Height-note)
		starts := r.wallPages(all, room, least)
		page := r.p.page % len(starts)
		from, to := starts[page], len(all)
		if page+1 < len(starts) {
			to = starts[page+1]
		}
		r.p.pages, r.p.pageRunes = len(starts), 0
		for _, a := range all[from:to] {
			r.p.pageRunes += utf8.RuneCountInString(a)
		}
		lay = r.wallAt(all[from:to], room, least)
		if lay == nil {
			// An answer taller than the screen at the least type stands
			// alone on its page, cut at the bottom.
			lay = r.wallLayout(all[from:to], fyne.NewSize(room.Width, float32(math.MaxFloat32)), least, 1)
		}
		w := words.For(r.p.view.Language)
		r.note(w.Say("room.wall_page", "From", from+1, "To", to, "All", len(all), "Page", page+1, "Pages", len(starts)), least, fyne.NewPos(least*0.4, size.Height-note+least*0.15), size.Width-least*0.8)
	}
	lh := fyne.MeasureText("Mg", lay.size, fyne.TextStyle{}).Height
	for _, b := range lay.boxes {
		// An answer reads in the direction of its own words, and stands
		// at its own start: an English answer in an Arabic room reads
		// left to right from the box's left, an Arabic one in an English
		// room right to left from its right.
		rtl := ownRTL(b.text)
		align := fyne.TextAlignLeading
		if rtl {
			align = fyne.TextAlignTrailing
		}
		x := b.x
		if r.p.rtl {
			x = size.Width - b.x - lay.colW
		}
		bg := &canvas.Rectangle{FillColor: color.NRGBA{R: 0x20, G: 0x40, B: 0x48, A: 0xFF}, CornerRadius: lay.size * 0.2}
		bg.Move(fyne.NewPos(x+lay.pad/2, b.y))
		bg.Resize(fyne.NewSize(lay.colW-lay.pad, b.h))
		r.objs = append(r.objs, bg)
		for i, l := range b.lines {
			r.textIn(l, rtl, r.p.ink, lay.size, fyne.NewPos(x+lay.pad, b.y+lay.pad/2+float32(i)*lh), lay.colW-2*lay.pad, align)
		}
	}
}

// wallPages splits answers into the pages of a wall at size ts, in
// order, each as many answers as one screen holds in the number of
// columns that holds the most, and returns where each page starts. An
// answer taller than the screen has a page to itself.
func (r *pictureRenderer) wallPages(answers []string, size fyne.Size, ts float32) []int {
	pad := ts * 0.4
	lh := fyne.MeasureText("Mg", ts, fyne.TextStyle{}).Height
	gap := ts * 0.3
	// fill counts the answers from the first on that cols columns hold.
	fill := func(answers []string, cols int) int {
		colW := size.Width / float32(cols)
		col, y := 0, float32(0)
		for i, a := range answers {
			h := float32(len(wrapText(a, colW-2*pad, ts, fyne.TextStyle{})))*lh + pad
			if y > 0 && y+h > size.Height {
				col, y = col+1, 0
			}
			if col >= cols || y+h > size.Height {
				return i
			}
			y += h + gap
		}
		return len(answers)
	}
	var starts []int
	for at := 0; at < len(answers); {
		starts = append(starts, at)
		most := 1
		for cols := 1; cols <= r.wallColumns(size, ts); cols++ {
			most = max(most, fill(answers[at:], cols))
		}
		at += most
	}
	return starts
}

// wallLaid is a wall laid out: each answer's box, wrapped, at one size.
type wallLaid struct {
	size, colW, pad float32
	boxes           []wallBox
}

// wallBox is one answer on the wall: where its box stands, in a
// left-to-right layout, and its lines.
type wallBox struct {
	x, y, h float32
	text    string
	lines   []string
}

// wallColumns is how many columns the wall may have at a size: each at
// least about twenty characters wide, and at most four.
func (r *pictureRenderer) wallColumns(size fyne.Size, ts float32) int {
	return max(1, min(4, int(size.Width/(ts*10))))
}

// wallAt lays out answers at size ts in as many columns as first fits
// them all, or returns nil.
func (r *pictureRenderer) wallAt(answers []string, size fyne.Size, ts float32) *wallLaid {
	for cols := 1; cols <= r.wallColumns(size, ts); cols++ {
		if l := r.wallLayout(answers, size, ts, cols); l != nil {
			return l
		}
	}
	return nil
}

// wallFit lays out every one of answers at the largest size that fits
// them in size, or returns nil when even the least type does not.
func (r *pictureRenderer) wallFit(answers []string, size fyne.Size) *wallLaid {
	least := r.p.minText
	most := max(least, size.Height/10)
	var best *wallLaid
	for cols := 1; cols <= 4; cols++ {
		if cols > r.wallColumns(size, least) {
			break
		}
		if r.wallLayout(answers, size, least, cols) == nil {
			continue
		}
		lo, hi := least, most
		if l := r.wallLayout(answers, size, hi, cols); l != nil && hi*10*float32(cols) <= size.Width {
			lo = hi
		}
		for range 8 {
			if hi-lo < 0.5 {
				break
			}
			mid := (lo + hi) / 2
			if mid*10*float32(cols) <= size.Width && r.wallLayout(answers, size, mid, cols) != nil {
				lo = mid
			} else {
				hi = mid
			}
		}
		if best == nil || lo > best.size {
			best = r.wallLayout(answers, size, lo, cols)
		}
	}
	return best
}

// wallLayout sets answers at size ts in cols columns, filled top to
// bottom and then the next; nil when they do not all fit in size.
func (r *pictureRenderer) wallLayout(answers []string, size fyne.Size, ts float32, cols int) *wallLaid {
	colW := size.Width / float32(cols)
	pad := ts * 0.4
	lh := fyne.MeasureText("Mg", ts, fyne.TextStyle{}).Height
	gap := ts * 0.3
	laid := &wallLaid{size: ts, colW: colW, pad: pad}
	col, y := 0, float32(0)
	for _, a := range answers {
		lines := wrapText(a, colW-2*pad, ts, fyne.TextStyle{})
		h := float32(len(lines))*lh + pad
		if y > 0 && y+h > size.Height {
			col, y = col+1, 0
		}
		if col >= cols || y+h > size.Height {
			return nil
		}
		laid.boxes = append(laid.boxes, wallBox{x: float32(col) * colW, y: y, h: h, text: a, lines: lines})
		y += h + gap
	}
	return laid
}

// wrapWords breaks s between words into lines no wider than width at
// size; a word wider than that stands on a line of its own, whole.
func wrapWords(s string, width, size float32, style fyne.TextStyle) []string {
	var lines []string
	for _, w := range strings.Fields(s) {
		if n := len(lines); n > 0 && fyne.MeasureText(lines[n-1]+" "+w, size, style).Width <= width {
			lines[n-1] += " " + w
			continue
		}
		lines = append(lines, w)
	}
	if len(lines) == 0 {
		lines = []string{s}
	}
	return lines
}

// splitInTwo breaks a name at the space nearest its middle.
func splitInTwo(s string) []string {
	best := -1
	for i, r := range s {
		if r == ' ' && (best < 0 || abs(i-len(s)/2) < abs(best-len(s)/2)) {
			best = i
		}
	}
	if best < 0 {
		return []string{s}
	}
	return []string{s[:best], s[best+1:]}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// grid draws the grid with its axes' ends and quadrant names, each
// revealed item as a numbered dot at the room's means, and the items'
// texts in a legend beside it: items the room placed alike never cover
// one another's words. The grid takes the picture's height and the width
// the legend leaves, up to half as wide again as it is tall, so that a
// large screen shows a large grid.
func (r *pictureRenderer) grid(size fyne.Size) {
	v := r.p.view
	ts := max(r.p.minText, min(size.Height, size.Width)/22)
	label := ts * 1.4
	plain := fyne.TextStyle{}
	var legend []string
	for _, pt := range v.Points {
		if pt.Stats.N > 0 {
			legend = append(legend, fmt.Sprintf("%d. %s", pt.Item+1, pt.Label))
		}
	}
	ls := max(ts*0.8, r.p.minText)
	legendW, legendGap := float32(0), float32(0)
	if len(legend) > 0 {
		if n := float32(len(legend)); n*ls*1.5 > size.Height {
			ls = max(size.Height/n/1.5, r.p.minText)
		}
		widest := float32(0)
		for _, l := range legend {
			widest = max(widest, fyne.MeasureText(l, ls, plain).Width)
		}
		legendW, legendGap = min(size.Width*0.3, widest+ls*0.5), ts
	}
	// The room's fonts for right-to-left scripts have no arrows: there
	// the ends stand without them. A right-to-left room sees the whole
	// grid mirrored, as the summary prints it: the points, the across
	// axis's ends, the quadrants and the legend's side.
	ends := v.Axes
	up, down := " ↑", " ↓"
	lo, hi := ends[0][0], ends[0][1]
	if r.p.rtl {
		up, down = "", ""
		lo, hi = hi, lo
	}
	// The across axis's ends stand beside the grid, outside it, each
	// whole: on one line when short enough, else broken between words
	// into a column a fifth of the screen wide at most, in smaller type
	// should a single word be wider than that.
	es := ts
	loLines, hiLines := []string{lo}, []string{hi}
	endW := max(fyne.MeasureText(lo, ts, plain).Width, fyne.MeasureText(hi, ts, plain).Width) + ts*0.3
	if endW+ts*0.8 > size.Width*0.15 {
		budget := size.Width * 0.2
		es = max(ts*0.85, r.p.minText)
		for _, w := range append(strings.Fields(lo), strings.Fields(hi)...) {
			for k := 0; k < 8; k++ {
				ww := fyne.MeasureText(w, es, plain).Width
				if ww <= budget {
					break
				}
				es *= budget / ww * 0.98
			}
		}
		loLines, hiLines = wrapWords(lo, budget, es, plain), wrapWords(hi, budget, es, plain)
		endW = 0
		for _, l := range append(slices.Clone(loLines), hiLines...) {
			endW = max(endW, fyne.MeasureText(l, es, plain).Width)
		}
		endW += es * 0.3
	}
	sideW := endW + ts*0.8
	dot := ts * 1.3
	// The up axis's ends stand clear of a dot on the grid's edge.
	gh := size.Height - 2*label - dot
	gw := min(size.Width-legendW-legendGap-2*sideW, gh*2.6)
	if gw < 20 || gh < 20 {
		return
	}
	bx := (size.Width - (2*sideW + gw + legendGap + legendW)) / 2
	x0, legendX := bx+sideW, bx+2*sideW+gw+legendGap
	if r.p.rtl {
		legendX, x0 = bx, bx+legendW+legendGap+sideW
	}
	y0 := label + dot/2
	// The grid's sides and its middle lines, as lines.
	for i, l := range [][4]float32{
		{x0, y0, x0 + gw, y0}, {x0, y0 + gh, x0 + gw, y0 + gh}, {x0, y0, x0, y0 + gh}, {x0 + gw, y0, x0 + gw, y0 + gh},
		{x0 + gw/2, y0, x0 + gw/2, y0 + gh}, {x0, y0 + gh/2, x0 + gw, y0 + gh/2},
	} {
		width := float32(2)
		if i >= 4 {
			width = 1
		}
		ln := &canvas.Line{StrokeColor: r.p.muted, StrokeWidth: width, Position1: fyne.NewPos(l[0], l[1]), Position2: fyne.NewPos(l[2], l[3])}
		r.objs = append(r.objs, ln)
	}
	type rect struct{ x, y, w, h float32 }
	overlaps := func(a, b rect) bool { return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h }
	// Nothing is drawn inside the grid but the quadrants' names and the
	// markers.
	var axisWords []rect
	// Each item's marker is centred on the room's means; markers the
	// room placed alike stand side by side, as the summary prints them
	// (workshop.PlaceMarkers), inside the grid and off the axis's ends.
	type spot struct {
		x, y   float32
		mx, my float32 // the item's place: the room's means
		item   int
	}
	var at [][2]float64
	var items []int
	for _, pt := range v.Points {
		if pt.Stats.N == 0 {
			continue
		}
		px := x0 + float32((pt.Stats.X-1)/4)*gw
		py := y0 + gh - float32((pt.Stats.Y-1)/4)*gh
		if r.p.rtl {
			px = x0 + gw - (px - x0)
		}
		at = append(at, [2]float64{float64(px), float64(py)})
		items = append(items, pt.Item)
	}
	var avoid [][4]float64
	for _, a := range axisWords {
		avoid = append(avoid, [4]float64{float64(a.x), float64(a.y), float64(a.x + a.w), float64(a.y + a.h)})
	}
	var spots []spot
	placeSpots := func() {
		spots = spots[:0]
		for k, p := range workshop.PlaceMarkers(at, float64(dot/2), float64(dot*0.08), [4]float64{float64(x0), float64(y0), float64(x0 + gw), float64(y0 + gh)}, avoid...) {
			spots = append(spots, spot{float32(p[0]), float32(p[1]), float32(at[k][0]), float32(at[k][1]), items[k]})
		}
	}
	placeSpots()
	// A quadrant's name shrinks to fit its half of the grid, down to the
	// least type, then breaks onto a second line; it stands at the
	// grid's outer edge, or, should a marker or an axis's end be there,
	// at the first place down its half that is clear of them; with none
	// clear, the markers step aside from it.
	col := func(q int) int {
		if r.p.rtl {
			return 1 - q%2
		}
		return q % 2
	}
	clear := func(b rect) bool {
		for _, s := range spots {
			if overlaps(b, rect{s.x - dot/2, s.y - dot/2, dot, dot}) {
				return false
			}
		}
		for _, a := range axisWords {
			if overlaps(b, a) {
				return false
			}
		}
		return true
	}
	type quadrantName struct {
		lines             []string
		size, x, y, width float32
	}
	var names []quadrantName
	crowded := false
	for q, name := range v.Quadrants {
		qx, qy := x0+float32(col(q))*gw/2, y0+float32(q/2)*gh/2
		qs := max(ts*0.9, r.p.minText)
		room := gw/2 - qs*0.8
		if w := fyne.MeasureText(name, qs, plain).Width; w > room {
			qs = max(qs*room/w, r.p.minText)
		}
		lines := []string{name}
		if fyne.MeasureText(name, qs, plain).Width > room {
			lines = splitInTwo(name)
		}
		h := float32(len(lines)) * qs * 1.25
		tw := float32(0)
		for _, l := range lines {
			tw = max(tw, min(fyne.MeasureText(l, qs, plain).Width, room))
		}
		tx := qx + qs*0.4 + (room-tw)/2
		outer, inner, middle := qy+qs*0.3, qy+gh/2-h-qs*0.3, qy+gh/4-h/2
		if q >= 2 {
			outer, inner = inner, outer
		}
		tries := []float32{outer, middle, inner}
		for y := qy + qs*0.1; y+h <= qy+gh/2-qs*0.1; y += qs * 0.25 {
			tries = append(tries, y)
		}
		top, found := outer, false
		for _, y := range tries {
			if clear(rect{tx, y, tw, h}) {
				top, found = y, true
				break
			}
		}
		crowded = crowded || !found
		names = append(names, quadrantName{lines, qs, qx + qs*0.4, top, room})
		avoid = append(avoid, [4]float64{float64(tx), float64(top), float64(tx + tw), float64(top + h)})
	}
	// Markers crowd a quadrant's every place: they step aside from its
	// name, as from the axis's ends.
	if crowded {
		placeSpots()
	}
	for _, n := range names {
		for i, l := range n.lines {
			r.text(l, r.p.muted, n.size, fyne.NewPos(n.x, n.y+float32(i)*n.size*1.25), n.width, fyne.TextAlignCenter)
		}
	}
	r.text(ends[1][1]+up, r.p.muted, ts, fyne.NewPos(x0, 0), gw, fyne.TextAlignCenter)
	r.text(ends[1][0]+down, r.p.muted, ts, fyne.NewPos(x0, y0+gh+dot/2+ts*0.1), gw, fyne.TextAlignCenter)
	// The across axis's ends, clear of a dot at the grid's edge and
	// centred on its middle line.
	lh := es * 1.25
	for _, side := range []struct {
		lines []string
		x     float32
		align fyne.TextAlign
	}{{loLines, x0 - sideW, fyne.TextAlignTrailing}, {hiLines, x0 + gw + ts*0.8, fyne.TextAlignLeading}} {
		top := y0 + gh/2 - float32(len(side.lines))*lh/2
		for k, l := range side.lines {
			t := &canvas.Text{Text: drawnLine(l, r.p.rtl), Color: r.p.muted, TextSize: es, Alignment: side.align}
			t.Move(fyne.NewPos(side.x, top+float32(k)*lh))
			t.Resize(fyne.NewSize(sideW-ts*0.8, lh))
			r.objs = append(r.objs, t)
		}
	}
	if v.Every {
		// Every rating of the item on screen, under the means, as a ring
		// in the words' own colour, solid enough to read from the back
		// row; the more people gave it, the larger. The means show every
		// item revealed; the rings only the one being talked about, as
		// rings alike cannot say whose they are.
		for _, pt := range v.Points {
			if pt.Item != v.Item {
				continue
			}
			for y, row := range pt.Stats.Cells {
				for x, n := range row {
					if n == 0 {
						continue
					}
					d := min(dot*0.45*float32(math.Sqrt(float64(n))), dot*1.2)
					px := x0 + float32(x)/4*gw
					py := y0 + gh - float32(y)/4*gh
					if r.p.rtl {
						px = x0 + gw - (px - x0)
					}
					c := &canvas.Circle{FillColor: color.Transparent, StrokeColor: r.p.ink, StrokeWidth: max(2, dot*0.12)}
					c.Move(fyne.NewPos(px-d/2, py-d/2))
					c.Resize(fyne.NewSize(d, d))
					r.objs = append(r.objs, c)
				}
			}
		}
	}
	// A marker moved aside, off another's place, is tied by a line to its
	// own, drawn under the markers, which a small ringed dot marks
	// exactly where no other marker stands on it.
	for _, s := range spots {
		if math.Abs(float64(s.x-s.mx)) > 0.5 || math.Abs(float64(s.y-s.my)) > 0.5 {
			l := &canvas.Line{Position1: fyne.NewPos(s.mx, s.my), Position2: fyne.NewPos(s.x, s.y), StrokeColor: r.p.accent, StrokeWidth: max(2, dot*0.06)}
			r.objs = append(r.objs, l)
		}
	}
	// A place another marker stands on is marked by that marker: a dot
	// there would hide its number.
	covered := func(x, y float32) bool {
		for _, o := range spots {
			if math.Hypot(float64(o.x-x), float64(o.y-y)) < float64(dot/2) {
				return true
			}
		}
		return false
	}
	defer func() {
		for _, s := range spots {
			if (math.Abs(float64(s.x-s.mx)) > 0.5 || math.Abs(float64(s.y-s.my)) > 0.5) && !covered(s.mx, s.my) {
				d := max(6, dot*0.22)
				c := &canvas.Circle{FillColor: r.p.ink, StrokeColor: color.Black, StrokeWidth: max(1.5, d*0.2)}
				c.Move(fyne.NewPos(s.mx-d/2, s.my-d/2))
				c.Resize(fyne.NewSize(d, d))
				r.objs = append(r.objs, c)
			}
		}
	}()
	for _, s := range spots {
		c := &canvas.Circle{FillColor: r.p.accent}
		c.Move(fyne.NewPos(s.x-dot/2, s.y-dot/2))
		c.Resize(fyne.NewSize(dot, dot))
		r.objs = append(r.objs, c)
		num := &canvas.Text{Text: fmt.Sprint(s.item + 1), Color: color.Black, TextSize: max(ts*0.8, r.p.minText), TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}
		nh := fyne.MeasureText(num.Text, num.TextSize, num.TextStyle).Height
		num.Move(fyne.NewPos(s.x-dot/2, s.y-nh/2))
		num.Resize(fyne.NewSize(dot, nh))
		r.objs = append(r.objs, num)
	}
	// Each item reads in the direction of its own words, its number
	// before them; each whole where the height allows, broken between words onto
	// as many lines as it needs; else one line each, cut short.
	wrapped := make([][]string, len(legend))
	lines := 0
	for i, l := range legend {
		wrapped[i] = wrapWords(l, legendW, ls, plain)
		lines += len(wrapped[i])
	}
	lineH, itemGap := ls*1.25, ls*0.35
	if float32(lines)*lineH+float32(len(legend)-1)*itemGap > size.Height-y0 {
		for i, l := range legend {
			wrapped[i] = []string{l}
		}
		lineH, itemGap = ls*1.5, 0
	}
	y := y0
	for i, item := range wrapped {
		// Aligned to the item's own start, so that its lines run on
		// from one edge whatever the room's direction.
		rtl, start := ownRTL(legend[i]), fyne.TextAlignLeading
		if rtl {
			start = fyne.TextAlignTrailing
		}
		for _, l := range item {
			r.textIn(l, rtl, r.p.ink, ls, fyne.NewPos(legendX, y), legendW, start)
			y += lineH
		}
		y += itemGap
	}
}

// ownRTL reports whether s, set on its own, reads right to left: its
// first strong letter's direction (UAX #9, rules P2 and P3).
func ownRTL(s string) bool {
	return typeset.ParagraphDirection(s) == typeset.RightToLeft
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// answerPanel is where the facilitator runs an open question: answers
// arrive hidden from the room and can be hidden one by one, before or
// after the reveal; revealed, the room sees a word cloud or a wall; paper
// answers are typed in, during or after the session.
type answerPanel struct {
	c       *console
	content fyne.CanvasObject

	open   *ringButton
	close  *ringButton
	reveal *ringButton
	undo   *ringButton
	view   *choice
	status *widget.Label
	list   *fyne.Container
	paper  *clickerEntry
	add    *ringButton
	// length says how many characters the paper answer has of the most
	// the question takes; past it the answer is not added.
	length *widget.Label
	// words is the cloud as text: the answers' words, ranked, with counts.
	words *resultText
	// rows are the answers' hide/show buttons, by answer.
	rows []*ringButton

	exercise int
	answers  workshop.ExerciseAnswers
}

func newAnswerPanel(c *console) *answerPanel {
	p := &answerPanel{c: c}
	p.open = ringed(&ringButton{Button: widget.Button{Text: tr("Open answering"), Icon: theme.MediaPlayIcon(), OnTapped: func() {
		kind := workshop.EventOpened
		if p.answers.Revealed {
			kind = workshop.EventReopened
		}
		p.c.do(workshop.Event{Kind: kind, Exercise: p.exercise})
	}}})
	p.close = ringed(&ringButton{Button: widget.Button{Text: tr("Close answering"), Icon: theme.MediaStopIcon(), OnTapped: func() {
		p.c.do(workshop.Event{Kind: workshop.EventClosed, Exercise: p.exercise})
	}}})
	p.reveal = primaryButton(tr("Reveal (R)"), theme.VisibilityIcon(), c.toggleReveal)
	p.undo = ringed(&ringButton{Button: widget.Button{Text: tr("Undo"), Icon: theme.ContentUndoIcon(), OnTapped: c.onUndo}})
	p.view = newChoice([]string{tr("Word cloud"), tr("Wall of answers")}, func(s string) {
		view := workshop.ViewCloud
		if s == tr("Wall of answers") {
			view = workshop.ViewWall
		}
		if (view == workshop.ViewWall) != p.answers.Wall && s != "" {
			p.c.do(workshop.Event{Kind: workshop.EventAnswerView, Exercise: p.exercise, Text: view})
		}
	})
	p.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.list = container.NewVBox()
	// The clicker's keys pass through the box, and B blanks unless typing.
	p.paper = newClickerEntry(c, true)
	p.paper.PlaceHolder = tr("An answer written on paper")
	p.paper.OnSubmitted = func(string) { p.onAddPaper() }
	p.paper.OnChanged = func(string) { p.showLength() }
	p.add = ringed(&ringButton{Button: widget.Button{Text: tr("Add paper answer"), Icon: theme.ContentAddIcon(), OnTapped: p.onAddPaper}})
	p.length = &widget.Label{Wrapping: fyne.TextWrapWord}
	head := container.New(layout.NewRowWrapLayout(), p.undo, p.open, p.close, p.reveal, p.view.box)
	paper := container.NewBorder(nil, p.length, nil, p.add, p.paper)
	p.words = newResultText(c)
	// The answers, and beside them their words as the cloud counts them.
	lists := container.NewGridWithColumns(2, container.NewVScroll(p.list), container.NewVScroll(p.words.withRing()))
	// The controls above the answers, and first in Tab's order: a border
	// container puts its centre first.
	top := container.NewVBox(head, p.status, paper, widget.NewSeparator())
	p.content = container.New(layout.NewBorderLayout(top, nil, nil, nil), top, lists)
	return p
}

// onAddPaper records the answer typed in as a paper answer; after the
// session it is a correction. The box then gives up the focus, so that
// the clicker's letter keys (R, B) act on the workshop at once instead
// of typing into it; a click in the box types the next answer.
func (p *answerPanel) onAddPaper() {
	limit := p.limit()
	text := workshop.CleanAnswer(p.paper.Text, limit)
	if p.showLength() > limit {
		// Too long: kept in the box, with the count in red, to shorten.
		return
	}
	defer p.leaveBox()
	if text == "" {
		return
	}
	p.c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: p.exercise, Source: workshop.SourcePaper, Text: text, Correction: p.c.snap.isFinished()})
	p.paper.SetText("")
}

// leaveBox takes the focus from the paper box, if it has it: a box out
// of sight must not catch the keys meant for the workshop.
func (p *answerPanel) leaveBox() {
	if cv := p.c.shell.window().Canvas(); cv.Focused() == p.paper {
		cv.Unfocus()
	}
}

// forget empties the paper box and takes the focus from it, as the
// workshop moves to another exercise: what was typed for one question
// is never added to another.
func (p *answerPanel) forget() {
	p.leaveBox()
	p.paper.SetText("")
}

// limit is the most characters an answer to the current question takes.
func (p *answerPanel) limit() int {
	limit := 0
	p.c.model.view(func(s *workshop.State) { limit = s.Plan.Exercises[p.exercise].AnswerRunes() })
	return limit
}

// showLength says how many characters the paper answer has of the most
// the question takes, in red and with the Add button off past it, and
// returns the count.
func (p *answerPanel) showLength() int {
	n, limit := workshop.AnswerLength(p.paper.Text), p.limit()
	text, imp := tr("{{.N}} of {{.Max}} characters", "N", n, "Max", limit), widget.MediumImportance
	if n > limit {
		text, imp = tr("{{.N}} of {{.Max}} characters: too long to add; shorten it", "N", n, "Max", limit), widget.DangerImportance
	}
	if p.length.Text != text || p.length.Importance != imp {
		p.length.Text, p.length.Importance = text, imp
		p.length.Refresh()
	}
	setEnabled(p.add, n <= limit)
	return n
}

// show fills the panel from the snapshot's answers.
func (p *answerPanel) show(sn *snapshot) {
	a := sn.answers
	p.exercise, p.answers = sn.current, *a
	finished := sn.isFinished()
	shown := len(a.Shown())
	state := tr("Answering has not opened.")
	switch {
	case a.Open:
		state = tr("Answering is open.")
	case a.Closed:
		state = tr("Answering is closed.")
	}
	room := tr("The room sees the question only.")
	if a.Revealed {
		room = tr("The room sees the answers.")
	}
	p.status.SetText(state + " " + tr("{{.N}} answers, {{.Hidden}} hidden.", "N", len(a.List), "Hidden", len(a.List)-shown) + " " + room)
	setEnabled(p.open, !finished && !a.Open)
	setEnabled(p.close, !finished && a.Open)
	setEnabled(p.reveal, !finished)
	setEnabled(p.undo, !finished && sn.canUndo)
	p.showLength() // another question may take another length
	if a.Revealed {
		p.reveal.SetText(tr("Hide results (R)"))
	} else {
		p.reveal.SetText(tr("Reveal (R)"))
	}
	sel := tr("Word cloud")
	if a.Wall {
		sel = tr("Wall of answers")
	}
	if p.view.Selected != sel {
		p.view.SetSelected(sel)
	}
	// One row an answer, the latest first: its source, text and a button
	// to hide it from the room or show it again.
	for len(p.rows) < len(a.List) {
		i := len(p.rows)
		b := ringed(&ringButton{Button: widget.Button{}})
		b.OnTapped = func() {
			kind := workshop.EventAnswerHidden
			if p.answers.List[i].Hidden {
				kind = workshop.EventAnswerShown
			}
			p.c.do(workshop.Event{Kind: kind, Exercise: p.exercise, Item: i, Correction: p.c.snap.isFinished()})
		}
		p.rows = append(p.rows, b)
	}
	p.rows = p.rows[:len(a.List)]
	// The latest consoleAnswers only: a room of 2,000 phones must not
	// make the console draw thousands of rows on every arrival.
	objs := make([]fyne.CanvasObject, 0, consoleAnswers)
	for i := len(a.List) - 1; i >= 0 && i >= len(a.List)-consoleAnswers; i-- {
		x := a.List[i]
		b := p.rows[i]
		if x.Hidden {
			b.SetText(tr("Show"))
			b.SetIcon(theme.VisibilityIcon())
		} else {
			b.SetText(tr("Hide"))
			b.SetIcon(theme.VisibilityOffIcon())
		}
		// Isolated, an Arabic or Hebrew answer keeps its number before it.
		label := &widget.Label{Text: fmt.Sprintf("%d. %s", i+1, isolated(x.Text)), Wrapping: fyne.TextWrapWord}
		if x.Hidden {
			// Said in words and set in italics, at the contrast of any
			// text: greyed out, it read as a control turned off.
			label.TextStyle.Italic = true
			label.Text += "  (" + tr("hidden from the room") + ")"
		}
		if x.Source == workshop.SourcePaper {
			label.Text += "  · " + tr("paper")
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, b, label))
	}
	p.list.Objects = objs
	p.list.Refresh()
	p.words.SetText(cloudText(a.Shown(), sn.room.Language))
}
