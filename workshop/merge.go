package workshop

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrMerge reports sessions that cannot be merged.
var ErrMerge = errors.New("cannot merge")

// Merge combines sessions of the same plan, such as breakout rooms, into a
// new finished session whose tallies are the sums: room and paper counts
// and headcounts are added, and every phone ballot is kept, its participant
// prefixed with the id of the session it came from. Sources records each
// original session, and the notes keep their group's name.
func Merge(sessions []*Session, group string, now time.Time) (*Session, error) {
	if len(sessions) < 2 {
		return nil, fmt.Errorf("%w: choose at least two sessions", ErrMerge)
	}
	plan := MarshalPlan(sessions[0].Plan)
	for _, s := range sessions[1:] {
		if !bytes.Equal(MarshalPlan(s.Plan), plan) {
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
	for ei := range out.Plan.Exercises {
		var notes []string
		for _, s := range sessions {
			if n := strings.TrimSpace(s.State.Notes[ei]); n != "" {
				notes = append(notes, GroupName(s.Group)+": "+n)
			}
		}
		if len(notes) > 0 {
			if err := add(Event{Kind: EventNoteEdited, Exercise: ei, Text: strings.Join(notes, "\n\n")}); err != nil {
				return nil, err
			}
		}
		if !out.Plan.Exercises[ei].TakesVotes() {
			continue
		}
		head := 0
		for _, s := range sessions {
			head += s.State.Votes[ei].Headcount
		}
		if head > 0 {
			if err := add(Event{Kind: EventHeadcount, Exercise: ei, Count: head}); err != nil {
				return nil, err
			}
		}
		for ii := range out.Plan.Exercises[ei].Items {
			if err := mergeItem(sessions, ei, ii, add); err != nil {
				return nil, err
			}
		}
	}
	if err := add(Event{Kind: EventFinished}); err != nil {
		return nil, err
	}
	return out, nil
}

func mergeItem(sessions []*Session, ei, ii int, add func(Event) error) error {
	n := len(sessions[0].State.Votes[ei].Items[ii].Room)
	for opt := range n {
		for _, src := range []Source{SourceRoom, SourcePaper} {
			sum := 0
			for _, s := range sessions {
				iv := &s.State.Votes[ei].Items[ii]
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
	for _, s := range sessions {
		iv := &s.State.Votes[ei].Items[ii]
		for _, p := range iv.Voters() {
			if !opened {
				if err := add(Event{Kind: EventOpened, Exercise: ei, Item: ii}); err != nil {
					return err
				}
				opened = true
			}
			opt, _ := iv.Ballot(p)
			if err := add(Event{Kind: EventVote, Exercise: ei, Item: ii, Option: opt, Participant: mergedParticipant(s.ID, p)}); err != nil {
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
