package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// The screens reach the rest of the app through small interfaces, each
// what one screen needs, rather than through the whole Shell: what a
// screen can do to the app is then read from its type. *Shell implements
// them all.

// alerts tells the user what could not be done, or asks yes or no.
type alerts interface {
	showError(title string, err error)
	showErrorThen(title string, err error, then func())
	confirm(title, text string, answer func(bool))
	ask(title, yes, no string, content fyne.CanvasObject, answer func(bool)) dialog.Dialog
	askForm(title, yes, no string, items []*widget.FormItem, answer func(bool)) dialog.Dialog
}

// keyedDialogs lets Return and Escape answer a screen's dialogs, and says
// whether a dialog holds the keys.
type keyedDialogs interface {
	keyed(d dialog.Dialog, confirm, cancel func()) *dialogKeys
	openDialog() *dialogKeys
}

// libraryNav goes back to the library.
type libraryNav interface{ showLibrary() }

// exports saves a session's summary, CSV and JSON.
type exports interface {
	exportDialog(load func() (*workshop.Session, error))
}

// windowMaker opens a window of its own, such as the projector's, and
// gives the keyboard back to the main window.
type windowMaker interface {
	newWindow(title string) fyne.Window
	// window is the main window, where the console and its dialogs are.
	window() fyne.Window
}

// projectorHost is what the projector needs of the app: its window,
// whether the room reads in high contrast, whether the timer may flash,
// and whether keys without Ctrl act.
type projectorHost interface {
	windowMaker
	highContrast() bool
	noFlashing() bool
	singleKeys() bool
}

// consoleHost is what the console needs of the app while a session runs.
type consoleHost interface {
	alerts
	keyedDialogs
	libraryNav
	exports
	projectorHost
	storedSession(id string) func() (*workshop.Session, error)
	revealBeforeNext() bool
	// showKeys lists the keys.
	showKeys()
	// phoneAddr is where phone voting listens when switched on.
	phoneAddr() string
}

// resultsHost is what a finished session's results need of the app.
type resultsHost interface {
	libraryNav
	exports
	showCorrections(sess *workshop.Session) *corrections
}

// correctionsHost is what correcting a finished session needs of the app.
type correctionsHost interface {
	alerts
	showResults(sess *workshop.Session)
	sessions() Sessions
	now() time.Time
}

// sessionsHost is what the list of recorded sessions needs of the app.
type sessionsHost interface {
	alerts
	exports
	window() fyne.Window
	sessions() Sessions
	now() time.Time
	dataDir() string
	OpenSession(id string) error
	showCompare(sessions []*workshop.Session)
}

// libraryHost is what the library needs of the app: besides its sessions,
// the plans to edit, print and start.
type libraryHost interface {
	sessionsHost
	showInfo(title, text string)
	showPreferences()
	showAbout() *about
	// openAbout is the About dialog while it is open, or nil.
	openAbout() *about
	showEditor(plan *workshop.Plan, path string, dirty bool) *editor
	printPlan(plan *workshop.Plan, guide bool)
	StartSessionIn(plan *workshop.Plan, group string, room RoomLanguage) error
}

// editorHost is what the plan editor needs of the app: where the plans
// folder is, a window for its dialogs, and the way back to the library.
type editorHost interface {
	libraryNav
	alerts
	window() fyne.Window
	dataDir() string
}

// storeRepair is what the screen shown when the session store cannot be
// opened needs: to move the file aside, keeping it, and to start afresh.
type storeRepair interface {
	// moveAside renames the store file at path, returning its new path.
	moveAside(path string) (aside string, err error)
	// startFresh opens a new, empty store at path and goes on with it.
	startFresh(path string) error
}

var (
	_ libraryHost     = (*Shell)(nil)
	_ consoleHost     = (*Shell)(nil)
	_ resultsHost     = (*Shell)(nil)
	_ correctionsHost = (*Shell)(nil)
	_ libraryNav      = (*Shell)(nil)
	_ editorHost      = (*Shell)(nil)
	_ storeRepair     = freshStore(nil)
)

// The Shell's side of the small interfaces.

func (s *Shell) window() fyne.Window                { return s.win }
func (s *Shell) newWindow(title string) fyne.Window { return s.app.NewWindow(title) }
func (s *Shell) phoneAddr() string                  { return s.opts.Phones }
func (s *Shell) sessions() Sessions                 { return s.opts.Store }
func (s *Shell) dataDir() string                    { return s.opts.DataDir }
func (s *Shell) now() time.Time                     { return s.opts.Clock.Now() }
