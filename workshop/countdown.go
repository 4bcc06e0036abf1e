package workshop

import (
	"fmt"
	"time"
)

// Clock tells the time. The app uses SystemClock; tests use a fake one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Phase is the colour a countdown shows.
type Phase int

// The phases of a countdown, in the order they occur.
const (
	PhaseNormal   Phase = iota // more than a fifth of the time left
	PhaseWarning               // the last fifth: amber
	PhaseOvertime              // zero reached: red, counting up
)

func (p Phase) String() string {
	switch p {
	case PhaseWarning:
		return "warning"
	case PhaseOvertime:
		return "overtime"
	default:
		return "normal"
	}
}

// Countdown is one exercise's timer. It holds no ticking state: the time left
// is computed from when it ran and how it was adjusted, so it cannot drift and
// survives being rebuilt from events. It never stops by itself; past zero it
// counts overtime.
type Countdown struct {
	Planned time.Duration
	// Adjust is the sum of the minutes added and removed.
	Adjust time.Duration
	// Spent is the running time of the spans that have ended.
	Spent time.Duration
	// Since is when the current running span began; zero when paused.
	Since time.Time
	// Began is when the countdown first ran; zero if it never has.
	Began time.Time
	// Active is when the room first did something in the exercise —
	// voted, answered, was counted or shown results — whether or not the
	// countdown ran; zero if nothing happened. ActiveTo is the last such
	// moment, or when the exercise was left after it.
	Active, ActiveTo time.Time
}

// NewCountdown returns a countdown of the given length, not yet started.
func NewCountdown(planned time.Duration) Countdown {
	return Countdown{Planned: planned}
}

// Running reports whether the countdown is counting.
func (c *Countdown) Running() bool { return !c.Since.IsZero() }

// Started reports whether the countdown has ever run.
func (c *Countdown) Started() bool { return !c.Began.IsZero() }

// Ran reports whether the exercise was run: its countdown ran, or the
// room did something in it while the facilitator never pressed Start.
func (c *Countdown) Ran() bool { return c.Started() || !c.Active.IsZero() }

// Taken is the time the exercise took, of the spans that have ended: the
// time the countdown counted or, when it never ran, from the room's first
// activity in the exercise to its last or to leaving the exercise.
func (c *Countdown) Taken() time.Duration {
	if c.Started() || c.Active.IsZero() {
		return c.Spent
	}
	return c.ActiveTo.Sub(c.Active)
}

// noteActivity notes that the room did something in the exercise at at.
func (c *Countdown) noteActivity(at time.Time) {
	if c.Active.IsZero() {
		c.Active = at
	}
	if at.After(c.ActiveTo) {
		c.ActiveTo = at
	}
}

// Start starts or resumes counting at now. Starting a running countdown does nothing.
func (c *Countdown) Start(now time.Time) {
	if c.Running() {
		return
	}
	c.Since = now
	if c.Began.IsZero() {
		c.Began = now
	}
}

// Pause stops counting at now, keeping the time spent so far.
func (c *Countdown) Pause(now time.Time) {
	if !c.Running() {
		return
	}
	if d := now.Sub(c.Since); d > 0 {
		c.Spent += d
	}
	c.Since = time.Time{}
}

// AddTime lengthens (d > 0) or shortens (d < 0) the countdown. The total
// never goes below zero; shortening past the time already spent means overtime.
func (c *Countdown) AddTime(d time.Duration) {
	c.Adjust += d
	if c.Planned+c.Adjust < 0 {
		c.Adjust = -c.Planned
	}
}

// Total is the planned length with adjustments.
func (c *Countdown) Total() time.Duration { return c.Planned + c.Adjust }

// Elapsed is the time counted up to now.
func (c *Countdown) Elapsed(now time.Time) time.Duration {
	e := c.Spent
	if c.Running() {
		if d := now.Sub(c.Since); d > 0 {
			e += d
		}
	}
	return e
}

// Remaining is the time left at now; negative in overtime.
func (c *Countdown) Remaining(now time.Time) time.Duration {
	return c.Total() - c.Elapsed(now)
}

// Phase is the colour phase at now: amber in the last fifth, red from zero.
func (c *Countdown) Phase(now time.Time) Phase {
	left := c.Remaining(now)
	switch {
	case left <= 0:
		return PhaseOvertime
	case left*5 <= c.Total():
		return PhaseWarning
	default:
		return PhaseNormal
	}
}

// FormatRemaining shows time left as the big timer does: "12:05" rounded up to
// the second while counting down (so a fresh 10-minute timer reads 10:00),
// "+1:30" counted up in overtime, hours added when needed.
func FormatRemaining(d time.Duration) string {
	if d > 0 {
		secs := int64((d + time.Second - 1) / time.Second)
		return clock(secs)
	}
	return "+" + clock(int64(-d/time.Second))
}

func clock(secs int64) string {
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", m, s)
}

// Scheduler runs delayed work, such as the next redraw of a countdown. The
// app uses SystemScheduler; tests use a fake one that moves with their clock.
type Scheduler interface {
	// After calls f once, after d, on a goroutine of the scheduler's
	// choosing; stop cancels the call if it has not begun.
	After(d time.Duration, f func()) (stop func())
}

// SystemScheduler runs delayed work on the system's timers.
type SystemScheduler struct{}

// After calls f after d in its own goroutine.
func (SystemScheduler) After(d time.Duration, f func()) (stop func()) {
	t := time.AfterFunc(d, f)
	return func() { t.Stop() }
}
