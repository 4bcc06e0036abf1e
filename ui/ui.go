// Package ui is Runsheet's Fyne interface: one struct per screen, all of
// them clients of the workshop domain.
package ui

import (
	"errors"
	"slices"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/store"
)

// Options configure the app's screens.
type Options struct {
	// DataDir is the data folder; plans are read from DataDir/plans.
	DataDir string
	// Clock tells the time; nil means the system clock.
	Clock workshop.Clock
	// Scheduler runs delayed work (the countdown's ticks, coalesced
	// redraws, saving notes); nil means the system's timers.
	Scheduler workshop.Scheduler
	// Store keeps the sessions.
	Store Sessions
	// Runner, if set, runs the sessions, with its own options for the
	// phones and the clock; else one is made from the fields here.
	Runner *control.Runner
	// Phones is the address phone voting listens on ("" for the default);
	// StartPhones turns phone voting on when a session starts.
	Phones      string
	StartPhones bool
	// Announce, if set, is told the join address (with its room code)
	// each time phone voting starts, including after a resume.
	Announce func(url string)
	// Version names the app's version in the About dialog:
	// "Runsheet 0.1.0 (build 1)".
	Version string
	// NoResume leaves an interrupted session waiting in the library, for
	// a start straight into a new session: its room must not come up.
	NoResume bool
}

// Sessions is what the screens need of the session store: to run, list,
// load and keep sessions, and to set a damaged one aside.
type Sessions interface {
	control.Store
	List() ([]store.Summary, error)
	SetAside(id, dir, problem string) (string, error)
}

// Shell owns the main window and switches between its screens.
type Shell struct {
	app     fyne.App
	win     fyne.Window
	opts    Options
	runner  *control.Runner // starts and resumes the sessions the console runs
	library *library
	results *results
	about   *about // the About dialog while open
	// preferences live in the data folder.
	preferences *prefsFile
	editor      *editor

	mu      sync.Mutex // guards console for Stop, which may run off the UI goroutine
	console *console
	// dialogs are the open dialogs' Return and Escape, the top one last.
	dialogs []*dialogKeys
}

// Create builds the app's screens into w and shows the library.
func Create(a fyne.App, w fyne.Window, opts Options) *Shell {
	if r := opts.Runner; r != nil {
		opts.Clock, opts.Scheduler = r.Options.Clock, r.Options.Scheduler
		opts.Phones, opts.StartPhones, opts.Announce = r.PhoneAddr, r.StartPhones, r.Options.Announce
	}
	if opts.Clock == nil {
		opts.Clock = workshop.SystemClock{}
	}
	if opts.Scheduler == nil {
		opts.Scheduler = workshop.SystemScheduler{}
	}
	s := &Shell{app: a, win: w, opts: opts, preferences: loadPrefs(opts.DataDir), runner: opts.Runner}
	if s.runner == nil {
		s.runner = &control.Runner{Store: opts.Store, PhoneAddr: opts.Phones, StartPhones: opts.StartPhones,
			Options: control.Options{Announce: opts.Announce}}
	}
	s.runner.Options.Clock, s.runner.Options.Scheduler = opts.Clock, opts.Scheduler
	if s.runner.Options.PhoneResults == nil {
		s.runner.Options.PhoneResults = s.phoneResults
	}
	setAppLanguage(s.prefs().String(prefLanguage))
	s.applyTheme()
	s.library = newLibrary(s)
	s.showLibrary()
	if !opts.NoResume {
		s.resumeInterrupted()
	}
	return s
}

// resumeWithin is how recent an interrupted session must be for the app to
// reopen it at start: after a crash or power cut, the facilitator is put
// straight back into the running workshop; an old unfinished one waits in
// the library.
const resumeWithin = 12 * time.Hour

// resumeInterrupted reopens the session that was open in the console when
// the app last stopped, if it changed recently and never finished.
func (s *Shell) resumeInterrupted() {
	id := control.RecordedOpen(s.opts.DataDir)
	if id == "" {
		return
	}
	i := slices.IndexFunc(s.library.sessions.summaries, func(sum store.Summary) bool { return sum.ID == id })
	if i < 0 {
		return
	}
	last := s.library.sessions.summaries[i]
	// A session counts as interrupted whether or not its timer started:
	// the facilitator may have set it up and lost the laptop before the
	// room arrived. One recorded on another laptop never is.
	if last.Problem != "" || last.Imported || !last.Finished.IsZero() || s.opts.Clock.Now().Sub(last.LastEvent) > resumeWithin {
		return
	}
	if err := s.OpenSession(last.ID); err != nil {
		s.showError(tr("Cannot resume the last session"), err)
	}
}

// StartSession stores a new session of plan for group, in the plan's
// language, and opens the console on it.
func (s *Shell) StartSession(plan *workshop.Plan, group string) error {
	return s.StartSessionIn(plan, group, RoomLanguage{Code: plan.Language})
}

// RoomLanguage is the language a session's room reads: a language code
// (empty for English), and whether each phone may use its own.
type RoomLanguage = control.RoomLanguage

// StartSessionIn is StartSession with the room's language chosen; a
// language other than the plan's is recorded with the session.
func (s *Shell) StartSessionIn(plan *workshop.Plan, group string, room RoomLanguage) error {
	sess, err := s.runner.Create(plan, group, s.facilitator(), room)
	if err != nil {
		return err
	}
	s.openConsole(sess)
	return nil
}

// OpenSession shows a stored session: the console to resume it where it
// was, or the results if it has finished or was recorded on another
// laptop (imported): its room, and its phones, are not here.
func (s *Shell) OpenSession(id string) error {
	sess, err := s.runner.Load(id)
	if err != nil {
		return err
	}
	if sess.State.IsFinished() || sess.Imported {
		s.showResults(sess)
		return nil
	}
	s.openConsole(sess)
	return nil
}

func (s *Shell) openConsole(sess *workshop.Session) {
	if s.console != nil {
		s.console.close()
	}
	// Recorded before the room comes up: a crash from here on resumes
	// this session, whichever is newest.
	if err := control.RecordOpen(s.opts.DataDir, sess.ID); err != nil {
		fyne.LogError("", err)
	}
	// Phone voting comes back as the session had it; --phones turns it on.
	ctl, err := s.runner.Run(sess)
	c := newConsole(s, newSessionModel(ctl))
	s.setConsole(c)
	s.win.SetContent(c.content)
	c.bindKeys()
	c.projector.open()
	c.phones.sync()
	if err != nil {
		s.showError(tr("Cannot start phone voting"), err)
	}
}

func (s *Shell) showResults(sess *workshop.Session) {
	s.leaveConsole()
	s.results = newResults(s, sess)
	s.win.SetContent(s.results.content)
}

// showCorrections opens the screen for correcting a finished session's
// counts, headcounts and notes.
func (s *Shell) showCorrections(sess *workshop.Session) *corrections {
	c := newCorrections(s, sess)
	s.win.SetContent(c.content)
	return c
}

// showEditor opens the plan editor on plan, saved to path (empty for a
// plan not yet in the data folder).
func (s *Shell) showEditor(plan *workshop.Plan, path string, dirty bool) *editor {
	e := newEditor(s, plan, path)
	e.dirty = dirty
	s.editor = e
	s.win.SetContent(e.content)
	return e
}

func (s *Shell) showCompare(sessions []*workshop.Session) {
	s.win.SetContent(newCompare(s, sessions).content)
}

// Stop halts the screens' background timers before the app quits, so that
// nothing tries to redraw a window that is gone. Safe from any goroutine.
func (s *Shell) Stop() {
	s.mu.Lock()
	c := s.console
	s.mu.Unlock()
	if c != nil {
		c.stopTimers()
	}
}

// leaveConsole closes the console, if one is open, and takes its keys off
// the window.
func (s *Shell) leaveConsole() {
	if s.console != nil {
		s.console.close()
		s.setConsole(nil)
		if err := control.ForgetOpen(s.opts.DataDir); err != nil {
			fyne.LogError("", err)
		}
	}
	unbindKeys(s.win.Canvas())
}

func (s *Shell) setConsole(c *console) {
	s.mu.Lock()
	s.console = c
	s.mu.Unlock()
}

func (s *Shell) showLibrary() {
	s.leaveConsole()
	s.library.reload()
	s.win.SetContent(s.library.content)
	s.library.bindTabKeys(s.win.Canvas())
	s.bindLibraryKeys(s.win.Canvas())
}

// ShowStartError shows why a session could not start.
func (s *Shell) ShowStartError(err error) { s.showError(tr("Cannot start the session"), err) }

// showError logs an error and shows it in a dialog under its title, which
// says what could not be done. Plan errors list every problem, one per
// line, in a scrolling box.
func (s *Shell) showError(title string, err error) { s.showErrorThen(title, err, nil) }

// showErrorThen is showError, and calls then, if not nil, once the
// message is closed: a form refused for one field comes back with what
// was typed in every field, to correct rather than type again.
func (s *Shell) showErrorThen(title string, err error, then func()) {
	fyne.LogError(title, err)
	var pe *workshop.PlanError
	var d *dialog.CustomDialog
	if !errors.As(err, &pe) {
		text := &widget.Label{Text: sentence(errorText(err)), Wrapping: fyne.TextWrapWord, Selectable: true}
		d = newCloseDialog(title, text, s.win)
		d.Resize(fyne.NewSize(min(520, s.win.Canvas().Size().Width-40), 0))
	} else {
		text := &widget.Label{Text: problemsText(pe), Wrapping: fyne.TextWrapWord, Selectable: true}
		box := container.NewVScroll(text)
		box.SetMinSize(fyne.NewSize(560, 220))
		d = newCloseDialog(title, box, s.win)
		d.Resize(fyne.NewSize(680, 380))
	}
	s.keyed(d, d.Hide, d.Hide)
	if then != nil {
		d.SetOnClosed(then)
	}
	d.Show()
}

// newCloseDialog is a dialog showing content under title with one button,
// Close, of the app's own: it shows a ring while it has the focus, and
// Escape passes from it to the dialog's keys (Fyne's own button showed
// its focus at 1.2:1 and kept Escape and Return to itself).
func newCloseDialog(title string, content fyne.CanvasObject, win fyne.Window) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{ringed(&ringButton{Button: widget.Button{Text: tr("Close"), OnTapped: d.Hide}})})
	return d
}

// confirm asks a question with Yes and No; Return says yes, Escape no.
func (s *Shell) confirm(title, text string, answer func(bool)) {
	s.ask(title, tr("Yes"), tr("No"), promptText(text), answer)
}

// ask shows content under a title with a button that answers no and one
// that answers yes, which shows a ring when it has the keyboard's focus
// (Fyne's own dialogs show their focused blue button blue on blue).
// Return says yes, Escape no.
func (s *Shell) ask(title, yes, no string, content fyne.CanvasObject, answer func(bool)) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, content, s.win)
	reply := func(ok bool) {
		d.Hide()
		if answer != nil {
			answer(ok)
		}
	}
	d.SetButtons([]fyne.CanvasObject{
		ringed(&ringButton{Button: widget.Button{Text: no, Icon: theme.CancelIcon(), OnTapped: func() { reply(false) }}}),
		primaryButton(yes, theme.ConfirmIcon(), func() { reply(true) }),
	})
	s.keyed(d, func() { reply(true) }, func() { reply(false) })
	if _, ok := content.(*widget.Form); !ok {
		d.Resize(fyne.NewSize(min(520, s.win.Canvas().Size().Width-40), 0))
	}
	d.Show()
	return d
}

// askForm shows the fields of a form with a button that cancels and one
// that confirms, as ask does.
func (s *Shell) askForm(title, yes, no string, items []*widget.FormItem, answer func(bool)) dialog.Dialog {
	return s.ask(title, yes, no, widget.NewForm(items...), answer)
}

// promptText is a question's text as a dialog shows it: centred, and
// wrapped to the dialog's width.
func promptText(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
}

// showInfo tells the user something went as asked.
func (s *Shell) showInfo(title, text string) { dialog.ShowInformation(title, text, s.win) }

// sentence starts a message with a capital letter, as a dialog's text.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
