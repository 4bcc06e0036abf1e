package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2/canvas"
)

// A flat is an area of one colour, with rounded corners or square, drawn
// as a picture of a single pixel stretched over it. Fyne draws a
// rectangle with a program that works out its outline, corners, stroke
// and shadow at every pixel, every frame; where no graphics chip does
// that work (a laptop without one, or a projector fed by software
// rendering) a rectangle costs about twice a picture of the same size,
// and a rounded one three times. The big areas redrawn each second, the
// timer and the projector's black, are flats.
func newFlat(c color.Color, radius float32) *canvas.Image {
	f := &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScalePixels, CornerRadius: radius}
	paintFlat(f, c)
	return f
}

// paintFlat sets a flat's colour, reporting whether it changed; a flat
// shown already must then be refreshed.
func paintFlat(f *canvas.Image, c color.Color) bool {
	if c == nil {
		c = color.Transparent
	}
	if px, ok := f.Image.(*image.RGBA); ok && sameColor(px.At(0, 0), c) {
		return false
	}
	px := image.NewRGBA(image.Rect(0, 0, 1, 1))
	px.Set(0, 0, c)
	f.Image = px
	return true
}
