package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// textBlock is text wrapped to its width at a size its container chooses,
// so that the projector can scale its type to any window and know how tall
// each block will be before placing it. Text that still does not fit in
// maxLines ends with an ellipsis rather than running off the screen.
type textBlock struct {
	widget.BaseWidget

	text     string
	textSize float32
	style    fyne.TextStyle
	align    fyne.TextAlign
	colour   color.Color
	maxLines int // 0: no limit
}

var _ fyne.Widget = (*textBlock)(nil)

func newTextBlock(style fyne.TextStyle, colour color.Color) *textBlock {
	b := &textBlock{style: style, colour: colour, textSize: 20}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the text.
func (b *textBlock) SetText(s string) {
	if b.text != s {
		b.text = s
		b.Refresh()
	}
}

// Text is the text held, before wrapping.
func (b *textBlock) Text() string { return b.text }

// lineHeight is the height of one line at size.
func (b *textBlock) lineHeight(size float32) float32 {
	return fyne.MeasureText("Mg", size, b.style).Height
}

// heightFor is the block's height when wrapped to width at size.
func (b *textBlock) heightFor(width, size float32) float32 {
	if b.text == "" {
		return 0
	}
	return float32(len(wrapText(b.text, width, size, b.style))) * b.lineHeight(size)
}

// lines is the text as drawn: wrapped, and cut to maxLines.
func (b *textBlock) lines(width float32) []string {
	if b.text == "" {
		return nil
	}
	lines := wrapText(b.text, width, b.textSize, b.style)
	if b.maxLines > 0 && len(lines) > b.maxLines {
		lines = lines[:b.maxLines]
		last := []rune(lines[len(lines)-1])
		for len(last) > 0 && fyne.MeasureText(string(last)+"…", b.textSize, b.style).Width > width {
			last = last[:len(last)-1]
		}
		lines[len(lines)-1] = string(last) + "…"
	}
	return lines
}

// wrapText breaks text into lines no wider than width at size: at spaces
// where it can, inside a word only when the word alone is too wide.
func wrapText(text string, width, size float32, style fyne.TextStyle) []string {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	var out []string
	for _, para := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && fits(line+" "+word) {
				line += " " + word
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = word
			for !fits(line) && len([]rune(line)) > 1 {
				r := []rune(line)
				n := len(r) - 1
				for n > 1 && !fits(string(r[:n])) {
					n--
				}
				out = append(out, string(r[:n]))
				line = string(r[n:])
			}
		}
		out = append(out, line)
	}
	return out
}

// CreateRenderer builds the block's drawing.
func (b *textBlock) CreateRenderer() fyne.WidgetRenderer {
	return &textBlockRenderer{b: b}
}

type textBlockRenderer struct {
	b     *textBlock
	texts []*canvas.Text
	objs  []fyne.CanvasObject
	size  fyne.Size
}

func (r *textBlockRenderer) Layout(size fyne.Size) {
	r.size = size
	b := r.b
	lines := b.lines(size.Width)
	for len(r.texts) < len(lines) {
		t := &canvas.Text{}
		r.texts = append(r.texts, t)
	}
	r.texts = r.texts[:len(lines)]
	r.objs = r.objs[:0]
	lh := b.lineHeight(b.textSize)
	for i, l := range lines {
		t := r.texts[i]
		t.Text, t.TextSize, t.TextStyle, t.Color, t.Alignment = l, b.textSize, b.style, b.colour, b.align
		t.Move(fyne.NewPos(0, float32(i)*lh))
		t.Resize(fyne.NewSize(size.Width, lh))
		r.objs = append(r.objs, t)
	}
}

func (r *textBlockRenderer) MinSize() fyne.Size { return fyne.NewSize(0, 0) }

func (r *textBlockRenderer) Refresh() {
	r.Layout(r.size)
	for _, t := range r.texts {
		t.Refresh()
	}
}

func (r *textBlockRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *textBlockRenderer) Destroy() {}
