package workshop

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
)

// Journal makes a session's events durable. The store implements it.
type Journal interface {
	// Append commits e to the session's history and then, still in commit
	// order, calls apply; it returns once both are done.
	Append(session string, e Event, apply func()) error
}

// ErrNotSaved reports an event that could not be made durable; the session
// is unchanged.
var ErrNotSaved = errors.New("not saved")

// Recorder is a session that is being recorded: every event is checked,
// committed to the journal, and only then applied, so that nothing is shown
// that a crash could lose. The history lives in the journal, not in memory:
// a long session's events are not kept twice, and Session.Events stays as
// it was when recording began (load the session from the journal for its
// whole history). It is safe for concurrent use; events apply in
// the order the journal committed them, which is the order replay uses.
type Recorder struct {
	// gate lets phones' votes and answers through together and every
	// other event alone: a facilitator's event (a reveal that closes
	// voting, a move, the end) waits until the votes already checked are
	// committed and applied, and holds new ones back until it is applied
	// itself. A vote is then either in the history before the event that
	// closes its item, or refused before it is written: the history never
	// holds a vote its phone was told was refused.
	gate      sync.RWMutex
	mu        sync.RWMutex
	sess      *Session
	journal   Journal
	listeners []*func()
	// applied counts the events applied; told is the count the latest
	// call of the listeners was started after (see tell).
	applied, told atomic.Uint64
}

// NewRecorder records sess into journal. The session must already be in it.
func NewRecorder(sess *Session, journal Journal) *Recorder {
	return &Recorder{sess: sess, journal: journal}
}

// OnChange adds a function called after events are applied, on a
// goroutine that recorded one, such as the screens' redraw and the phones'
// push: after each facilitator's event, before Record returns; after a
// phone's vote or answer, at least once, where votes applied together
// share one call (a commit wakes up to thousands of them at once, and each
// call reads the whole state). It must not call back into Record. remove
// stops the calls.
func (r *Recorder) OnChange(f func()) (remove func()) {
	p := &f
	r.mu.Lock()
	r.listeners = append(r.listeners, p)
	r.mu.Unlock()
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.listeners = slices.DeleteFunc(slices.Clone(r.listeners), func(q *func()) bool { return q == p })
	}
}

// ID is the recorded session's id.
func (r *Recorder) ID() string { return r.sess.ID }

// Record checks, commits and applies one event. A refused event returns the
// reason and changes nothing; an event the journal could not commit returns
// an error wrapping ErrNotSaved. A facilitator's event is recorded alone
// (see gate), so a vote never races the closing of its item; phones' votes
// and answers are recorded together, and one that was committed but lost a
// race with another (two answers sent at once by a phone at its limit) is
// kept in the history and refused, just as replay will refuse it.
func (r *Recorder) Record(e Event) error {
	gate := sync.Locker(&r.gate)
	if e.Kind == EventVote || e.Kind == EventAnswer {
		gate = r.gate.RLocker()
	}
	gate.Lock()
	applied, err := r.commit(e)
	gate.Unlock()
	if err != nil {
		return err
	}
	r.tell(e.Kind == EventVote || e.Kind == EventAnswer)
	return applied
}

// tell calls the listeners once the caller's event is applied. A phone's
// event is told only if no call started after it was applied: that call,
// which reads the state as it is then, already tells of it.
func (r *Recorder) tell(phones bool) {
	n := r.applied.Load()
	for {
		told := r.told.Load()
		if told >= n {
			if phones {
				return
			}
			break
		}
		if r.told.CompareAndSwap(told, n) {
			break
		}
	}
	r.mu.RLock()
	listeners := r.listeners
	r.mu.RUnlock()
	for _, f := range listeners {
		(*f)()
	}
}

// commit checks e, commits it and applies it; applied is the outcome of
// applying it, which a vote that lost a race can still refuse.
func (r *Recorder) commit(e Event) (applied, err error) {
	r.mu.RLock()
	err = r.sess.State.Check(e)
	r.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	err = r.journal.Append(r.sess.ID, e, func() {
		r.mu.Lock()
		applied = r.sess.State.Apply(e)
		r.applied.Add(1)
		r.mu.Unlock()
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	return applied, nil
}

// View calls f with the session while no event can change it. f must not
// keep the session or call Record.
func (r *Recorder) View(f func(s *Session)) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	f(r.sess)
}
