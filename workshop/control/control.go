// Package control runs a session outside any window. A Controller owns
// what a running workshop needs besides its screens: the recorder that
// makes every event durable, the phone server, the clock and the
// scheduler, the countdown's ticks, and the notices that tell the screens
// something changed. The console and the projector each subscribe once;
// a command-line tool or a test drives a whole workshop with no window.
package control

import (
	"sync"
	"sync/atomic"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/live"
)

// Options configure a Controller.
type Options struct {
	// Clock tells the time; nil means the system clock.
	Clock workshop.Clock
	// Scheduler runs delayed work (the ticks, coalesced notices); nil
	// means the system's timers.
	Scheduler workshop.Scheduler
	// PhoneResults, when set, says whether phones see revealed results;
	// it is asked each time, so that a preference changed mid-session holds.
	PhoneResults func() bool
	// Announce, if set, is told the join address (with its room code)
	// each time phone voting starts, including after a resume.
	Announce func(url string)
}

// Controller runs one recorded session. It is safe for concurrent use:
// phones vote from the server's goroutines while the facilitator acts
// from the screens'.
type Controller struct {
	rec   *workshop.Recorder
	clock workshop.Clock
	sched workshop.Scheduler
	opts  Options

	// acting counts the facilitator's recordings under way (Record): a
	// change made meanwhile is told at once; one that only phones made,
	// at the phones' slower pace.
	acting atomic.Int32

	mu          sync.Mutex
	subs        []*subscription
	timerSig    timerSignature
	tickFailing bool
	stopTick    func()
	tickDue     time.Time // when stopTick's tick runs; zero when none is due
	closed      bool
	detach      func()

	phoneMu      sync.Mutex // guards the phone server, which starts and stops from any goroutine
	phones       *live.Server
	phonesAsked  string // the address phone voting was last asked to listen on
	detachPhones func() // stops the server hearing of the session's changes
}

// New runs sess, already stored in journal, recording every event there.
func New(sess *workshop.Session, journal workshop.Journal, opts Options) *Controller {
	if opts.Clock == nil {
		opts.Clock = workshop.SystemClock{}
	}
	if opts.Scheduler == nil {
		opts.Scheduler = workshop.SystemScheduler{}
	}
	c := &Controller{rec: workshop.NewRecorder(sess, journal), clock: opts.Clock, sched: opts.Scheduler, opts: opts}
	c.detach = c.rec.OnChange(c.changed)
	c.scheduleTick()
	return c
}

// ID is the session's id.
func (c *Controller) ID() string { return c.rec.ID() }

// Recorder is the session's recorder, for the phone server and for
// screens that show the session as a whole.
func (c *Controller) Recorder() *workshop.Recorder { return c.rec }

// Clock is the clock the session is timed by.
func (c *Controller) Clock() workshop.Clock { return c.clock }

// Scheduler runs the session's delayed work.
func (c *Controller) Scheduler() workshop.Scheduler { return c.sched }

// Record stamps an event with the time and records it; it returns once
// the event is durable, or why it was refused.
func (c *Controller) Record(e workshop.Event) error {
	e.At = c.clock.Now()
	c.acting.Add(1)
	defer c.acting.Add(-1)
	return c.rec.Record(e)
}

// RecordAll records a step's events in order, stopping at the first refusal.
func (c *Controller) RecordAll(events []workshop.Event) error {
	for _, e := range events {
		if err := c.Record(e); err != nil {
			return err
		}
	}
	return nil
}

// View calls f with the session's state while no event can change it.
// f must not keep the state or record.
func (c *Controller) View(f func(s *workshop.State)) {
	c.rec.View(func(sess *workshop.Session) { f(sess.State) })
}

// ViewSession is View with the whole session: its id, group and origin.
func (c *Controller) ViewSession(f func(s *workshop.Session)) { c.rec.View(f) }

// Toggle starts the workshop, or pauses or resumes the current exercise.
func (c *Controller) Toggle() error {
	var started, running bool
	var step []workshop.Event
	c.View(func(s *workshop.State) {
		started, running = !s.Started.IsZero(), s.Running()
		if !started {
			step = s.Next(false)
		}
	})
	switch {
	case !started:
		return c.RecordAll(step)
	case running:
		return c.Record(workshop.Event{Kind: workshop.EventPaused})
	default:
		return c.Record(workshop.Event{Kind: workshop.EventResumed})
	}
}

// Next takes one step forward through the workshop (revealing the open
// item first when reveal is set) and reports whether there was one: at
// the very end there is none, and finishing is the caller's choice.
func (c *Controller) Next(reveal bool) (moved bool, err error) {
	var step []workshop.Event
	c.View(func(s *workshop.State) { step = s.Next(reveal) })
	if len(step) == 0 {
		return false, nil
	}
	return true, c.RecordAll(step)
}

// Previous takes one step back through the workshop.
func (c *Controller) Previous() error {
	var step []workshop.Event
	c.View(func(s *workshop.State) { step = s.Previous() })
	return c.RecordAll(step)
}

// Finish ends the session. Phone voting ends with it: the phones are
// told, and thanked, before the server stops.
func (c *Controller) Finish() error {
	if err := c.Record(workshop.Event{Kind: workshop.EventFinished}); err != nil {
		return err
	}
	c.FinishPhones()
	return nil
}

// Close stops the ticks and the phone server and detaches the
// controller from the session; the session stays stored as it is.
// Safe from any goroutine, more than once.
func (c *Controller) Close() {
	c.StopPhones(false)
	c.mu.Lock()
	c.closed = true
	if c.stopTick != nil {
		c.stopTick()
		c.stopTick = nil
	}
	if c.detach != nil {
		c.detach()
		c.detach = nil
	}
	subs := c.subs
	c.subs = nil
	c.mu.Unlock()
	for _, s := range subs {
		s.stop()
	}
}

// changed follows every recorded event, on the recording goroutine. A
// burst of phone votes reaches each subscriber once (each redraws from the
// latest state anyway): with the next tick while the timer runs, else at
// most PhoneNoticesPerSecond times a second. The next tick is worked out
// again only when the timer changed: a start, pause, move or minute.
func (c *Controller) changed() {
	c.notify(Notice{Changed: true, phones: c.acting.Load() == 0}, false)
	var sig timerSignature
	c.View(func(s *workshop.State) { sig = signatureOf(s) })
	c.mu.Lock()
	same := sig == c.timerSig
	c.timerSig = sig
	c.mu.Unlock()
	if !same {
		c.scheduleTick()
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
	k := s.Clock()
	return timerSignature{current: s.Current, since: k.Since, total: k.Total(), spent: k.Spent,
		started: !s.Started.IsZero(), ended: s.IsFinished()}
}

// scheduleTick arranges a tick for the moment the timer's display next
// changes. Nothing ticks while the timer is paused.
func (c *Controller) scheduleTick() {
	var wait time.Duration
	var ok bool
	now := c.clock.Now()
	c.View(func(s *workshop.State) { wait, ok = s.NextTick(now) })
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopTick != nil {
		c.stopTick()
		c.stopTick = nil
	}
	c.tickDue = time.Time{}
	if c.closed || !ok {
		return
	}
	// A little past the change, so that the redraw shows the new second.
	c.tickDue = now.Add(wait + 5*time.Millisecond)
	c.stopTick = c.sched.After(wait+5*time.Millisecond, c.tick)
}

// nextTick is when the timer next ticks, or zero while none is due.
func (c *Controller) nextTick() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tickDue
}

// tick closes voting at zero where the exercise asks for it, tells the
// subscribers, and schedules the next tick whatever happened: a failed
// save is reported but never stops the countdown.
func (c *Controller) tick() {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return
	}
	var due workshop.Event
	var ok bool
	now := c.clock.Now()
	c.View(func(s *workshop.State) { due, ok = s.CloseDue(now) })
	n := Notice{Ticked: true}
	if ok {
		// A close that cannot be saved is tried again on the next tick, but
		// reported only once until it succeeds.
		err := c.Record(due)
		c.mu.Lock()
		if err != nil && !c.tickFailing {
			n.TickError = err
		}
		c.tickFailing = err != nil
		c.mu.Unlock()
	}
	c.notify(n, true)
	c.scheduleTick()
}
