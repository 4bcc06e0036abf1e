package workshop

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrMerge reports sessions that cannot be merged.
var ErrMerge = errors.New("cannot merge")

// Merge combines sessions of the same plan, such as breakout rooms, into a
// new finished session whose tallies are the sums: room and paper counts
// and headcounts are added, and every phone ballot is kept, its participant
// prefixed with the id of the session it came from. Sources records each
// original session, and the notes keep their group's name. An exercise one
// room added on the day is kept too, after the plan's exercise it followed,
// with its group's name in its title and that room's votes alone.
func Merge(sessions []*Session, group string, now time.Time) (*Session, error) {
	if len(sessions) < 2 {
		return nil, fmt.Errorf("%w: choose at least two sessions", ErrMerge)
	}
	if err := mergeOnce(sessions); err != nil {
		return nil, err
	}
	if strings.TrimSpace(group) == "" {
		group = mergedGroup(sessions)
	}
	for _, s := range sessions[1:] {
		if !s.Plan.Same(sessions[0].Plan) {
			return nil, fmt.Errorf("%w: %q (%s) and %q (%s) ran different plans", ErrMerge,
				sessions[0].Group, sessions[0].ID, s.Group, s.ID)
		}
	}
	out, err := NewSession(sessions[0].Plan, group, sessions[0].Facilitator, now)
	if err != nil {
		return nil, err
	}
	add := func(e Event) error {
		e.At = now
		if err := out.Record(e); err != nil {
			return fmt.Errorf("%w: %w", ErrMerge, err)
		}
		return nil
	}
	for _, s := range sessions {
		out.Sources = append(out.Sources, fmt.Sprintf("%s — %s (%s)", s.ID, GroupName(s.Group), s.Created.Format("2006-01-02 15:04")))
	}
	slots := mergedAgenda(sessions)
	for ei, slot := range slots {
		if slot.added == nil {
			continue
		}
		if err := add(Event{Kind: EventInserted, Exercise: ei, Added: slot.added}); err != nil {
			return nil, err
		}
	}
	for ei, slot := range slots {
		if err := mergeExercise(out.State.Plan.Exercises[ei], ei, slot.from, add); err != nil {
			return nil, err
		}
	}
	if err := add(Event{Kind: EventFinished}); err != nil {
		return nil, err
	}
	return out, nil
}

// mergeOnce refuses a merge that would count a session's votes twice: a
// session given twice, or a merged session beside one of the sessions it
// was merged from (its Sources start with their ids).
func mergeOnce(sessions []*Session) error {
	holder := map[string]string{} // a session id → the given session holding its votes
	for _, s := range sessions {
		ids := []string{s.ID}
		for _, src := range s.Sources {
			if id, _, ok := strings.Cut(src, " — "); ok && id != "" {
				ids = append(ids, id)
			}
		}
		for _, id := range ids {
			if h, ok := holder[id]; ok {
				if h == s.ID && id == s.ID {
					return fmt.Errorf("%w: session %s is given twice; give each session once", ErrMerge, id)
				}
				return fmt.Errorf("%w: the votes of session %s are in both %s and %s; leave one of them out", ErrMerge, id, h, s.ID)
			}
		}
		for _, id := range ids {
			holder[id] = s.ID
		}
	}
	return nil
}

// mergedGroup names a merge given no name: its groups, joined, within
// the length of a group's name.
func mergedGroup(sessions []*Session) string {
	var names []string
	for _, s := range sessions {
		if g := GroupName(s.Group); !slices.Contains(names, g) {
			names = append(names, g)
		}
	}
	name := strings.Join(names, " + ")
	if utf8.RuneCountInString(name) > MaxNameRunes {
		name = string([]rune(name)[:MaxNameRunes-1]) + "…"
	}
	return name
}

// mergedSlot is one exercise of a merged agenda and where its votes come
// from: every room for the plan's exercises, one room for one it added.
type mergedSlot struct {
	added *Exercise // nil for an exercise of the plan
	from  []mergeSource
}

// mergeSource is one session's exercise at its index in that session.
type mergeSource struct {
	sess *Session
	ex   int
}

// mergedAgenda lays out the merged agenda: each exercise of the plan, then
// what each room added after it, room by room.
func mergedAgenda(sessions []*Session) []mergedSlot {
	var slots []mergedSlot
	for pi := range sessions[0].Plan.Exercises {
		slot := mergedSlot{}
		for _, s := range sessions {
			slot.from = append(slot.from, mergeSource{s, s.State.AgendaIndex(pi)})
		}
		slots = append(slots, slot)
		for _, s := range sessions {
			ex := s.State.Plan.Exercises
			for j := s.State.AgendaIndex(pi) + 1; j < len(ex) && ex[j].Added; j++ {
				added := ex[j].Clone()
				if s.Group == "" {
					added.Title += " " + NoGroup // already in brackets
				} else {
					added.Title = fmt.Sprintf("%s (%s)", added.Title, s.Group)
				}
				slots = append(slots, mergedSlot{added: &added, from: []mergeSource{{s, j}}})
			}
		}
	}
	return slots
}

// mergeExercise records the merged notes, headcount and votes of the
// merged agenda's exercise ei.
func mergeExercise(ex Exercise, ei int, from []mergeSource, add func(Event) error) error {
	var notes []string
	for _, f := range from {
		if n := strings.TrimSpace(f.sess.State.Notes[f.ex]); n != "" {
			notes = append(notes, GroupName(f.sess.Group)+": "+n)
		}
	}
	if len(notes) > 0 {
		if err := add(Event{Kind: EventNoteEdited, Exercise: ei, Text: strings.Join(notes, "\n\n")}); err != nil {
			return err
		}
	}
	if ex.TakesAnswers() {
		return mergeAnswers(from, ei, add)
	}
	if !ex.TakesVotes() {
		return nil
	}
	head := 0
	for _, f := range from {
		head += f.sess.State.Votes[f.ex].Headcount
	}
	if head > 0 {
		if err := add(Event{Kind: EventHeadcount, Exercise: ei, Count: head}); err != nil {
			return err
		}
	}
	for ii := range ex.Items {
		if err := mergeItem(from, ei, ii, add); err != nil {
			return err
		}
	}
	return nil
}

func mergeItem(from []mergeSource, ei, ii int, add func(Event) error) error {
	n := len(from[0].sess.State.Votes[from[0].ex].Items[ii].Room)
	for opt := range n {
		for _, src := range []Source{SourceRoom, SourcePaper} {
			sum := 0
			for _, f := range from {
				iv := &f.sess.State.Votes[f.ex].Items[ii]
				if src == SourceRoom {
					sum += iv.Room[opt]
				} else {
					sum += iv.Paper[opt]
				}
			}
			if sum > 0 {
				if err := add(Event{Kind: EventTally, Exercise: ei, Item: ii, Option: opt, Source: src, Count: sum}); err != nil {
					return err
				}
			}
		}
	}
	opened := false
	for _, f := range from {
		iv := &f.sess.State.Votes[f.ex].Items[ii]
		for _, p := range iv.Voters() {
			if !opened {
				if err := add(Event{Kind: EventOpened, Exercise: ei, Item: ii}); err != nil {
					return err
				}
				opened = true
			}
			opt, _ := iv.Ballot(p)
			if err := add(Event{Kind: EventVote, Exercise: ei, Item: ii, Option: opt, Participant: mergedParticipant(f.sess.ID, p)}); err != nil {
				return err
			}
		}
	}
	if opened {
		return add(Event{Kind: EventClosed, Exercise: ei, Item: ii})
	}
	return nil
}

// mergedParticipant keeps phone voters from different rooms apart.
func mergedParticipant(session, participant string) string {
	id := session
	if i := strings.LastIndexByte(id, '-'); i >= 0 {
		id = id[i+1:]
	}
	p := id + "/" + participant
	if len(p) > MaxParticipantLen {
		p = p[:MaxParticipantLen]
	}
	return p
}

// NoGroup is how a session without a group name is named to people.
const NoGroup = "(no group name)"

// GroupName is a session's group name as people read it: NoGroup when empty.
func GroupName(group string) string {
	if group == "" {
		return NoGroup
	}
	return group
}

// mergeAnswers keeps every room's open answers, in room order: each phone
// answer under its room's prefixed participant, paper answers as they
// were, hidden ones hidden again.
func mergeAnswers(from []mergeSource, ei int, add func(Event) error) error {
	if err := add(Event{Kind: EventOpened, Exercise: ei}); err != nil {
		return err
	}
	n := 0
	var hidden []int
	for _, f := range from {
		for _, a := range f.sess.State.Answers[f.ex].List {
			e := Event{Kind: EventAnswer, Exercise: ei, Source: a.Source, Text: a.Text}
			if a.Source == SourcePhone {
				e.Participant, e.Request = mergedParticipant(f.sess.ID, a.Participant), a.Request
			}
			if err := add(e); err != nil {
				return err
			}
			if a.Hidden {
				hidden = append(hidden, n)
			}
			n++
		}
	}
	for _, i := range hidden {
		if err := add(Event{Kind: EventAnswerHidden, Exercise: ei, Item: i}); err != nil {
			return err
		}
	}
	return add(Event{Kind: EventClosed, Exercise: ei})
}
