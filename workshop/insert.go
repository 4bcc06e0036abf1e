package workshop

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"runsheet/workshop/words"
)

// Changes on the day: a break or an extra exercise put into a running
// session's agenda, after the exercise on screen. The plan the session
// began with stays as it was; the state's agenda grows, and the exercises
// added are marked so that the results and summary can say so.

// MaxAgenda caps how many exercises a session's agenda may grow to.
const MaxAgenda = 200

// Break returns a break of the given length, ready to insert, titled in
// the room's language.
func Break(minutes int, room *words.Words) Exercise {
	return Exercise{Kind: KindBreak, Title: room.Say("room.break"), Minutes: minutes}
}

// InsertEvent returns the event that puts ex into the agenda right after
// the exercise on screen.
func (s *State) InsertEvent(ex Exercise) Event { return InsertAfter(ex, s.Current) }

// InsertAfter returns the event that puts ex into the agenda right after
// exercise after: the one that was on screen when the facilitator asked.
// Should the workshop have moved past it since, the event is refused
// rather than put somewhere the facilitator was not told.
func InsertAfter(ex Exercise, after int) Event {
	ex = ex.Clone()
	ex.Added = false
	return Event{Kind: EventInserted, Exercise: after + 1, Added: &ex}
}

func (s *State) checkInsert(e Event) error {
	if e.Added == nil {
		return fmt.Errorf("%w: an insert needs the exercise it adds", ErrBadEvent)
	}
	if e.Exercise <= s.Current || e.Exercise > len(s.Clocks) {
		return fmt.Errorf("%w: an exercise can only be added after the one on screen (%d), not at %d", ErrBadEvent, s.Current+1, e.Exercise+1)
	}
	if len(s.Clocks) >= MaxAgenda {
		return fmt.Errorf("%w: the agenda already has %d exercises, the most a session may have", ErrBadEvent, MaxAgenda)
	}
	if err := e.Added.checkCounts(); err != nil {
		return fmt.Errorf("%w: the exercise to add: %w", ErrBadEvent, err)
	}
	p := &Plan{Exercises: []Exercise{*e.Added}}
	if probs := ValidateExercise(p, 0); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, pr := range probs {
			pr.Label = ""
			msgs[i] = pr.String()
		}
		return fmt.Errorf("%w: the exercise to add: %s", ErrBadEvent, strings.Join(msgs, "; "))
	}
	return nil
}

// insert puts ex into the agenda at i, into a new copy of the agenda.
func (s *State) insert(i int, ex Exercise) {
	ex = ex.Clone()
	ex.Added = true
	// What was typed or pasted on the day, or came in an imported file,
	// keeps no character a plan may not hold.
	ex.eachText(func(s *string, multiline bool) { *s = CleanText(*s, multiline) })
	p := s.Plan.Clone()
	p.Exercises = slices.Insert(p.Exercises, i, ex)
	s.Plan = p
	s.Clocks = slices.Insert(s.Clocks, i, NewCountdown(time.Duration(ex.Minutes)*time.Minute))
	s.Notes = slices.Insert(s.Notes, i, "")
	s.Votes = slices.Insert(s.Votes, i, newExerciseVotes(&ex))
	s.Rounds = slices.Insert(s.Rounds, i, 0)
	s.Answers = slices.Insert(s.Answers, i, ExerciseAnswers{})
}

// AgendaIndex is where the plan's exercise i stands in the agenda.
func (s *State) AgendaIndex(i int) int {
	for j, ex := range s.Plan.Exercises {
		if ex.Added {
			continue
		}
		if i == 0 {
			return j
		}
		i--
	}
	return -1
}

// AddedMinutes is the planned length of the exercises added on the day.
func (p *Plan) AddedMinutes() int {
	total := 0
	for _, e := range p.Exercises {
		if e.Added {
			total += e.Minutes
		}
	}
	return total
}

// BackAt is when a running break ends by its countdown; zero when the
// exercise on screen is not a break or its timer is not running.
func (s *State) BackAt() time.Time {
	c := s.Clock()
	if !s.Plan.Exercises[s.Current].Def().Pause || !c.Running() || s.IsFinished() {
		return time.Time{}
	}
	return c.Since.Add(c.Remaining(c.Since))
}

// checkCounts refuses an exercise whose lists are longer than a plan's may
// be (see MaxListLen); ValidateExercise checks the rest.
func (e *Exercise) checkCounts() error {
	for _, l := range []struct {
		name   string
		n, max int
	}{{"prompts", len(e.Prompts), MaxListLen}, {"options", len(e.Options), MaxOptions}, {"items", len(e.Items), MaxListLen}, {"scale", len(e.Scale), MaxListLen}, {"axes", len(e.Axes), 2}, {"quadrants", len(e.Quadrants), MaxListLen}} {
		if l.n > l.max {
			return fmt.Errorf("%s: %d entries; at most %d", l.name, l.n, l.max)
		}
	}
	return nil
}
