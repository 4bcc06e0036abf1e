package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"runsheet/workshop/words"
)

// drawnBox is a text drawn on the window: where, and what it says.
type drawnBox struct {
	text string
	box  fyne.Position
	size fyne.Size
}

// textBoxes lists every visible text under o, where the window draws it,
// at the size its words take.
func textBoxes(t *testing.T, o fyne.CanvasObject) []drawnBox {
	var out []drawnBox
	for obj, pos := range positions(t, o) {
		if tx, ok := obj.(*canvas.Text); ok && tx.Text != "" && tx.Visible() {
			out = append(out, drawnBox{tx.Text, pos, fyne.NewSize(max(tx.Size().Width, tx.MinSize().Width), max(tx.Size().Height, tx.MinSize().Height))})
		}
	}
	return out
}

// overlaps reports whether two boxes share more than a sliver.
func overlaps(a, b drawnBox) bool {
	const slack = 1
	return a.box.X+a.size.Width-slack > b.box.X && b.box.X+b.size.Width-slack > a.box.X &&
		a.box.Y+a.size.Height-slack > b.box.Y && b.box.Y+b.size.Height-slack > a.box.Y
}

// The key table (F1) in an 800×600 window, in every language the app
// speaks, with keys alone on and off: every text of every row lies inside
// the window and no text runs into another, so long key names wrap
// instead of being cut.
func TestKeyTableFitsASmallWindowInEveryLanguage(t *testing.T) {
	small := fyne.NewSize(800, 600)
	for _, code := range words.AppLanguages {
		for _, single := range []bool{false, true} {
			t.Run(code+map[bool]string{false: "", true: " keys alone"}[single], func(t *testing.T) {
				speakEnglishAfter(t)
				s, _, w := newTestShell(t, small)
				choosePreferredLanguage(t, s, code)
				s.prefs().SetBool(prefSingleKeys, single)
				c := startBuiltin(t, s, w, "Keys")
				// The console itself needs more than 800×600 (the test window
				// grows to hold it): the table is measured over an empty
				// window of that size.
				w.SetContent(canvas.NewRectangle(color.Transparent))
				w.Resize(small)
				if got := w.Canvas().Size(); got != small {
					t.Fatalf("the window is %v", got)
				}
				c.showKeys()
				top := w.Canvas().Overlays().Top()
				if top == nil {
					t.Fatal("no key table")
				}
				boxes := textBoxes(t, top)
				if n := len(keyHelp(single)); len(boxes) < 2*n {
					t.Fatalf("%d texts drawn for %d keys and their meanings", len(boxes), n)
				}
				for i, b := range boxes {
					if b.box.X < 0 || b.box.Y < 0 || b.box.X+b.size.Width > small.Width || b.box.Y+b.size.Height > small.Height {
						t.Errorf("%q is drawn at %v, %v: outside the window", b.text, b.box, b.size)
					}
					for _, o := range boxes[i+1:] {
						if overlaps(b, o) {
							t.Errorf("%q (%v %v) runs into %q (%v %v)", b.text, b.box, b.size, o.text, o.box, o.size)
						}
					}
				}
			})
		}
	}
}
