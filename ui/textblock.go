package ui

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop/typeset"
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
	colour   color.Color
	maxLines int // 0: no limit
	// rtl sets the block in a right-to-left room: lines right-aligned, and
	// each in the visual order UAX #9 gives a right-to-left paragraph.
	rtl bool
	// ownDirection sets each paragraph by its own text (UAX #9, rules P2
	// and P3) rather than by the room's: an English prompt in an Arabic
	// room reads left to right, and is aligned to the left.
	ownDirection bool
	// wrapped keeps the text's lines by width and size: a layout tries
	// many sizes, and each wrap measures every piece of the text.
	wrapped map[[2]float32]wrappedText
}

// wrappedText is a block's text broken into lines, each with the
// direction of the paragraph it belongs to.
type wrappedText struct {
	lines []string
	dirs  []typeset.Direction
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
		b.wrapped = nil
		b.Refresh()
	}
}

var _ fyne.Accessible = (*textBlock)(nil)

// AccessibilityLabel is the block's text, for a screen reader where Fyne
// speaks to one.
func (b *textBlock) AccessibilityLabel() string { return b.text }

// AccessibilityRole is text.
func (b *textBlock) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

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
	return float32(len(b.wrap(width, size).lines)) * b.lineHeight(size)
}

// wrap is the text wrapped to width at size, kept for the next time.
func (b *textBlock) wrap(width, size float32) wrappedText {
	key := [2]float32{width, size}
	if l, ok := b.wrapped[key]; ok {
		return l
	}
	if b.wrapped == nil || len(b.wrapped) > 64 {
		b.wrapped = map[[2]float32]wrappedText{}
	}
	var l wrappedText
	if b.ownDirection {
		// Paragraph by paragraph, each in its own direction.
		for _, para := range strings.Split(b.text, "\n") {
			lines := wrapText(para, width, size, b.style)
			l.lines = append(l.lines, lines...)
			for range lines {
				l.dirs = append(l.dirs, typeset.ParagraphDirection(para))
			}
		}
	} else {
		l.lines = wrapText(b.text, width, size, b.style)
		for range l.lines {
			l.dirs = append(l.dirs, b.direction())
		}
	}
	b.wrapped[key] = l
	return l
}

// lines is the text as drawn: wrapped, and cut to maxLines; and the
// direction each line is set in.
func (b *textBlock) lines(width float32) ([]string, []typeset.Direction) {
	if b.text == "" {
		return nil, nil
	}
	wrapped := b.wrap(width, b.textSize)
	lines, dirs := slices.Clone(wrapped.lines), wrapped.dirs
	if b.maxLines > 0 && len(lines) > b.maxLines {
		lines = lines[:b.maxLines]
		last := []rune(lines[len(lines)-1])
		for len(last) > 0 && fyne.MeasureText(string(last)+"…", b.textSize, b.style).Width > width {
			last = last[:len(last)-1]
		}
		lines[len(lines)-1] = string(last) + "…"
	}
	return lines, dirs[:len(lines)]
}

// wrapText breaks text into lines no wider than width at size, at the
// line-break opportunities of UAX #14: inside a word only when the word
// alone is too wide. Lines stay in logical order.
func wrapText(text string, width, size float32, style fyne.TextStyle) []string {
	measure := func(s string) float64 { return float64(fyne.MeasureText(s, size, style).Width) }
	// Wrap adds the widths of the pieces of a line; the line set whole can
	// come out wider (kerning, rounding, a space shaped with its words:
	// 17 px in a line of 1,235 at 59 px type), so a line that does is
	// wrapped again in less room, taking twice as much more each time.
	limit := float64(width)
	for i := range 6 {
		lines := typeset.Wrap(text, limit, measure)
		widest := 0.0
		for _, l := range lines {
			widest = max(widest, measure(l))
		}
		if widest <= float64(width) {
			return lines
		}
		limit -= (widest - float64(width) + 1) * float64(int(1)<<i)
	}
	return typeset.Wrap(text, limit, measure)
}

// direction is the paragraph direction the block's lines are set in.
func (b *textBlock) direction() typeset.Direction {
	if b.rtl {
		return typeset.RightToLeft
	}
	return typeset.LeftToRight
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
	lh := b.lineHeight(b.textSize)
	r.objs = r.objs[:0]
	n := 0
	lines, dirs := b.lines(size.Width)
	for i, l := range lines {
		pieces := visualPieces(l, dirs[i])
		rtl := dirs[i] == typeset.RightToLeft
		widths := make([]float32, len(pieces))
		total := float32(0)
		for k, pc := range pieces {
			widths[k] = fyne.MeasureText(pc, b.textSize, b.style).Width
			total += widths[k]
		}
		x := float32(0)
		if rtl {
			x = size.Width - total
		}
		for k, pc := range pieces {
			if n == len(r.texts) {
				r.texts = append(r.texts, &canvas.Text{})
			}
			t := r.texts[n]
			n++
			t.Text, t.TextSize, t.TextStyle, t.Color, t.Alignment = pc, b.textSize, b.style, b.colour, fyne.TextAlignLeading
			t.Move(fyne.NewPos(x, float32(i)*lh))
			w := widths[k]
			if len(pieces) == 1 && !rtl {
				w = size.Width // one piece fills the line, as a plain label
			}
			t.Resize(fyne.NewSize(w, lh))
			x += widths[k]
			r.objs = append(r.objs, t)
		}
	}
	r.texts = r.texts[:n]
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

// shareLayout sets its objects side by side in a row, of equal widths
// where the row has room for each at the widest's, else each at its own
// least width and an equal share of what is left: a row of buttons that
// looks even on a large screen and still fits a small one.
type shareLayout struct{}

func (shareLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	if len(objs) > 1 {
		w += theme.Padding() * float32(len(objs)-1)
	}
	return fyne.NewSize(w, h)
}

func (l shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	room := size.Width - pad*float32(len(objs)-1)
	widest := float32(0)
	for _, o := range objs {
		widest = max(widest, o.MinSize().Width)
	}
	even := room / float32(len(objs))
	extra := (room - (l.MinSize(objs).Width - pad*float32(len(objs)-1))) / float32(len(objs))
	x := float32(0)
	for _, o := range objs {
		w := even
		if even < widest {
			w = o.MinSize().Width + max(extra, 0)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
