package store

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"runsheet/workshop"
)

// probe is a request that records the transaction it ran in and, when
// hold is set, waits for it to close before finishing.
type probe struct {
	tx      *sql.Tx
	running chan struct{}
	hold    chan struct{}
	err     chan error
}

func newProbe(hold chan struct{}) *probe {
	return &probe{running: make(chan struct{}), hold: hold, err: make(chan error, 1)}
}

// submit hands the probe to the writer from a goroutine of its own.
func (p *probe) submit(s *Store) {
	go func() {
		p.err <- s.submit(&request{run: func(tx *sql.Tx, _ *batch) error {
			p.tx = tx
			close(p.running)
			if p.hold != nil {
				<-p.hold
			}
			return nil
		}})
	}()
}

// outcome waits for the probe's answer, failing the test if none comes.
func (p *probe) outcome(t *testing.T, name string) {
	t.Helper()
	select {
	case err := <-p.err:
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: no answer in 30 s", name)
	}
}

// queued waits until n requests are waiting for the writer.
func queued(t *testing.T, s *Store, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(s.reqs) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d requests queued after 30 s, want %d", len(s.reqs), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitingWithTwo brings the writer to wait for more with two requests in
// hand: a first request is held in its commit while two more queue behind
// it, then let go. It returns the first and the two it waits with.
func waitingWithTwo(t *testing.T, s *Store) (first, second, third *probe) {
	t.Helper()
	waiting := make(chan struct{}, 1)
	s.waiting = func() { waiting <- struct{}{} }
	release := make(chan struct{})
	first = newProbe(release)
	first.submit(s)
	<-first.running
	second, third = newProbe(nil), newProbe(nil)
	second.submit(s)
	third.submit(s)
	queued(t, s, 2)
	close(release)
	first.outcome(t, "first")
	select {
	case <-waiting:
	case <-time.After(30 * time.Second):
		t.Fatal("the writer did not wait for more with two requests queued")
	}
	return first, second, third
}

// A commit that finds several requests waiting holds its transaction open
// for more: a request that comes while it waits is committed with them.
func TestABusyCommitTakesInThoseThatFollow(t *testing.T) {
	s, _ := openTemp(t)
	s.wait = 2 * time.Second
	first, second, third := waitingWithTwo(t, s)
	fourth := newProbe(nil)
	fourth.submit(s)
	for _, p := range []struct {
		name string
		p    *probe
	}{{"second", second}, {"third", third}, {"fourth", fourth}} {
		p.p.outcome(t, p.name)
	}
	if second.tx == first.tx {
		t.Error("the queued requests were committed with the one before them")
	}
	if second.tx != third.tx || third.tx != fourth.tx {
		t.Error("a request that came while the commit waited was committed in a transaction of its own")
	}
}

// A lone request is committed at once, however long a busy commit waits.
func TestALoneRequestIsNotHeld(t *testing.T) {
	s, _ := openTemp(t)
	s.wait = time.Hour
	s.waiting = func() { t.Error("the writer waited with one request") }
	for range 3 {
		p := newProbe(nil)
		p.submit(s)
		p.outcome(t, "request")
	}
}

// Closing the store while a commit waits for more commits what it holds
// at once.
func TestClosingEndsTheWait(t *testing.T) {
	s, _ := openTemp(t)
	s.wait = time.Hour
	_, second, third := waitingWithTwo(t, s)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Close waited for the commit's wait to run out")
	}
	second.outcome(t, "second")
	third.outcome(t, "third")
}

// Votes appended in one commit are inserted several rows to a statement;
// a request in a savepoint of its own among them, failing, takes back its
// own rows and none of theirs, and every vote is stored once, in order.
func TestAppendsAroundAFailingRequestAreAllCommitted(t *testing.T) {
	s, path := openTemp(t)
	r := newRecorded(t, s, "Blue")
	for _, e := range []workshop.Event{{Kind: workshop.EventStarted}, {Kind: workshop.EventMoved, Exercise: sorting},
		{Kind: workshop.EventOpened, Exercise: sorting, Item: 0}} {
		e.At = t0
		if err := r.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	release := make(chan struct{})
	first := newProbe(release)
	first.submit(s)
	<-first.running
	votes := make(chan error, 100)
	vote := func(from, to int) {
		for p := from; p < to; p++ {
			go func() {
				votes <- r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0, Option: p % 2,
					Participant: fmt.Sprintf("p%03d", p), At: t0})
			}()
		}
		queued(t, s, to)
	}
	vote(0, 70)
	refused := make(chan error, 1)
	go func() {
		refused <- s.submit(&request{isolated: true, run: func(tx *sql.Tx, _ *batch) error {
			if _, err := tx.Exec(`INSERT INTO events (session_id, seq, body) VALUES (?, 999999, '{}')`, r.ID()); err != nil {
				return err
			}
			return errors.New("refused on purpose")
		}})
	}()
	queued(t, s, 71)
	vote(70, 100)
	close(release)
	first.outcome(t, "first")
	for range 100 {
		if err := <-votes; err != nil {
			t.Fatalf("vote: %v", err)
		}
	}
	if err := <-refused; err == nil || err.Error() != "refused on purpose" {
		t.Fatalf("the failing request: %v", err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Load(r.ID())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 103 {
		t.Fatalf("%d events stored, want 103", len(got.Events))
	}
	seen := map[string]bool{}
	for _, e := range got.Events[3:] {
		if e.Kind != workshop.EventVote || seen[e.Participant] {
			t.Fatalf("event %+v stored twice or out of place", e)
		}
		seen[e.Participant] = true
	}
	if res := got.State.Result(sorting, 0); res.Phone[0] != 50 || res.Phone[1] != 50 {
		t.Errorf("result %+v", res)
	}
	var stray int
	if err := s2.db.QueryRow(`SELECT count(*) FROM events WHERE seq = 999999`).Scan(&stray); err != nil || stray != 0 {
		t.Errorf("the failing request's row: %d %v", stray, err)
	}
}
