package ui

import (
	"fyne.io/fyne/v2/data/binding"

	"runsheet/workshop"
)

// sessionModel binds a running session to the screens that show it. Every
// change goes through record, so the screens never hold state the session
// does not have; they listen to version and redraw from the session.
type sessionModel struct {
	sess  *workshop.Session
	clock workshop.Clock
	// version counts recorded events; listeners redraw when it changes.
	version binding.Int
}

func newSessionModel(sess *workshop.Session, clock workshop.Clock) *sessionModel {
	return &sessionModel{sess: sess, clock: clock, version: binding.NewInt()}
}

// state is the session's current state.
func (m *sessionModel) state() *workshop.State { return m.sess.State }

// record stamps an event with the time, applies it and tells listeners.
func (m *sessionModel) record(e workshop.Event) error {
	e.At = m.clock.Now()
	if err := m.sess.Record(e); err != nil {
		return err
	}
	v, _ := m.version.Get()
	return m.version.Set(v + 1)
}

// toggle starts the workshop, pauses or resumes the current exercise.
func (m *sessionModel) toggle() error {
	st := m.state()
	switch {
	case st.Started.IsZero():
		return m.record(workshop.Event{Kind: workshop.EventStarted})
	case st.Running():
		return m.record(workshop.Event{Kind: workshop.EventPaused})
	default:
		return m.record(workshop.Event{Kind: workshop.EventResumed})
	}
}

// moveBy moves to the exercise delta steps away, if there is one.
func (m *sessionModel) moveBy(delta int) error {
	to := m.state().Current + delta
	if to < 0 || to >= len(m.sess.Plan.Exercises) {
		return nil
	}
	return m.record(workshop.Event{Kind: workshop.EventMoved, Exercise: to})
}
