package control

import (
	"time"

	"runsheet/workshop"
	"runsheet/workshop/live"
)

// FinishGrace is how long the phone server stays up after the session
// ends, so that a phone reconnecting or opened late still learns the end
// and thanks its owner.
const FinishGrace = 45 * time.Second

// Phones is the running phone server, or nil while phone voting is off.
func (c *Controller) Phones() *live.Server {
	c.phoneMu.Lock()
	defer c.phoneMu.Unlock()
	return c.phones
}

// PhonesAsked is the address phone voting was last asked to listen on:
// where it listens unless that port was taken.
func (c *Controller) PhonesAsked() string {
	c.phoneMu.Lock()
	defer c.phoneMu.Unlock()
	return c.phonesAsked
}

// StartPhones begins phone voting on addr ("" for the default port), with
// the session's room code if it has one, and records it, so that a
// restart brings phone voting back as it was. It does nothing while phone
// voting is on.
func (c *Controller) StartPhones(addr string) error {
	c.phoneMu.Lock()
	defer c.phoneMu.Unlock()
	if c.phones != nil {
		return nil
	}
	var room, key string
	c.View(func(s *workshop.State) { room, key = s.Phones.Room, s.Phones.Key })
	if room == "" {
		room = live.NewRoomCode()
	}
	c.phonesAsked = addr
	srv := live.New(c.rec, live.Options{Room: room, Key: key, ShowResults: c.opts.PhoneResults})
	if err := srv.Start(addr); err != nil {
		return err
	}
	if err := c.Record(workshop.Event{Kind: workshop.EventPhonesOn, Text: srv.Addr(), Room: srv.Room(), Key: srv.Key()}); err != nil {
		srv.Stop()
		return err
	}
	c.detachPhones = c.rec.OnChange(srv.Changed)
	c.phones = srv
	if c.opts.Announce != nil {
		c.opts.Announce(srv.URLs()[0])
	}
	return nil
}

// ResumePhones brings phone voting back as the session last had it: on
// its address and with its room code. Only a session recorded on this
// laptop brings its room back; a finished one has none.
func (c *Controller) ResumePhones() error {
	var on bool
	var addr string
	c.ViewSession(func(s *workshop.Session) {
		on, addr = s.State.Phones.On && !s.State.IsFinished() && !s.Imported, s.State.Phones.Addr
	})
	if !on {
		return nil
	}
	return c.StartPhones(addr)
}

// StopPhones ends phone voting; votes already made stay. record says
// whether the facilitator switched it off (recorded, so a restart keeps
// it off), rather than the screen closing.
func (c *Controller) StopPhones(record bool) error {
	c.phoneMu.Lock()
	srv := c.takePhones()
	c.phoneMu.Unlock()
	if srv == nil {
		return nil
	}
	srv.Stop()
	if record {
		return c.Record(workshop.Event{Kind: workshop.EventPhonesOff})
	}
	return nil
}

// FinishPhones hands the phone server its last task when the session
// ends: it tells every phone, stays up for FinishGrace, then stops by itself.
func (c *Controller) FinishPhones() {
	c.phoneMu.Lock()
	srv := c.takePhones()
	c.phoneMu.Unlock()
	if srv != nil {
		srv.Finish(FinishGrace)
	}
}

// takePhones detaches and returns the phone server; phoneMu is held.
func (c *Controller) takePhones() *live.Server {
	srv := c.phones
	if srv == nil {
		return nil
	}
	if c.detachPhones != nil {
		c.detachPhones()
		c.detachPhones = nil
	}
	c.phones = nil
	return srv
}
