package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// drawn is one thing the projector draws, where it draws it.
type drawn struct {
	obj   fyne.CanvasObject
	owner fyne.CanvasObject // the widget it belongs to
	at    fyne.Position
	size  fyne.Size
}

// inkBox is the box a text's letters take inside its box.
func inkBox(t *canvas.Text, at fyne.Position, box fyne.Size) (fyne.Position, fyne.Size) {
	ms := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
	switch t.Alignment {
	case fyne.TextAlignTrailing:
		at.X += box.Width - ms.Width
	case fyne.TextAlignCenter:
		at.X += (box.Width - ms.Width) / 2
	}
	return at, fyne.NewSize(ms.Width, min(ms.Height, box.Height))
}

// drawnUnder lists the visible texts, rectangles and images under o.
func drawnUnder(o, owner fyne.CanvasObject, at fyne.Position, out *[]drawn) {
	if o == nil || !o.Visible() || o.Size().IsZero() {
		return
	}
	pos := at.Add(o.Position())
	switch v := o.(type) {
	case *canvas.Text:
		if strings.TrimSpace(v.Text) != "" {
			ip, is := inkBox(v, pos, v.Size())
			*out = append(*out, drawn{v, owner, ip, is})
		}
	case *canvas.Rectangle, *canvas.Image:
		*out = append(*out, drawn{o, owner, pos, o.Size()})
	case *fyne.Container:
		for _, k := range v.Objects {
			drawnUnder(k, owner, pos, out)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(v).Objects() {
			drawnUnder(k, v, pos, out)
		}
	}
}

// edgeProblem reports the first thing wrong at the projector's edges, or
// "": text whose ink is less than minTextShare of the height, a text touching a bar,
// a swatch or another block's text, anything within the bottom margin, a
// join address or room code broken over lines.
func edgeProblem(p *projector, size fyne.Size) string {
	var all []drawn
	drawnUnder(p.screen, p.screen, fyne.NewPos(0, 0), &all)
	margin := size.Height * 0.01
	for _, d := range all {
		if d.at.Y+d.size.Height > size.Height-margin+0.5 {
			return fmt.Sprintf("%s reaches %.0f, within %.0f of the bottom edge", describe(d.obj), d.at.Y+d.size.Height, margin)
		}
		t, ok := d.obj.(*canvas.Text)
		if !ok {
			continue
		}
		// The ink, capital to descender, as the back row sees it.
		if ink := t.TextSize * inkShare(t.TextStyle); ink < size.Height*minTextShare {
			return fmt.Sprintf("text %q is set at %.1f, its ink %.1f high, under %.1f (%.1f%% of the height)", t.Text, t.TextSize, ink, size.Height*minTextShare, minTextShare*100)
		}
		if _, ok := d.owner.(*Timer); ok {
			continue // the digits sit on the timer's own background
		}
		gap := t.TextSize * 0.15
		for _, e := range all {
			if e.obj == d.obj {
				continue
			}
			if _, ok := e.owner.(*Timer); ok {
				if _, isText := e.obj.(*canvas.Text); isText {
					continue // the timer's background stands for its digits
				}
			}
			if _, isText := e.obj.(*canvas.Text); isText && e.owner == d.owner {
				if _, chart := d.owner.(*BarChart); !chart {
					continue // lines and pieces of one block sit together
				}
			}
			if contains(e, d) || contains(d, e) {
				continue // a text on its background
			}
			if near(d, e, gap) {
				return fmt.Sprintf("%s touches %s", describe(d.obj), describe(e.obj))
			}
		}
	}
	if u := p.url.Text(); u != "" && !hasWhole(all, u) {
		return fmt.Sprintf("the address %q is broken over lines", u)
	}
	if c := p.room.Room; p.room.Phones && c != "" && !hasWord(all, c) {
		return fmt.Sprintf("the room code %q is broken over lines", c)
	}
	return ""
}

func describe(o fyne.CanvasObject) string {
	if t, ok := o.(*canvas.Text); ok {
		return fmt.Sprintf("text %q", t.Text)
	}
	return fmt.Sprintf("%T", o)
}

func contains(a, b drawn) bool {
	return a.at.X <= b.at.X+0.5 && a.at.Y <= b.at.Y+0.5 &&
		a.at.X+a.size.Width >= b.at.X+b.size.Width-0.5 && a.at.Y+a.size.Height >= b.at.Y+b.size.Height-0.5
}

// near reports whether two boxes overlap or come within gap of each other
// side by side (a label and its bar, a swatch and its name).
func near(a, b drawn, gap float32) bool {
	if a.size.Width <= 0 || b.size.Width <= 0 || a.size.Height <= 0 || b.size.Height <= 0 {
		return false
	}
	ax2, ay2 := a.at.X+a.size.Width, a.at.Y+a.size.Height
	bx2, by2 := b.at.X+b.size.Width, b.at.Y+b.size.Height
	overlapY := a.at.Y < by2-0.5 && b.at.Y < ay2-0.5
	overlapX := a.at.X < bx2-0.5 && b.at.X < ax2-0.5
	if overlapX && overlapY {
		return true
	}
	if overlapY {
		return (b.at.X >= ax2 && b.at.X-ax2 < gap) || (a.at.X >= bx2 && a.at.X-bx2 < gap)
	}
	return false
}

func hasWhole(all []drawn, s string) bool {
	for _, d := range all {
		if t, ok := d.obj.(*canvas.Text); ok && t.Text == s {
			return true
		}
	}
	return false
}

func hasWord(all []drawn, w string) bool {
	for _, d := range all {
		if t, ok := d.obj.(*canvas.Text); ok && strings.Contains(t.Text, w) {
			return true
		}
	}
	return false
}
