// Package report turns plans and sessions into files for other people and
// programs: the participant handout, the facilitator guide and the session
// summary as PDF, every vote as CSV, and sessions in the JSON interchange
// format (docs/session-format.md).
package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// Format names the JSON interchange format; FormatVersion is the newest
// version this Runsheet writes and reads.
const (
	Format        = "runsheet-session"
	FormatVersion = 1
)

// Limits on a session file, checked while it is read, so that any file is
// imported or refused within a second and a hundred megabytes. The most
// events a file may hold are 2,000 phones each voting once on 40 items:
// about 10 MB as exported (see docs/session-format.md).
const (
	// MaxImportBytes caps an import file.
	MaxImportBytes = 16 << 20
	// MaxImportEvents caps its events.
	MaxImportEvents = 80_000
	// MaxImportString caps one string of the file, as written, escapes
	// and all: the plan is the longest, at most plans.MaxBytes.
	MaxImportString = 4 << 20
	// FutureSlack is how far a session file's dates may be ahead of this
	// laptop's clock: two laptops' clocks differ a little, never by days.
	FutureSlack = time.Hour
	// PastSlack is how far before its session's creation an event may be
	// dated: the laptop's clock set back a little while the room ran.
	PastSlack = 24 * time.Hour
)

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
		Sources: sess.Sources, Plan: string(plans.Marshal(sess.Plan)), Events: sess.Events,
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
// session is returned: the format and version, the size and the number of
// events as it is read, the plan, the dates, and that every event fits the
// plan. A refusal says what is wrong. What would bring another laptop's room
// with it is dropped: the phone server's address, room code and key; the
// session comes back marked Imported, so that it never reopens phone voting
// by itself.
func ReadJSON(r io.Reader) (*workshop.Session, error) {
	return readJSON(r, time.Now())
}

func readJSON(r io.Reader, now time.Time) (*workshop.Session, error) {
	lr := &io.LimitedReader{R: r, N: MaxImportBytes + 1}
	f, err := decodeSessionFile(json.NewDecoder(&jsonShape{r: lr}))
	if lr.N <= 0 {
		return nil, fmt.Errorf("%w: the file is larger than %d MiB (%d bytes)", ErrImport, MaxImportBytes>>20, MaxImportBytes)
	}
	var shape *shapeError
	if errors.As(err, &shape) {
		return nil, fmt.Errorf("%w: %w", ErrImport, shape)
	}
	if err != nil {
		return nil, err
	}
	if !idPattern.MatchString(f.ID) {
		return nil, fmt.Errorf("%w: the session id %q is not valid", ErrImport, f.ID)
	}
	if len(f.Sources) > workshop.MaxListLen {
		return nil, fmt.Errorf("%w: the session lists %d sources; at most %d", ErrImport, len(f.Sources), workshop.MaxListLen)
	}
	latest := now.Add(FutureSlack)
	if f.Created.After(latest) {
		return nil, fmt.Errorf("%w: the session is dated %s, in the future (this laptop's clock says %s); a session file cannot be newer than the clock that imports it", ErrImport,
			f.Created.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	// The plan is one a Runsheet wrote: its texts are cleaned, not refused,
	// but its size, shape and counts are a plan file's.
	plan, err := plans.ParseSaved("the file's plan", []byte(f.Plan)) // words: begins the domain's errors
	if err != nil {
		return nil, fmt.Errorf("%w: the session's plan is invalid:\n%v", ErrImport, err)
	}
	sess, err := workshop.NewSession(plan, f.Group, f.Facilitator, f.Created)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImport, err)
	}
	sess.ID = f.ID
	sess.Imported = true
	for _, src := range f.Sources {
		sess.Sources = append(sess.Sources, limitRunes(strings.TrimSpace(workshop.CleanText(src, false)), workshop.MaxLineRunes))
	}
	sess.Events = f.Events[:0] // each event is checked, then kept in place
	earliest := f.Created.Add(-PastSlack)
	for i, e := range f.Events {
		if e.At.Before(earliest) {
			return nil, fmt.Errorf("%w: event %d (%s) is dated %s, before the session was created (%s); a session's events follow its creation", ErrImport,
				i+1, e.Kind, e.At.UTC().Format(time.RFC3339), f.Created.UTC().Format(time.RFC3339))
		}
		if e.At.After(latest) {
			return nil, fmt.Errorf("%w: event %d (%s) is dated %s, in the future (this laptop's clock says %s)", ErrImport,
				i+1, e.Kind, e.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
		}
		if e.Kind == workshop.EventPhonesOn {
			// Another laptop's room stays there: its address, code and key.
			e.Text, e.Room, e.Key = "", "", ""
		}
		// A refused event is part of history (a vote that lost a race with
		// its item closing); anything else that does not fit is damage.
		if err := sess.State.Apply(e); err != nil && !errors.Is(err, workshop.ErrRefused) && !errors.Is(err, workshop.ErrFinished) {
			return nil, fmt.Errorf("%w: event %d (%s) does not fit the plan: %v", ErrImport, i+1, e.Kind, err)
		}
		sess.Events = append(sess.Events, e)
	}
	return sess, nil
}

// limitRunes cuts s to at most n characters.
func limitRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// decodeSessionFile reads the session file's JSON object key by key, and
// its events one at a time, refusing as soon as there are too many.
func decodeSessionFile(dec *json.Decoder) (*sessionFile, error) {
	dec.DisallowUnknownFields()
	var f sessionFile
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var hasFormat, hasVersion bool
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonProblem(err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fmt.Errorf("%w: the file has %q twice", ErrImport, key)
		}
		seen[key] = true
		var target any
		switch key {
		case "format":
			hasFormat = true
			if err := dec.Decode(&f.Format); err != nil {
				return nil, jsonProblem(err)
			}
			if f.Format != Format {
				return nil, notOurs(f.Format)
			}
			continue
		case "version":
			hasVersion = true
			if err := dec.Decode(&f.Version); err != nil {
				return nil, jsonProblem(err)
			}
			if err := checkVersion(f.Version); err != nil {
				return nil, err
			}
			continue
		case "events":
			if err := decodeEvents(dec, &f); err != nil {
				return nil, err
			}
			continue
		case "id":
			target = &f.ID
		case "group":
			target = &f.Group
		case "facilitator":
			target = &f.Facilitator
		case "created":
			target = &f.Created
		case "sources":
			target = &f.Sources
		case "plan":
			target = &f.Plan
		default:
			return nil, fmt.Errorf("%w: json: unknown field %q", ErrImport, key)
		}
		if err := dec.Decode(target); err != nil {
			return nil, jsonProblem(fmt.Errorf("%s: %w", key, err))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: the file is not valid JSON: something follows the session", ErrImport)
	}
	if !hasFormat {
		return nil, notOurs("")
	}
	if !hasVersion {
		return nil, checkVersion(0)
	}
	return &f, nil
}

// decodeEvents reads the list of events, one at a time.
func decodeEvents(dec *json.Decoder, f *sessionFile) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonProblem(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%w: events must be a list, found %v", ErrImport, tok)
	}
	// Events are read into chunks and copied once into a list of the
	// right length: a growing list would copy them again and again.
	const chunk = 4096
	var chunks [][]workshop.Event
	n := 0
	for dec.More() {
		if n == MaxImportEvents {
			return fmt.Errorf("%w: the file has more than %d events; no workshop makes that many", ErrImport, MaxImportEvents)
		}
		if n%chunk == 0 {
			chunks = append(chunks, make([]workshop.Event, 0, chunk))
		}
		c := &chunks[len(chunks)-1]
		*c = (*c)[:len(*c)+1]
		if err := dec.Decode(&(*c)[len(*c)-1]); err != nil {
			return fmt.Errorf("%w: event %d: %w", ErrImport, n+1, jsonProblem(err))
		}
		n++
	}
	f.Events = make([]workshop.Event, 0, n)
	for i := range chunks {
		f.Events = append(f.Events, chunks[i]...)
		chunks[i] = nil
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the next token, which must be d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonProblem(err)
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		if d == '{' {
			return notOurs("")
		}
		return fmt.Errorf("%w: the file is not valid JSON: expected %q, found %v", ErrImport, string(d), tok)
	}
	return nil
}

// jsonProblem says what is wrong with the file's JSON.
func jsonProblem(err error) error {
	if errors.Is(err, ErrImport) {
		return err
	}
	var syn *json.SyntaxError
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syn) {
		return fmt.Errorf("%w: the file is not valid JSON (is it complete?): %v", ErrImport, err)
	}
	return fmt.Errorf("%w: %w", ErrImport, err)
}

func notOurs(format string) error {
	return fmt.Errorf("%w: this is not a Runsheet session export (format %q)", ErrImport, format)
}

func checkVersion(v int) error {
	if v > FormatVersion {
		return fmt.Errorf("%w: the file is format version %d, from a newer Runsheet; this one reads up to version %d. Update Runsheet to import it", ErrImport, v, FormatVersion)
	}
	if v < 1 {
		return fmt.Errorf("%w: the file has no valid format version", ErrImport)
	}
	return nil
}

// The shape of a session file, checked on its bytes before the decoder
// builds anything from them (jsonShape).
const (
	// maxImportDepth caps how deep objects and lists nest: a session file
	// needs 6 (the file, its events, an event, the exercise it adds, its
	// items, an item).
	maxImportDepth = 8
	// maxImportList caps the entries of a list inside an event, such as
	// the items of an exercise added on the day; the lists of the file
	// itself (events, sources) are capped at twice MaxImportEvents here,
	// and more closely as they are decoded.
	maxImportList = 1000
)

// shapeError is jsonShape's refusal; its text says what is wrong.
type shapeError struct{ err error }

func (e *shapeError) Error() string { return e.err.Error() }

// jsonShape passes a JSON file through to the decoder, refusing it as
// soon as a string is longer than MaxImportString bytes, objects and
// lists nest more than maxImportDepth deep, or a list has more entries
// than it may: the decoder would otherwise buffer the string, or build
// the list, whole before anything could be checked. It also refuses a key
// given twice in one object, or spelt otherwise than the format spells it
// ("AT", "Count", "\u0061t"): the decoder would take the last of the
// twins, and match keys whatever their case, so that a file could say one
// thing to a reader and another to Runsheet.
type jsonShape struct {
	r       io.Reader
	off     int  // bytes read so far, for the messages
	n       int  // bytes of the current string so far
	in, esc bool // inside a string; after its backslash
	depth   int
	// lists holds, for each open object or list, whether it is a list and
	// how many entries it has had so far; for an object, whether a key is
	// due and the keys it has had.
	lists [maxImportDepth]struct {
		list    bool
		entries int
		keyDue  bool
		keys    []string
	}
	// key collects the key being read, while isKey; escaped says it has a
	// backslash in it.
	key            []byte
	isKey, escaped bool
}

func (j *jsonShape) Read(p []byte) (int, error) {
	n, err := j.r.Read(p)
	for i, c := range p[:n] {
		if j.in {
			switch {
			case j.esc:
				j.esc = false
			case c == '\\':
				j.esc, j.escaped = true, j.escaped || j.isKey
			case c == '"':
				j.in = false
				if j.isKey {
					if e := j.endKey(j.off + i); e != nil {
						return 0, e
					}
				}
				continue
			}
			if j.isKey && len(j.key) <= maxKeyBytes {
				j.key = append(j.key, c)
			}
			if j.n++; j.n > MaxImportString {
				return 0, &shapeError{fmt.Errorf("the file has a text longer than %d MiB; no session holds one", MaxImportString>>20)}
			}
			continue
		}
		switch c {
		case '"':
			j.in, j.n = true, 0
			j.isKey = j.depth > 0 && !j.lists[j.depth-1].list && j.lists[j.depth-1].keyDue
			j.key, j.escaped = j.key[:0], false
		case '[', '{':
			if j.depth == maxImportDepth {
				return 0, &shapeError{fmt.Errorf("lists and objects are nested more than %d deep; a session file needs 6", maxImportDepth)}
			}
			l := &j.lists[j.depth]
			l.list, l.entries, l.keyDue, l.keys = c == '[', 0, c == '{', l.keys[:0]
			j.depth++
		case ']', '}':
			if j.depth > 0 {
				j.depth--
			}
		case ',':
			if j.depth == 0 {
				continue
			}
			if !j.lists[j.depth-1].list {
				j.lists[j.depth-1].keyDue = true
				continue
			}
			limit := maxImportList
			if j.depth <= 2 {
				limit = 2 * MaxImportEvents
			}
			if j.lists[j.depth-1].entries++; j.lists[j.depth-1].entries >= limit {
				return 0, &shapeError{fmt.Errorf("a list in the file has more than %d entries; no session holds one", limit)}
			}
		}
	}
	j.off += n
	return n, err
}

// maxKeyBytes is longer than any key of the format: a longer key is
// unknown, and left to the decoder to refuse.
const maxKeyBytes = 32

// endKey checks the key just read, which ends at byte off of the file.
func (j *jsonShape) endKey(off int) error {
	l := &j.lists[j.depth-1]
	l.keyDue, j.isKey = false, false
	if len(j.key) > maxKeyBytes {
		return nil
	}
	key := string(j.key)
	if j.escaped {
		return &shapeError{fmt.Errorf("the key %q, near byte %d, is written with an escape; write keys as docs/session-format.md spells them", key, off)}
	}
	if !slices.Contains(sessionKeys, key) {
		for _, k := range sessionKeys {
			if strings.EqualFold(k, key) {
				return &shapeError{fmt.Errorf("the key %q, near byte %d, is spelt otherwise than the format's %q; keys are case-sensitive (see docs/session-format.md)", key, off, k)}
			}
		}
		return nil // unknown: the decoder refuses it
	}
	if slices.Contains(l.keys, key) {
		return &shapeError{fmt.Errorf("the key %q appears twice in one object, near byte %d; each key may appear once", key, off)}
	}
	l.keys = append(l.keys, key)
	return nil
}

// sessionKeys are the keys of a session file, at every level, as its
// types name them.
var sessionKeys = workshop.JSONKeys(reflect.TypeFor[sessionFile]())
