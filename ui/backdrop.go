package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// backdrop is the projector's black, drawn round the timer rather than
// beneath it. The timer fills its own box, and a window's worth of black
// drawn under it each second cost the software renderer as much again as
// the timer itself; four strips meet round the timer instead, reaching in
// under its rounded corners so that no other colour shows there. They
// are flats, which software rendering draws at about half a rectangle's
// cost.
type backdrop struct {
	strips  [4]*canvas.Image // flats above, below, before and after the hole
	content *fyne.Container
}

func newBackdrop(c color.Color) *backdrop {
	b := &backdrop{}
	objs := make([]fyne.CanvasObject, len(b.strips))
	for i := range b.strips {
		b.strips[i] = newFlat(c, 0)
		objs[i] = b.strips[i]
	}
	b.content = container.NewWithoutLayout(objs...)
	return b
}

// around covers size with black but for the box at pos, holeSize,
// reaching reach into it from every side; a box too small to leave a
// hole, or none, leaves the whole covered.
func (b *backdrop) around(size fyne.Size, pos fyne.Position, holeSize fyne.Size, reach float32) {
	top, bottom, before, after := b.strips[0], b.strips[1], b.strips[2], b.strips[3]
	inner := fyne.NewSize(holeSize.Width-2*reach, holeSize.Height-2*reach)
	if inner.Width <= 0 || inner.Height <= 0 {
		top.Move(fyne.NewPos(0, 0))
		top.Resize(size)
		for _, s := range b.strips[1:] {
			showIf(s, false)
		}
		b.content.Refresh()
		return
	}
	y1, y2 := pos.Y+reach, pos.Y+holeSize.Height-reach
	x1, x2 := pos.X+reach, pos.X+holeSize.Width-reach
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, y1))
	bottom.Move(fyne.NewPos(0, y2))
	bottom.Resize(fyne.NewSize(size.Width, size.Height-y2))
	before.Move(fyne.NewPos(0, y1))
	before.Resize(fyne.NewSize(x1, y2-y1))
	after.Move(fyne.NewPos(x2, y1))
	after.Resize(fyne.NewSize(size.Width-x2, y2-y1))
	for _, s := range b.strips[1:] {
		showIf(s, true)
	}
	b.content.Refresh()
}
