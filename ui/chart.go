package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/typeset"
	"runsheet/workshop/words"
)

// Source shades: one hue in three brightnesses, so that the split reads in
// grayscale and on a faded projector, with a legend naming each; each
// source has its own pattern too (sourceFill), so that none is told from
// another by colour alone.
var (
	roomColour  = color.NRGBA{R: 0x1F, G: 0x6F, B: 0x8B, A: 0xFF}
	paperColour = color.NRGBA{R: 0x5F, G: 0xA8, B: 0xC0, A: 0xFF}
	phoneColour = color.NRGBA{R: 0xA9, G: 0xD6, B: 0xE5, A: 0xFF}
	trackColour = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x30}

	standardSources = [3]color.Color{roomColour, paperColour, phoneColour}
	// highContrastSources are white on the black projector: the patterns
	// alone tell them apart.
	highContrastSources = [3]color.Color{pureWhite, pureWhite, pureWhite}
)

// The sources, in the order of the bars' parts and the legend.
const (
	sourceRoom = iota
	sourcePaper
	sourcePhone
)

// sourceFill paints a source's part of a bar, or its swatch in the
// legend, in the chart's colour for it: the room's solid, paper's with
// diagonal stripes, the phones' dotted.
func sourceFill(c *BarChart, source int) *canvas.Raster {
	return canvas.NewRaster(func(w, h int) image.Image {
		base := color.NRGBAModel.Convert(c.sources[source]).(color.NRGBA)
		mark := color.NRGBA{R: base.R / 3, G: base.G / 3, B: base.B / 3, A: 0xFF}
		img := image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
		for y := range img.Rect.Dy() {
			for x := range img.Rect.Dx() {
				c := base
				switch {
				case source == sourcePaper && (x+y)/5%2 == 0, source == sourcePhone && x%9 < 4 && y%9 < 4:
					c = mark
				}
				i := img.PixOffset(x, y)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
			}
		}
		return img
	})
}

// BarChart shows one item's result: a bar per option split by source, with
// the count and percentage written beside every bar.
type BarChart struct {
	widget.BaseWidget

	result workshop.Result
	// ink is the colour of the chart's text; nil for the theme's.
	ink color.Color
	// legend names the sources: room, paper, phone.
	legend [3]string
	// percent writes a share, as the chart's language does: "73%", "73 %".
	percent func(float64) string
	// rtl mirrors the chart for a right-to-left room: labels on the right,
	// bars growing leftwards, the legend read from the right.
	rtl bool
	// minText is the smallest type the chart may use; 0 for the theme's.
	minText float32
	// sources are the colours of the room's, paper's and phones' parts.
	sources [3]color.Color
}

var _ fyne.Widget = (*BarChart)(nil)

// NewBarChart returns an empty chart, in the app's language until SetWords
// gives it another.
func NewBarChart() *BarChart {
	c := &BarChart{sources: standardSources}
	c.ExtendBaseWidget(c)
	c.SetWords(appWords())
	return c
}

// SetResult shows a result.
func (c *BarChart) SetResult(r workshop.Result) {
	c.result = r
	c.Refresh()
}

// SetWords names the sources in the legend and writes the shares in a
// language, such as the room's.
func (c *BarChart) SetWords(w *words.Words) {
	c.legend = [3]string{w.Say("room.source_room"), w.Say("room.source_paper"), w.Say("room.source_phone")}
	c.percent = w.Percent
	c.Refresh()
}

// SetHighContrast draws the bars in white, told apart by their patterns,
// or in their usual shades.
func (c *BarChart) SetHighContrast(on bool) {
	c.sources = standardSources
	if on {
		c.sources = highContrastSources
	}
	c.Refresh()
}

// Result is the result shown.
func (c *BarChart) Result() workshop.Result { return c.result }

var _ fyne.Accessible = (*BarChart)(nil)

// AccessibilityLabel is the chart as text, for a screen reader where Fyne
// speaks to one: every option with its count and share, the expected one
// marked, then the sources the bars are split by.
func (c *BarChart) AccessibilityLabel() string {
	return strings.Join(c.Lines(), "\n") + "\n" + strings.Join(c.legend[:], ", ")
}

// AccessibilityRole is text: the chart is read, not pressed.
func (c *BarChart) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// Lines is the chart's text, one line per option, as it is drawn.
func (c *BarChart) Lines() []string {
	out := make([]string, len(c.result.Labels))
	for i := range out {
		out[i] = c.result.Labels[i] + " " + c.barText(i)
	}
	return out
}

func (c *BarChart) barText(i int) string {
	r := c.result
	s := fmt.Sprintf("%d · %s", r.Total[i], c.percent(r.Percent(i)))
	if i == r.Expect {
		s += " ✓"
	}
	return s
}

// CreateRenderer builds the chart's drawing.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	for k, name := range []string{"room", "paper", "phone"} {
		r.swatches = append(r.swatches, sourceFill(c, k))
		r.legend = append(r.legend, &canvas.Text{Text: name})
	}
	r.Refresh()
	return r
}

type chartRow struct {
	label, value *canvas.Text
	track        *canvas.Rectangle
	parts        [3]*canvas.Raster
}

type chartRenderer struct {
	c        *BarChart
	rows     []chartRow
	legend   []*canvas.Text
	swatches []*canvas.Raster
	size     fyne.Size
}

func (r *chartRenderer) Objects() []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, row := range r.rows {
		objs = append(objs, row.track, row.parts[0], row.parts[1], row.parts[2], row.label, row.value)
	}
	for i, l := range r.legend {
		objs = append(objs, r.swatches[i], l)
	}
	return objs
}

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) MinSize() fyne.Size {
	n := float32(len(r.c.result.Labels) + 1)
	return fyne.NewSize(240, n*(theme.TextSize()*1.8))
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	res := r.c.result
	n := len(r.rows)
	if n == 0 {
		return
	}
	rowH := size.Height / float32(n+1)
	least := theme.TextSize()
	if r.c.minText > 0 {
		least = r.c.minText
	}
	textSize := max(rowH*0.48, least)
	labelW := float32(0)
	valueW := float32(0)
	for i, row := range r.rows {
		row.label.TextSize, row.value.TextSize = textSize, textSize
		labelW = max(labelW, fyne.MeasureText(drawnLine(res.Labels[i], r.c.rtl), textSize, row.label.TextStyle).Width)
		valueW = max(valueW, fyne.MeasureText(row.value.Text, textSize, row.value.TextStyle).Width)
	}
	// Gaps grow with the type, so that nothing touches on a large screen.
	pad := max(theme.Padding()*2, textSize*0.5)
	labelW = min(labelW, size.Width*0.35)
	for i, row := range r.rows {
		row.label.Text = drawnLine(ellipsize(res.Labels[i], labelW, textSize, row.label.TextStyle), r.c.rtl)
	}
	// mirror places a box given from the left as a right-to-left room
	// reads it: from the right.
	mirror := func(o fyne.CanvasObject, x, y, w, h float32) {
		if r.c.rtl {
			x = size.Width - x - w
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
	}
	barX := labelW + pad
	barW := max(size.Width-barX-valueW-2*pad, 10)
	for i, row := range r.rows {
		y := float32(i) * rowH
		th := fyne.MeasureText("0", textSize, row.label.TextStyle).Height
		row.label.Alignment = fyne.TextAlignLeading
		if r.c.rtl {
			row.label.Alignment = fyne.TextAlignTrailing
		}
		mirror(row.label, 0, y+(rowH-th)/2, labelW, th)
		barH := rowH * 0.62
		by := y + (rowH-barH)/2
		mirror(row.track, barX, by, barW, barH)
		x := barX
		parts := [3]int{res.Room[i], res.Paper[i], res.Phone[i]}
		for k, p := range row.parts {
			w := float32(0)
			if res.Votes > 0 {
				w = barW * float32(parts[k]) / float32(res.Votes)
			}
			mirror(p, x, by, w, barH)
			x += w
		}
		row.value.Alignment = fyne.TextAlignLeading
		if r.c.rtl {
			row.value.Alignment = fyne.TextAlignTrailing
		}
		// The numbers in a column of their own after the track: on the
		// track they would touch it.
		mirror(row.value, barX+barW+pad, y+(rowH-th)/2, valueW, th)
	}
	ly := float32(n) * rowH
	lx := barX
	for i, l := range r.legend {
		l.TextSize = max(textSize*0.8, least)
		ls := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle)
		sw := ls.Height * 0.7
		gap := l.TextSize * 0.4
		mirror(r.swatches[i], lx, ly+(rowH-sw)/2, sw, sw)
		mirror(l, lx+sw+gap, ly+(rowH-ls.Height)/2, ls.Width, ls.Height)
		lx += sw + gap + ls.Width + pad*2
	}
}

// drawnLine is a line of text as Fyne must be given it to read in the
// order UAX #9 gives it in a room of that direction. A chart's line is
// one text: short, and of one direction in practice.
func drawnLine(s string, rtl bool) string {
	dir := typeset.LeftToRight
	if rtl {
		dir = typeset.RightToLeft
	}
	return strings.Join(visualPieces(s, dir), "")
}

func (r *chartRenderer) Refresh() {
	res := r.c.result
	fg := r.c.ink
	if fg == nil {
		fg = theme.ColorForWidget(theme.ColorNameForeground, r.c)
	}
	for len(r.rows) < len(res.Labels) {
		row := chartRow{
			label: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
			value: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
			track: &canvas.Rectangle{FillColor: trackColour},
		}
		for k := range row.parts {
			row.parts[k] = sourceFill(r.c, k)
		}
		r.rows = append(r.rows, row)
	}
	r.rows = r.rows[:len(res.Labels)]
	for i, l := range r.legend {
		l.Color = fg
		l.Text = drawnLine(r.c.legend[i], r.c.rtl)
	}
	for i, row := range r.rows {
		row.label.Text = drawnLine(res.Labels[i], r.c.rtl)
		row.label.Color = fg
		row.value.Text = drawnLine(r.c.barText(i), r.c.rtl)
		row.value.Color = fg
	}
	if !r.size.IsZero() {
		r.Layout(r.size)
	}
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

// ellipsize shortens s with an ellipsis until it fits width at size.
func ellipsize(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && fyne.MeasureText(string(r)+"…", size, style).Width > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
