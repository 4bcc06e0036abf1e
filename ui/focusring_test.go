package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// themeModes are the looks a facilitator can choose: light and dark, each
// with high contrast off and on.
var themeModes = []struct {
	name, theme string
	high        bool
}{
	{"light", themeLight, false},
	{"dark", themeDark, false},
	{"light high contrast", themeLight, true},
	{"dark high contrast", themeDark, true},
}

// A primary (blue) button that has the keyboard's focus shows it plainly,
// measured on the window's pixels in every theme: a ring on its edge 3:1
// against the button unfocused and against the window. Fyne's own focus,
// blue blended into blue, does not; the measure tells the two apart. The
// console's Reveal buttons (votes and grids, open questions) and the yes
// of a question ring alike.
func TestPrimaryButtonFocusShowsPlainly(t *testing.T) {
	drawnWithoutRace(t)
	for _, mode := range themeModes {
		t.Run(mode.name, func(t *testing.T) {
			s, _, w := newTestShell(t, laptop)
			s.prefs().SetString(prefTheme, mode.theme)
			s.prefs().SetBool(prefContrast, mode.high)
			s.applyTheme()

			plain := &widget.Button{Text: "Save", Importance: widget.HighImportance}
			ringed := primaryButton("Save", theme.DocumentSaveIcon(), nil)
			w.SetContent(container.NewCenter(container.NewHBox(plain, ringed)))
			w.Resize(fyne.NewSize(400, 200))
			at := positions(t, w.Content())
			if _, got := ringSeen(t, w.Canvas(), plain, at[plain]); got >= ringCover {
				t.Errorf("Fyne's own focus on a blue button measured as plain (%.0f%%): the measure cannot fail", got*100)
			}
			if side, got := ringSeen(t, w.Canvas(), ringed, at[ringed]); got < ringCover {
				t.Errorf("the ring shows 3:1 along only %.0f%% of the %s edge", got*100, side)
			}

			c := startBuiltin(t, s, w, "Focus")
			for _, k := range []struct {
				name  string
				kind  workshop.Kind
				shown func() *ringButton
			}{
				{"vote", workshop.KindVote, func() *ringButton { return c.votes.reveal }},
				{"grid", workshop.KindGrid, func() *ringButton { return c.votes.reveal }},
				{"open question", workshop.KindOpen, func() *ringButton { return c.answers.reveal }},
			} {
				c.agenda.Select(kindAt(k.kind))
				b := k.shown()
				if !b.Visible() || b.Disabled() {
					t.Fatalf("%s: Reveal not shown", k.name)
				}
				// A size changed and back lays the console out as the window does.
				w.Resize(laptop.Add(fyne.NewSize(1, 0)))
				w.Resize(laptop)
				at := walkPositions(t, w.Content())
				if side, got := ringSeen(t, w.Canvas(), b, at[b]); got < ringCover {
					t.Errorf("%s: Reveal's ring shows 3:1 along only %.0f%% of its %s edge", k.name, got*100, side)
				}
			}

			c.onFinish()
			yes := dialogButton(t, w, "Yes")
			at = positions(t, w.Canvas().Overlays().Top())
			if side, got := ringSeen(t, w.Canvas(), yes, at[yes.(fyne.CanvasObject)]); got < ringCover {
				t.Errorf("Finish the session?: Yes's ring shows 3:1 along only %.0f%% of its %s edge", got*100, side)
			}
			closeTop(w)
		})
	}
}

// dialogButton is the button named text in the dialog on top of w.
func dialogButton(t *testing.T, w fyne.Window, text string) fyne.Focusable {
	t.Helper()
	var found fyne.Focusable
	walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*ringButton); ok && b.Text == text {
			found = b
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	return found
}
