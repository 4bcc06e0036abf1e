package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// Create stores a new session with the events it already has (none for a
// session about to run, all of them for an import). A session whose id is
// already stored is refused with ErrExists and nothing changes.
func (s *Store) Create(sess *workshop.Session) error {
	plan := plans.Marshal(sess.Plan)
	sources, err := json.Marshal(nonNil(sess.Sources))
	if err != nil {
		return err
	}
	s.mu.Lock()
	_, exists := s.sessions[sess.ID]
	s.mu.Unlock()
	if exists {
		return fmt.Errorf("%w: %s (%s, %s)", ErrExists, sess.ID, sess.Plan.Title, sess.Group)
	}
	return s.submit(&request{isolated: true, run: func(tx *sql.Tx, b *batch) error {
		_, err := tx.Exec(`INSERT INTO sessions (id, plan_title, plan, grp, facilitator, created_at, sources, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			sess.ID, sess.Plan.Title, plan, sess.Group, sess.Facilitator, sess.Created.UTC().Format(time.RFC3339Nano), sources, sess.Imported)
		if err != nil {
			if resultCode(err) == sqlite3.SQLITE_CONSTRAINT {
				return fmt.Errorf("%w: %s", ErrExists, sess.ID)
			}
			return storageError(s.path, err)
		}
		// Each event is written as it is encoded: an import of many events
		// never holds them twice.
		for i, e := range sess.Events {
			body, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if err := b.insertEvent(sess.ID, int64(i+1), body); err != nil {
				return storageError(s.path, err)
			}
		}
		b.used(sess.ID, int64(len(sess.Events)))
		return nil
	}})
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// Load reads a session and rebuilds its state by replaying its events.
func (s *Store) Load(id string) (*workshop.Session, error) {
	var planText, created, sources string
	sess := &workshop.Session{ID: id}
	err := s.db.QueryRow(`SELECT plan, grp, facilitator, created_at, sources, imported FROM sessions WHERE id = ?`, id).
		Scan(&planText, &sess.Group, &sess.Facilitator, &created, &sources, &sess.Imported)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read session %s: %w", id, err)
	}
	// The plan was saved by Runsheet, perhaps before today's rules on text.
	if sess.Plan, err = plans.ParseSaved("session "+id, []byte(planText)); err != nil {
		return nil, fmt.Errorf("%w: session %s has an unreadable plan: %w", ErrCorrupt, id, err)
	}
	if sess.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return nil, fmt.Errorf("%w: session %s: %w", ErrCorrupt, id, err)
	}
	if err := json.Unmarshal([]byte(sources), &sess.Sources); err != nil {
		return nil, fmt.Errorf("%w: session %s: %w", ErrCorrupt, id, err)
	}
	rows, err := s.db.Query(`SELECT seq, body FROM events WHERE session_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("cannot read session %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var body []byte
		if err := rows.Scan(&seq, &body); err != nil {
			return nil, fmt.Errorf("cannot read session %s: %w", id, err)
		}
		var e workshop.Event
		if err := json.Unmarshal(body, &e); err != nil {
			return nil, fmt.Errorf("%w: session %s, event %d: %w", ErrCorrupt, id, seq, err)
		}
		sess.Events = append(sess.Events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cannot read session %s: %w", id, err)
	}
	if sess.State, err = workshop.Replay(sess.Plan, sess.Events); err != nil {
		return nil, fmt.Errorf("%w: session %s: %w", ErrCorrupt, id, err)
	}
	return sess, nil
}

// Summary describes a stored session for lists.
type Summary struct {
	ID        string
	PlanTitle string
	Group     string
	Created   time.Time
	// Started is when the session began: its timer first ran, or the
	// room first did something in it.
	Started  time.Time
	Finished time.Time
	// Headcount is the most people counted in the room for any exercise,
	// 0 where no one entered a headcount.
	Headcount int
	// Phones counts the phones that voted or answered at least once.
	Phones  int
	Votes   int
	Sources int
	// LastEvent is when the session last changed.
	LastEvent time.Time
	// Problem says why the session cannot be read, for a damaged one.
	Problem string
	// Imported marks a session recorded on another laptop: it is never
	// offered to resume.
	Imported bool
}

// Progress says how far a session got: "not started", "in progress" or
// "finished".
func (s Summary) Progress() string {
	switch {
	case s.Problem != "":
		return "damaged"
	case !s.Finished.IsZero():
		return "finished"
	case !s.Started.IsZero():
		return "in progress"
	}
	return "not started"
}

// Summarize describes a loaded session.
func Summarize(sess *workshop.Session) Summary {
	st := sess.State
	sum := Summary{ID: sess.ID, PlanTitle: sess.Plan.Title, Group: sess.Group, Created: sess.Created,
		Started: st.Began(), Finished: st.Finished, Sources: len(sess.Sources), LastEvent: sess.Created, Imported: sess.Imported}
	if n := len(sess.Events); n > 0 {
		sum.LastEvent = sess.Events[n-1].At
	}
	phones := map[string]bool{}
	for ei, ev := range st.Votes {
		sum.Headcount = max(sum.Headcount, ev.Headcount)
		for ii := range ev.Items {
			sum.Votes += st.Result(ei, ii).Votes
			for _, id := range ev.Items[ii].Voters() {
				phones[id] = true
			}
		}
	}
	for _, a := range st.Answers {
		for _, ans := range a.List {
			if ans.Source == workshop.SourcePhone && ans.Participant != "" {
				phones[ans.Participant] = true
			}
		}
	}
	sum.Phones = len(phones)
	return sum
}

// summaryVersion changes whenever Summarize describes sessions
// differently, so that summaries kept by an older Runsheet are remade.
// Version 2 says whether the session was imported; version 3 counts the
// phones that voted; version 4 counts the phones that answered too, and
// takes a session in which the room did something as started.
const summaryVersion = 4

// List describes every stored session, newest first. It reads the
// summaries the store keeps beside each session, keyed by the session's
// last event: only a session that changed since its summary was made is
// replayed, and its summary kept for the next time. A session that cannot
// be read is listed with its problem; the others are listed as usual.
func (s *Store) List() ([]Summary, error) {
	rows, err := s.db.Query(`SELECT s.id, s.plan_title, s.grp, s.created_at,
		COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.session_id = s.id), 0),
		COALESCE(m.seq, -1), COALESCE(m.version, 0), COALESCE(m.body, '')
		FROM sessions s LEFT JOIN summaries m ON m.session_id = s.id`)
	if err != nil {
		return nil, fmt.Errorf("cannot list sessions: %w", err)
	}
	var out, stale []Summary
	var seqs []int64
	for rows.Next() {
		var h Summary
		var created, body string
		var last, seq int64
		var version int
		if err := rows.Scan(&h.ID, &h.PlanTitle, &h.Group, &created, &last, &seq, &version, &body); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot list sessions: %w", err)
		}
		h.Created, _ = time.Parse(time.RFC3339Nano, created)
		var kept Summary
		if seq == last && version == summaryVersion && json.Unmarshal([]byte(body), &kept) == nil && kept.ID == h.ID {
			out = append(out, kept)
			continue
		}
		stale = append(stale, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cannot list sessions: %w", err)
	}
	var fresh []Summary
	for _, h := range stale {
		sess, err := s.Load(h.ID)
		if err != nil {
			h.Problem = err.Error()
			out = append(out, h)
			continue
		}
		sum := Summarize(sess)
		out = append(out, sum)
		fresh = append(fresh, sum)
		seqs = append(seqs, int64(len(sess.Events)))
	}
	if len(fresh) > 0 {
		// A summary that cannot be kept (a full disk, say) is made again
		// next time; the list is right either way.
		_ = s.keepSummaries(fresh, seqs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, nil
}

// keepSummaries stores sessions' summaries, each made from the session's
// events up to seq.
func (s *Store) keepSummaries(sums []Summary, seqs []int64) error {
	bodies := make([][]byte, len(sums))
	for i, sum := range sums {
		var err error
		if bodies[i], err = json.Marshal(sum); err != nil {
			return err
		}
	}
	return s.submit(&request{isolated: true, run: func(tx *sql.Tx, _ *batch) error {
		for i, sum := range sums {
			if _, err := tx.Exec(`INSERT INTO summaries (session_id, seq, version, body) VALUES (?, ?, ?, ?)
				ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, body = excluded.body`,
				sum.ID, seqs[i], summaryVersion, bodies[i]); err != nil {
				return storageError(s.path, err)
			}
		}
		return nil
	}})
}

func (s *Store) ids(query string, args ...any) ([]string, error) {
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot list sessions: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("cannot list sessions: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Resolve finds the session whose id is prefix, or else the one session
// whose id starts with it: an imported session's id may be a local id with
// more after it, and must not make the local one unreachable.
func (s *Store) Resolve(prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("%w: give a session id or the start of one", ErrNotFound)
	}
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix)
	ids, err := s.ids(`SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\' ORDER BY id`, esc+"%")
	if err != nil {
		return "", err
	}
	if slices.Contains(ids, prefix) {
		return prefix, nil
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("%w matching %q; `runsheet sessions` lists them", ErrNotFound, prefix)
	case 1:
		return ids[0], nil
	}
	if len(ids) > 5 {
		ids = append(ids[:5], "…")
	}
	return "", fmt.Errorf("%w %q: %s; give more of the id", ErrAmbiguous, prefix, strings.Join(ids, ", "))
}

// MoveAside renames an unusable store file (and its WAL files) so that a
// fresh one can be started in its place; nothing is deleted. It returns the
// new name of the old file.
func MoveAside(path string, now time.Time) (string, error) {
	aside := path + ".unreadable-" + now.Format("20060102-150405")
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("cannot move %s aside: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, aside+suffix); err != nil {
				return aside, fmt.Errorf("cannot move %s aside: %w", path+suffix, err)
			}
		}
	}
	return aside, nil
}
