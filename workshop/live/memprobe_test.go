package live

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"runsheet/workshop"
)

func TestMemProbe(t *testing.T) {
	f := newFixture(t)
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	var toks []string
	for range 300 {
		toks = append(toks, f.srv.newToken())
	}
	report := func(label string) {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		t.Logf("%s: heap %d MB, sys %d MB", label, m.HeapAlloc>>20, m.Sys>>20)
	}
	report("start")
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 300}}
	for round := range 100 {
		var wg sync.WaitGroup
		for i, tok := range toks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range 3 {
					req, _ := http.NewRequest("POST", f.web.URL+"/vote", strings.NewReader(fmt.Sprintf(`{"room":%q,"exercise":2,"item":%d,"option":%d}`, f.srv.Room(), round%12, (i+k)%2)))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("X-Runsheet-Token", tok)
					if resp, err := c.Do(req); err == nil {
						resp.Body.Close()
					}
				}
			}()
		}
		wg.Wait()
		if round%12 == 11 {
			report(fmt.Sprint("round ", round))
		}
		f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: (round + 1) % 12})
		f.srv.allowAll()
	}
}

func (s *Server) allowAll() {
	s.mu.Lock()
	for _, p := range s.phones {
		p.tokens = voteBurst
	}
	s.mu.Unlock()
}
