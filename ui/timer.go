package ui

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// Colours of the timer's phases, chosen to read on a washed-out projector
// and for colour-blind viewers: the phase also changes the background's
// brightness, not only its hue, and never by colour alone — the last
// minutes draw a frame, overtime and a pause add a caption. Digits and
// background stand at least 7:1 apart in every phase.
var (
	amber      = color.NRGBA{R: 0xF5, G: 0xA6, B: 0x23, A: 0xFF}
	overtime   = color.NRGBA{R: 0xA3, G: 0x1B, B: 0x1B, A: 0xFF}
	nearBlack  = color.NRGBA{R: 0x14, G: 0x14, B: 0x14, A: 0xFF}
	pureWhite  = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	normalBack = color.NRGBA{R: 0x14, G: 0x50, B: 0x5C, A: 0xFF}
)

// timerPalette is a timer's background and digit colours in each phase.
type timerPalette struct {
	normal, warning, overtime [2]color.Color // background, digits
}

var (
	// standardTimer is the timer's palette on the console and projector.
	standardTimer = timerPalette{
		normal:   [2]color.Color{normalBack, pureWhite},
		warning:  [2]color.Color{amber, nearBlack},
		overtime: [2]color.Color{overtime, pureWhite},
	}
	// highContrastTimer is the palette with high contrast on: black,
	// pure yellow and a deep red, each further from its digits.
	highContrastTimer = timerPalette{
		normal:   [2]color.Color{color.Black, pureWhite},
		warning:  [2]color.Color{color.NRGBA{R: 0xFF, G: 0xFF, A: 0xFF}, color.Black},
		overtime: [2]color.Color{color.NRGBA{R: 0x80, A: 0xFF}, pureWhite},
	}
)

// Timer shows a countdown as large as its space allows, coloured by phase.
type Timer struct {
	widget.BaseWidget

	text     string
	caption  string
	phase    workshop.Phase
	inverted bool // swaps the colours, to flash at zero
	steady   bool // never inverts: the flash is turned off
	palette  *timerPalette
	// minCaption is the smallest the caption may be set; 0 for the theme's
	// text size.
	minCaption float32
	// surround is the colour the timer sits on; nil for the theme's
	// background.
	surround color.Color
}

var _ fyne.Widget = (*Timer)(nil)

// NewTimer returns a timer showing nothing yet.
func NewTimer() *Timer {
	t := &Timer{text: "00:00", palette: &standardTimer}
	t.ExtendBaseWidget(t)
	return t
}

// Set changes what the timer shows: the time, a caption such as "Paused"
// under it, and the colour phase.
func (t *Timer) Set(text, caption string, phase workshop.Phase) {
	if t.text == text && t.caption == caption && t.phase == phase {
		return
	}
	t.text, t.caption, t.phase = text, caption, phase
	t.Refresh()
}

// SetInverted swaps the background and digit colours; toggled to flash.
func (t *Timer) SetInverted(on bool) {
	if t.inverted != on {
		t.inverted = on
		t.Refresh()
	}
}

// SetSteady turns the flash at zero off (on set) or back on: a steady
// timer never swaps its colours; the caption and the "+" still say that
// the time is up.
func (t *Timer) SetSteady(on bool) {
	if t.steady != on {
		t.steady = on
		t.Refresh()
	}
}

// SetHighContrast switches the timer to its high-contrast colours, or back.
func (t *Timer) SetHighContrast(on bool) {
	p := &standardTimer
	if on {
		p = &highContrastTimer
	}
	if t.palette != p {
		t.palette = p
		t.Refresh()
	}
}

// Inverted reports whether the colours are swapped as drawn.
func (t *Timer) Inverted() bool { return t.inverted && !t.steady }

var _ fyne.Accessible = (*Timer)(nil)

// AccessibilityLabel is the time shown and its caption, for a screen
// reader where Fyne speaks to one.
func (t *Timer) AccessibilityLabel() string {
	return strings.TrimSpace(t.text + " " + t.caption)
}

// AccessibilityRole is text.
func (t *Timer) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// Text is the time shown.
func (t *Timer) Text() string { return t.text }

// Caption is the line shown under the time.
func (t *Timer) Caption() string { return t.caption }

// Phase is the colour phase shown.
func (t *Timer) Phase() workshop.Phase { return t.phase }

// SetSurround tells the timer the colour it sits on, for a window whose
// background is not the theme's (the projector's black).
func (t *Timer) SetSurround(c color.Color) {
	t.surround = c
	t.Refresh()
}

// edgeWidth is how thick the line is that keeps the timer's edge in sight.
const edgeWidth = 3

// edgeColor is the colour of the line drawn round a timer whose own edge,
// outer colour, would not stand 3:1 against what it sits on (amber on
// white, teal or red on a dark theme, the colours swapped in a flash), or
// nil where it stands out without one: black or white, whichever stands
// further from the surround.
func edgeColor(outer, surround color.Color) color.Color {
	if contrastRatio(outer, surround) >= 3 {
		return nil
	}
	if contrastRatio(color.Black, surround) >= contrastRatio(color.White, surround) {
		return color.Black
	}
	return color.White
}

// contrastRatio is the WCAG contrast ratio of two colours, 1 to 21.
func contrastRatio(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 0xFFFF
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// timerRadius is how round the timer's corners are.
func timerRadius() float32 { return theme.InputRadiusSize() * 2 }

// CreateRenderer builds the timer's drawing.
func (t *Timer) CreateRenderer() fyne.WidgetRenderer {
	r := &timerRenderer{
		t:       t,
		edge:    newFlat(color.Transparent, timerRadius()),
		frame:   newFlat(color.Transparent, timerRadius()),
		back:    newFlat(color.Transparent, timerRadius()),
		digits:  &canvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}},
		caption: &canvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}},
	}
	r.Refresh()
	return r
}

// timerRenderer draws the timer as up to three flats, one inside the
// other: the edge line where the timer needs one, the warning's frame,
// and the background; then the digits and the caption.
//
// The digits are drawn a character to a text. Fyne keeps a text's
// picture by its characters, size and colour, so that after the first
// minute a tick draws pictures it has already made: the whole time as one
// text was a new picture every second, drawn glyph by glyph on the
// processor and copied to the renderer, for each window.
type timerRenderer struct {
	t *Timer
	// edge is the line round a timer whose own edge does not show on its
	// surround, frame the last minutes' frame in the digits' colour.
	// Each is shown only when drawn, whole under what lies inside it.
	edge, frame, back *canvas.Image
	edgeIs            color.Color // the line round the timer, or nil for none
	frameWidth        float32     // the frame's width, 0 for none
	// digits is the time as one text, measured and never drawn; glyphs
	// draw it once laid out, the ones past its length hidden.
	digits  *canvas.Text
	glyphs  []*canvas.Text
	caption *canvas.Text
	size    fyne.Size
}

func (r *timerRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 4+len(r.glyphs))
	objs = append(objs, r.edge, r.frame, r.back)
	for _, g := range r.glyphs {
		objs = append(objs, g)
	}
	return append(objs, r.caption)
}

func (r *timerRenderer) Destroy() {}

func (r *timerRenderer) MinSize() fyne.Size {
	return fyne.NewSize(220, 110)
}

// Layout sizes the digits to fill the space: the width of the text at a
// known size scales linearly, so one measurement gives the fitting size.
func (r *timerRenderer) Layout(size fyne.Size) {
	r.size = size
	// The last minutes frame the digits: the phase shows in the shape too,
	// for those who cannot tell amber from the usual colour.
	frame := float32(0)
	if r.t.phase == workshop.PhaseWarning {
		frame = max(4, size.Height*0.06)
	}
	r.layers(size, frame)

	captionSize := float32(0)
	if r.caption.Text != "" {
		captionSize = max(theme.TextSize(), r.t.minCaption, size.Height*0.12)
		// A long caption in a narrow timer shrinks to its width, never
		// below the smallest size.
		if w := fyne.MeasureText(r.caption.Text, captionSize, r.caption.TextStyle).Width; w > size.Width*0.92 {
			captionSize = max(captionSize*size.Width*0.92/w, r.t.minCaption)
		}
	}
	pad := size.Height*0.06 + frame
	avail := fyne.NewSize(size.Width*0.92-2*frame, size.Height-captionSize-2*pad)
	probe := fyne.MeasureText(r.digits.Text, 100, r.digits.TextStyle)
	textSize := avail.Height * 0.9
	if probe.Width > 0 {
		textSize = min(textSize, 100*avail.Width/probe.Width)
	}
	r.digits.TextSize = textSize
	ds := fyne.MeasureText(r.digits.Text, textSize, r.digits.TextStyle)
	top := pad + (avail.Height-ds.Height)/2
	r.placeGlyphs(size.Width, top, ds)

	r.caption.TextSize = captionSize
	cs := fyne.MeasureText(r.caption.Text, max(captionSize, 1), r.caption.TextStyle)
	r.caption.Resize(fyne.NewSize(size.Width, cs.Height))
	r.caption.Move(fyne.NewPos(0, size.Height-pad-cs.Height))
}

// placeGlyphs sets out the digits a character to a text, centred across
// width at top, the whole measuring ds; each character sits where it
// would in the whole. A time with other than ASCII in it, which Fyne
// might shape across characters, is drawn whole.
func (r *timerRenderer) placeGlyphs(width, top float32, ds fyne.Size) {
	text := r.digits.Text
	chars := []string{text}
	if isASCII(text) {
		chars = strings.Split(text, "")
	}
	for len(r.glyphs) < len(chars) {
		r.glyphs = append(r.glyphs, &canvas.Text{TextStyle: r.digits.TextStyle})
	}
	x, at := (width-ds.Width)/2, 0
	for i, g := range r.glyphs {
		if i >= len(chars) {
			showIf(g, false)
			continue
		}
		before := *g
		g.Text, g.TextSize, g.Color = chars[i], r.digits.TextSize, r.digits.Color
		gx := x + fyne.MeasureText(text[:at], g.TextSize, g.TextStyle).Width
		at += len(chars[i])
		g.Move(fyne.NewPos(float32(math.Round(float64(gx))), top))
		g.Resize(fyne.NewSize(fyne.MeasureText(chars[i], g.TextSize, g.TextStyle).Width, ds.Height))
		showIf(g, true)
		if !sameText(&before, g) {
			g.Refresh()
		}
	}
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// layers places the flats for a timer of size: the edge line where the
// timer needs one, the warning's frame as wide as given (its outer part
// under the edge line), and the background inside them both.
func (r *timerRenderer) layers(size fyne.Size, frame float32) {
	r.frameWidth = frame
	radius := timerRadius()
	inset := float32(0)
	place := func(f *canvas.Image, show bool) {
		if !show {
			showIf(f, false)
			return
		}
		f.Move(fyne.NewPos(inset, inset))
		f.Resize(fyne.NewSize(size.Width-2*inset, size.Height-2*inset))
		f.CornerRadius = max(0, radius-inset)
		showIf(f, true)
	}
	place(r.edge, r.edgeIs != nil)
	if r.edgeIs != nil {
		inset = edgeWidth
	}
	place(r.frame, frame > 0)
	inset = max(inset, frame)
	place(r.back, true)
}

// Refresh redraws what changed: on a tick, the digits alone. A text set
// again unchanged would still be drawn anew by Fyne, so it is left alone.
func (r *timerRenderer) Refresh() {
	beforeCaption := *r.caption
	r.digits.Text = r.t.text
	r.caption.Text = r.t.caption
	colours := r.t.palette.normal
	switch r.t.phase {
	case workshop.PhaseWarning:
		colours = r.t.palette.warning
	case workshop.PhaseOvertime:
		colours = r.t.palette.overtime
	}
	back, digits := colours[0], colours[1]
	if r.t.Inverted() {
		back, digits = digits, back
	}
	r.digits.Color, r.caption.Color = digits, digits
	outer := back
	if r.t.phase == workshop.PhaseWarning {
		outer = digits // the frame
	}
	surround := r.t.surround
	if surround == nil {
		surround = theme.Color(theme.ColorNameBackground)
	}
	r.edgeIs = edgeColor(outer, surround)
	if !r.size.IsZero() {
		r.Layout(r.size)
	} else {
		r.layers(fyne.Size{}, 0)
	}
	// A flat painted again is drawn anew: only a changed colour is.
	for _, l := range []struct {
		f *canvas.Image
		c color.Color
	}{{r.edge, r.edgeIs}, {r.frame, digits}, {r.back, back}} {
		if paintFlat(l.f, l.c) {
			l.f.Refresh()
		}
	}
	if !sameText(&beforeCaption, r.caption) {
		r.caption.Refresh()
	}
}

// sameText reports whether two texts draw alike.
func sameText(a, b *canvas.Text) bool {
	return a.Text == b.Text && a.Color == b.Color && a.TextSize == b.TextSize &&
		a.Size() == b.Size() && a.Position() == b.Position()
}
