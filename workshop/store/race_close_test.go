package store

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"runsheet/workshop"
)

// A vote that arrives as its item closes is either in the history before
// the close and counted, or refused before it is written: the stored
// history never holds a vote its phone was told was refused.
func TestNoRefusedVoteIsWritten(t *testing.T) {
	s, _ := openTemp(t)
	r := newRecorded(t, s, "Race")
	for _, e := range []workshop.Event{
		{Kind: workshop.EventStarted, At: t0},
		{Kind: workshop.EventMoved, Exercise: sorting, At: t0},
		{Kind: workshop.EventOpened, Exercise: sorting, Item: 0, At: t0},
	} {
		if err := r.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	var (
		mu       sync.Mutex
		accepted = map[string]bool{}
		refused  = map[string]bool{}
		n        atomic.Int64
		stop     atomic.Bool
		wg       sync.WaitGroup
	)
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				who := fmt.Sprintf("p%06d", n.Add(1))
				err := r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0, Option: 1, Participant: who, At: t0})
				switch {
				case err == nil:
					mu.Lock()
					accepted[who] = true
					mu.Unlock()
				case errors.Is(err, workshop.ErrItemClosed):
					mu.Lock()
					refused[who] = true
					mu.Unlock()
				default:
					t.Errorf("vote: %v", err)
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	if err := r.Record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0, At: t0}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if len(accepted) == 0 || len(refused) == 0 {
		t.Fatalf("%d votes accepted and %d refused: the close did not fall among the votes", len(accepted), len(refused))
	}

	got, err := s.Load(r.ID())
	if err != nil {
		t.Fatal(err)
	}
	closed, stored := false, 0
	for _, e := range got.Events {
		switch {
		case e.Kind == workshop.EventClosed:
			closed = true
		case e.Kind == workshop.EventVote && refused[e.Participant]:
			t.Errorf("%s was told its vote was refused, but the vote is stored", e.Participant)
		case e.Kind == workshop.EventVote && closed:
			t.Errorf("%s's vote is stored after its item closed", e.Participant)
		case e.Kind == workshop.EventVote:
			stored++
		}
	}
	if stored != len(accepted) {
		t.Errorf("%d votes stored before the close, %d accepted", stored, len(accepted))
	}
	if res := got.State.Result(sorting, 0); res.Phone[1] != len(accepted) {
		t.Errorf("%d phone votes counted, %d accepted", res.Phone[1], len(accepted))
	}
}
