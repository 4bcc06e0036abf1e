// Package store keeps sessions in one SQLite file: every event is committed
// before it takes effect, by a single writer that commits in groups so that
// thousands of votes a second can be durable.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"modernc.org/sqlite" // the pure-Go SQLite driver; its errors carry result codes
	sqlite3 "modernc.org/sqlite/lib"

	"runsheet/workshop"
	"runsheet/workshop/datadir"
)

// FileName is the store's file in the data folder.
const FileName = "runsheet.db"

// applicationID marks a SQLite file as Runsheet's ("RSHT").
const applicationID = 0x52534854

// maxBatch caps how many events one transaction commits.
const maxBatch = 2048

// commitWait is how long a commit that found more than one request waiting
// holds its transaction open for others before writing it to disk. A room
// voting at once then commits in fewer, fuller writes: each one's sync to
// disk costs about the same whether it carries one vote or a hundred. A
// lone request is never held, so a quiet room's votes are acknowledged as
// soon as they are on disk.
const commitWait = 8 * time.Millisecond

// Errors from Open. The file is never changed when one is returned.
var (
	ErrNotDatabase = errors.New("not a Runsheet database")
	ErrCorrupt     = errors.New("the database is damaged")
	ErrNewer       = errors.New("the database was written by a newer Runsheet")
	ErrClosed      = errors.New("the store is closed")
	ErrNotFound    = errors.New("no such session")
	ErrAmbiguous   = errors.New("more than one session matches")
	ErrExists      = errors.New("the session is already stored")
)

// OpenError is the error Open returns: the file and what is wrong with it.
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string { return e.Err.Error() }
func (e *OpenError) Unwrap() error { return e.Err }

// Store is an open session store.
type Store struct {
	path   string
	db     *sql.DB
	insert *sql.Stmt
	// insertRows[i] inserts rowsPerInsert[i] events at once.
	insertRows [len(rowsPerInsert)]*sql.Stmt

	reqs chan *request
	quit chan struct{}
	// rows is the array a commit queues its appended events' rows in,
	// kept from one commit to the next; the writer's alone.
	rows []any
	done chan struct{}

	// wait is commitWait, and waiting, when set, is called as the writer
	// starts to wait for more requests; both are changed only by tests,
	// before the first request.
	wait    time.Duration
	waiting func()

	// FoundEmpty says the file was there but empty (0 bytes) when opened:
	// SQLite takes it for an empty store, which it is, but a file that
	// once held sessions and was cut to nothing (a failed copy, a full
	// disk) looks the same, so a caller says so.
	FoundEmpty bool

	mu       sync.Mutex // guards the fields below, shared with the writer
	closed   bool
	sessions map[string]int64 // id → last sequence number
}

// request is one unit of work for the writer, run inside a savepoint of a
// shared transaction.
type request struct {
	run   func(tx *sql.Tx, b *batch) error
	after func(err error) // called in commit order with the request's outcome
	done  chan error
	// isolated runs the request in its own savepoint, so that its failure
	// (a duplicate import, say) does not fail the others in its group. An
	// event append can only fail with the whole transaction, so it needs none.
	isolated bool
}

// batch is what a group of requests share while their transaction is open:
// the sequence numbers handed out so far, which become the store's once the
// transaction commits, and the appended events not yet inserted.
type batch struct {
	s      *Store
	tx     *sql.Tx
	seqs   map[string]int64
	insert *sql.Stmt
	queued []any // session, seq and body of each appended event, in order
}

// rowsPerInsert are the numbers of events one statement inserts at once,
// largest first: a commit's appends go in as few statements as these add
// up to, since each statement costs SQLite and database/sql about as much
// again as the rows it inserts.
var rowsPerInsert = [...]int{64, 16, 4, 1}

// queueEvent adds an appended event's row, to be inserted with the others
// by flush, before the transaction commits or a request in a savepoint of
// its own runs.
func (b *batch) queueEvent(session string, seq int64, body []byte) {
	b.queued = append(b.queued, session, seq, body)
}

// flush inserts the queued rows.
func (b *batch) flush() error {
	rows := b.queued
	for i, n := range rowsPerInsert {
		for len(rows) >= 3*n {
			if _, err := b.tx.Stmt(b.s.insertRows[i]).Exec(rows[:3*n]...); err != nil {
				return err
			}
			rows = rows[3*n:]
		}
	}
	// The rows' array is kept for the next commit, without the rows.
	clear(b.queued)
	b.queued = b.queued[:0]
	return nil
}

// insertEvent adds one event row, with the statement prepared once per batch.
func (b *batch) insertEvent(session string, seq int64, body []byte) error {
	if b.insert == nil {
		b.insert = b.tx.Stmt(b.s.insert)
	}
	_, err := b.insert.Exec(session, seq, body)
	return err
}

// nextSeq hands out the next sequence number of a session's events.
func (b *batch) nextSeq(session string) int64 {
	seq, ok := b.seqs[session]
	if !ok {
		b.s.mu.Lock()
		seq = b.s.sessions[session]
		b.s.mu.Unlock()
	}
	return seq + 1
}

// used records that a sequence number's insert succeeded.
func (b *batch) used(session string, seq int64) { b.seqs[session] = seq }

// Open opens the store at path, creating it if there is no file. A file
// that is not a Runsheet database, is damaged or is from a newer version is
// refused with ErrNotDatabase, ErrCorrupt or ErrNewer and left untouched.
func Open(path string) (*Store, error) {
	s, err := open(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	return s, nil
}

func open(path string) (*Store, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	fi, statErr := os.Stat(path)
	foundEmpty := statErr == nil && fi.Size() == 0
	// A new store is private from its first byte; SQLite gives its log
	// files the database's mode. Where the file cannot be made, SQLite
	// says why below.
	_ = datadir.CreatePrivate(path)
	dsn := "file:" + filepath.ToSlash(path) +
		"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)" +
		// Checkpoints run beside the writer (see checkpointer), so that a
		// commit never waits while the log is copied into the database.
		"&_pragma=wal_autocheckpoint(0)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	if err := prepare(db, path); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{
		path: path, db: db,
		reqs: make(chan *request, 4096), quit: make(chan struct{}), done: make(chan struct{}),
		wait:     commitWait,
		sessions: map[string]int64{}, FoundEmpty: foundEmpty,
	}
	rows, err := db.Query(`SELECT s.id, COALESCE(MAX(e.seq), 0) FROM sessions s LEFT JOIN events e ON e.session_id = s.id GROUP BY s.id`)
	if err != nil {
		db.Close()
		return nil, openProblem(path, err)
	}
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			rows.Close()
			db.Close()
			return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, path, err)
		}
		s.sessions[id] = seq
	}
	rows.Close()
	if s.insert, err = db.Prepare(`INSERT INTO events (session_id, seq, body) VALUES (?, ?, ?)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot prepare %s: %w", path, err)
	}
	for i, n := range rowsPerInsert {
		values := strings.Repeat(", (?, ?, ?)", n)[2:]
		if s.insertRows[i], err = db.Prepare(`INSERT INTO events (session_id, seq, body) VALUES ` + values); err != nil {
			db.Close()
			return nil, fmt.Errorf("cannot prepare %s: %w", path, err)
		}
	}
	go s.writer()
	go s.checkpointer()
	return s, nil
}

// checkpointInterval is how often the write-ahead log is copied back into
// the database file.
const checkpointInterval = time.Second

// checkpointer copies the write-ahead log into the database once a second
// on a connection of its own. A passive checkpoint never blocks the writer,
// so a burst of votes is never held up by it, and the log stays small.
func (s *Store) checkpointer() {
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
			s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// checkHeader refuses a non-empty file that is not SQLite at all.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil
	}
	if !bytes.Equal(head[:n], []byte("SQLite format 3\x00")[:n]) || n < 16 {
		return fmt.Errorf("%w: %s is not a SQLite file", ErrNotDatabase, path)
	}
	return nil
}

// resultCode is SQLite's primary result code for err, or 0 when err did
// not come from SQLite.
func resultCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// isCorrupt reports a file that SQLite can read but finds damaged or not
// a database at all.
func isCorrupt(err error) bool {
	c := resultCode(err)
	return c == sqlite3.SQLITE_CORRUPT || c == sqlite3.SQLITE_NOTADB
}

// isReadOnly reports a file or folder Runsheet may not write to.
func isReadOnly(err error) bool {
	switch resultCode(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return true
	}
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// isFull reports a disk with no room left.
func isFull(err error) bool {
	return resultCode(err) == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC)
}

// openProblem tells a damaged file from one that cannot be reached: only
// the first may be moved aside and replaced.
func openProblem(path string, err error) error {
	switch {
	case isCorrupt(err):
		return fmt.Errorf("%w: %s: %w", ErrCorrupt, path, err)
	case isReadOnly(err):
		return fmt.Errorf("cannot open %s: the folder or file is read-only or out of reach; choose a writable data folder (--data DIR): %w", path, err)
	}
	return storageError(path, err)
}

func prepare(db *sql.DB, path string) error {
	var appID, tables int
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return openProblem(path, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return openProblem(path, err)
	}
	if tables > 0 && appID != applicationID {
		return fmt.Errorf("%w: %s belongs to another program", ErrNotDatabase, path)
	}
	var check string
	if err := db.QueryRow(`PRAGMA quick_check`).Scan(&check); err != nil {
		return openProblem(path, err)
	}
	if check != "ok" {
		// SQLite lists every damaged page, tens of lines: the first says
		// enough, and what to do is the caller's to say.
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(check), "\n") {
			if !strings.HasPrefix(l, "*** ") { // "*** in database main ***"
				lines = append(lines, l)
			}
		}
		first := check
		if len(lines) > 0 {
			first = lines[0]
		}
		if len(lines) > 1 {
			first += fmt.Sprintf(" (and %d more problems)", len(lines)-1)
		}
		return fmt.Errorf("%w: %s: %s", ErrCorrupt, path, first)
	}
	// Only now, with the file known to be ours, switch it to WAL: the
	// setting is stored in the file.
	if _, err := db.Exec(`PRAGMA journal_mode=WAL`); err != nil {
		return openProblem(path, err)
	}
	return migrate(db, path)
}

// migrations are applied in order; each one's number is recorded in the
// file so that it runs once. Never edit one that has shipped: add another.
var migrations = []string{
	1: `
CREATE TABLE sessions (
	id          TEXT PRIMARY KEY,
	plan_title  TEXT NOT NULL,
	plan        TEXT NOT NULL,
	grp         TEXT NOT NULL DEFAULT '',
	facilitator TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	sources     TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE events (
	session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	body       TEXT NOT NULL,
	PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;`,
	2: `
CREATE TABLE summaries (
	session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	version    INTEGER NOT NULL,
	body       TEXT NOT NULL
) WITHOUT ROWID;`,
	// A session imported from another laptop's file is marked, so that it
	// never resumes or reopens phone voting by itself.
	3: `ALTER TABLE sessions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;`,
}

func migrate(db *sql.DB, path string) error {
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return openProblem(path, err)
	}
	var have int
	if err := db.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return openProblem(path, err)
	}
	if have >= len(migrations) {
		return fmt.Errorf("%w: %s has schema version %d; this Runsheet knows up to %d. Update Runsheet to open it", ErrNewer, path, have, len(migrations)-1)
	}
	for v := have + 1; v < len(migrations); v++ {
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("cannot update %s: %w", path, err)
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot update %s to schema %d: %w", path, v, err)
		}
		if _, err := tx.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot update %s: %w", path, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, applicationID)); err != nil {
			tx.Rollback()
			return fmt.Errorf("cannot update %s: %w", path, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("cannot update %s: %w", path, err)
		}
	}
	return nil
}

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Close waits for pending commits and closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.quit)
	<-s.done
	// Leave the database whole, with nothing waiting in the log.
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return s.db.Close()
}

// submit hands a request to the writer and waits for its outcome.
func (s *Store) submit(r *request) error {
	r.done = make(chan error, 1)
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return ErrClosed
	}
	select {
	case s.reqs <- r:
	case <-s.quit:
		return ErrClosed
	}
	return <-r.done
}

// writer commits requests in groups: it takes every request waiting (and,
// when that is more than one, those that come within commitWait), runs
// them in one transaction, commits once, and only then answers them all,
// in order.
func (s *Store) writer() {
	defer close(s.done)
	pending := make([]*request, 0, maxBatch)
	wait := time.NewTimer(time.Hour)
	wait.Stop()
	for {
		pending = pending[:0]
		select {
		case r := <-s.reqs:
			pending = append(pending, r)
		case <-s.quit:
			// Answer what is still queued before stopping.
			for {
				select {
				case r := <-s.reqs:
					s.commit([]*request{r})
				default:
					return
				}
			}
		}
	fill:
		for len(pending) < maxBatch {
			select {
			case r := <-s.reqs:
				pending = append(pending, r)
			default:
				break fill
			}
		}
		if len(pending) > 1 && len(pending) < maxBatch && s.wait > 0 {
			if s.waiting != nil {
				s.waiting()
			}
			// The writer sleeps out the wait and then takes what came,
			// rather than waking for each request as it comes: the queue
			// holds them, and a wake a vote costs more than the vote's
			// insert.
			wait.Reset(s.wait)
			select {
			case <-wait.C:
			case <-s.quit:
				wait.Stop()
			}
		more:
			for len(pending) < maxBatch {
				select {
				case r := <-s.reqs:
					pending = append(pending, r)
				default:
					break more
				}
			}
		}
		s.commit(pending)
	}
}

func (s *Store) commit(reqs []*request) {
	errs := make([]error, len(reqs))
	b := &batch{s: s, seqs: map[string]int64{}, queued: s.rows[:0]}
	defer func() { clear(b.queued); s.rows = b.queued[:0] }()
	fail := func(err error) {
		for _, r := range reqs {
			if r.after != nil {
				r.after(err)
			}
		}
		for _, r := range reqs {
			r.done <- err
		}
	}
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		fail(storageError(s.path, err))
		return
	}
	b.tx = tx
	for i, r := range reqs {
		if !r.isolated {
			if errs[i] = r.run(tx, b); errs[i] != nil {
				tx.Rollback()
				fail(errs[i])
				return
			}
			continue
		}
		if err := b.flush(); err != nil {
			tx.Rollback()
			fail(storageError(s.path, err))
			return
		}
		if _, err := tx.Exec(`SAVEPOINT req`); err != nil {
			tx.Rollback()
			fail(storageError(s.path, err))
			return
		}
		if errs[i] = r.run(tx, b); errs[i] != nil {
			if _, err := tx.Exec(`ROLLBACK TO req`); err != nil {
				tx.Rollback()
				fail(storageError(s.path, err))
				return
			}
		}
		if _, err := tx.Exec(`RELEASE req`); err != nil {
			tx.Rollback()
			fail(storageError(s.path, err))
			return
		}
	}
	if err := b.flush(); err != nil {
		tx.Rollback()
		fail(storageError(s.path, err))
		return
	}
	if err := tx.Commit(); err != nil {
		fail(storageError(s.path, err))
		return
	}
	s.mu.Lock()
	for id, seq := range b.seqs {
		s.sessions[id] = seq
	}
	s.mu.Unlock()
	// Every request's after runs before any waiter is answered, so that
	// the waiters of one commit find all of it applied.
	for i, r := range reqs {
		if r.after != nil {
			r.after(errs[i])
		}
	}
	for i, r := range reqs {
		r.done <- errs[i]
	}
}

// storageError explains a failed write in terms a person can act on.
func storageError(path string, err error) error {
	switch {
	case isFull(err):
		return fmt.Errorf("cannot save to %s: the disk is full; free some space and try again: %w", path, err)
	case isReadOnly(err):
		return fmt.Errorf("cannot save to %s: the folder or file is read-only; choose a writable data folder: %w", path, err)
	}
	return fmt.Errorf("cannot save to %s: %w", path, err)
}

// Append commits one event to a session, then calls apply (in commit
// order) and returns. It implements workshop.Journal.
func (s *Store) Append(session string, e workshop.Event, apply func()) error {
	body, err := encodeEvent(e)
	if err != nil {
		return err
	}
	s.mu.Lock()
	_, known := s.sessions[session]
	s.mu.Unlock()
	if !known {
		return fmt.Errorf("%w: %s", ErrNotFound, session)
	}
	return s.submit(&request{
		run: func(tx *sql.Tx, b *batch) error {
			seq := b.nextSeq(session)
			b.queueEvent(session, seq, body)
			b.used(session, seq)
			return nil
		},
		after: func(err error) {
			if err == nil && apply != nil {
				apply()
			}
		},
	})
}

var _ workshop.Journal = (*Store)(nil)
