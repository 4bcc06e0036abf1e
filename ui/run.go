package ui

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/datadir"
	"runsheet/workshop/store"
)

// Start says how the app opens: straight into a new session of Plan for
// Group when Plan is set, else on the library (or the interrupted session).
type Start struct {
	Plan  *workshop.Plan
	Group string
	// Version names the app's version in the About dialog.
	Version string
	// Stderr is told why a session could not start.
	Stderr io.Writer
	// Quit carries SIGINT and SIGTERM, listened for from before the data
	// folder opens, so that one sent meanwhile closes the app cleanly too.
	Quit <-chan os.Signal
}

// Run shows the app's window on an opened data folder until it closes,
// and returns the exit code: 1 when the store never opened. Every start —
// a fresh or a damaged store, a resumed session, run PLAN — goes through
// the same steps.
func Run(a fyne.App, desk *control.Desk, start Start) int {
	var screens quitting
	quitOnSignal(a, start.Quit, &screens)
	if dir, err := os.UserCacheDir(); err == nil {
		if err := useBundledFonts(dir); err != nil {
			fyne.LogError("The app's fonts are not offered to the windows", err)
		}
	}
	w := a.NewWindow("Runsheet")
	w.Resize(fyne.NewSize(1280, 760))
	w.SetMaster()
	stopRaise := datadir.ListenForRaise(desk.Dir, func() {
		fyne.Do(func() {
			w.Show()
			w.RequestFocus()
		})
	})
	defer stopRaise()
	open := func(st *store.Store) {
		desk.UseStore(st)
		shell := Create(a, w, start.options(desk))
		w.SetOnClosed(shell.Stop)
		defer screens.opened(shell)
		if start.Plan != nil {
			if err := shell.StartSession(start.Plan, start.Group); err != nil {
				fmt.Fprintln(start.Stderr, err)
				shell.ShowStartError(err)
			}
		}
	}
	if desk.StoreErr != nil {
		fmt.Fprintln(start.Stderr, desk.StoreErr)
		SpeakPreferred(desk.Dir)
		showStoreProblem(a, w, desk.StoreErr, freshStore(open))
	} else {
		open(desk.Store)
	}
	w.ShowAndRun()
	screens.stop()
	if desk.Store == nil {
		return 1
	}
	return 0
}

// freshStore goes on with a fresh session store in place of one that
// could not be opened: the store problem screen's way to start afresh.
type freshStore func(*store.Store)

func (f freshStore) moveAside(path string) (string, error) { return store.MoveAside(path, time.Now()) }

func (f freshStore) startFresh(path string) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	f(st)
	return nil
}

// options are the screens' options for this start on desk: a start
// straight into a new session leaves an interrupted one in the library,
// its room down, so that only the new room's address is announced.
func (start Start) options(desk *control.Desk) Options {
	return Options{DataDir: desk.Dir, Store: desk.Store, Runner: desk.Runner, Version: start.Version,
		NoResume: start.Plan != nil}
}

// quitting stops the screens' timers when the app is told to quit,
// whichever comes first: the signal, or the screens.
type quitting struct {
	shell     atomic.Pointer[Shell]
	requested atomic.Bool
}

// opened takes in the screens, once a store is open and any session the
// start asked for has started; asked to quit already, it stops them.
func (q *quitting) opened(s *Shell) {
	q.shell.Store(s)
	if q.requested.Load() {
		s.Stop()
	}
}

// request says the app is quitting and stops the screens, if any yet.
func (q *quitting) request() {
	q.requested.Store(true)
	q.stop()
}

func (q *quitting) stop() {
	if s := q.shell.Load(); s != nil {
		s.Stop()
	}
}

// quitOnSignal closes the app once, cleanly, on a signal from quit, at any
// moment: the screens' timers are stopped at once, so that none fires into
// a window that is gone — Fyne's own handler may end the loop first, and a
// function handed to fyne.Do after that runs on the caller's goroutine —
// and the driver's loop is ended as Fyne's own handler does; a signal that
// came before the loop runs ends it as soon as it starts. No window is
// closed from here: once Fyne's handler has ended the loop, a window
// closed from here would call into a graphics library already shut down.
func quitOnSignal(a fyne.App, quit <-chan os.Signal, screens *quitting) {
	go func() {
		<-quit
		screens.request()
		fyne.Do(a.Driver().Quit)
	}()
}
