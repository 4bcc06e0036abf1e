package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// Source shades: one hue in three brightnesses, so that the split reads in
// grayscale and on a faded projector, with a legend naming each.
var (
	roomColour  = color.NRGBA{R: 0x1F, G: 0x6F, B: 0x8B, A: 0xFF}
	paperColour = color.NRGBA{R: 0x5F, G: 0xA8, B: 0xC0, A: 0xFF}
	phoneColour = color.NRGBA{R: 0xA9, G: 0xD6, B: 0xE5, A: 0xFF}
	trackColour = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x30}
)

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
}

var _ fyne.Widget = (*BarChart)(nil)

// NewBarChart returns an empty chart, in the app's language until SetWords
// gives it another.
func NewBarChart() *BarChart {
	c := &BarChart{}
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

// Result is the result shown.
func (c *BarChart) Result() workshop.Result { return c.result }

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
	for _, l := range []struct {
		name string
		col  color.Color
	}{{"room", roomColour}, {"paper", paperColour}, {"phone", phoneColour}} {
		r.swatches = append(r.swatches, &canvas.Rectangle{FillColor: l.col, StrokeColor: trackColour, StrokeWidth: 1})
		r.legend = append(r.legend, &canvas.Text{Text: l.name})
	}
	r.Refresh()
	return r
}

type chartRow struct {
	label, value *canvas.Text
	track        *canvas.Rectangle
	parts        [3]*canvas.Rectangle
}

type chartRenderer struct {
	c        *BarChart
	rows     []chartRow
	legend   []*canvas.Text
	swatches []*canvas.Rectangle
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
	textSize := max(rowH*0.48, theme.TextSize())
	labelW := float32(0)
	valueW := float32(0)
	for i, row := range r.rows {
		row.label.TextSize, row.value.TextSize = textSize, textSize
		labelW = max(labelW, fyne.MeasureText(row.label.Text, textSize, row.label.TextStyle).Width)
		valueW = max(valueW, fyne.MeasureText(r.c.barText(i), textSize, row.value.TextStyle).Width)
	}
	pad := theme.Padding() * 2
	labelW = min(labelW, size.Width*0.35)
	for i, row := range r.rows {
		row.label.Text = ellipsize(res.Labels[i], labelW, textSize, row.label.TextStyle)
	}
	barX := labelW + pad
	barW := max(size.Width-barX-valueW-2*pad, 10)
	for i, row := range r.rows {
		y := float32(i) * rowH
		th := fyne.MeasureText("0", textSize, row.label.TextStyle).Height
		row.label.Move(fyne.NewPos(0, y+(rowH-th)/2))
		row.label.Resize(fyne.NewSize(labelW, th))
		barH := rowH * 0.62
		by := y + (rowH-barH)/2
		row.track.Move(fyne.NewPos(barX, by))
		row.track.Resize(fyne.NewSize(barW, barH))
		x := barX
		parts := [3]int{res.Room[i], res.Paper[i], res.Phone[i]}
		for k, p := range row.parts {
			w := float32(0)
			if res.Votes > 0 {
				w = barW * float32(parts[k]) / float32(res.Votes)
			}
			p.Move(fyne.NewPos(x, by))
			p.Resize(fyne.NewSize(w, barH))
			x += w
		}
		row.value.Move(fyne.NewPos(x+pad, y+(rowH-th)/2))
		row.value.Resize(fyne.NewSize(valueW, th))
	}
	ly := float32(n) * rowH
	lx := barX
	for i, l := range r.legend {
		l.TextSize = max(textSize*0.7, theme.CaptionTextSize())
		ls := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle)
		sw := ls.Height * 0.8
		r.swatches[i].Move(fyne.NewPos(lx, ly+(rowH-sw)/2))
		r.swatches[i].Resize(fyne.NewSize(sw, sw))
		l.Move(fyne.NewPos(lx+sw+pad/2, ly+(rowH-ls.Height)/2))
		l.Resize(ls)
		lx += sw + pad/2 + ls.Width + pad*2
	}
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
		for k, col := range []color.Color{roomColour, paperColour, phoneColour} {
			row.parts[k] = &canvas.Rectangle{FillColor: col}
		}
		r.rows = append(r.rows, row)
	}
	r.rows = r.rows[:len(res.Labels)]
	for i, l := range r.legend {
		l.Color = fg
		l.Text = r.c.legend[i]
	}
	for i, row := range r.rows {
		row.label.Text = res.Labels[i]
		row.label.Color = fg
		row.value.Text = r.c.barText(i)
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
