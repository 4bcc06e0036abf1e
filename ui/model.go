package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/data/binding"

	"runsheet/workshop"
)

// sessionModel binds a recorded session to the screens that show it. Every
// change goes through record, which returns once the event is durable; the
// screens hold no state of their own, they redraw from snapshots. version
// changes after every event, from whichever goroutine recorded it.
type sessionModel struct {
	rec     *workshop.Recorder
	clock   workshop.Clock
	version binding.Int
	count   atomic.Int64
}

func newSessionModel(rec *workshop.Recorder, clock workshop.Clock) *sessionModel {
	m := &sessionModel{rec: rec, clock: clock, version: binding.NewInt()}
	rec.OnChange(func() { m.version.Set(int(m.count.Add(1))) })
	return m
}

// record stamps an event with the time and records it.
func (m *sessionModel) record(e workshop.Event) error {
	e.At = m.clock.Now()
	return m.rec.Record(e)
}

// snapshot copies what the screens show, at the current time.
func (m *sessionModel) snapshot() *snapshot {
	var s *snapshot
	now := m.clock.Now()
	m.rec.View(func(sess *workshop.Session) { s = takeSnapshot(sess, now) })
	return s
}

// toggle starts the workshop, pauses or resumes the current exercise.
func (m *sessionModel) toggle() error {
	s := m.snapshot()
	switch {
	case s.started.IsZero():
		return m.record(workshop.Event{Kind: workshop.EventStarted})
	case s.running:
		return m.record(workshop.Event{Kind: workshop.EventPaused})
	default:
		return m.record(workshop.Event{Kind: workshop.EventResumed})
	}
}

// moveBy moves to the exercise delta steps away, if there is one.
func (m *sessionModel) moveBy(delta int) error {
	s := m.snapshot()
	to := s.current + delta
	if to < 0 || to >= len(s.plan.Exercises) {
		return nil
	}
	return m.record(workshop.Event{Kind: workshop.EventMoved, Exercise: to})
}

// snapshot is a consistent copy of a session's state at one instant, taken
// under the recorder's lock and then read freely on the UI goroutine. The
// plan is shared: a session's plan never changes.
type snapshot struct {
	now      time.Time
	id       string
	plan     *workshop.Plan
	group    string
	current  int
	started  time.Time
	finished time.Time
	running  bool
	clock    workshop.Countdown
	note     string
	agenda   []workshop.AgendaRow
	drift    time.Duration
	timeLeft time.Duration
	ends     time.Time
	// votes holds the current exercise's votes; nil when it takes none.
	votes *voteSnapshot
	// cuts and short are the drift coach's suggestion.
	cuts  []workshop.Cut
	short time.Duration
}

type voteSnapshot struct {
	exercise  int
	active    int
	headcount int
	results   []workshop.Result
}

func takeSnapshot(sess *workshop.Session, now time.Time) *snapshot {
	st := sess.State
	s := &snapshot{
		now: now, id: sess.ID, plan: sess.Plan, group: sess.Group,
		current: st.Current, started: st.Started, finished: st.Finished,
		running: st.Running(), clock: *st.Clock(), note: st.Notes[st.Current],
		agenda: st.Agenda(now), drift: st.Drift(now), timeLeft: st.TimeLeft(now), ends: st.ProjectedEnd(now),
	}
	if !st.Started.IsZero() {
		s.cuts, s.short = st.Coach(now)
	}
	if sess.Plan.Exercises[st.Current].TakesVotes() {
		s.votes = snapshotVotes(st, st.Current)
	}
	return s
}

func snapshotVotes(st *workshop.State, ex int) *voteSnapshot {
	ev := &st.Votes[ex]
	v := &voteSnapshot{exercise: ex, active: ev.Active, headcount: ev.Headcount, results: make([]workshop.Result, len(ev.Items))}
	for i := range ev.Items {
		v.results[i] = st.Result(ex, i)
	}
	return v
}

// finished reports whether the session has ended.
func (s *snapshot) isFinished() bool { return !s.finished.IsZero() }

// throttle runs a function at most once per interval however often it is
// triggered, and always once after the last trigger, so that a burst of
// votes ends in one up-to-date redraw. It is safe to trigger from any
// goroutine; run is handed to do, which puts it on the UI goroutine.
type throttle struct {
	interval time.Duration
	run      func()
	do       func(func())

	mu      sync.Mutex
	last    time.Time
	pending bool
	stopped bool
	timer   *time.Timer
}

// Trigger asks for a run.
func (t *throttle) Trigger() {
	t.mu.Lock()
	if t.pending || t.stopped {
		t.mu.Unlock()
		return
	}
	wait := t.interval - time.Since(t.last)
	if wait <= 0 {
		t.last = time.Now()
		t.mu.Unlock()
		t.do(t.run)
		return
	}
	defer t.mu.Unlock()
	t.pending = true
	t.timer = time.AfterFunc(wait, func() {
		t.mu.Lock()
		t.pending = false
		t.last = time.Now()
		stopped := t.stopped
		t.mu.Unlock()
		if !stopped {
			t.do(t.run)
		}
	})
}

// Stop cancels any pending run for good.
func (t *throttle) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	if t.timer != nil {
		t.timer.Stop()
	}
}
