package ui

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

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

// F1 shows the key table from the library, whatever has the focus, and
// from a session with a button focused; a focused button passes the
// clicker's keys on to the workshop, keeping Space to be pressed.
func TestF1AndTheClickerFromAFocusedButton(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	title := func() string {
		t.Helper()
		top := w.Canvas().Overlays().Top()
		if top == nil {
			return ""
		}
		found := ""
		walkObjects(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == tr("Keys and clicker") {
				found = l.Text
			}
		})
		return found
	}
	press(w, fyne.KeyF1)
	if title() == "" {
		t.Error("F1 in the library with nothing focused shows no key table")
	}
	press(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape does not close the key table in the library")
	}
	// With its Close focused, Escape and Return still close it.
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		press(w, fyne.KeyF1)
		if !focusOn(w, "button Close") {
			t.Fatal("Tab does not reach the key table's Close")
		}
		press(w, k)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s with Close focused does not close the key table", k)
		}
	}
	if !focusOn(w, "button About") {
		t.Fatal("Tab does not reach About")
	}
	press(w, fyne.KeyF1)
	if title() == "" {
		t.Error("F1 in the library with a button focused shows no key table")
	}
	press(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape does not close the key table")
	}

	c := startBuiltin(t, s, w, "Keys")
	press(w, fyne.KeyPageDown) // start
	if !focusOn(w, "button Next") {
		t.Fatal("Tab does not reach Next")
	}
	before := where(c)
	press(w, fyne.KeyPageDown)
	clk.Advance(time.Second)
	if where(c) == before {
		t.Error("PageDown with a button focused does not move the workshop")
	}
	press(w, fyne.KeyF1)
	if title() == "" {
		t.Error("F1 in a session with a button focused shows no key table")
	}
}
