package ui

import (
	"fyne.io/fyne/v2"

	"runsheet/workshop"
)

// onNotesChanged saves notes once typing pauses, so that the session gets
// one event per thought rather than one per keystroke.
func (c *console) onNotesChanged(string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if c.cancelNote != nil {
		c.cancelNote()
	}
	c.cancelNote = c.model.sched.After(noteDelay, func() { c.later(c.flushNotes) })
}

// later runs fn on the UI goroutine unless the console has closed.
func (c *console) later(fn func()) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if !closed {
		fyne.Do(fn)
	}
}

// flushNotes records the notes box if it differs from the session.
func (c *console) flushNotes() {
	c.mu.Lock()
	if c.cancelNote != nil {
		c.cancelNote()
		c.cancelNote = nil
	}
	c.mu.Unlock()
	var saved string
	var finished bool
	c.model.view(func(s *workshop.State) {
		if c.shown >= 0 {
			saved = s.Notes[c.shown]
		}
		finished = s.IsFinished()
	})
	if c.shown < 0 || finished || c.notes.Text == saved {
		return
	}
	c.report(c.model.record(workshop.Event{Kind: workshop.EventNoteEdited, Exercise: c.shown, Text: c.notes.Text}))
}

// setNotesQuietly fills the notes box without treating it as typing.
func (c *console) setNotesQuietly(text string) {
	changed := c.notes.OnChanged
	c.notes.OnChanged = nil
	c.notes.SetText(text)
	c.notes.OnChanged = changed
}
