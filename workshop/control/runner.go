package control

import (
	"runsheet/workshop"
	"runsheet/workshop/words"
)

// Store is what running sessions needs of the session store: it makes
// events durable, keeps new sessions and gives stored ones back.
type Store interface {
	workshop.Journal
	Create(sess *workshop.Session) error
	Load(id string) (*workshop.Session, error)
}

// RoomLanguage is the language a session's room reads: a language code
// (empty for English), and whether each phone may use its own.
type RoomLanguage struct {
	Code     string
	PerPhone bool
}

// Runner starts and resumes sessions on one store, each run by a
// Controller with the same options.
type Runner struct {
	Store   Store
	Options Options
	// PhoneAddr is the address phone voting listens on ("" for the
	// default); StartPhones turns phone voting on when a session runs.
	PhoneAddr   string
	StartPhones bool
}

// Create stores a new session of plan for group, led by facilitator, in
// the room's language; a language other than the plan's is recorded with
// the session. Run it to start.
func (r *Runner) Create(plan *workshop.Plan, group, facilitator string, room RoomLanguage) (*workshop.Session, error) {
	sess, err := workshop.NewSession(plan, group, facilitator, r.clock().Now())
	if err != nil {
		return nil, err
	}
	if room.Code == "" {
		room.Code = words.English
	}
	if room.Code != sess.State.Language || room.PerPhone {
		if err := sess.Record(workshop.Event{Kind: workshop.EventLanguage, At: sess.Created, Text: room.Code, PerPhone: room.PerPhone}); err != nil {
			return nil, err
		}
	}
	if err := r.Store.Create(sess); err != nil {
		return nil, err
	}
	return sess, nil
}

// Load gives back a stored session.
func (r *Runner) Load(id string) (*workshop.Session, error) { return r.Store.Load(id) }

// Run runs a stored session. Phone voting comes back as the session had
// it, and StartPhones turns it on; when the phones cannot start, the
// controller runs all the same and the error says why.
func (r *Runner) Run(sess *workshop.Session) (*Controller, error) {
	c := New(sess, r.Store, r.Options)
	err := c.ResumePhones()
	finished := false
	c.View(func(s *workshop.State) { finished = s.IsFinished() })
	if err == nil && r.StartPhones && c.Phones() == nil && !finished {
		err = c.StartPhones(r.PhoneAddr)
	}
	return c, err
}

func (r *Runner) clock() workshop.Clock {
	if r.Options.Clock == nil {
		return workshop.SystemClock{}
	}
	return r.Options.Clock
}
