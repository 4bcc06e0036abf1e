package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/words"
)

// sessionModel is the screens' side of a running session: the
// controller that records, ticks and serves the phones, and the shortcuts
// the screens use to read and change it. The screens hold no state of
// their own, they redraw from snapshots; the console and the projector
// each subscribe once to the controller's notices.
type sessionModel struct {
	ctl   *control.Controller
	rec   *workshop.Recorder
	clock workshop.Clock
	sched workshop.Scheduler
}

func newSessionModel(ctl *control.Controller) *sessionModel {
	return &sessionModel{ctl: ctl, rec: ctl.Recorder(), clock: ctl.Clock(), sched: ctl.Scheduler()}
}

// subscribe tells f, on the UI goroutine, of the session's changes and
// ticks, coalesced to at most control.MaxNoticesPerSecond redraws.
func (m *sessionModel) subscribe(f func(control.Notice)) (cancel func()) {
	return m.ctl.Subscribe(fyne.Do, f)
}

// close stops the ticks and the phones and detaches from the session.
func (m *sessionModel) close() { m.ctl.Close() }

// record stamps an event with the time and records it.
func (m *sessionModel) record(e workshop.Event) error { return m.ctl.Record(e) }

// recordAll records a step's events in order, stopping at the first refusal.
func (m *sessionModel) recordAll(events []workshop.Event) error { return m.ctl.RecordAll(events) }

// view calls f with the session's state while no event can change it.
func (m *sessionModel) view(f func(s *workshop.State)) { m.ctl.View(f) }

// toggle starts the workshop, pauses or resumes the current exercise.
func (m *sessionModel) toggle() error { return m.ctl.Toggle() }

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
	case v.Phase == workshop.PhaseWarning:
		// The last minutes say so in words too, not in colour and a frame
		// alone: high contrast's yellow is no warmer than its black.
		return w.Say("room.nearly_up")
	}
	return ""
}

// showTimer draws a timer view on a timer widget: the projector's in the
// room's words, the console's (console set) in English.
func showTimer(t *Timer, v workshop.TimerView, w *words.Words, console bool) {
	t.Set(v.Text, timerCaption(v, w, console), v.Phase)
	t.SetInverted(v.Inverted)
}
