package live

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"runsheet/workshop"
)

// load sends b.N votes from phones concurrent phones to url, as fast as
// they are answered, and reports votes per second and acknowledgement
// percentiles.
func load(b *testing.B, url, room string, phones int, token func() string) {
	loadPaced(b, url, room, phones, 0, token)
}

// loadPaced is load with each phone sending at most perPhone votes a
// second (0 for no limit), to measure acknowledgement at a given load.
func loadPaced(b *testing.B, url, room string, phones int, perPhone float64, token func() string) {
	tokens := make([]string, phones)
	for i := range tokens {
		tokens[i] = token()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: phones, MaxConnsPerHost: phones}}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tick *time.Ticker
			if perPhone > 0 {
				// Spread the phones' first votes over one interval.
				interval := time.Duration(float64(time.Second) / perPhone)
				time.Sleep(interval * time.Duration(p) / time.Duration(phones))
				tick = time.NewTicker(interval)
				defer tick.Stop()
			}
			for {
				if tick != nil {
					<-tick.C
				}
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				body := fmt.Sprintf(`{"room":%q,"exercise":2,"item":0,"option":%d}`, room, i%2)
				req, _ := http.NewRequest("POST", url+"/vote", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Runsheet-Token", tokens[p])
				t := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t)
				if resp.StatusCode != 200 {
					b.Errorf("vote %d: status %d", i, resp.StatusCode)
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
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkPhones runs 1,000 simulated phones on loopback against the real
// server, recorder and store file ("durable"), and against a bare net/http
// handler that reads the same request and stores nothing ("bare"), so that
// the ratio shows the cost of durability. For the durable run it also
// reports the p99 time from a vote being sent to it being applied to the
// session, when the console's next redraw (at most 100 ms later) shows it.
func BenchmarkPhones(b *testing.B) {
	const phones = 1000
	b.Run("durable", func(b *testing.B) {
		f := newFixture(b)
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
		f.srv.rate = 1e9 // real phones vote once per question; here they vote as fast as they can
		var mu sync.Mutex
		var inServer []time.Duration
		inner := f.srv.Handler()
		// The vote is applied to the session before the answer is written,
		// so the time in the server bounds the time from arrival to state.
		web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t := time.Now()
			inner.ServeHTTP(w, r)
			d := time.Since(t)
			mu.Lock()
			inServer = append(inServer, d)
			mu.Unlock()
		}))
		defer web.Close()
		load(b, web.URL, f.srv.Room(), phones, f.srv.newToken)
		slices.Sort(inServer)
		if len(inServer) > 0 {
			b.ReportMetric(float64(inServer[len(inServer)*99/100].Microseconds())/1000, "vote-to-state-p99-ms")
		}
	})
	b.Run("durable-at-5000-per-s", func(b *testing.B) {
		f := newFixture(b)
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
		f.srv.rate = 1e9
		web := httptest.NewServer(f.srv.Handler())
		defer web.Close()
		loadPaced(b, web.URL, f.srv.Room(), phones, 5, f.srv.newToken)
	})
	b.Run("bare", func(b *testing.B) {
		web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var v voteRequest
			json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes)).Decode(&v)
			w.Header().Set("Content-Type", "application/json")
			if v.Exercise == nil || v.Item == nil || v.Option == nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			json.NewEncoder(w).Encode(voteResponse{Received: true, Exercise: *v.Exercise, Item: *v.Item, Option: *v.Option})
		}))
		defer web.Close()
		load(b, web.URL, "ROOM", phones, func() string { return "bare" })
	})
}
