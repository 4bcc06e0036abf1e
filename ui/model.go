package ui

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/data/binding"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// sessionModel binds a recorded session to the screens that show it. Every
// change goes through record, which returns once the event is durable; the
// screens hold no state of their own, they redraw from snapshots. changes
// moves after every event, from whichever goroutine recorded it; ticks
// moves whenever the running timer's display changes. The console and the
// projector each listen to both.
type sessionModel struct {
	rec     *workshop.Recorder
	clock   workshop.Clock
	sched   workshop.Scheduler
	changes binding.Int
	ticks   binding.Int
	nChange atomic.Int64
	nTick   atomic.Int64
	// notifying is set while a notice of changes is on its way.
	notifying atomic.Bool

	// onTickError is told, on the UI goroutine, of an event the ticking
	// timer could not save (closing voting at zero); the timer ticks on.
	onTickError func(error)

	mu          sync.Mutex
	timerSig    timerSignature
	tickFailing bool
	stopTick    func()
	closed      bool
	detach      func()
}

func newSessionModel(rec *workshop.Recorder, clock workshop.Clock, sched workshop.Scheduler) *sessionModel {
	m := &sessionModel{rec: rec, clock: clock, sched: sched, changes: binding.NewInt(), ticks: binding.NewInt()}
	m.detach = rec.OnChange(m.changed)
	m.scheduleTick()
	return m
}

// changed follows every recorded event, on the recording goroutine, and
// touches no widget. A burst of phone votes is told to the screens once
// (each redraws from the latest state anyway), and the next tick is worked
// out again only when the timer changed: a start, pause, move or minute.
func (m *sessionModel) changed() {
	if m.notifying.CompareAndSwap(false, true) {
		m.sched.After(0, func() {
			m.notifying.Store(false)
			m.changes.Set(int(m.nChange.Add(1)))
		})
	}
	var sig timerSignature
	m.view(func(s *workshop.State) { sig = signatureOf(s) })
	m.mu.Lock()
	same := sig == m.timerSig
	m.timerSig = sig
	m.mu.Unlock()
	if !same {
		m.scheduleTick()
	}
}

// timerSignature is what decides when the timer's display changes.
type timerSignature struct {
	current        int
	since          time.Time
	total, spent   time.Duration
	started, ended bool
}

func signatureOf(s *workshop.State) timerSignature {
	c := s.Clock()
	return timerSignature{current: s.Current, since: c.Since, total: c.Total(), spent: c.Spent,
		started: !s.Started.IsZero(), ended: s.IsFinished()}
}

// scheduleTick arranges a tick for the moment the timer's display next
// changes. Nothing ticks while the timer is paused.
func (m *sessionModel) scheduleTick() {
	var wait time.Duration
	var ok bool
	now := m.clock.Now()
	m.rec.View(func(s *workshop.Session) { wait, ok = s.State.NextTick(now) })
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopTick != nil {
		m.stopTick()
		m.stopTick = nil
	}
	if m.closed || !ok {
		return
	}
	// A little past the change, so that the redraw shows the new second.
	m.stopTick = m.sched.After(wait+5*time.Millisecond, m.tick)
}

// tick closes voting at zero where the exercise asks for it, tells the
// screens, and schedules the next tick whatever happened: a failed save
// is reported but never stops the countdown.
func (m *sessionModel) tick() {
	m.mu.Lock()
	closed := m.closed
	m.mu.Unlock()
	if closed {
		return
	}
	var due workshop.Event
	var ok bool
	now := m.clock.Now()
	m.rec.View(func(s *workshop.Session) { due, ok = s.State.CloseDue(now) })
	if ok {
		// A close that cannot be saved is tried again on the next tick, but
		// reported only once until it succeeds.
		err := m.record(due)
		m.mu.Lock()
		report := err != nil && !m.tickFailing
		m.tickFailing = err != nil
		m.mu.Unlock()
		if report && m.onTickError != nil {
			fyne.Do(func() { m.onTickError(err) })
		}
	}
	m.ticks.Set(int(m.nTick.Add(1)))
	m.scheduleTick()
}

// close stops the ticks and detaches the model from the session.
func (m *sessionModel) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	if m.stopTick != nil {
		m.stopTick()
		m.stopTick = nil
	}
	if m.detach != nil {
		m.detach()
		m.detach = nil
	}
}

// record stamps an event with the time and records it.
func (m *sessionModel) record(e workshop.Event) error {
	e.At = m.clock.Now()
	return m.rec.Record(e)
}

// recordAll records a step's events in order, stopping at the first refusal.
func (m *sessionModel) recordAll(events []workshop.Event) error {
	for _, e := range events {
		if err := m.record(e); err != nil {
			return err
		}
	}
	return nil
}

// view calls f with the session's state while no event can change it.
func (m *sessionModel) view(f func(s *workshop.State)) {
	m.rec.View(func(sess *workshop.Session) { f(sess.State) })
}

// toggle starts the workshop, pauses or resumes the current exercise.
func (m *sessionModel) toggle() error {
	var started, running bool
	m.view(func(s *workshop.State) { started, running = !s.Started.IsZero(), s.Running() })
	switch {
	case !started:
		var step []workshop.Event
		m.view(func(s *workshop.State) { step = s.Next(false) })
		return m.recordAll(step)
	case running:
		return m.record(workshop.Event{Kind: workshop.EventPaused})
	default:
		return m.record(workshop.Event{Kind: workshop.EventResumed})
	}
}

// snapshot copies what the screens show, at the current time.
func (m *sessionModel) snapshot() *snapshot {
	var s *snapshot
	now := m.clock.Now()
	m.rec.View(func(sess *workshop.Session) { s = takeSnapshot(sess, now) })
	return s
}

// snapshot is a consistent copy of a session's state at one instant, taken
// under the recorder's lock and then read freely on the UI goroutine. The
// agenda is shared: an insert replaces the state's agenda rather than
// changing it.
type snapshot struct {
	now      time.Time
	id       string
	plan     *workshop.Plan
	group    string
	current  int
	started  time.Time
	finished time.Time
	running  bool
	timer    workshop.TimerView
	room     workshop.RoomView
	atEnd    bool
	canUndo  bool
	note     string
	agenda   []workshop.AgendaRow
	drift    time.Duration
	timeLeft time.Duration
	ends     time.Time
	// votes holds the current exercise's votes; nil when it takes none.
	votes *voteSnapshot
	// answers holds the current exercise's open answers; nil when it
	// takes none.
	answers *workshop.ExerciseAnswers
	// cuts and short are the drift coach's suggestion.
	cuts  []workshop.Cut
	short time.Duration
}

type voteSnapshot struct {
	exercise  int
	active    int
	headcount int
	points    bool // a grid shows every rating
	results   []workshop.Result
}

func takeSnapshot(sess *workshop.Session, now time.Time) *snapshot {
	st := sess.State
	s := &snapshot{
		now: now, id: sess.ID, plan: st.Plan, group: sess.Group,
		current: st.Current, started: st.Started, finished: st.Finished,
		running: st.Running(), timer: st.Timer(now), room: st.Room(), atEnd: st.AtEnd(), canUndo: st.CanUndo(),
		note:   st.Notes[st.Current],
		agenda: st.Agenda(now), drift: st.Drift(now), timeLeft: st.TimeLeft(now), ends: st.ProjectedEnd(now),
	}
	if !st.Started.IsZero() {
		s.cuts, s.short = st.Coach(now)
	}
	if st.Plan.Exercises[st.Current].TakesVotes() {
		s.votes = snapshotVotes(st, st.Current)
	}
	if st.Plan.Exercises[st.Current].TakesAnswers() {
		a := st.Answers[st.Current]
		a.List = slices.Clone(a.List)
		s.answers = &a
	}
	return s
}

func snapshotVotes(st *workshop.State, ex int) *voteSnapshot {
	ev := &st.Votes[ex]
	v := &voteSnapshot{exercise: ex, active: ev.Active, headcount: ev.Headcount, points: ev.Points, results: make([]workshop.Result, len(ev.Items))}
	for i := range ev.Items {
		v.results[i] = st.Result(ex, i)
	}
	return v
}

// isFinished reports whether the session has ended.
func (s *snapshot) isFinished() bool { return !s.finished.IsZero() }

// timerCaption is the line under the timer, in w's words: the console's
// also says how to start; the room's never gives instructions.
func timerCaption(v workshop.TimerView, w *words.Words, console bool) string {
	switch {
	case v.Finished:
		return w.Say("room.finished")
	case !v.Started:
		if console {
			return tr("Press Space or PageDown to start")
		}
		return ""
	case !v.Running:
		return w.Say("room.paused")
	case v.Phase == workshop.PhaseOvertime:
		return w.Say("room.overtime")
	}
	return ""
}

// showTimer draws a timer view on a timer widget: the projector's in the
// room's words, the console's (console set) in English.
func showTimer(t *Timer, v workshop.TimerView, w *words.Words, console bool) {
	t.Set(v.Text, timerCaption(v, w, console), v.Phase)
	t.SetInverted(v.Inverted)
}

// throttle runs a function at most once per interval however often it is
// triggered, and always once after the last trigger, so that a burst of
// votes ends in one up-to-date redraw. Trigger is safe from any goroutine
// and never runs the function itself: the run is scheduled, then handed to
// do, which puts it on the UI goroutine.
type throttle struct {
	interval time.Duration
	run      func()
	do       func(func())
	clock    workshop.Clock
	sched    workshop.Scheduler

	mu      sync.Mutex
	last    time.Time
	pending bool
	stopped bool
	cancel  func()
}

// Trigger asks for a run.
func (t *throttle) Trigger() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending || t.stopped {
		return
	}
	wait := max(t.interval-t.clock.Now().Sub(t.last), 0)
	t.pending = true
	t.cancel = t.sched.After(wait, func() {
		t.mu.Lock()
		t.pending = false
		t.last = t.clock.Now()
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
	if t.cancel != nil {
		t.cancel()
	}
}
