// Package report turns plans and sessions into files for other people and
// programs: the participant handout, the facilitator guide and the session
// summary as PDF, every vote as CSV, and sessions in the JSON interchange
// format (docs/session-format.md).
package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"time"

	"runsheet/workshop"
)

// Format names the JSON interchange format; FormatVersion is the newest
// version this Runsheet writes and reads.
const (
	Format        = "runsheet-session"
	FormatVersion = 1
)

// MaxImportBytes caps an import file; a session of 2,000 phones voting on
// a whole workshop is a few megabytes.
const MaxImportBytes = 64 << 20

// ErrImport reports a file that cannot be imported; nothing was changed.
var ErrImport = errors.New("cannot import")

// sessionFile is the JSON document. The plan travels as TOML, the same text
// a person would write, so that the file is complete on its own.
type sessionFile struct {
	Format      string           `json:"format"`
	Version     int              `json:"version"`
	ID          string           `json:"id"`
	Group       string           `json:"group"`
	Facilitator string           `json:"facilitator"`
	Created     time.Time        `json:"created"`
	Sources     []string         `json:"sources,omitempty"`
	Plan        string           `json:"plan"`
	Events      []workshop.Event `json:"events"`
}

// WriteJSON writes a session in the interchange format.
func WriteJSON(w io.Writer, sess *workshop.Session) error {
	f := sessionFile{
		Format: Format, Version: FormatVersion,
		ID: sess.ID, Group: sess.Group, Facilitator: sess.Facilitator, Created: sess.Created.UTC(),
		Sources: sess.Sources, Plan: string(workshop.MarshalPlan(sess.Plan)), Events: sess.Events,
	}
	if f.Events == nil {
		f.Events = []workshop.Event{}
	}
	// The key that signs phones' tokens stays on the laptop that ran the room.
	f.Events = slices.Clone(f.Events)
	for i := range f.Events {
		f.Events[i].Key = ""
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

var idPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$`)

// ReadJSON reads and checks a session file. Everything is checked before a
// session is returned: the format and version, the plan, and that every
// event fits the plan. A refusal says what is wrong.
func ReadJSON(r io.Reader) (*workshop.Session, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImport, err)
	}
	if len(data) > MaxImportBytes {
		return nil, fmt.Errorf("%w: the file is larger than %d MB", ErrImport, MaxImportBytes>>20)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: the file is not valid JSON (is it complete?): %v", ErrImport, err)
	}
	if head.Format != Format {
		return nil, fmt.Errorf("%w: this is not a Runsheet session export (format %q)", ErrImport, head.Format)
	}
	if head.Version > FormatVersion {
		return nil, fmt.Errorf("%w: the file is format version %d, from a newer Runsheet; this one reads up to version %d. Update Runsheet to import it", ErrImport, head.Version, FormatVersion)
	}
	if head.Version < 1 {
		return nil, fmt.Errorf("%w: the file has no valid format version", ErrImport)
	}
	var f sessionFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImport, err)
	}
	if !idPattern.MatchString(f.ID) {
		return nil, fmt.Errorf("%w: the session id %q is not valid", ErrImport, f.ID)
	}
	plan, err := workshop.ParsePlan("the file's plan", []byte(f.Plan)) // words: begins the domain's errors
	if err != nil {
		return nil, fmt.Errorf("%w: the session's plan is invalid:\n%v", ErrImport, err)
	}
	sess, err := workshop.NewSession(plan, f.Group, f.Facilitator, f.Created)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImport, err)
	}
	sess.ID = f.ID
	sess.Sources = f.Sources
	for i, e := range f.Events {
		// A refused event is part of history (a vote that lost a race with
		// its item closing); anything else that does not fit is damage.
		if err := sess.State.Apply(e); err != nil && !errors.Is(err, workshop.ErrRefused) && !errors.Is(err, workshop.ErrFinished) {
			return nil, fmt.Errorf("%w: event %d (%s) does not fit the plan: %v", ErrImport, i+1, e.Kind, err)
		}
		sess.Events = append(sess.Events, e)
	}
	return sess, nil
}
