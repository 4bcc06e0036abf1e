package control

import (
	"sync"
	"time"

	"runsheet/workshop"
)

// MaxNoticesPerSecond caps how often a subscriber is told of changes,
// however fast votes arrive: a redraw per notice is plenty for the eye.
const MaxNoticesPerSecond = 10

// PhoneNoticesPerSecond caps how often a subscriber is told of changes
// that only phones made (votes, answers): counts that move twice a second
// read as live, and each notice redraws a window in full, which under a
// room's votes cost more than recording them. A change of the
// facilitator's or a tick comes at the faster pace, and brings the
// phones' with it.
const PhoneNoticesPerSecond = 2

// Notice tells a subscriber what happened since it was last told. Notices
// are merged while one is on its way, so one may stand for many events.
type Notice struct {
	// Changed is set when events were recorded: redraw everything.
	Changed bool
	// Ticked is set when the running timer's display moved on.
	Ticked bool
	// TickError is an event the ticking timer could not save (closing
	// voting at zero); the timer ticks on, and it is said once.
	TickError error

	// phones is set while every change merged in came from phones alone.
	phones bool
}

func (n Notice) merge(m Notice) Notice {
	n.phones = n.onlyPhones() && m.onlyPhones()
	n.Changed = n.Changed || m.Changed
	n.Ticked = n.Ticked || m.Ticked
	if m.TickError != nil {
		n.TickError = m.TickError
	}
	return n
}

// onlyPhones says the notice holds nothing but phones' changes, or nothing.
func (n Notice) onlyPhones() bool {
	return !n.Ticked && n.TickError == nil && (!n.Changed || n.phones)
}

// Subscribe tells f of every change to the session and every tick of its
// timer, coalesced: at most MaxNoticesPerSecond times a second, and always
// once after the last change, so that a burst of votes ends in one
// up-to-date redraw. f runs through do, which puts it where it may touch
// what it draws (fyne.Do for a window; a test may pass func(f func()){ f() }).
// cancel stops the notices for good.
func (c *Controller) Subscribe(do func(func()), f func(Notice)) (cancel func()) {
	s := &subscription{do: do, f: f, clock: c.clock, sched: c.sched, nextTick: c.nextTick,
		interval: time.Second / MaxNoticesPerSecond, phoneInterval: time.Second / PhoneNoticesPerSecond}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return func() {}
	}
	c.subs = append(c.subs, s)
	c.mu.Unlock()
	return func() {
		s.stop()
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, t := range c.subs {
			if t == s {
				c.subs = append(c.subs[:i:i], c.subs[i+1:]...)
				break
			}
		}
	}
}

// notify hands a notice to every subscriber. onTimer says the caller runs
// on the scheduler already (a tick), so that a notice due at once goes
// straight to do; one from a recording goroutine (a phone's request)
// leaves it through the scheduler.
func (c *Controller) notify(n Notice, onTimer bool) {
	c.mu.Lock()
	subs := c.subs
	c.mu.Unlock()
	for _, s := range subs {
		s.notify(n, onTimer)
	}
}

// subscription coalesces the notices of one subscriber: while a notice is
// on its way, more merge into it; after one is delivered, the next waits
// out the interval.
type subscription struct {
	do       func(func())
	f        func(Notice)
	clock    workshop.Clock
	sched    workshop.Scheduler
	interval time.Duration
	// phoneInterval spaces notices of phones' changes alone.
	phoneInterval time.Duration
	// nextTick is when the timer next ticks, zero while it does not.
	nextTick func() time.Time

	mu      sync.Mutex
	pending Notice
	waiting bool      // a delivery is on its way
	due     time.Time // when it is due, while cancel can still stop it
	last    time.Time
	stopped bool
	cancel  func()
}

func (s *subscription) notify(n Notice, onTimer bool) {
	var tick time.Time
	if s.nextTick != nil && n.onlyPhones() {
		tick = s.nextTick()
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.pending = s.pending.merge(n)
	interval := s.interval
	now := s.clock.Now()
	if s.pending.onlyPhones() {
		interval = s.phoneInterval
		// While the timer runs, phones' changes wait for its next tick
		// and are drawn in the same redraw: a window redrawn for the
		// second and again for the votes cost twice the drawing.
		if !tick.IsZero() && tick.Sub(now) <= time.Second {
			s.mu.Unlock()
			return
		}
	}
	wait := interval - now.Sub(s.last)
	if s.waiting {
		// A change of the facilitator's or a tick, merged into phones'
		// changes waiting out their slower pace, brings them forward.
		if s.cancel == nil || !now.Add(max(wait, 0)).Before(s.due) {
			s.mu.Unlock()
			return
		}
		s.cancel()
		s.cancel = nil
	}
	s.waiting = true
	if wait <= 0 && onTimer {
		s.mu.Unlock()
		s.do(s.deliver)
		return
	}
	s.due = now.Add(max(wait, 0))
	s.cancel = s.sched.After(max(wait, 0), func() { s.do(s.deliver) })
	s.mu.Unlock()
}

// deliver runs where do put it: it takes every notice merged so far.
func (s *subscription) deliver() {
	s.mu.Lock()
	n := s.pending
	s.pending = Notice{}
	s.waiting = false
	s.cancel = nil
	s.last = s.clock.Now()
	stopped := s.stopped
	s.mu.Unlock()
	if !stopped && (n.Changed || n.Ticked || n.TickError != nil) {
		s.f(n)
	}
}

func (s *subscription) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}
