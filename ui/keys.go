package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The keys both windows answer. Presentation clickers send PageDown and
// PageUp, and most also B (or ".") to blank the screen, F5 to start and
// Escape; a clicker alone can run a whole workshop. The character keys
// (B, ".", R, L, +, -, ?) act alone while the preference allows, and
// always with Ctrl (Cmd on a Mac): a speech-input user, whose words come
// as letters, can turn the keys alone off (WCAG 2.1.4).
func keyHelp(single bool) [][2]string {
	both := func(keys ...string) string {
		var out []string
		if single {
			out = append(out, keys...)
		}
		for _, k := range keys {
			out = append(out, ctrlKey(k))
		}
		return strings.Join(out, ", ")
	}
	help := "F1"
	if single {
		help = "F1, ?"
	}
	return [][2]string{
		{tr("PageDown, →"), tr("Next: start the workshop, then the next item, round or exercise (reveals results first, if set in Preferences); at the end, twice to finish")},
		{tr("PageUp, ←"), tr("Previous item, round or exercise")},
		{tr("Space, F5"), tr("Start, pause or resume the timer")},
		{both("B", "."), tr("Blank or unblank the projector")},
		{tr("Esc"), tr("Unblank the projector, leave full screen, or leave the notes box")},
		{both("R"), tr("Reveal or hide the results of the item on screen")},
		{both("L"), tr("Lock or unlock the room: phones already in keep voting, new phones cannot join")},
		{both("+", "-"), tr("Add or take away a minute")},
		{"F11", tr("Projector full screen")},
		{tr("Ctrl+Z"), tr("Undo the last count, headcount, open, close, reveal or paper answer in this exercise")},
		{tr("Tab, Shift+Tab"), tr("Move to the next or previous control; Space presses the one outlined")},
		{tr("↑, ↓, Space"), tr("In a list: move, and select the row outlined")},
		{tr("Return"), tr("In the sessions list: tick or untick the selected session, to compare or merge")},
		{tr("Return, Esc"), tr("In a dialog: confirm or cancel")},
		{tr("Ctrl+PageDown, Ctrl+PageUp"), tr("Switch tabs: in the library, Plans and Sessions; in a session, Votes, Answers, Brief & notes and Phones; in About, its tabs")},
		{help, tr("These keys")},
	}
}

// ctrlKey names a key pressed with Ctrl (Cmd on a Mac).
func ctrlKey(k string) string { return tr("Ctrl+{{.Key}}", "Key", k) }

// consoleKeys are what a window of the session does with the keyboard.
type consoleKeys struct {
	key  func(*fyne.KeyEvent)
	char func(rune)
	undo func()
	ctrl func(fyne.KeyName)
}

// ctrlKeys are the character keys that also act with Ctrl (Cmd on a Mac),
// whatever the preference for keys alone.
var ctrlKeys = []fyne.KeyName{fyne.KeyB, fyne.KeyPeriod, fyne.KeyR, fyne.KeyL, fyne.KeyEqual, fyne.KeyPlus, fyne.KeyMinus}

// ctrlShortcut is the shortcut of a key with Ctrl (Cmd on a Mac).
func ctrlShortcut(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// asCtrlKey is the key of a shortcut that is one of ctrlKeys with Ctrl.
func asCtrlKey(s fyne.Shortcut) (fyne.KeyName, bool) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault || !slices.Contains(ctrlKeys, cs.KeyName) {
		return "", false
	}
	return cs.KeyName, true
}

// keys is what the console's windows do with the keyboard.
func (c *console) keys() consoleKeys {
	return consoleKeys{key: c.onKey, char: c.onRune, undo: c.onUndoKey, ctrl: c.onCtrlKey}
}

// bindKeys makes the console answer the keyboard and presentation clickers,
// and Ctrl+Z (Cmd+Z on a Mac) undo.
func (c *console) bindKeys() {
	bindKeysTo(c.shell.window().Canvas(), c.keys())
}

// bindKeysTo gives a window's canvas the console's keys, so that either
// window answers the clicker. Undo comes as Fyne's standard shortcut: the
// desktop driver turns Ctrl+Z (Cmd+Z on a Mac) into it before any custom
// binding could see the key; the character keys with Ctrl come as custom
// shortcuts the same way.
func bindKeysTo(cv fyne.Canvas, k consoleKeys) {
	cv.SetOnTypedKey(k.key)
	cv.SetOnTypedRune(k.char)
	cv.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { k.undo() })
	for _, name := range append(ctrlKeys, tabKeys...) {
		cv.AddShortcut(ctrlShortcut(name), func(fyne.Shortcut) { k.ctrl(name) })
	}
}

// tabKeys switch tabs with Ctrl, as in a browser: Fyne's tabs take no
// focus, so without them the console's lower tabs were the mouse's alone.
var tabKeys = []fyne.KeyName{fyne.KeyPageDown, fyne.KeyPageUp}

// unbindKeys takes the console's keys off a window's canvas.
func unbindKeys(cv fyne.Canvas) {
	cv.SetOnTypedKey(nil)
	cv.SetOnTypedRune(nil)
	cv.RemoveShortcut(&fyne.ShortcutUndo{})
	for _, name := range append(ctrlKeys, tabKeys...) {
		cv.RemoveShortcut(ctrlShortcut(name))
	}
}

// onUndoKey is Ctrl+Z: the last recorded change is undone, unless a dialog
// is open, where it would change the workshop behind the dialog's back.
func (c *console) onUndoKey() {
	if c.shell.openDialog() != nil {
		c.sayDialogOpen()
		return
	}
	c.onUndo()
}

func (c *console) onKey(ev *fyne.KeyEvent) {
	if c.dialogKey(ev.Name) {
		return
	}
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyF5:
		c.onStartPause()
	case fyne.KeyRight, fyne.KeyPageDown:
		c.onNext()
	case fyne.KeyLeft, fyne.KeyPageUp:
		c.onPrevious()
	case fyne.KeyF11:
		c.projector.toggleFullScreen()
	case fyne.KeyF1:
		c.showKeys()
	case fyne.KeyEscape:
		c.projector.escape()
	case fyne.KeyR, fyne.KeyL, fyne.KeyB, fyne.KeyPeriod:
		if c.shell.singleKeys() {
			c.characterKey(ev.Name)
		}
	}
}

// onCtrlKey is a character key pressed with Ctrl (Cmd on a Mac): it acts
// whatever the preference for keys alone.
func (c *console) onCtrlKey(name fyne.KeyName) {
	if c.shell.openDialog() != nil {
		c.sayDialogOpen()
		return
	}
	switch name {
	case fyne.KeyPageDown:
		c.switchLowerTab(1)
	case fyne.KeyPageUp:
		c.switchLowerTab(-1)
	default:
		c.characterKey(name)
	}
}

// switchLowerTab moves step tabs along the console's lower tabs (votes,
// answers, brief and notes, phones), round from the last to the first,
// passing over a tab the exercise on screen has no use for.
func (c *console) switchLowerTab(step int) {
	n := len(c.lower.Items)
	i := c.lower.SelectedIndex()
	for range n {
		i = ((i+step)%n + n) % n
		if !c.lower.Items[i].Disabled() {
			c.lower.SelectIndex(i)
			return
		}
	}
}

// characterKey does what a character key does: blank, reveal, lock, or
// a minute more or less.
func (c *console) characterKey(name fyne.KeyName) {
	switch name {
	case fyne.KeyR:
		c.toggleReveal()
	case fyne.KeyL:
		c.phones.toggleLock()
	case fyne.KeyB, fyne.KeyPeriod:
		c.projector.toggleBlank()
	case fyne.KeyEqual, fyne.KeyPlus:
		c.adjust(time.Minute)
	case fyne.KeyMinus:
		c.adjust(-time.Minute)
	}
}

// onRune takes + and - as typed characters, whatever the keyboard layout;
// "=" is the unshifted + key on many keyboards. With keys alone turned
// off in Preferences, typed characters do nothing.
func (c *console) onRune(r rune) {
	if c.shell.openDialog() != nil || !c.shell.singleKeys() {
		return // the key that typed it has been answered already
	}
	switch r {
	case '+', '=':
		c.adjust(time.Minute)
	case '-':
		c.adjust(-time.Minute)
	case '?':
		c.showKeys()
	}
}

// showKeys lists the keys, on the console only: the room never sees it.
func (c *console) showKeys() { c.shell.showKeys() }

// showKeys lists the keys, from the library or a session.
func (s *Shell) showKeys() {
	form := container.New(&keyTableLayout{})
	for _, k := range keyHelp(s.singleKeys()) {
		form.Add(&widget.Label{Text: k[0], TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
		form.Add(&widget.Label{Text: k[1], Wrapping: fyne.TextWrapWord})
	}
	win := s.window()
	d := newCloseDialog(tr("Keys and clicker"), form, win)
	s.keyed(d, d.Hide, d.Hide)
	// As wide as a laptop's window allows, so that few meanings wrap;
	// as tall as the table, which a smaller window still holds whole.
	d.Resize(fyne.NewSize(min(760, win.Canvas().Size().Width-2*theme.Padding()), 0))
	d.Show()
}

// bindLibraryKeys gives the library's window F1, the key table, from
// wherever the focus is (see passKey), and its dialogs Return and Escape
// as the console's answer them.
func (s *Shell) bindLibraryKeys(cv fyne.Canvas) {
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if cv.Content() != s.library.content {
			return
		}
		if k := s.openDialog(); k != nil {
			switch ev.Name {
			case fyne.KeyReturn, fyne.KeyEnter:
				k.confirm()
			case fyne.KeyEscape:
				k.cancel()
			}
			return
		}
		if ev.Name == fyne.KeyF1 {
			s.showKeys()
		}
	})
}

// passKey gives the window a key the focused button has no use for, as
// if nothing had the focus: F1 and the clicker's keys act from a focused
// button as from the window. Space, which pressed it, and the keys that
// move the focus stay the button's.
func passKey(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyTab, fyne.KeyUp, fyne.KeyDown:
		return
	}
	if cv := fyne.CurrentApp().Driver().CanvasForObject(o); cv != nil && cv.OnTypedKey() != nil {
		cv.OnTypedKey()(ev)
	}
}

// keyTableLayout sets out key and meaning side by side, row under row: the
// keys in a column as wide as the widest key, up to a quarter of the table,
// a longer key wrapping within it. Rows stand closer than labels alone
// would, half a padding apart, so that the table fits an 800×600 window
// in every language.
type keyTableLayout struct{}

// keyColumn is how wide the column of keys is in a table size wide.
func keyColumn(objs []fyne.CanvasObject, width float32) float32 {
	widest := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		if l, ok := objs[i].(*widget.Label); ok {
			widest = max(widest, fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width)
		}
	}
	return min(widest+2*theme.InnerPadding(), width/4)
}

// rows lays the rows out at width, or only measures them, and returns the
// table's height.
func (keyTableLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	keys := keyColumn(objs, width)
	pad := theme.InnerPadding()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		key, meaning := objs[i], objs[i+1]
		// A wrapping label knows its height only once it has its width.
		key.Resize(fyne.NewSize(keys, key.Size().Height))
		meaning.Resize(fyne.NewSize(width-keys, meaning.Size().Height))
		h := max(key.MinSize().Height, meaning.MinSize().Height)
		if place {
			key.Move(fyne.NewPos(0, y))
			key.Resize(fyne.NewSize(keys, h))
			meaning.Move(fyne.NewPos(keys, y))
			meaning.Resize(fyne.NewSize(width-keys, h))
		}
		y += h - pad - pad/2
	}
	return y + pad + pad/2
}

func (t keyTableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t.rows(objs, size.Width, true)
}

func (t keyTableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := float32(520)
	if len(objs) > 0 && objs[0].Size().Width > 0 {
		width = max(width, objs[0].Size().Width+objs[1].Size().Width)
	}
	return fyne.NewSize(520, t.rows(objs, width, false))
}

// typingGrace is how long after a keystroke or a click in a text box the
// facilitator counts as typing there. B and "." type into the notes box
// only while typing; otherwise, as from a clicker, they blank the projector.
const typingGrace = 3 * time.Second

// clickerEntry is a text box that never swallows the clicker: PageDown,
// PageUp, F5 and F1 always drive the workshop, Escape leaves the box, and
// B and "." blank the projector unless the facilitator is typing. In a
// count box (digits only) B and "." always go to the workshop.
type clickerEntry struct {
	ringEntry
	c      *console
	prose  bool // holds free text, where B and "." are letters too
	typing time.Time
	leave  func()
	// discard puts the saved value back over unsaved typing, and says
	// whether there was any.
	discard func() bool
}

// AcceptsTab is false, even for the notes of several lines: Tab moves on
// to the next control, so that the keyboard is never caught in a box.
func (e *clickerEntry) AcceptsTab() bool { return false }

func newClickerEntry(c *console, prose bool) *clickerEntry {
	e := &clickerEntry{c: c, prose: prose}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes the clicker's keys to the workshop.
func (e *clickerEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyF5, fyne.KeyF1, fyne.KeyF11:
		e.c.onKey(ev)
		return
	case fyne.KeyEscape:
		e.c.shell.window().Canvas().Unfocus()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut makes Ctrl+Z the workshop's undo. In a count box a press
// with unsaved typing puts the saved count back and does no more (the
// facilitator sees the count the room last had); the next press undoes
// the last recorded change. In the notes it undoes typing, and with no
// typing left to undo, the last recorded change.
func (e *clickerEntry) TypedShortcut(s fyne.Shortcut) {
	if k, ok := asCtrlKey(s); ok {
		e.c.onCtrlKey(k)
		return
	}
	if _, ok := s.(*fyne.ShortcutUndo); !ok {
		e.Entry.TypedShortcut(s)
		return
	}
	if e.prose {
		before := e.Text
		e.Entry.TypedShortcut(s)
		if e.Text != before {
			return
		}
	} else if e.discard != nil && e.discard() {
		return
	}
	e.c.onUndoKey()
}

// TypedRune types, unless the rune is the clicker's blank key and the
// facilitator is not typing. With keys alone turned off, B and "." are
// letters in the notes and nothing in a count box.
func (e *clickerEntry) TypedRune(r rune) {
	now := e.c.model.clock.Now()
	if (r == 'b' || r == 'B' || r == '.') && !e.c.shell.singleKeys() && !e.prose {
		return
	}
	if (r == 'b' || r == 'B' || r == '.') && e.c.shell.singleKeys() {
		if !e.prose || now.Sub(e.typing) > typingGrace {
			e.c.projector.toggleBlank()
			return
		}
	}
	e.typing = now
	e.Entry.TypedRune(r)
}

// Tapped starts typing: a click in the box means the next B is a letter.
func (e *clickerEntry) Tapped(ev *fyne.PointEvent) {
	e.typing = e.c.model.clock.Now()
	e.Entry.Tapped(ev)
}

// FocusLost submits what was typed where the box asks for it.
func (e *clickerEntry) FocusLost() {
	e.ringEntry.FocusLost()
	if e.leave != nil {
		e.leave()
	}
}
