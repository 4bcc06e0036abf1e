package store

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// newRecorded stores a fresh session of the built-in plan and returns its recorder.
func newRecorded(t testing.TB, s *Store, group string) *workshop.Recorder {
	t.Helper()
	sess, err := workshop.NewSession(plans.Builtin(), group, "Ana", t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	return workshop.NewRecorder(sess, s)
}

// sorting is the index of the built-in plan's behaviour-sorting vote.
const sorting = 2

func TestConcurrentEventsReplayToTheSameState(t *testing.T) {
	s, path := openTemp(t)
	r := newRecorded(t, s, "Blue")
	at := t0
	must := func(e workshop.Event) {
		t.Helper()
		at = at.Add(time.Second)
		e.At = at
		if err := r.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	must(workshop.Event{Kind: workshop.EventStarted})
	must(workshop.Event{Kind: workshop.EventMoved, Exercise: sorting})
	must(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	must(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 1, Source: workshop.SourceRoom, Count: 7})
	must(workshop.Event{Kind: workshop.EventHeadcount, Exercise: sorting, Count: 250})

	var wg sync.WaitGroup
	for p := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range 20 {
				e := workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0, Option: v % 2,
					Participant: fmt.Sprintf("p%03d", p), At: t0.Add(time.Minute)}
				if err := r.Record(e); err != nil {
					t.Errorf("vote: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	must(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
	if err := r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Participant: "late", At: at}); !errors.Is(err, workshop.ErrItemClosed) {
		t.Errorf("vote after close: %v", err)
	}

	var want *workshop.Session
	r.View(func(sess *workshop.Session) { want = sess })
	res := want.State.Result(sorting, 0)
	// Each phone voted 20 times, alternating, last vote "Innovate"; room 7 for Innovate.
	if res.Phone[0] != 0 || res.Phone[1] != 100 || res.Room[1] != 7 || res.Votes != 107 || res.NoVote != 143 {
		t.Errorf("result %+v", res)
	}

	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Load(want.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 6 events of setup, 2,000 votes, the close and the refused late vote.
	if !reflect.DeepEqual(got.State, want.State) || len(got.Events) < 2006 {
		t.Fatalf("reloaded state differs, or %d events were kept", len(got.Events))
	}
	list, err := s2.List()
	if err != nil || len(list) != 1 || list[0].Votes != 107 || list[0].Headcount != 250 || list[0].Group != "Blue" {
		t.Errorf("list: %+v %v", list, err)
	}
}

// Votes committed together are told to the listeners together: every
// vote is seen by a call that started after it was applied, with far
// fewer calls than votes; a facilitator's event is seen before its Record
// returns.
func TestVotesCommittedTogetherShareANotice(t *testing.T) {
	s, _ := openTemp(t)
	r := newRecorded(t, s, "Blue")
	var mu sync.Mutex
	calls, seenVotes, seenCurrent := 0, 0, -1
	r.OnChange(func() {
		r.View(func(sess *workshop.Session) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			seenVotes = max(seenVotes, sess.State.Result(sorting, 0).Votes)
			seenCurrent = sess.State.Current
		})
	})
	facilitator := func(e workshop.Event, current int) {
		t.Helper()
		if err := r.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
		mu.Lock()
		defer mu.Unlock()
		if seenCurrent != current {
			t.Fatalf("%s: the listeners saw exercise %d by the time Record returned, want %d", e.Kind, seenCurrent, current)
		}
	}
	facilitator(workshop.Event{Kind: workshop.EventStarted, At: t0}, 0)
	facilitator(workshop.Event{Kind: workshop.EventMoved, Exercise: sorting, At: t0}, sorting)
	facilitator(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0, At: t0}, sorting)
	mu.Lock()
	before := calls
	mu.Unlock()

	const phones = 400
	var wg sync.WaitGroup
	for p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0, Option: p % 2,
				Participant: fmt.Sprintf("p%03d", p), At: t0.Add(time.Minute)}
			if err := r.Record(e); err != nil {
				t.Errorf("vote: %v", err)
			}
		}()
	}
	wg.Wait()
	// The last call may still be under way on another vote's goroutine.
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		votes, n := seenVotes, calls-before
		mu.Unlock()
		if votes == phones {
			if n < 1 || n >= phones/2 {
				t.Errorf("%d votes told in %d calls", phones, n)
			}
			t.Logf("%d votes told in %d calls", phones, n)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the listeners saw %d of %d votes", votes, phones)
		}
		time.Sleep(time.Millisecond)
	}
	facilitator(workshop.Event{Kind: workshop.EventMoved, Exercise: sorting + 1, At: t0.Add(2 * time.Minute)}, sorting+1)
}

func TestCreateRefusesDuplicatesAndResolveFindsPrefixes(t *testing.T) {
	s, _ := openTemp(t)
	sess, _ := workshop.NewSession(plans.Builtin(), "G", "", t0)
	sess.ID = "20260310-aaaa01"
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	if err := s.Create(sess); !errors.Is(err, ErrExists) {
		t.Errorf("duplicate: %v", err)
	}
	other, _ := workshop.NewSession(plans.Builtin(), "H", "", t0)
	other.ID = "20260310-aaab02"
	if err := s.Create(other); err != nil {
		t.Fatal(err)
	}
	if id, err := s.Resolve("20260310-aaaa"); err != nil || id != sess.ID {
		t.Errorf("unique prefix: %q %v", id, err)
	}
	if _, err := s.Resolve("20260310-aaa"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("ambiguous prefix: %v", err)
	}
	// A session whose id is another's plus more, as an imported one may
	// be, leaves the shorter id its own: an exact id wins over a prefix.
	longer, _ := workshop.NewSession(plans.Builtin(), "I", "", t0)
	longer.ID = sess.ID + "x"
	if err := s.Create(longer); err != nil {
		t.Fatal(err)
	}
	if id, err := s.Resolve(sess.ID); err != nil || id != sess.ID {
		t.Errorf("exact id beside a longer one: %q %v", id, err)
	}
	if _, err := s.Resolve("20260310-aaaa"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("a prefix of both: %v", err)
	}
	for _, p := range []string{"nope", "%", "_", ""} {
		if _, err := s.Resolve(p); !errors.Is(err, ErrNotFound) {
			t.Errorf("prefix %q: %v", p, err)
		}
	}
	if err := s.Append("missing", workshop.Event{Kind: workshop.EventStarted}, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("append to a missing session: %v", err)
	}
}

func TestOpenRefusesForeignAndDamagedFilesAndKeepsThem(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	expectRefused := func(path string, want error) {
		t.Helper()
		before, _ := os.ReadFile(path)
		s, err := Open(path)
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", filepath.Base(path), err, want)
		}
		after, _ := os.ReadFile(path)
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s was changed", filepath.Base(path))
		}
	}
	expectRefused(write("text.db", []byte("these are my notes, not a database\n")), ErrNotDatabase)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE invoices (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	expectRefused(foreign, ErrNotDatabase)

	// A store from a newer version.
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ = sql.Open("sqlite", newer)
	if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (99, 'later')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	expectRefused(newer, ErrNewer)

	// A store whose pages were overwritten.
	damaged := filepath.Join(dir, "damaged.db")
	s, err = Open(damaged)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		r := newRecorded(t, s, fmt.Sprintf("g%d", i))
		if err := r.Record(workshop.Event{Kind: workshop.EventStarted, At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, _ := os.ReadFile(damaged)
	for i := 4096; i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	write("damaged.db", data)
	os.Remove(damaged + "-wal")
	expectRefused(damaged, ErrCorrupt)
	// In one line: SQLite's list of damaged pages runs to tens.
	if _, err := Open(damaged); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("the damage said in more than one line: %v", err)
	}

	// Starting fresh keeps the damaged file beside the new one.
	aside, err := MoveAside(damaged, t0)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !reflect.DeepEqual(kept, data) {
		t.Error("the damaged file was not kept")
	}
	fresh, err := Open(damaged)
	if err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	if fresh.FoundEmpty {
		t.Error("a store made anew was found empty")
	}
	fresh.Close()

	// A file of no bytes opens as an empty store, and says it was found so.
	empty := filepath.Join(dir, "empty.db")
	write("empty.db", nil)
	s, err = Open(empty)
	if err != nil || !s.FoundEmpty {
		t.Fatalf("an empty file: %v", err)
	}
	s.Close()
	if s, err = Open(empty); err != nil || s.FoundEmpty {
		t.Errorf("opened again: %v, found empty %v", err, s.FoundEmpty)
	}
	s.Close()
}

// The crash test runs this process again as a child that records votes and
// prints each acknowledged one, and kills it with SIGKILL mid-stream.
func TestMain(m *testing.M) {
	if path := os.Getenv("RUNSHEET_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

func crashChild(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	id := os.Getenv("RUNSHEET_CRASH_SESSION")
	sess, err := s.Load(id)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r := workshop.NewRecorder(sess, s)
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				p := fmt.Sprintf("c%s-w%d-n%d", os.Getenv("RUNSHEET_CRASH_RUN"), w, n)
				if err := r.Record(workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 0, Option: n % 2, Participant: p, At: t0}); err != nil {
					mu.Lock()
					fmt.Fprintln(out, "error", err)
					out.Flush()
					mu.Unlock()
					return
				}
				mu.Lock()
				fmt.Fprintln(out, "ack", p)
				out.Flush()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func TestAcknowledgedVotesSurviveSIGKILL(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := newRecorded(t, s, "Crash")
	if err := r.Record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, At: t0}); err != nil {
		t.Fatal(err)
	}
	id := r.ID()
	s.Close()

	runs := 10
	if testing.Short() {
		runs = 3
	}
	acked := map[string]bool{}
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "RUNSHEET_CRASH_CHILD="+path, "RUNSHEET_CRASH_SESSION="+id, "RUNSHEET_CRASH_RUN="+strconv.Itoa(run))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		killAfter := 200 + rand.IntN(800) // acknowledgements before the kill
		n := 0
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) == 2 && f[0] == "ack" {
				acked[f[1]] = true
				n++
			} else {
				t.Fatalf("child: %s", lines.Text())
			}
			if n == killAfter {
				cmd.Process.Kill() // SIGKILL: no chance to flush or close
			}
		}
		cmd.Wait()
		if n < killAfter {
			t.Fatalf("run %d: the child stopped after %d acknowledgements", run, n)
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("run %d: reopening after the kill: %v", run, err)
		}
		sess, err := s.Load(id)
		s.Close()
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		ballots := map[string]bool{}
		for _, p := range sess.State.Votes[sorting].Items[0].Voters() {
			ballots[p] = true
		}
		for p := range acked {
			if !ballots[p] {
				t.Fatalf("run %d: acknowledged vote %s was lost", run, p)
			}
		}
		res := sess.State.Result(sorting, 0)
		if res.Phone[0]+res.Phone[1] != len(ballots) {
			t.Fatalf("run %d: tally %v does not match %d ballots", run, res.Phone, len(ballots))
		}
	}
	t.Logf("%d runs, %d acknowledged votes, none lost", runs, len(acked))
}

// One damaged session is listed with its problem; every other session is
// listed as usual.
func TestADamagedSessionDoesNotEmptyTheList(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []string
	for _, g := range []string{"Good", "Broken"} {
		sess, _ := workshop.NewSession(plans.Builtin(), g, "", t0)
		if err := s.Create(sess); err != nil {
			t.Fatal(err)
		}
		if err := s.Append(sess.ID, workshop.Event{Kind: workshop.EventStarted, At: t0}, func() {}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sess.ID)
	}
	if _, err := s.db.Exec(`UPDATE events SET body = 'not an event' WHERE session_id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	list, err := s.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %v, %d sessions", err, len(list))
	}
	for _, sum := range list {
		switch sum.Group {
		case "Good":
			if sum.Problem != "" || sum.Progress() != "in progress" {
				t.Errorf("the good session: %+v", sum)
			}
		case "Broken":
			if sum.Problem == "" || sum.Progress() != "damaged" || sum.PlanTitle == "" {
				t.Errorf("the damaged session: %+v", sum)
			}
		}
	}

	// Set aside, the damaged session leaves the list and every byte of it
	// is in its own file.
	dir := filepath.Join(t.TempDir(), SetAsideDir)
	path, err := s.SetAside(ids[1], dir, "event 1 is not an event")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id": "` + ids[1] + `"`, `"group": "Broken"`, `"body": "not an event"`, `"problem": "event 1 is not an event"`, `title = `} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the set-aside file lacks %s:\n%s", want, data)
		}
	}
	list, err = s.List()
	if err != nil || len(list) != 1 || list[0].ID != ids[0] {
		t.Fatalf("after setting aside: %v, %+v", err, list)
	}
	if _, err := s.Load(ids[0]); err != nil {
		t.Errorf("the good session after the other was set aside: %v", err)
	}
	if _, err := s.SetAside(ids[1], dir, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("setting aside a session no longer stored: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(data) {
		t.Error("the set-aside file changed")
	}
}
