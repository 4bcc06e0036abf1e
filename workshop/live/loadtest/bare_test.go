package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"runsheet/workshop"
)

// With a store, the bare handler answers a vote only once it is in the
// store's file: every vote answered 200 is there, with its option, and
// one it could not read is not.
func TestBareStoreCommitsEachVoteBeforeAnswering(t *testing.T) {
	dir := t.TempDir()
	j, err := openBareJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bareHandler(j))
	defer srv.Close()

	const votes = 60
	var wg sync.WaitGroup
	statuses := make([]int, votes)
	for i := range votes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"room":"R","exercise":2,"item":0,"option":%d}`, i%3)
			resp, err := http.Post(srv.URL+"/vote", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	resp, err := http.Post(srv.URL+"/vote", "application/json", strings.NewReader(`{"option":`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a cut-short vote: status %d, want 400", resp.StatusCode)
	}
	for i, st := range statuses {
		if st != http.StatusOK {
			t.Errorf("vote %d: status %d, want 200", i, st)
		}
	}
	if err := j.s.Close(); err != nil {
		t.Fatal(err)
	}

	// The file itself, as SQLite reads it: the bare handler's votes are
	// stored as they come, unchecked against any plan.
	db, err := sql.Open("sqlite", j.s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT body FROM events WHERE session_id = ?`, j.session)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	perOption := map[int]int{}
	for rows.Next() {
		var body []byte
		var e workshop.Event
		if err := rows.Scan(&body); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("stored event %s: %v", body, err)
		}
		if e.Kind != workshop.EventVote {
			continue
		}
		if e.Exercise != 2 || len(e.Participant) != 16 {
			t.Errorf("stored vote %+v: want exercise 2 and a 16-digit participant", e)
		}
		perOption[e.Option]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := map[int]int{0: 20, 1: 20, 2: 20}; fmt.Sprint(perOption) != fmt.Sprint(want) {
		t.Errorf("stored votes per option %v, want %v", perOption, want)
	}
}

// Without a store, the bare handler answers at once and keeps nothing.
func TestBareHandlerAnswersVotesAsThePhoneAPI(t *testing.T) {
	srv := httptest.NewServer(bareHandler(nil))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/vote", "application/json", strings.NewReader(`{"room":"R","exercise":1,"item":2,"option":3}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"option":3`) {
		t.Errorf("status %d, answer %q; want 200 with the vote", resp.StatusCode, b)
	}
}
