package store

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"runsheet/workshop"
)

// BenchmarkDurableVotes measures phone votes committed through a recorder
// into a real store file, with 1, 100 and 1,000 concurrent writers: votes
// per second and the 99th percentile time from Record to acknowledgement.
func BenchmarkDurableVotes(b *testing.B) {
	for _, writers := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			s, _ := openTemp(b)
			r := newRecorded(b, s, "Bench")
			if err := r.Record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, At: t0}); err != nil {
				b.Fatal(err)
			}
			lat := make([]time.Duration, b.N)
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						t := time.Now()
						err := r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0,
							Option: int(i % 2), Participant: fmt.Sprintf("w%d-%d", w, i), At: t0})
						lat[i] = time.Since(t)
						if err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "votes/s")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
