// Command bareclock is the yardstick for the app's running clock: a bare
// Fyne app with two windows the sizes of the console and the projector,
// each with a countdown drawn as large as the app's timer there, redrawn
// once a second and nothing else. workshop/live/loadtest measures its
// processor time beside the app's with a session's timer running. It
// lives beside the screens, not under workshop/, which builds without a
// GUI toolkit.
//
//	bareclock
package main

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// clock is a countdown's background and digits, placed by hand.
type clock struct {
	back   *canvas.Rectangle
	digits *canvas.Text
}

// newClock places a clock of size at pos, its digits as large as fit, as
// the app's timer sizes them.
func newClock(pos fyne.Position, size fyne.Size) (*clock, fyne.CanvasObject) {
	c := &clock{
		back:   &canvas.Rectangle{FillColor: color.NRGBA{R: 0x14, G: 0x50, B: 0x5C, A: 0xFF}, CornerRadius: 8},
		digits: &canvas.Text{Text: "2:00:00", Color: color.White, Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}},
	}
	c.back.Resize(size)
	c.back.Move(pos)
	pad := size.Height * 0.06
	avail := fyne.NewSize(size.Width*0.92, size.Height-2*pad)
	probe := fyne.MeasureText(c.digits.Text, 100, c.digits.TextStyle)
	c.digits.TextSize = min(avail.Height*0.9, 100*avail.Width/probe.Width)
	ds := fyne.MeasureText(c.digits.Text, c.digits.TextSize, c.digits.TextStyle)
	c.digits.Resize(fyne.NewSize(size.Width, ds.Height))
	c.digits.Move(fyne.NewPos(pos.X, pos.Y+pad+(avail.Height-ds.Height)/2))
	return c, container.NewWithoutLayout(c.back, c.digits)
}

func (c *clock) set(text string) {
	c.digits.Text = text
	c.digits.Refresh()
}

func main() {
	a := app.NewWithID("app.runsheet.bareclock")
	// The console's window and timer, and the projector's, as the app
	// opens them with a vote on screen (1280×760 and 1024×640).
	console := a.NewWindow("Bare clock")
	console.Resize(fyne.NewSize(1280, 760))
	c1, o1 := newClock(fyne.NewPos(393, 192), fyne.NewSize(880, 144))
	console.SetContent(o1)
	projector := a.NewWindow("Bare clock — projector")
	projector.Resize(fyne.NewSize(1024, 640))
	c2, o2 := newClock(fyne.NewPos(17, 106), fyne.NewSize(732, 316))
	projector.SetContent(o2)
	end := time.Now().Add(2 * time.Hour)
	go func() {
		for range time.Tick(time.Second) {
			left := time.Until(end).Round(time.Second)
			text := fmt.Sprintf("%d:%02d:%02d", int(left.Hours()), int(left.Minutes())%60, int(left.Seconds())%60)
			fyne.Do(func() {
				c1.set(text)
				c2.set(text)
			})
		}
	}()
	projector.Show()
	console.ShowAndRun()
}
