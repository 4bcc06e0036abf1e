package workshop

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"runsheet/workshop/words"
)

// EventKind names what happened in a session.
type EventKind string

// The events a session is made of.
const (
	EventStarted    EventKind = "started"  // the workshop's timer first started
	EventPaused     EventKind = "paused"   // the current exercise's timer paused
	EventResumed    EventKind = "resumed"  // the current exercise's timer runs again
	EventAdjusted   EventKind = "adjusted" // time added to or removed from the current exercise
	EventMoved      EventKind = "moved"    // another exercise became current
	EventNoteEdited EventKind = "note"     // an exercise's session notes replaced
	EventFinished   EventKind = "finished" // the session ended

	EventOpened    EventKind = "open"      // an item opened for votes (closing any other open item)
	EventClosed    EventKind = "close"     // an item closed: no more phone votes
	EventSelected  EventKind = "select"    // an item became the one on screen
	EventRevealed  EventKind = "reveal"    // an item's results shown to the room (with Close, voting on it closes)
	EventReopened  EventKind = "reopen"    // an item's results hidden and voting on it opened again, on purpose
	EventHidden    EventKind = "hide"      // an item's results hidden again
	EventTally     EventKind = "tally"     // a room or paper count set
	EventVote      EventKind = "vote"      // a participant's own vote
	EventHeadcount EventKind = "headcount" // the number of people in the room for an exercise

	EventRound    EventKind = "round"  // a discussion round (Item) became the one on screen
	EventInserted EventKind = "insert" // an exercise (Added) put into the agenda at Exercise, on the day
	EventUndone   EventKind = "undo"   // the last change was taken back by the events just before

	EventPhonesOn     EventKind = "phones-on"     // phone voting started on an address (Text) with a room code
	EventPhonesOff    EventKind = "phones-off"    // phone voting stopped
	EventPhoneRemoved EventKind = "phone-removed" // the facilitator removed a participant's phone
	EventRoomLocked   EventKind = "room-locked"   // phones already in keep voting, new phones cannot join
	EventRoomUnlocked EventKind = "room-unlocked" // new phones may join again

	EventLanguage EventKind = "language" // the room's language (Text) chosen, and whether each phone may use its own
)

// Event is one thing that happened in a session. Replaying a session's events
// in order rebuilds its state exactly.
type Event struct {
	Kind EventKind `json:"kind"`
	At   time.Time `json:"at"`
	// Exercise is the target of a move or the exercise a note belongs to.
	Exercise int `json:"exercise,omitempty"`
	// Delta is the time added (or, negative, removed) by an adjustment.
	Delta time.Duration `json:"delta,omitempty"`
	// Text is a note's new text.
	Text string `json:"text,omitempty"`
	// Item is the vote or scale item concerned.
	Item int `json:"item,omitempty"`
	// Option is the chosen option's index; on a scale, the rating minus one.
	Option int `json:"option,omitempty"`
	// Source says where a tally came from: room or paper.
	Source Source `json:"source,omitempty"`
	// Count is a tally's or headcount's new value.
	Count int `json:"count,omitempty"`
	// Participant is a phone voter's pseudonymous id.
	Participant string `json:"participant,omitempty"`
	// Room is the code phones join with, when phone voting starts.
	Room string `json:"room,omitempty"`
	// Key signs the phones' tokens, when phone voting starts: 64 hex
	// characters, kept with the session so that tokens outlive a restart.
	Key string `json:"key,omitempty"`
	// Close, on a reveal, closes voting on the item as its results go up:
	// nobody changes a vote with the results on the wall. Reveals recorded
	// before reveals closed voting lack it and replay as they happened.
	Close bool `json:"close,omitempty"`
	// Undo marks an event that restores what a change replaced.
	Undo bool `json:"undo,omitempty"`
	// Correction marks a count, headcount or note changed after the
	// session finished.
	Correction bool `json:"correction,omitempty"`
	// Added is the exercise an insert puts into the agenda.
	Added *Exercise `json:"added,omitempty"`
	// PerPhone, on a language event, lets each phone show its own
	// language where it is shipped, the room's otherwise.
	PerPhone bool `json:"perPhone,omitempty"`
	// Members, on a lock, are the phones in the room as it was locked: the
	// participants the phone server knew then. Phones that had voted are
	// members whether listed or not, so a lock recorded without the list
	// replays as the voters before it.
	Members []string `json:"members,omitempty"`
	// Request, on a phone's answer, is the id the phone gave that answer
	// once, and sends again on a retry: a repeat of it is not recorded
	// twice. Answers from older pages have none.
	Request string `json:"request,omitempty"`
}

// MaxLockMembers bounds the phones one lock records, far above any room.
const MaxLockMembers = 100_000

// MaxNoteBytes caps one exercise's notes.
const MaxNoteBytes = 64 << 10

// Errors returned by State.Apply for events that cannot happen.
var (
	ErrFinished   = errors.New("the session has finished")
	ErrNotStarted = errors.New("the session has not started")
	ErrBadEvent   = errors.New("invalid session event")
)

// State is what a session's events add up to at a point in time.
type State struct {
	// Plan is the agenda as it runs: the session's plan and any exercises
	// added on the day. An insert replaces it with a new copy, so a plan
	// once read never changes under its reader.
	Plan *Plan
	// Started is when the workshop's timer first started; zero before.
	Started time.Time
	// Finished is when the session ended; zero while it runs.
	Finished time.Time
	// Current is the index of the exercise on screen.
	Current int
	// Clocks holds each exercise's countdown.
	Clocks []Countdown
	// Notes holds the facilitator's notes taken during each exercise.
	Notes []string
	// Votes holds each exercise's votes; empty for kinds that take none.
	Votes []ExerciseVotes
	// Answers holds each exercise's open answers; empty for kinds that
	// take none.
	Answers []ExerciseAnswers
	// Rounds holds the discussion round on screen in each exercise.
	Rounds []int
	// Phones is phone voting as the room relies on it.
	Phones PhoneVoting
	// undo holds how to take back each change in the current exercise.
	undo []undoStep
	// Corrected is when the session was last corrected after it
	// finished; zero if it never was.
	Corrected time.Time
	// Language is the code of the language the room reads: the plan's,
	// unless chosen otherwise for the session. PerPhone lets each phone
	// use its own language instead, where shipped.
	Language string
	PerPhone bool
}

// PhoneVoting is the part of a session phones depend on: whether voting by
// phone is on, where, with which room code, and which phones were removed.
// It is part of the session so that a restart brings the room back as it was.
type PhoneVoting struct {
	On bool
	// Addr is the host:port the server last listened on.
	Addr string
	// Room is the session's room code; it stays the same when phone voting
	// is switched off and on again.
	Room string
	// Key signs the phones' tokens (hex).
	Key string
	// Removed holds the participants the facilitator removed.
	Removed map[string]bool
	// Locked is set while the room is locked: the phones in the room keep
	// voting, every other phone is refused — a new one, and one holding a
	// token from before the lock that was not in the room.
	Locked bool
	// Members are the phones in the room while it is locked: those the
	// lock recorded, and every phone that had voted by then. Nil while the
	// room is open.
	Members map[string]bool
}

// InRoom reports whether a participant's phone may take part: not removed,
// and, while the room is locked, one of the phones in it.
func (p *PhoneVoting) InRoom(participant string) bool {
	return !p.Removed[participant] && (!p.Locked || p.Members[participant])
}

// NewState returns the state of a session of plan before anything happened.
func NewState(plan *Plan) *State {
	s := &State{
		Plan:     plan,
		Clocks:   make([]Countdown, len(plan.Exercises)),
		Notes:    make([]string, len(plan.Exercises)),
		Rounds:   make([]int, len(plan.Exercises)),
		Answers:  make([]ExerciseAnswers, len(plan.Exercises)),
		Phones:   PhoneVoting{Removed: map[string]bool{}},
		Language: plan.Language,
	}
	if s.Language == "" {
		s.Language = words.English
	}
	s.Votes = make([]ExerciseVotes, len(plan.Exercises))
	for i, e := range plan.Exercises {
		s.Clocks[i] = NewCountdown(time.Duration(e.Minutes) * time.Minute)
		s.Votes[i] = newExerciseVotes(&e)
	}
	return s
}

// Replay builds a session's state from its events. An event that was
// refused when it happened (a vote that arrived just after its item closed)
// is refused again, the same way, so replaying always gives the same state.
// Only an event that could never apply to this plan is an error.
func Replay(plan *Plan, events []Event) (*State, error) {
	s := NewState(plan)
	for i, e := range events {
		if err := s.Apply(e); err != nil && !errors.Is(err, ErrRefused) && !errors.Is(err, ErrFinished) {
			return s, fmt.Errorf("event %d (%s): %w", i+1, e.Kind, err)
		}
	}
	return s, nil
}

// Clock returns the current exercise's countdown.
func (s *State) Clock() *Countdown { return &s.Clocks[s.Current] }

// Running reports whether the current exercise's timer is counting.
func (s *State) Running() bool {
	return len(s.Clocks) > 0 && s.Clock().Running()
}

// IsFinished reports whether the session has ended.
func (s *State) IsFinished() bool { return !s.Finished.IsZero() }

// Check reports whether e can be applied, without applying it.
func (s *State) Check(e Event) error {
	if s.IsFinished() && !correctable(e) {
		return ErrFinished
	}
	if len(s.Clocks) == 0 {
		return fmt.Errorf("%w: the plan has no exercises", ErrBadEvent)
	}
	switch e.Kind {
	case EventStarted:
		if !s.Started.IsZero() {
			return fmt.Errorf("%w: already started", ErrBadEvent)
		}
	case EventPaused, EventResumed:
		if s.Started.IsZero() {
			return ErrNotStarted
		}
	case EventAdjusted:
		if e.Delta == 0 || e.Delta > 24*time.Hour || e.Delta < -24*time.Hour {
			return fmt.Errorf("%w: adjustment of %v", ErrBadEvent, e.Delta)
		}
	case EventMoved:
		if e.Exercise < 0 || e.Exercise >= len(s.Clocks) {
			return fmt.Errorf("%w: no exercise %d", ErrBadEvent, e.Exercise+1)
		}
	case EventNoteEdited:
		if e.Exercise < 0 || e.Exercise >= len(s.Clocks) {
			return fmt.Errorf("%w: no exercise %d", ErrBadEvent, e.Exercise+1)
		}
		if len(e.Text) > MaxNoteBytes {
			return fmt.Errorf("%w: notes longer than %d KB", ErrBadEvent, MaxNoteBytes>>10)
		}
	case EventFinished, EventUndone:
	case EventInserted:
		return s.checkInsert(e)
	case EventRound:
		if e.Exercise < 0 || e.Exercise >= len(s.Clocks) {
			return fmt.Errorf("%w: no exercise %d", ErrBadEvent, e.Exercise+1)
		}
		if n := len(s.Plan.Exercises[e.Exercise].Prompts); e.Item < 0 || e.Item >= n {
			return fmt.Errorf("%w: %s has no round %d", ErrBadEvent, s.Plan.Label(e.Exercise), e.Item+1)
		}
	case EventPhonesOn:
		// An imported session's phones-on has no room: it stayed with the
		// laptop that ran it.
		if len(e.Text) > MaxAddrLen || (e.Room != "" && !validRoom(e.Room)) || !validKey(e.Key) {
			return fmt.Errorf("%w: phone voting needs an address of at most %d bytes, a room code of 4–12 letters or digits and a key of 64 hex digits", ErrBadEvent, MaxAddrLen)
		}
	case EventPhonesOff, EventRoomUnlocked:
	case EventRoomLocked:
		if len(e.Members) > MaxLockMembers {
			return fmt.Errorf("%w: a lock lists at most %d phones", ErrBadEvent, MaxLockMembers)
		}
		for _, m := range e.Members {
			if m == "" || len(m) > MaxParticipantLen {
				return fmt.Errorf("%w: a lock's phones need participant ids of 1–%d characters", ErrBadEvent, MaxParticipantLen)
			}
		}
	case EventLanguage:
		if _, ok := words.Find(e.Text); !ok {
			return fmt.Errorf("%w: unknown language %q; use one of %s", ErrBadEvent, e.Text, words.Codes())
		}
	case EventPhoneRemoved:
		if e.Participant == "" || len(e.Participant) > MaxParticipantLen {
			return fmt.Errorf("%w: removing a phone needs a participant id of 1–%d characters", ErrBadEvent, MaxParticipantLen)
		}
	default:
		return s.checkVoting(e)
	}
	return nil
}

// correctable reports a correction made after the session finished: a
// count, a headcount or notes; the timer and phone votes stay as they were.
func correctable(e Event) bool {
	switch e.Kind {
	case EventTally, EventHeadcount, EventNoteEdited, EventAnswerHidden, EventAnswerShown:
		return e.Correction
	case EventAnswer:
		return e.Correction && e.Source == SourcePaper
	}
	return false
}

// MaxAddrLen caps the phone server's recorded address.
const MaxAddrLen = 100

// validKey accepts a token key, or none (an export leaves it out).
func validKey(k string) bool {
	if k == "" {
		return true
	}
	if len(k) != 64 {
		return false
	}
	_, err := hex.DecodeString(k)
	return err == nil
}

func validRoom(code string) bool {
	if len(code) < 4 || len(code) > 12 {
		return false
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Apply changes the state by one event.
func (s *State) Apply(e Event) error {
	if err := s.Check(e); err != nil {
		return err
	}
	s.pushUndo(e)
	if e.Correction {
		s.Corrected = e.At
	}
	switch e.Kind {
	case EventStarted:
		s.Started = e.At
		s.Clock().Start(e.At)
	case EventPaused:
		s.Clock().Pause(e.At)
	case EventResumed:
		s.Clock().Start(e.At)
	case EventAdjusted:
		s.Clock().AddTime(e.Delta)
	case EventMoved:
		// The workshop flows on: if the timer was running, the next exercise's
		// timer runs from the same instant.
		running := s.Running()
		s.leave(e.At)
		s.Clock().Pause(e.At)
		s.Current = e.Exercise
		if running {
			s.Clock().Start(e.At)
		}
	case EventNoteEdited:
		// Notes are shown on the console, the results and the summary:
		// whatever was pasted, or came in a file, keeps no invisible or
		// control character but line breaks and tabs.
		s.Notes[e.Exercise] = CleanText(e.Text, true)
	case EventFinished:
		s.leave(e.At)
		s.Clock().Pause(e.At)
		s.Finished = e.At
	case EventRound:
		s.Rounds[e.Exercise] = e.Item
	case EventPhonesOn:
		s.Phones.On, s.Phones.Addr, s.Phones.Room, s.Phones.Key = true, e.Text, e.Room, e.Key
	case EventPhonesOff:
		s.Phones.On = false
	case EventLanguage:
		s.Language, s.PerPhone = e.Text, e.PerPhone
	case EventPhoneRemoved:
		s.Phones.Removed[e.Participant] = true
	case EventRoomLocked:
		s.Phones.Locked = true
		s.Phones.Members = map[string]bool{}
		for _, m := range e.Members {
			s.Phones.Members[m] = true
		}
		for _, ev := range s.Votes {
			for i := range ev.Items {
				for p := range ev.Items[i].ballots {
					s.Phones.Members[p] = true
				}
			}
		}
	case EventRoomUnlocked:
		s.Phones.Locked, s.Phones.Members = false, nil
	case EventInserted:
		s.insert(e.Exercise, *e.Added)
	case EventUndone:
	default:
		s.applyVoting(e)
	}
	if activity(e) {
		s.Clocks[e.Exercise].noteActivity(e.At)
	}
	return nil
}

// activity reports whether e is the room doing something in an exercise:
// a vote, an answer, a count or a reveal on the day, not one typed in
// afterwards nor one that takes a change back. An exercise with activity
// was run, whether or not its timer was started.
func activity(e Event) bool {
	if e.Correction || e.Undo {
		return false
	}
	switch e.Kind {
	case EventVote, EventAnswer, EventTally, EventHeadcount, EventRevealed:
		return true
	}
	return false
}

// leave notes that the current exercise is left at at: one that had
// activity took the time until then.
func (s *State) leave(at time.Time) {
	if c := s.Clock(); !c.Active.IsZero() {
		c.noteActivity(at)
	}
}

// Began is when the session began: when its timer first started or, if
// it never did, when the room first did something in it; zero if neither.
func (s *State) Began() time.Time {
	began := s.Started
	for i := range s.Clocks {
		if a := s.Clocks[i].Active; !a.IsZero() && (began.IsZero() || a.Before(began)) {
			began = a
		}
	}
	return began
}

// AgendaRow is one line of the agenda.
type AgendaRow struct {
	Index   int
	Kind    Kind
	Title   string
	Planned time.Duration
	// Due is the clock time the plan has this exercise start, counted from
	// the real start (or from now, before the session starts).
	Due time.Time
	// Began is when the exercise actually started; zero if it has not.
	Began time.Time
	// Spent is the time the exercise has run so far.
	Spent   time.Duration
	Current bool
	// Added marks an exercise added on the day.
	Added bool
}

// Agenda lists every exercise with its planned and actual times at now.
func (s *State) Agenda(now time.Time) []AgendaRow {
	due := s.Started
	if due.IsZero() {
		due = now
	}
	rows := make([]AgendaRow, len(s.Plan.Exercises))
	for i, e := range s.Plan.Exercises {
		c := &s.Clocks[i]
		rows[i] = AgendaRow{
			Index: i, Kind: e.Kind, Title: e.Title,
			Planned: c.Planned, Due: due,
			Began: c.Began, Spent: c.Elapsed(now),
			Current: i == s.Current, Added: e.Added,
		}
		due = due.Add(c.Planned)
	}
	return rows
}

// PlannedEnd is when the workshop should end by the plan, from its real start
// (or from now, before it starts); what was added on the day is not in it,
// so it shows as time behind.
func (s *State) PlannedEnd(now time.Time) time.Time {
	start := s.Started
	if start.IsZero() {
		start = now
	}
	return start.Add(time.Duration(s.Plan.TotalMinutes()-s.Plan.AddedMinutes()) * time.Minute)
}

// ProjectedEnd is when the workshop will end if the current exercise runs to
// its (adjusted) time and every later one to its plan. Earlier exercises that
// were skipped count for nothing.
func (s *State) ProjectedEnd(now time.Time) time.Time {
	if s.IsFinished() {
		return s.Finished
	}
	left := time.Duration(0)
	for i := s.Current; i < len(s.Clocks); i++ {
		if r := s.Clocks[i].Remaining(now); r > 0 {
			left += r
		}
	}
	return now.Add(left)
}

// TimeLeft is the time the workshop still needs at now, by ProjectedEnd.
func (s *State) TimeLeft(now time.Time) time.Duration {
	return s.ProjectedEnd(now).Sub(now)
}

// Drift is how far behind (positive) or ahead (negative) of plan the
// workshop is at now. It is zero before the start.
func (s *State) Drift(now time.Time) time.Duration {
	if s.Started.IsZero() {
		return 0
	}
	return s.ProjectedEnd(now).Sub(s.PlannedEnd(now))
}

// MaxNameRunes caps a group or facilitator name, in characters. (A phone's
// display name is capped by the phone server, at live.MaxNameRunes.)
const MaxNameRunes = 120

// ErrName reports a name that cannot be used.
var ErrName = errors.New("invalid name")

// CleanName tidies a group or facilitator name: it removes what a name may
// not hold (control, bidi and invisible characters; see UnsafeRune), a tab
// or line break becoming a space, trims it, and refuses one that is still
// too long, saying what is allowed.
func CleanName(field, name string) (string, error) {
	name = strings.TrimSpace(CleanText(name, false))
	if n := utf8.RuneCountInString(name); n > MaxNameRunes {
		return "", &NameError{Field: field, Length: n, Text: "{{.Field}} is {{.Length}} characters long; keep it to {{.Max}}"}
	}
	return name, nil
}

// The names CleanName checks, as its errors call them.
const (
	GroupField       = "the group name"
	FacilitatorField = "the facilitator name"
)

// NameError says why a name cannot be used. Text is the reason in
// English, with {{.Field}}, {{.Length}} and {{.Max}} for the name's role,
// its length and MaxNameRunes, so that the app can say it in its own
// language; Error fills them in.
type NameError struct {
	Field  string // GroupField, FacilitatorField
	Length int    // in characters
	Text   string
}

// Values are what Text fills in, with the name's role as field says it.
func (e *NameError) Values(field string) map[string]any {
	return words.Data("Field", field, "Length", e.Length, "Max", MaxNameRunes)
}

func (e *NameError) Error() string {
	return ErrName.Error() + ": " + words.Fill(e.Text, e.Values(e.Field))
}

// Unwrap makes a NameError an ErrName.
func (e *NameError) Unwrap() error { return ErrName }

// Session is one run of a plan: the plan as it was when the session began,
// who ran it for whom, and every event so far.
type Session struct {
	// ID identifies the session in the store, in exports and on the command line.
	ID          string
	Group       string
	Facilitator string
	Created     time.Time
	// Sources says where a merged or imported session's votes came from,
	// one line per original session; empty for a session run here.
	Sources []string
	// Imported marks a session read from a file, recorded on another
	// laptop: it is never resumed, nor reopens phone voting, by itself.
	Imported bool
	Plan     *Plan
	Events   []Event
	State    *State
}

// NewSession begins a session of a snapshot of plan.
func NewSession(plan *Plan, group, facilitator string, now time.Time) (*Session, error) {
	g, err := CleanName(GroupField, group)
	if err != nil {
		return nil, err
	}
	f, err := CleanName(FacilitatorField, facilitator)
	if err != nil {
		return nil, err
	}
	if len(plan.Exercises) == 0 {
		return nil, fmt.Errorf("%w: the plan has no exercises", ErrBadEvent)
	}
	snap := plan.Clone()
	return &Session{ID: NewID(now), Group: g, Facilitator: f, Created: now, Plan: snap, State: NewState(snap)}, nil
}

// NewID makes a session id: the date for people, then random hex so that
// sessions made on different laptops never collide.
func NewID(now time.Time) string {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error())
	}
	return now.UTC().Format("20060102") + "-" + hex.EncodeToString(b[:])
}

// Record applies an event and appends it to the session's history; an event
// that cannot happen is refused and changes nothing.
func (s *Session) Record(e Event) error {
	if err := s.State.Apply(e); err != nil {
		return err
	}
	s.Events = append(s.Events, e)
	return nil
}

// Cut is a suggestion to shorten an upcoming exercise.
type Cut struct {
	Exercise int
	By       time.Duration
}

// Coach suggests how to finish on time when the workshop runs behind:
// which upcoming exercises of the plan to shorten and by how much, whole
// minutes taken from the longest first and never leaving one below a
// minute. Exercises added on the day count towards the time but are not
// cut: the facilitator has just chosen their length. short is the time
// that still cannot be recovered, if any.
func (s *State) Coach(now time.Time) (cuts []Cut, short time.Duration) {
	behind := s.Drift(now)
	if behind < time.Minute || s.IsFinished() {
		return nil, 0
	}
	need := int((behind + time.Minute - 1) / time.Minute)
	slack := map[int]int{}
	for i := s.Current + 1; i < len(s.Clocks); i++ {
		c := &s.Clocks[i]
		if s.Plan.Exercises[i].Added {
			continue
		}
		if left := int(c.Remaining(now) / time.Minute); left > 1 {
			slack[i] = left - 1
		}
	}
	by := map[int]int{}
	for ; need > 0; need-- {
		best := -1
		for i := s.Current + 1; i < len(s.Clocks); i++ {
			if slack[i] > 0 && (best < 0 || slack[i] > slack[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		slack[best]--
		by[best]++
	}
	for i := s.Current + 1; i < len(s.Clocks); i++ {
		if by[i] > 0 {
			cuts = append(cuts, Cut{Exercise: i, By: time.Duration(by[i]) * time.Minute})
		}
	}
	return cuts, time.Duration(need) * time.Minute
}
