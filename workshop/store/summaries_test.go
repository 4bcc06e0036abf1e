package store

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// votedSession is a started session with votes phone votes on one item.
func votedSession(t testing.TB, group string, votes int) *workshop.Session {
	t.Helper()
	sess, _ := workshop.NewSession(plans.Builtin(), group, "", t0)
	events := []workshop.Event{{Kind: workshop.EventStarted}, {Kind: workshop.EventOpened, Exercise: sorting}}
	for i := range votes {
		events = append(events, workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Option: i % 2, Participant: fmt.Sprintf("p%d", i)})
	}
	for _, e := range events {
		e.At = t0.Add(time.Minute)
		if err := sess.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	return sess
}

func listed(t *testing.T, s *Store, id string) Summary {
	t.Helper()
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range list {
		if sum.ID == id {
			return sum
		}
	}
	t.Fatalf("session %s is not listed", id)
	return Summary{}
}

func TestTheListReadsTheSummariesTheStoreKeeps(t *testing.T) {
	s, _ := openTemp(t)
	sess := votedSession(t, "Kept", 5)
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Votes != 5 || got.Progress() != "in progress" {
		t.Fatalf("first listing: %+v", got)
	}
	var seq int64
	if err := s.db.QueryRow(`SELECT seq FROM summaries WHERE session_id = ?`, sess.ID).Scan(&seq); err != nil || seq != int64(len(sess.Events)) {
		t.Fatalf("kept summary: seq %d, %v; want %d", seq, err, len(sess.Events))
	}

	// The list reads the kept summary rather than replaying the session:
	// one altered by hand, at the same last event, is what it shows.
	if _, err := s.db.Exec(`UPDATE summaries SET body = json_set(body, '$.Votes', 999) WHERE session_id = ?`, sess.ID); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Votes != 999 {
		t.Fatalf("the list replayed a session whose summary is current: %d votes", got.Votes)
	}

	// A new event makes the summary stale: the session is replayed again.
	if err := s.Append(sess.ID, workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Participant: "late", At: t0.Add(time.Hour)}, func() {}); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Votes != 6 {
		t.Errorf("after a new vote the list shows %d votes, want 6", got.Votes)
	}

	// A summary made by a Runsheet that summarised differently is remade.
	if _, err := s.db.Exec(`UPDATE summaries SET version = 0, body = json_set(body, '$.Votes', 999) WHERE session_id = ?`, sess.ID); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Votes != 6 {
		t.Errorf("a summary of another version was used: %d votes", got.Votes)
	}
}

func TestAStoreFromTheFirstVersionGainsSummaries(t *testing.T) {
	s, path := openTemp(t)
	sess := votedSession(t, "Old", 3)
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Take the file back to schema 1, as the first Runsheet left it.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE summaries`, `ALTER TABLE sessions DROP COLUMN imported`, `DELETE FROM schema_migrations WHERE version > 1`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatalf("opening a schema 1 store: %v", err)
	}
	defer s.Close()
	if got := listed(t, s, sess.ID); got.Votes != 3 || got.Group != "Old" {
		t.Errorf("after the update: %+v", got)
	}
	loaded, err := s.Load(sess.ID)
	if err != nil || len(loaded.Events) != len(sess.Events) {
		t.Fatalf("the session after the update: %v", err)
	}
	var version int
	if err := s.db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil || version != len(migrations)-1 {
		t.Errorf("schema version %d (%v), want %d", version, err, len(migrations)-1)
	}
}

// BenchmarkListSessions measures opening the sessions list with 500 stored
// sessions of 2,000 phone votes each, once their summaries are kept (every
// opening but the first after they change). The first listing, which
// replays every session and keeps its summary, is reported as cold-ms.
func BenchmarkListSessions(b *testing.B) {
	s, _ := openTemp(b)
	for i := range 500 {
		sess := votedSession(b, fmt.Sprintf("Room %d", i), 2000)
		sess.ID = fmt.Sprintf("%s-%03d", sess.ID, i)
		if err := s.Create(sess); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	list, err := s.List()
	if err != nil || len(list) != 500 {
		b.Fatalf("cold listing: %v, %d sessions", err, len(list))
	}
	cold := time.Since(start)
	for b.Loop() {
		list, err := s.List()
		if err != nil || len(list) != 500 || list[0].Votes != 2000 {
			b.Fatalf("listing: %v, %d sessions", err, len(list))
		}
	}
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}

// People in the list: the headcount where one was entered, else the
// phones that voted, each once however many items it voted on.
func TestTheListCountsPhonesThatVotedWhereNoHeadcountWasEntered(t *testing.T) {
	s, _ := openTemp(t)
	sess := votedSession(t, "Thirty phones", 30)
	for i := range 30 { // the same phones on the second item
		e := workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 1, At: t0.Add(2 * time.Minute)}
		if i == 0 {
			if err := sess.Record(e); err != nil {
				t.Fatal(err)
			}
		}
		e = workshop.Event{Kind: workshop.EventVote, Exercise: sorting, Item: 1, Participant: fmt.Sprintf("p%d", i), At: t0.Add(2 * time.Minute)}
		if err := sess.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Phones != 30 || got.Headcount != 0 || got.Votes != 60 {
		t.Fatalf("30 phones on two items: %d phones, headcount %d, %d votes", got.Phones, got.Headcount, got.Votes)
	}
	if err := s.Append(sess.ID, workshop.Event{Kind: workshop.EventHeadcount, Exercise: sorting, Count: 32, At: t0.Add(3 * time.Minute)}, func() {}); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, s, sess.ID); got.Headcount != 32 || got.Phones != 30 {
		t.Errorf("with a headcount of 32: headcount %d, phones %d", got.Headcount, got.Phones)
	}
}
