package ui

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"runsheet/workshop"
)

// edgeSeen measures, on the window's pixels, how much of the edge of the
// object o at pos stands 3:1 or more against the background it sits on:
// along each side, the share of its length where a pixel within 4 px of
// the edge inside, or 2 px outside (Fyne draws a line half either side
// of where it runs), does. It returns the least of the four sides.
func edgeSeen(img image.Image, scale float32, pos fyne.Position, size fyne.Size, back color.Color) float64 {
	x0, y0 := int(pos.X*scale), int(pos.Y*scale)
	x1, y1 := int((pos.X+size.Width)*scale)-1, int((pos.Y+size.Height)*scale)-1
	// The corners are rounded: the sides are measured between them.
	inset := int(16 * scale)
	side := func(n int, at func(k, d int) color.Color) float64 {
		seen, all := 0, 0
		for k := inset; k < n-inset; k++ {
			all++
			for d := -2; d <= 4; d++ {
				if contrast(at(k, d), back) >= 3 {
					seen++
					break
				}
			}
		}
		return float64(seen) / float64(max(1, all))
	}
	w, h := x1-x0, y1-y0
	return min(
		side(w, func(k, d int) color.Color { return img.At(x0+k, y0+d) }),
		side(w, func(k, d int) color.Color { return img.At(x0+k, y1-d) }),
		side(h, func(k, d int) color.Color { return img.At(x0+d, y0+k) }),
		side(h, func(k, d int) color.Color { return img.At(x1-d, y0+k) }),
	)
}

// The timer stands out from what it sits on, in every phase and theme:
// its edge, the phase's colour or the frame drawn round it, is 3:1 or
// more against the console's background (light, dark, high contrast) and
// the projector's black, measured on the windows' pixels.
func TestTimerEdgeStandsOutOnEveryBackground(t *testing.T) {
	drawnWithoutRace(t)
	for _, mode := range themeModes {
		t.Run(mode.name, func(t *testing.T) {
			s, clk, w := newTestShell(t, laptop)
			s.prefs().SetString(prefTheme, mode.theme)
			s.prefs().SetBool(prefContrast, mode.high)
			s.prefs().SetBool(prefNoFlash, false)
			s.applyTheme()
			c := startBuiltin(t, s, w, "Timer")
			p := c.projector
			p.win.Resize(fyne.NewSize(800, 500))
			until := func(phase workshop.Phase) func() {
				return func() {
					for range 400 {
						if c.timer.Phase() == phase {
							return
						}
						clk.Advance(5 * time.Second)
					}
					t.Fatalf("the timer never reached phase %v", phase)
				}
			}
			for _, st := range []struct {
				name string
				do   func()
			}{
				{"before the start", func() {}},
				{"running", func() { key(w, fyne.KeyPageDown); clk.Advance(time.Second) }},
				{"the last minutes", until(workshop.PhaseWarning)},
				{"overtime", until(workshop.PhaseOvertime)},
				{"flashing", func() { c.timer.SetInverted(true); p.timer.SetInverted(true) }},
			} {
				st.do()
				clk.Advance(redrawGap)
				for _, on := range []struct {
					where string
					win   fyne.Window
					timer *Timer
					back  color.Color
				}{{"console", w, c.timer, theme.Color(theme.ColorNameBackground)}, {"projector", p.win, p.timer, color.Black}} {
					cv := on.win.Canvas()
					cv.Capture()
					at := positions(t, cv.Content())
					img := cv.Capture()
					scale := float32(img.Bounds().Dx()) / cv.Size().Width
					if got := edgeSeen(img, scale, at[on.timer], on.timer.Size(), on.back); got < 0.9 {
						t.Errorf("%s, %s: the timer's edge stands 3:1 against its background along only %.0f%% of its sides", st.name, on.where, got*100)
					}
				}
			}
		})
	}
}
