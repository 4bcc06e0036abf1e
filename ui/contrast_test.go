package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// contrast is the WCAG contrast ratio of two colours, 1 to 21, as the
// timer measures it.
func contrast(a, b color.Color) float64 { return contrastRatio(a, b) }

// drawnText is a text as the window drew it: its words, and the contrast
// measured on the window's pixels.
type drawnText struct {
	text  string
	ratio float64
}

// measureTexts finds every visible text on the window and measures it on
// the window's rendered image: the colour that most of the text's box has
// is its background, the pixel farthest from that its ink (the cores of
// the strokes, past the anti-aliased edges), and the ratio between them.
func measureTexts(t *testing.T, w fyne.Window) []drawnText {
	t.Helper()
	at := positions(t, w.Canvas().Content())
	img := w.Canvas().Capture()
	scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
	var out []drawnText
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(v.Text) == "" || v.Size().IsZero() {
				return
			}
			pos := at[v]
			box := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+v.Size().Width)*scale), int((pos.Y+v.Size().Height)*scale)).Intersect(img.Bounds())
			if box.Empty() {
				return
			}
			counts := map[color.RGBA]int{}
			for y := box.Min.Y; y < box.Max.Y; y++ {
				for x := box.Min.X; x < box.Max.X; x++ {
					counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
				}
			}
			var back color.RGBA
			most := 0
			for c, n := range counts {
				if n > most {
					back, most = c, n
				}
			}
			best := 1.0
			for c := range counts {
				best = max(best, contrast(c, back))
			}
			out = append(out, drawnText{text: v.Text, ratio: best})
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.TempWidgetRenderer(t, v).Objects() {
				walk(k)
			}
		}
	}
	walk(w.Canvas().Content())
	return out
}

// kindAt is the first exercise of kind k in the built-in plan, so that
// a new exercise in the plan does not move the states that use it.
func kindAt(k workshop.Kind) int {
	return slices.IndexFunc(plans.Builtin().Exercises, func(e workshop.Exercise) bool { return e.Kind == k })
}

// The projector reads from the back row: every text it draws stands at
// least 7:1 against what is behind it, measured on the window's pixels,
// in every state of the room's screen, with the app's light and dark
// themes, with high contrast off and on.
func TestProjectorTextContrastMeasuredOnTheWindow(t *testing.T) {
	drawnWithoutRace(t)
	for _, mode := range []struct {
		name, theme string
		high        bool
	}{
		{"light", themeLight, false},
		{"dark", themeDark, false},
		{"light high contrast", themeLight, true},
		{"dark high contrast", themeDark, true},
	} {
		t.Run(mode.name, func(t *testing.T) {
			s, clk, w := newTestShell(t, laptop)
			s.prefs().SetString(prefTheme, mode.theme)
			s.prefs().SetBool(prefContrast, mode.high)
			s.applyTheme()
			c := startBuiltin(t, s, w, "Room")
			p := c.projector
			p.win.Resize(fyne.NewSize(800, 500))
			until := func(phase workshop.Phase) func() {
				return func() {
					for range 200 {
						if p.timer.Phase() == phase {
							return
						}
						clk.Advance(15 * time.Second)
					}
				}
			}
			seen := map[workshop.Phase]bool{}
			states := []struct {
				name string
				do   func()
			}{
				{"before the start", func() {}},
				{"a talk, running", func() { key(w, fyne.KeyPageDown); clk.Advance(time.Second) }},
				{"the last minutes", until(workshop.PhaseWarning)},
				{"overtime", until(workshop.PhaseOvertime)},
				{"paused", func() { key(w, fyne.KeySpace) }},
				{"a vote open", func() { key(w, fyne.KeySpace); c.agenda.Select(sortingExercise) }},
				{"a vote revealed", func() {
					test.Tap(c.votes.rows[0].room.plus)
					test.Tap(c.votes.rows[1].room.plus)
					key(w, fyne.KeyR)
				}},
				{"a scale revealed", func() {
					c.agenda.Select(kindAt(workshop.KindScale))
					c.votes.rows[3].room.entry.SetText("2")
					c.votes.rows[3].room.entry.OnSubmitted("2")
					key(w, fyne.KeyR)
				}},
				{"a grid revealed", func() {
					g := kindAt(workshop.KindGrid)
					c.agenda.Select(g)
					c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: g, Item: 0})
					c.do(workshop.Event{Kind: workshop.EventVote, Exercise: g, Item: 0, Option: workshop.GridOption(2, 4), Participant: "a"})
					c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: g, Item: 0, Close: true})
				}},
				{"an open question", func() { c.agenda.Select(kindAt(workshop.KindOpen)) }},
				{"a discussion round", func() { c.agenda.Select(kindAt(workshop.KindDiscuss)) }},
				{"a reflection", func() {
					// The built-in plan has none: one added after the discussion.
					c.do(workshop.InsertAfter(workshop.Exercise{Kind: workshop.KindReflect, Title: "Commitment", Minutes: 5, Prompts: []string{"What will you do on Monday?", "Who will notice?"}}, c.snap.current))
					c.agenda.Select(c.snap.current + 1)
				}},
				{"a break", func() { c.onInsertBreak().submit(); c.agenda.Select(c.snap.current + 1) }},
				{"blanked", func() { key(w, fyne.KeyB) }},
				{"the end", func() { key(w, fyne.KeyB); c.finishNow() }},
			}
			for _, st := range states {
				st.do()
				clk.Advance(redrawGap)
				seen[p.timer.Phase()] = true
				// A size changed and back lays every object out anew: in a
				// long run Fyne drops renderers it has not drawn for a while,
				// and one made again is not laid out until then. Fyne drops
				// them when a capture cleans its cache, judging "a while" by
				// a clock it reads only then: after a minute with no capture
				// (a long package run), even renderers just made are dropped.
				// So a capture first, to drop them before the layout, not
				// after it, which left nothing to measure.
				p.win.Canvas().Capture()
				p.win.Resize(fyne.NewSize(800, 501))
				p.win.Resize(fyne.NewSize(800, 500))
				drawn := measureTexts(t, p.win)
				if len(drawn) == 0 {
					t.Errorf("%s: no text measured on the projector", st.name)
				}
				for _, d := range drawn {
					if st.name == "blanked" {
						// Blanked, nothing may show through.
						if d.ratio > 1.01 {
							t.Errorf("blanked: %q shows through, %.2f:1", d.text, d.ratio)
						}
						continue
					}
					if d.ratio < 7 {
						t.Errorf("%s: %q stands %.2f:1 against its background, want at least 7:1", st.name, d.text, d.ratio)
					}
				}
				if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
					name := strings.NewReplacer(" ", "-", ",", "").Replace(mode.name + "-" + st.name)
					writePNG(t, filepath.Join(dir, "projector-"+name+".png"), p.win.Canvas().Capture())
				}
			}
			for _, ph := range []workshop.Phase{workshop.PhaseNormal, workshop.PhaseWarning, workshop.PhaseOvertime} {
				if !seen[ph] {
					t.Errorf("the timer never showed phase %v", ph)
				}
			}
		})
	}
}

// The timer's phases differ in more than colour: the last minutes frame
// the digits and say so in words, as overtime and a pause do.
func TestTimerPhasesDifferBeyondColour(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Room")
	p := c.projector
	key(w, fyne.KeyPageDown)
	look := func() string {
		r := test.TempWidgetRenderer(t, p.timer).(*timerRenderer)
		// A line as thin as the edge keeps the timer in sight; a frame is wider.
		return fmt.Sprintf("frame %v, caption %q", r.frame.Visible() && r.frameWidth > edgeWidth, r.caption.Text)
	}
	normal := look()
	for p.timer.Phase() != workshop.PhaseWarning {
		clk.Advance(15 * time.Second)
	}
	warning := look()
	for p.timer.Phase() != workshop.PhaseOvertime {
		clk.Advance(15 * time.Second)
	}
	over := look()
	if normal != `frame false, caption ""` || warning != `frame true, caption "Time is nearly up"` || over != `frame false, caption "Overtime"` {
		t.Errorf("the phases look like: normal %s; the last minutes %s; overtime %s", normal, warning, over)
	}
}

// writePNG saves an image, for looking at.
func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// Where the console and the projector show a chart, the same data is text
// for a screen reader (Fyne's, where it has one): each option with its
// count and share beside its bar, the expected answer marked by a tick and
// named in words, and the sources named.
func TestChartsReadAsText(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Room")
	key(w, fyne.KeyPageDown)
	c.agenda.Select(sortingExercise)
	for range 3 {
		test.Tap(c.votes.rows[0].room.plus)
	}
	test.Tap(c.votes.rows[1].room.plus)
	key(w, fyne.KeyR)
	clk.Advance(redrawGap)
	p := c.projector
	var chart fyne.Accessible = p.chart
	want := "Implement 3 · 75% ✓\nInnovate 1 · 25%\nroom, paper, phone"
	if got := chart.AccessibilityLabel(); got != want {
		t.Errorf("the projector's chart as text:\n%s\nwant\n%s", got, want)
	}
	if got := p.answer.AccessibilityLabel(); got != "Expected answer: Implement" {
		t.Errorf("the expected answer as text: %q", got)
	}
	if got := p.timer.AccessibilityLabel(); !strings.HasPrefix(got, p.timer.Text()) {
		t.Errorf("the timer as text: %q", got)
	}
}

// In high contrast what is switched off reads apart from what is on,
// and still at 4.5:1 and more on its background, in both variants.
func TestHighContrastShowsWhatIsSwitchedOff(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := contrastTheme{variantTheme{v}}
		fg, off, bg := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameDisabled, v), th.Color(theme.ColorNameBackground, v)
		if c := contrast(fg, off); c < 2 {
			t.Errorf("variant %v: switched off stands %.2f:1 from on", v, c)
		}
		if c := contrast(off, bg); c < 4.5 {
			t.Errorf("variant %v: switched off stands %.2f:1 on the background", v, c)
		}
	}
}

// The fields' and ticks' outlines stand 3:1 and more from the window and
// the field, and the hints in empty fields 4.5:1 on the field, in the
// light and the dark theme.
func TestFieldOutlinesAndHintsRead(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := variantTheme{v}
		border, hint := th.Color(theme.ColorNameInputBorder, v), th.Color(theme.ColorNamePlaceHolder, v)
		for _, bgName := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			bg := th.Color(bgName, v)
			if c := contrast(border, bg); c < 3 {
				t.Errorf("variant %v: outlines stand %.2f:1 on %s", v, c, bgName)
			}
		}
		if c := contrast(hint, th.Color(theme.ColorNameInputBackground, v)); c < 4.5 {
			t.Errorf("variant %v: hints stand %.2f:1 in the field", v, c)
		}
	}
}
