package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"runsheet/workshop/atomicfile"
	"runsheet/workshop/datadir"
)

// SetAsideDir is the folder, inside the data folder, that holds sessions
// set aside from the store.
const SetAsideDir = "set-aside"

// setAside is a session as the store held it, written out byte for byte so
// that nothing in it is lost even when it cannot be read as a session.
type setAside struct {
	ID          string         `json:"id"`
	Problem     string         `json:"problem,omitempty"`
	PlanTitle   string         `json:"plan_title"`
	Plan        string         `json:"plan"`
	Group       string         `json:"group"`
	Facilitator string         `json:"facilitator"`
	Created     string         `json:"created_at"`
	Sources     string         `json:"sources"`
	Events      []setAsideItem `json:"events"`
}

type setAsideItem struct {
	Seq  int64  `json:"seq"`
	Body string `json:"body"`
}

// SetAside moves a session out of the store into a file of its own in dir,
// for a session that cannot be read: the list then shows every other
// session without it, and the file keeps every row it had, to mend or
// send on. The file is written and synced before the session leaves the
// store; an existing file is never overwritten. It returns the file's path.
func (s *Store) SetAside(id, dir, problem string) (string, error) {
	a := setAside{ID: id, Problem: problem}
	err := s.db.QueryRow(`SELECT plan_title, plan, grp, facilitator, created_at, sources FROM sessions WHERE id = ?`, id).
		Scan(&a.PlanTitle, &a.Plan, &a.Group, &a.Facilitator, &a.Created, &a.Sources)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return "", fmt.Errorf("cannot read session %s: %w", id, err)
	}
	rows, err := s.db.Query(`SELECT seq, CAST(body AS TEXT) FROM events WHERE session_id = ? ORDER BY seq`, id)
	if err != nil {
		return "", fmt.Errorf("cannot read session %s: %w", id, err)
	}
	for rows.Next() {
		var it setAsideItem
		if err := rows.Scan(&it.Seq, &it.Body); err != nil {
			rows.Close()
			return "", fmt.Errorf("cannot read session %s: %w", id, err)
		}
		a.Events = append(a.Events, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("cannot read session %s: %w", id, err)
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, datadir.DirMode); err != nil {
		return "", fmt.Errorf("cannot set session %s aside: %w", id, err)
	}
	path := filepath.Join(dir, id+".json")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("cannot set session %s aside: %s already exists; move it elsewhere first", id, path)
	}
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return "", fmt.Errorf("cannot set session %s aside: %w", id, err)
	}
	err = s.submit(&request{isolated: true, run: func(tx *sql.Tx, _ *batch) error {
		if _, err := tx.Exec(`DELETE FROM summaries WHERE session_id = ?`, id); err != nil {
			return storageError(s.path, err)
		}
		if _, err := tx.Exec(`DELETE FROM events WHERE session_id = ?`, id); err != nil {
			return storageError(s.path, err)
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE id = ?`, id); err != nil {
			return storageError(s.path, err)
		}
		return nil
	}})
	if err != nil {
		return path, fmt.Errorf("session %s was copied to %s but is still in the store: %w", id, path, err)
	}
	s.mu.Lock()
	delete(s.sessions, id)
	s.mu.Unlock()
	return path, nil
}
