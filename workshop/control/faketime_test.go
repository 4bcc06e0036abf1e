package control

import (
	"sort"
	"sync"
	"time"
)

// fakeTime is the clock and the scheduler of a test: time moves only when
// the test advances it, and delayed work runs then, in time order, on the
// test's goroutine — the real ticking, redraw and save code, made
// deterministic. It is safe to schedule from any goroutine.
type fakeTime struct {
	mu     sync.Mutex
	now    time.Time
	seq    int
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	seq     int
	f       func()
	stopped bool
}

func newFakeTime(t time.Time) *fakeTime { return &fakeTime{now: t} }

// Now returns the fake time.
func (c *fakeTime) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After runs f once the test has advanced the time by d.
func (c *fakeTime) After(d time.Duration, f func()) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &fakeTimer{at: c.now.Add(d), seq: c.seq, f: f}
	c.timers = append(c.timers, t)
	return func() {
		c.mu.Lock()
		t.stopped = true
		c.mu.Unlock()
	}
}

// Advance moves the time on by d, running every delayed call that falls
// due on the way, at its own time.
func (c *fakeTime) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		sort.Slice(c.timers, func(i, j int) bool {
			if !c.timers[i].at.Equal(c.timers[j].at) {
				return c.timers[i].at.Before(c.timers[j].at)
			}
			return c.timers[i].seq < c.timers[j].seq
		})
		var next *fakeTimer
		for len(c.timers) > 0 {
			t := c.timers[0]
			if t.stopped {
				c.timers = c.timers[1:]
				continue
			}
			if !t.at.After(end) {
				next = t
				c.timers = c.timers[1:]
			}
			break
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		if next.at.After(c.now) {
			c.now = next.at
		}
		c.mu.Unlock()
		next.f()
	}
}
