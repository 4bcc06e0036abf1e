package ui

import (
	"fmt"
	"image"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// focusName names a control that takes the focus as the facilitator
// sees it: its text, or else its icon or placeholder.
func focusName(o fyne.Focusable) string {
	switch v := o.(type) {
	case *ringButton:
		return focusName(&v.Button)
	case *widget.Button:
		if v.Text == "" && v.Icon != nil {
			return "button [" + v.Icon.Name() + "]"
		}
		return "button " + v.Text
	case *clickerEntry:
		return "entry " + v.PlaceHolder
	case *widget.Entry:
		return "entry " + v.PlaceHolder
	case *ringEntry:
		return "entry " + v.PlaceHolder
	case *proseEntry:
		return "entry " + v.PlaceHolder
	case *widget.Check:
		return "check " + v.Text
	case *ringCheck:
		return "check " + v.Text
	case *clickerCheck:
		return "check " + v.Text
	case *formEntry:
		return "entry " + v.PlaceHolder
	case *seenEntry:
		return "entry " + v.PlaceHolder
	case *widget.Select, *ringSelect, *formSelect:
		return "select"
	case *keyScroll:
		return "page"
	case *widget.List, *ringList, *clickerList, *tickList:
		return "list"
	}
	return fmt.Sprintf("%T", o)
}

// focusables lists the controls on screen under o that take the focus:
// visible, and not disabled.
func focusables(t *testing.T, o fyne.CanvasObject) []fyne.Focusable {
	var out []fyne.Focusable
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if f, ok := o.(fyne.Focusable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				out = append(out, f)
			}
		}
		switch v := o.(type) {
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
	walk(o)
	return out
}

// tabWalk presses Tab from nothing focused round to the first control
// again, and Shift+Tab back round; it returns the controls met going
// forwards, and checks that backwards meets them in reverse and that the
// focus shows on the window each time. With a dialog open, it walks the
// dialog: the keyboard's focus stays in it.
func tabWalk(t *testing.T, w fyne.Window) []string {
	t.Helper()
	cv := w.Canvas()
	root := w.Content()
	if top := cv.Overlays().Top(); top != nil {
		root = top
	}
	cv.Unfocus()
	layOut(t, root)
	var forward []fyne.Focusable
	for range 2000 {
		cv.FocusNext()
		f := cv.Focused()
		if f == nil || (len(forward) > 0 && f == forward[0]) {
			break
		}
		forward = append(forward, f)
	}
	names := make([]string, len(forward))
	for i, f := range forward {
		names[i] = focusName(f)
	}
	// Tab leaves every box: none keeps it as a character.
	for i, f := range forward {
		if tabbed, ok := f.(interface{ AcceptsTab() bool }); ok && tabbed.AcceptsTab() {
			t.Errorf("%s keeps Tab: the keyboard cannot leave it", names[i])
		}
	}
	// Backwards from the first: the last, and so on round.
	for i := len(forward) - 1; i >= 0; i-- {
		cv.FocusPrevious()
		if cv.Focused() != forward[i] {
			t.Errorf("Shift+Tab went to %s, want %s", focusName(cv.Focused()), names[i])
			break
		}
	}
	// The focus is visible: a control of each kind looks different
	// focused (one of a kind: how the focus shows is the kind's).
	at := positions(t, root)
	kinds := map[string]bool{}
	for i, f := range forward {
		kind := fmt.Sprintf("%T", f)
		if b, ok := f.(*widget.Button); ok {
			kind += fmt.Sprint(b.Importance, b.Text == "")
		}
		if b, ok := f.(*ringButton); ok {
			kind += fmt.Sprint(b.Importance, b.Text == "")
		}
		if kinds[kind] {
			continue
		}
		kinds[kind] = true
		o := f.(fyne.CanvasObject)
		pos := at[o]
		box := image.Rect(int(pos.X)-3, int(pos.Y)-3, int(pos.X+o.Size().Width)+3, int(pos.Y+o.Size().Height)+3)
		cv.Unfocus()
		before := cv.Capture()
		cv.Focus(f)
		after := cv.Capture()
		if sameIn(before, after, box) {
			t.Errorf("%s looks the same with and without the focus", names[i])
		}
	}
	// Every button, field, tick and choice shows its focus plainly: a
	// ring on its edge that stands 3:1 against the control unfocused and
	// against the window. Every primary button is measured, and one
	// control of each other kind and importance.
	ringKinds := map[string]bool{}
	for i, f := range forward {
		if _, ok := f.(ringOwner); !ok {
			continue
		}
		kind := fmt.Sprintf("%T", f)
		if b, ok := f.(*ringButton); ok {
			kind += fmt.Sprint(b.Importance, b.Text == "")
		}
		if ringKinds[kind] && !primary(f) {
			continue
		}
		ringKinds[kind] = true
		if side, got := ringSeen(t, cv, f, at[f.(fyne.CanvasObject)]); got < ringCover {
			t.Errorf("%s: its focus ring shows 3:1 along only %.0f%% of its %s edge", names[i], got*100, side)
		}
	}
	cv.Unfocus()
	// Every control on screen is on the way.
	for _, f := range focusables(t, root) {
		if !slices.Contains(forward, f) {
			t.Errorf("%s cannot be reached with Tab", focusName(f))
		}
	}
	return names
}

// layOut lays out every widget under o at the size it has. In a long test
// run Fyne drops renderers it has not drawn for a minute; one made again is
// not laid out until its size changes, and would draw nothing.
func layOut(t *testing.T, o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, k := range v.Objects {
			layOut(t, k)
		}
	case fyne.Widget:
		r := test.TempWidgetRenderer(t, v)
		r.Layout(v.Size())
		for _, k := range r.Objects() {
			layOut(t, k)
		}
	}
}

// positions is where every object under o is on the window, laid out.
func positions(t *testing.T, o fyne.CanvasObject) map[fyne.CanvasObject]fyne.Position {
	layOut(t, o)
	return walkPositions(t, o)
}

// walkPositions is where every object under o is on the window.
func walkPositions(t *testing.T, o fyne.CanvasObject) map[fyne.CanvasObject]fyne.Position {
	out := map[fyne.CanvasObject]fyne.Position{}
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		out[o] = at
		switch v := o.(type) {
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k, at)
			}
		case fyne.Widget:
			for _, k := range test.TempWidgetRenderer(t, v).Objects() {
				walk(k, at)
			}
		}
	}
	walk(o, fyne.Position{})
	return out
}

// visibleIn is the part of the window, top left and bottom right, that
// the scrolling panes around target under root show, if target is there.
func visibleIn(t *testing.T, root, target fyne.CanvasObject) ([2]fyne.Position, bool) {
	var found [2]fyne.Position
	ok := false
	var walk func(o fyne.CanvasObject, at fyne.Position, clip [2]fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip [2]fyne.Position) {
		if ok || o == nil || !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		if o == target {
			found, ok = clip, true
			return
		}
		if _, scroll := o.(*container.Scroll); scroll {
			end := at.Add(fyne.NewPos(o.Size().Width, o.Size().Height))
			clip = [2]fyne.Position{{X: max(clip[0].X, at.X), Y: max(clip[0].Y, at.Y)}, {X: min(clip[1].X, end.X), Y: min(clip[1].Y, end.Y)}}
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k, at, clip)
			}
		case fyne.Widget:
			for _, k := range test.TempWidgetRenderer(t, v).Objects() {
				walk(k, at, clip)
			}
		}
	}
	walk(root, fyne.Position{}, [2]fyne.Position{{X: -1e9, Y: -1e9}, {X: 1e9, Y: 1e9}})
	return found, ok
}

// sameIn reports whether two images are alike inside box.
func sameIn(a, b image.Image, box image.Rectangle) bool {
	box = box.Intersect(a.Bounds())
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// The console by keyboard alone: on the library, the plan editor, a talk
// and a vote being counted, Tab reaches every control on screen in the order the screen
// reads (the header's first), Shift+Tab walks it back, the focus shows,
// and Ctrl+PageDown reaches the Sessions tab. The key table lists Tab.
func TestEveryScreenByTabAlone(t *testing.T) {
	drawnWithoutRace(t)
	s, _, w := newTestShell(t, laptop)
	s.library.list.Select(0)
	library := tabWalk(t, w)
	want := []string{"list", "button New", "button Duplicate", "button Import plan file…", "button Preferences…", "button About",
		"button Print handout…", "button Print facilitator guide…", "select", "check Each phone in its own language",
		"entry Group name, e.g. Sales leads, Berlin", "button Start session"}
	if !slices.Equal(library, want) {
		t.Errorf("the library by Tab:\n%q\nwant\n%q", library, want)
	}
	s.library.switchTab(1)
	if s.library.tabs.Selected() != s.library.sessionsTab {
		t.Error("Ctrl+PageDown did not reach the Sessions tab")
	}
	s.library.switchTab(-1)
	if s.library.tabs.SelectedIndex() != 0 {
		t.Error("Ctrl+PageUp did not come back to the Plans tab")
	}

	// The plan editor, on a plan of one exercise of each kind.
	s.library.list.Select(0)
	s.library.onDuplicate()
	if editor := tabWalk(t, w); len(editor) < 10 {
		t.Errorf("the plan editor by Tab: %q", editor)
	}
	s.showLibrary()

	c := startBuiltin(t, s, w, "Keys")
	press(w, fyne.KeyPageDown) // start
	talk := tabWalk(t, w)
	if len(talk) < 8 || talk[0] != "button Library" || !slices.Contains(talk, "button Next") || !slices.Contains(talk, "entry "+c.notes.PlaceHolder) {
		t.Errorf("the console on a talk by Tab: %q; want the header's Library first, then the rest", talk)
	}
	c.agenda.Select(sortingExercise)
	vote := tabWalk(t, w)
	if len(vote) <= len(talk) {
		t.Errorf("the console on a vote by Tab: %q; want the counting controls too", vote)
	}
	// An open question's answers tab: its buttons and the paper box
	// before the answers' own Hide buttons, as the tab reads.
	oi := slices.IndexFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	c.agenda.Select(oi)
	c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Listen first"})
	c.lower.Select(c.answersTab)
	open := tabWalk(t, w)
	box, hide := slices.Index(open, "entry "+c.answers.paper.PlaceHolder), slices.Index(open, "button Hide")
	if box < 0 || hide < 0 || hide < box || slices.Index(open, "button Reveal (R)") > box {
		t.Errorf("the answers tab by Tab: %q; want Reveal, the paper box, then the answers' Hide", open)
	}
	var keys []string
	for _, k := range keyHelp(true) {
		keys = append(keys, k[0])
	}
	if !strings.Contains(strings.Join(keys, " "), "Tab, Shift+Tab") {
		t.Errorf("the key table lacks Tab: %q", keys)
	}
}

// primary reports whether f is a blue button, the one that does what
// its screen or dialog is for.
func primary(f fyne.Focusable) bool {
	switch b := f.(type) {
	case *ringButton:
		return b.Importance == widget.HighImportance
	case *widget.Button:
		return b.Importance == widget.HighImportance
	}
	return false
}

// ringCover is how much of each edge of a focused control a ring that
// shows plainly covers: all but the rounded corners.
const ringCover = 0.8

// ringSeen measures the focus of f, at pos on the canvas, on the
// canvas's pixels: along each edge, the share of its length where some
// pixel within 3 px of the edge (either side) changes 3:1 or more when f
// takes the focus and stands 3:1 or more against the window's background.
// It returns the edge with the least, and that share.
func ringSeen(t *testing.T, cv fyne.Canvas, f fyne.Focusable, pos fyne.Position) (string, float64) {
	t.Helper()
	o := f.(fyne.CanvasObject)
	cv.Unfocus()
	before := cv.Capture()
	cv.Focus(f)
	after := cv.Capture()
	cv.Unfocus()
	scale := float32(after.Bounds().Dx()) / cv.Size().Width
	// Only what a scrolling pane shows of the control is drawn, its ring
	// with it: Fyne does not scroll a focused control into sight.
	vis := fyne.NewSize(o.Size().Width, o.Size().Height)
	lo, hi := pos, pos.Add(fyne.NewPos(vis.Width, vis.Height))
	root := cv.Content()
	if top := cv.Overlays().Top(); top != nil {
		root = top
	}
	underBar := false
	if clip, ok := visibleIn(t, root, o); ok {
		lo = fyne.NewPos(max(lo.X, clip[0].X), max(lo.Y, clip[0].Y))
		hi = fyne.NewPos(min(hi.X, clip[1].X), min(hi.Y, clip[1].Y))
		// A pane's scroll bar is drawn over the right edge of a control
		// that reaches the pane's right side.
		underBar = hi.X >= clip[1].X-12
	}
	x0, y0 := int(lo.X*scale), int(lo.Y*scale)
	x1, y1 := int(hi.X*scale), int(hi.Y*scale)
	bg := theme.Color(theme.ColorNameBackground)
	if cv.Overlays().Top() != nil {
		bg = theme.Color(theme.ColorNameOverlayBackground)
	}
	ring := func(x, y int) bool {
		if !(image.Point{x, y}).In(after.Bounds()) {
			return false
		}
		return contrast(before.At(x, y), after.At(x, y)) >= 3 && contrast(after.At(x, y), bg) >= 3
	}
	across := func(along func(k int) bool, n int) float64 {
		seen := 0
		for k := range n {
			if along(k) {
				seen++
			}
		}
		return float64(seen) / float64(max(1, n))
	}
	band := func(at func(d int) bool) bool {
		for d := -3; d <= 3; d++ {
			if at(d) {
				return true
			}
		}
		return false
	}
	sides := []struct {
		name string
		got  float64
	}{
		{"top", across(func(k int) bool { return band(func(d int) bool { return ring(x0+k, y0+d) }) }, x1-x0)},
		{"bottom", across(func(k int) bool { return band(func(d int) bool { return ring(x0+k, y1-1-d) }) }, x1-x0)},
		{"left", across(func(k int) bool { return band(func(d int) bool { return ring(x0+d, y0+k) }) }, y1-y0)},
		{"right", across(func(k int) bool { return band(func(d int) bool { return ring(x1-1-d, y0+k) }) }, y1-y0)},
	}
	if underBar {
		sides = sides[:3]
	}
	least := sides[0]
	for _, s := range sides[1:] {
		if s.got < least.got {
			least = s
		}
	}
	return least.name, least.got
}
