// Package ui is Runsheet's Fyne interface: one struct per screen, all of
// them clients of the workshop domain.
package ui

import (
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// Options configure the app's screens.
type Options struct {
	// DataDir is the data folder; plans are read from DataDir/plans.
	DataDir string
	// Clock tells the time; nil means the system clock.
	Clock workshop.Clock
	// Manual turns off the timers that redraw the countdown and save notes
	// in the background, for tests that drive the screens step by step.
	Manual bool
}

// Shell owns the main window and switches between its screens.
type Shell struct {
	app     fyne.App
	win     fyne.Window
	opts    Options
	library *library

	mu      sync.Mutex // guards console for Stop, which may run off the UI goroutine
	console *console
}

// Create builds the app's screens into w and shows the library.
func Create(a fyne.App, w fyne.Window, opts Options) *Shell {
	if opts.Clock == nil {
		opts.Clock = workshop.SystemClock{}
	}
	s := &Shell{app: a, win: w, opts: opts}
	s.library = newLibrary(s)
	s.showLibrary()
	return s
}

// StartSession opens the console on a new session of plan for group.
func (s *Shell) StartSession(plan *workshop.Plan, group string) error {
	sess, err := workshop.NewSession(plan, group, "", s.opts.Clock.Now())
	if err != nil {
		return err
	}
	if s.console != nil {
		s.console.close()
	}
	s.setConsole(newConsole(s, newSessionModel(sess, s.opts.Clock)))
	s.win.SetContent(s.console.content)
	s.console.bindKeys()
	return nil
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

func (s *Shell) setConsole(c *console) {
	s.mu.Lock()
	s.console = c
	s.mu.Unlock()
}

func (s *Shell) showLibrary() {
	if s.console != nil {
		s.console.close()
		s.setConsole(nil)
	}
	c := s.win.Canvas()
	c.SetOnTypedKey(nil)
	c.SetOnTypedRune(nil)
	s.library.reload()
	s.win.SetContent(s.library.content)
}

// showError logs an error and shows it in a dialog. Plan errors list every
// problem, one per line, in a scrolling box.
func (s *Shell) showError(title string, err error) {
	fyne.LogError(title, err)
	var pe *workshop.PlanError
	if !errors.As(err, &pe) {
		dialog.ShowError(err, s.win)
		return
	}
	text := &widget.Label{Text: err.Error(), Wrapping: fyne.TextWrapWord, Selectable: true}
	box := container.NewVScroll(text)
	box.SetMinSize(fyne.NewSize(560, 220))
	d := dialog.NewCustom(title, "Close", box, s.win)
	d.Resize(fyne.NewSize(680, 380))
	d.Show()
}

// clockText formats a time of day as the agenda shows it.
func clockText(t time.Time) string { return t.Format("15:04") }
