package ui

import (
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Keys while something holds the focus or a dialog is open. Fyne gives a
// key to the focused widget and to nothing else, so every widget of the
// console that can take the focus by a click passes the clicker's keys on
// to the workshop; and while a dialog is open, the workshop behind it does
// not move: Return confirms the dialog, Escape cancels it, and the
// clicker's keys are answered with a short notice.

// dialogKeys is what Return and Escape do in an open dialog, and what
// answers the clicker's keys there.
type dialogKeys struct{ confirm, cancel, held func() }

// keyed makes Return run confirm and Escape run cancel while d is open.
func (s *Shell) keyed(d dialog.Dialog, confirm, cancel func()) *dialogKeys {
	k := &dialogKeys{confirm: confirm, cancel: cancel, held: func() {}}
	if s.console != nil {
		k.held = s.console.sayDialogOpen
	}
	s.dialogs = append(s.dialogs, k)
	d.SetOnClosed(func() {
		for i, o := range s.dialogs {
			if o == k {
				s.dialogs = append(s.dialogs[:i], s.dialogs[i+1:]...)
				break
			}
		}
	})
	return k
}

// openDialog is the keys of the dialog on top of the window, or nil while
// none is open. A pop-up that is no dialog of ours (a menu) is left to
// answer its own keys, Escape hides it.
func (s *Shell) openDialog() *dialogKeys {
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	if n := len(s.dialogs); n > 0 {
		return s.dialogs[n-1]
	}
	return &dialogKeys{confirm: func() {}, cancel: top.Hide}
}

// dialogKey answers a key while a dialog is open, and reports whether one
// was.
func (c *console) dialogKey(name fyne.KeyName) bool {
	k := c.shell.openDialog()
	if k == nil {
		return false
	}
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		k.confirm()
	case fyne.KeyEscape:
		k.cancel()
	case fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyRight, fyne.KeyLeft, fyne.KeySpace, fyne.KeyF5:
		c.sayDialogOpen()
	case fyne.KeyB, fyne.KeyPeriod, fyne.KeyR:
		if c.shell.singleKeys() {
			c.sayDialogOpen()
		}
	}
	return true
}

// noticeFor is how long the console says that a dialog holds the keys.
const noticeFor = 4 * time.Second

// sayDialogOpen tells the facilitator, who pressed a clicker key, why the
// workshop did not move.
func (c *console) sayDialogOpen() {
	c.notice.Show()
	c.header.Refresh()
	if c.hideNotice != nil {
		c.hideNotice()
	}
	c.hideNotice = c.model.sched.After(noticeFor, func() {
		fyne.Do(func() {
			c.notice.Hide()
			c.header.Refresh()
		})
	})
}

// forwardKey passes a key the focused widget has no use for to the
// workshop; Escape also gives the focus back to the window.
func (c *console) forwardKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.shell.openDialog() == nil {
		c.shell.window().Canvas().Unfocus()
	}
	c.onKey(ev)
}

// focusRing is a ring drawn round a list while it has the keyboard's
// focus: Fyne's list shows the focus on one row only, which looks no
// different when that row is also the one selected.
type focusRing struct{ rect *canvas.Rectangle }

// show shows or hides the ring, if the list was laid out with one.
func (r *focusRing) show(on bool) {
	if r.rect == nil {
		return
	}
	r.rect.StrokeColor = theme.Color(theme.ColorNamePrimary)
	r.rect.Hidden = !on
	r.rect.Refresh()
}

// around is o with the ring drawn over it, to lay out in its place.
func (r *focusRing) around(o fyne.CanvasObject) fyne.CanvasObject {
	r.rect = &canvas.Rectangle{FillColor: color.Transparent, StrokeWidth: 3}
	r.rect.Hide()
	return container.NewStack(o, r.rect)
}

// ringList is a list with a focus ring.
type ringList struct {
	widget.List
	ring focusRing
}

// FocusGained shows the ring.
func (l *ringList) FocusGained() {
	l.List.FocusGained()
	l.ring.show(true)
}

// FocusLost hides the ring.
func (l *ringList) FocusLost() {
	l.List.FocusLost()
	l.ring.show(false)
}

// withRing is the list with its ring, to lay out in its place.
func (l *ringList) withRing() fyne.CanvasObject { return l.ring.around(l) }

// tickList is a list whose rows carry a tick: Return or Enter ticks or
// unticks the selected row, which Space selects as in any list.
type tickList struct {
	ringList
	onReturn func()
}

// withRing is the list with its ring, to lay out in its place.
func (l *tickList) withRing() fyne.CanvasObject { return l.ring.around(l) }

// TypedKey ticks on Return, and moves or selects as a list otherwise.
func (l *tickList) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && l.onReturn != nil {
		l.onReturn()
		return
	}
	l.List.TypedKey(ev)
}

// clickerList is a list that keeps the clicker alive once clicked: it uses
// Up and Down to move its highlight, and passes every other key on.
type clickerList struct {
	widget.List
	c    *console
	ring focusRing
}

// FocusGained shows the ring.
func (l *clickerList) FocusGained() {
	l.List.FocusGained()
	l.ring.show(true)
}

// FocusLost hides the ring.
func (l *clickerList) FocusLost() {
	l.List.FocusLost()
	l.ring.show(false)
}

// withRing is the list with its ring, to lay out in its place.
func (l *clickerList) withRing() fyne.CanvasObject { return l.ring.around(l) }

func newClickerList(c *console, l *clickerList) *clickerList {
	l.c = c
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey moves the highlight, or passes the key to the workshop.
func (l *clickerList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown:
		l.List.TypedKey(ev)
	default:
		l.c.forwardKey(ev)
	}
}

// TypedRune passes typed characters (+, -, ?) to the workshop.
func (l *clickerList) TypedRune(r rune) { l.c.onRune(r) }

// clickerCheck is a switch that keeps the clicker alive once clicked: a
// click gives it the focus, and it passes the keys on to the workshop.
// It is changed by a click only, so that Space, which starts and pauses
// the timer, never turns phone voting off by accident; with spaceTicks,
// for a switch no harm comes of, Space ticks it as on any other.
type clickerCheck struct {
	ringCheck
	c          *console
	spaceTicks bool
}

func newClickerCheck(c *console, text string, changed func(bool)) *clickerCheck {
	k := &clickerCheck{c: c}
	k.Text, k.OnChanged = text, changed
	k.ExtendBaseWidget(k)
	return k
}

// TypedKey passes the key to the workshop.
func (k *clickerCheck) TypedKey(ev *fyne.KeyEvent) {
	if k.spaceTicks && ev.Name == fyne.KeySpace {
		return // ticks, as its rune
	}
	k.c.forwardKey(ev)
}

// TypedRune passes typed characters to the workshop.
func (k *clickerCheck) TypedRune(r rune) {
	if k.spaceTicks && r == ' ' {
		k.Check.TypedRune(r)
		return
	}
	k.c.onRune(r)
}

// choice is one of a few options, as a row of buttons, the chosen one
// blue and ticked: Fyne's radio buttons keep the focus once clicked, and
// with it the clicker's keys, where a clicked button gives them back.
// Tab reaches each button, and Space chooses it.
type choice struct {
	box      *fyne.Container
	options  []string
	buttons  []*ringButton
	Selected string
	// OnChanged is called with the option chosen, by a press or SetSelected.
	OnChanged func(string)
}

func newChoice(options []string, changed func(string)) *choice {
	ch := &choice{options: options, OnChanged: changed, box: container.NewHBox()}
	for _, o := range options {
		b := ringed(&ringButton{Button: widget.Button{Text: o, OnTapped: func() { ch.SetSelected(o) }}})
		ch.buttons = append(ch.buttons, b)
		ch.box.Add(b)
	}
	return ch
}

// SetSelected chooses option s, marks it and says so, if it was not chosen.
func (ch *choice) SetSelected(s string) {
	if s == ch.Selected {
		return
	}
	ch.Selected = s
	for i, b := range ch.buttons {
		b.Importance, b.Icon = widget.MediumImportance, nil
		if ch.options[i] == s {
			b.Importance, b.Icon = widget.HighImportance, theme.ConfirmIcon()
		}
		b.Refresh()
	}
	if ch.OnChanged != nil {
		ch.OnChanged(s)
	}
}

// clickerOnly reports whether a key is one a presentation clicker sends
// and no one types text with.
func clickerOnly(k fyne.KeyName) bool {
	return k == fyne.KeyPageDown || k == fyne.KeyPageUp || k == fyne.KeyF5
}

// proseEntry is a box of several lines whose Tab moves on to the next
// control, as in every other box, rather than typing a tab: otherwise the
// keyboard could not leave it.
type proseEntry struct{ ringEntry }

func newProseEntry(placeholder string, wrap bool) *proseEntry {
	e := &proseEntry{}
	e.MultiLine, e.PlaceHolder = true, placeholder
	if wrap {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab leaves the box.
func (e *proseEntry) AcceptsTab() bool { return false }

// formEntry is a field of a dialog: Escape cancels the dialog, and Return
// confirms it, except in a field of several lines, where it starts a line.
type formEntry struct {
	ringEntry
	keys *dialogKeys
}

// AcceptsTab is false, even in a field of several lines: Tab moves on to
// the next field, so that the keyboard can leave the box.
func (e *formEntry) AcceptsTab() bool { return false }

func newFormEntry(text string, multiLine bool) *formEntry {
	e := &formEntry{}
	e.Text, e.MultiLine = text, multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey confirms or cancels the dialog, or edits.
func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case e.keys == nil:
	case clickerOnly(ev.Name):
		e.keys.held()
		return
	case ev.Name == fyne.KeyEscape:
		e.keys.cancel()
		return
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && !e.MultiLine:
		e.keys.confirm()
		return
	}
	e.Entry.TypedKey(ev)
}

// formSelect is a choice in a dialog: Escape cancels the dialog and Return
// confirms it; Space and the arrows open the choice as before.
type formSelect struct {
	ringSelect
	keys *dialogKeys
}

func newFormSelect(options []string) *formSelect {
	s := &formSelect{}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey confirms or cancels the dialog, or opens the choice.
func (s *formSelect) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case s.keys == nil:
	case clickerOnly(ev.Name):
		s.keys.held()
		return
	case ev.Name == fyne.KeyEscape:
		s.keys.cancel()
		return
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		s.keys.confirm()
		return
	}
	s.Select.TypedKey(ev)
}

// keyScroll is a scrolling area that the keyboard reaches: Tab stops on
// it (a ring shows it has the focus), and the arrows, PageUp, PageDown,
// Home and End scroll it. For pages of text with nothing else to focus,
// such as a finished session's results, which the keyboard could not
// otherwise read past the first screen.
type keyScroll struct {
	container.Scroll
	ring focusRing
}

var (
	_ fyne.Widget    = (*keyScroll)(nil)
	_ fyne.Focusable = (*keyScroll)(nil)
)

// newKeyScroll scrolls content up and down; lay out withRing().
func newKeyScroll(content fyne.CanvasObject) *keyScroll {
	s := &keyScroll{}
	s.Direction, s.Content = container.ScrollVerticalOnly, content
	s.ExtendBaseWidget(s)
	return s
}

// withRing is the area with its focus ring, to lay out in its place.
func (s *keyScroll) withRing() fyne.CanvasObject { return s.ring.around(s) }

// FocusGained shows the ring.
func (s *keyScroll) FocusGained() { s.ring.show(true) }

// FocusLost hides the ring.
func (s *keyScroll) FocusLost() { s.ring.show(false) }

// TypedRune does nothing: the area has no text to type into.
func (s *keyScroll) TypedRune(rune) {}

// TypedKey scrolls: a line with the arrows, a screen less a line with
// PageUp and PageDown, to either end with Home and End.
func (s *keyScroll) TypedKey(ev *fyne.KeyEvent) {
	line := theme.TextSize() * 2
	page := max(line, s.Size().Height-line)
	y := s.Offset.Y
	switch ev.Name {
	case fyne.KeyDown:
		y += line
	case fyne.KeyUp:
		y -= line
	case fyne.KeyPageDown, fyne.KeySpace:
		y += page
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = s.Content.MinSize().Height
	default:
		return
	}
	bottom := max(0, s.Content.MinSize().Height-s.Size().Height)
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, min(max(0, y), bottom)))
}

// scrollToShow scrolls s so that o, somewhere inside it, is wholly in
// sight (its top, if it is taller than s): Fyne moves the focus without
// scrolling to it, and a control focused out of sight shows no focus.
func scrollToShow(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y + s.Offset.Y
	y := s.Offset.Y
	switch {
	case top < y:
		y = top
	case top+o.Size().Height > y+s.Size().Height:
		y = min(top, top+o.Size().Height-s.Size().Height)
	default:
		return
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, y)))
}

// seenEntry is a text box in a scrolling page that brings itself into
// sight when it gets the focus; Tab leaves it, even when it holds several
// lines.
type seenEntry struct {
	ringEntry
	page *container.Scroll // set once the page is built
}

func newSeenEntry(text, placeholder string, multiLine bool) *seenEntry {
	e := &seenEntry{}
	e.Text, e.PlaceHolder, e.MultiLine = text, placeholder, multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab leaves the box.
func (e *seenEntry) AcceptsTab() bool { return false }

// FocusGained scrolls the page to the box.
func (e *seenEntry) FocusGained() {
	e.ringEntry.FocusGained()
	if e.page != nil {
		scrollToShow(e.page, e)
	}
}

// ringButton is a button that draws a ring on its edge while it has the
// keyboard's focus. Fyne shows a focused button by blending the focus
// colour into its face, which on a primary (blue) button is blue on blue
// and on any other stood at 1.2:1 to 1.3:1 from the face unfocused: the
// ring, black on a light theme and white on a dark one, stands out from
// the button's face and from the window behind it. Every button of the
// app's own is one.
type ringButton struct {
	widget.Button
	focused bool
}

var (
	_ fyne.Widget    = (*ringButton)(nil)
	_ fyne.Focusable = (*ringButton)(nil)
)

// ringed readies b to draw its ring: Fyne gives a widget its renderer by
// the type it was extended with, and a button extends itself as its own
// (widget.Button) when first measured unless told otherwise first.
func ringed(b *ringButton) *ringButton {
	b.ExtendBaseWidget(b)
	return b
}

// primaryButton is the one button of a screen or dialog that does what it
// is for: blue, with a ring when focused.
func primaryButton(text string, icon fyne.Resource, tapped func()) *ringButton {
	b := &ringButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, widget.HighImportance, tapped
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the button with its ring over it.
func (b *ringButton) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	return newRingRenderer(b.Button.CreateRenderer(), b)
}

// TypedKey presses the button with Space or Return; any other key it has
// no use for goes to the window (passKey): Escape to a dialog's keys, the
// clicker's to the workshop.
func (b *ringButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(ev)
	passKey(b, ev)
}

// FocusGained shows the ring.
func (b *ringButton) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
}

// FocusLost hides the ring.
func (b *ringButton) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

// ringWidth is how thick a focus ring is drawn.
const ringWidth = 3

// ringColor is the colour of a focus ring on a button: the darkest or
// the lightest there is, whichever stands out from the window's
// background.
func ringColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	if r+g+b > 3*0x7FFF {
		return color.Black
	}
	return color.White
}

// ringOwner is a control that draws a focus ring on its edge: a button,
// or a field, tick or choice of Fyne's, whose own show of the focus stood
// at 1.1:1 to 1.2:1 from their look without it.
type ringOwner interface {
	fyne.Widget
	fyne.Disableable
	// ringOn reports whether the control has the keyboard's focus.
	ringOn() bool
}

// ringRenderer is a control's renderer with a ring drawn over its edge,
// as four bars: filled bars draw where they are put on every painter.
type ringRenderer struct {
	fyne.WidgetRenderer
	b    ringOwner
	ring [4]*canvas.Rectangle
}

// newRingRenderer draws base with a ring for b.
func newRingRenderer(base fyne.WidgetRenderer, b ringOwner) *ringRenderer {
	r := &ringRenderer{WidgetRenderer: base, b: b}
	for i := range r.ring {
		r.ring[i] = &canvas.Rectangle{}
	}
	r.Refresh()
	return r
}

func (b *ringButton) ringOn() bool { return b.focused }

// ringEntry is a text field that draws a ring while it has the focus.
type ringEntry struct {
	widget.Entry
	ringFocused bool
}

// ringedEntry readies e to draw its ring (see ringed).
func ringedEntry(e *ringEntry) *ringEntry {
	e.ExtendBaseWidget(e)
	return e
}

func (e *ringEntry) ringOn() bool { return e.ringFocused }

// CreateRenderer draws the field with its ring.
func (e *ringEntry) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(e.Entry.CreateRenderer(), e)
}

// FocusGained shows the ring.
func (e *ringEntry) FocusGained() {
	e.ringFocused = true
	e.Entry.FocusGained()
}

// FocusLost hides the ring.
func (e *ringEntry) FocusLost() {
	e.ringFocused = false
	e.Entry.FocusLost()
}

// ringCheck is a tick box that draws a ring while it has the focus.
type ringCheck struct {
	widget.Check
	ringFocused bool
}

// ringedCheck readies c to draw its ring (see ringed).
func ringedCheck(c *ringCheck) *ringCheck {
	c.ExtendBaseWidget(c)
	return c
}

// newRingCheck is a tick box labelled text, calling changed when ticked.
func newRingCheck(text string, changed func(bool)) *ringCheck {
	c := &ringCheck{}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *ringCheck) ringOn() bool { return c.ringFocused }

// CreateRenderer draws the tick box with its ring.
func (c *ringCheck) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(c.Check.CreateRenderer(), c)
}

// FocusGained shows the ring.
func (c *ringCheck) FocusGained() {
	c.ringFocused = true
	c.Check.FocusGained()
}

// FocusLost hides the ring.
func (c *ringCheck) FocusLost() {
	c.ringFocused = false
	c.Check.FocusLost()
}

// ringSelect is a drop-down choice that draws a ring while it has the
// focus.
type ringSelect struct {
	widget.Select
	ringFocused bool
}

// newRingSelect is a choice of options, calling changed on a choice.
func newRingSelect(options []string, changed func(string)) *ringSelect {
	s := &ringSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *ringSelect) ringOn() bool { return s.ringFocused }

// CreateRenderer draws the choice with its ring.
func (s *ringSelect) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(s.Select.CreateRenderer(), s)
}

// FocusGained shows the ring.
func (s *ringSelect) FocusGained() {
	s.ringFocused = true
	s.Select.FocusGained()
}

// FocusLost hides the ring.
func (s *ringSelect) FocusLost() {
	s.ringFocused = false
	s.Select.FocusLost()
}

// Layout lays the button out, and the ring on its edge.
func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.layRing(size)
}

// layRing puts the ring's bars along the edges of a button of that size.
func (r *ringRenderer) layRing(size fyne.Size) {
	w := float32(ringWidth)
	top, bottom, left, right := r.ring[0], r.ring[1], r.ring[2], r.ring[3]
	top.Move(fyne.Position{})
	top.Resize(fyne.NewSize(size.Width, w))
	bottom.Move(fyne.NewPos(0, size.Height-w))
	bottom.Resize(fyne.NewSize(size.Width, w))
	left.Move(fyne.Position{})
	left.Resize(fyne.NewSize(w, size.Height))
	right.Move(fyne.NewPos(size.Width-w, 0))
	right.Resize(fyne.NewSize(w, size.Height))
}

// Objects is the button's, then the ring.
func (r *ringRenderer) Objects() []fyne.CanvasObject {
	return append(slices.Clip(r.WidgetRenderer.Objects()), r.ring[0], r.ring[1], r.ring[2], r.ring[3])
}

// Refresh redraws the button, and shows the ring while it has the focus.
func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	// The button lays itself out anew on a refresh, past this renderer's
	// Layout: the ring follows its size.
	r.layRing(r.b.Size())
	for _, bar := range r.ring {
		bar.FillColor = ringColor()
		bar.Hidden = !r.b.ringOn() || r.b.Disabled()
		bar.Refresh()
	}
}
