package workshop

// The walk through a workshop: what Next and Previous do. They step through
// everything the room sees in turn — exercise by exercise, and inside a vote
// or scale exercise item by item, inside a discussion round by round — so
// that a presentation clicker with two buttons can run a whole session. Each
// step is a short list of events for the caller to record in order.

import "time"

// Next returns the events that take the workshop one step forward. Before
// the start it starts the workshop. On an item whose results are hidden it
// reveals them first when revealFirst is set. The item on screen is the
// open item: arriving at an item opens it, which closes the one before. It
// returns nothing at the very end (or once finished); finishing is a
// separate, deliberate step.
func (s *State) Next(revealFirst bool) []Event {
	if s.IsFinished() || len(s.Clocks) == 0 {
		return nil
	}
	cur := s.Current
	if s.Started.IsZero() {
		return append([]Event{{Kind: EventStarted}}, s.arrive(cur, -1)...)
	}
	ex := &s.Plan.Exercises[cur]
	switch {
	case ex.TakesAnswers():
		if revealFirst && !s.Answers[cur].Revealed {
			return []Event{{Kind: EventRevealed, Exercise: cur, Close: true}}
		}
	case ex.TakesVotes():
		ev := &s.Votes[cur]
		it := &ev.Items[ev.Active]
		if revealFirst && !it.Revealed {
			return []Event{{Kind: EventRevealed, Exercise: cur, Item: ev.Active, Close: true}}
		}
		if ev.Active+1 < len(ev.Items) {
			return s.ShowItem(cur, ev.Active+1)
		}
	case ex.HasRounds():
		if r := s.Rounds[cur]; r+1 < len(ex.Prompts) {
			return []Event{{Kind: EventRound, Exercise: cur, Item: r + 1}}
		}
	}
	if cur+1 >= len(s.Clocks) {
		return nil
	}
	return s.MoveTo(cur+1, s.arrivalItem(cur+1, true))
}

// Previous returns the events that take the workshop one step back: the
// item or round before, or the last step of the exercise before.
func (s *State) Previous() []Event {
	if s.IsFinished() || len(s.Clocks) == 0 {
		return nil
	}
	cur := s.Current
	ex := &s.Plan.Exercises[cur]
	switch {
	case ex.TakesVotes():
		if a := s.Votes[cur].Active; a > 0 {
			return s.ShowItem(cur, a-1)
		}
	case ex.HasRounds():
		if r := s.Rounds[cur]; r > 0 {
			return []Event{{Kind: EventRound, Exercise: cur, Item: r - 1}}
		}
	}
	if cur == 0 {
		return nil
	}
	return s.MoveTo(cur-1, s.arrivalItem(cur-1, false))
}

// AtEnd reports whether Next has nowhere further to go: the last step of
// the last exercise of a running session.
func (s *State) AtEnd() bool {
	return !s.IsFinished() && !s.Started.IsZero() && len(s.Next(false)) == 0
}

// MoveTo returns the events that put exercise i on screen at step (an item
// or round; -1 for where that exercise was left): voting on the open item
// of the exercise being left closes, and the step arrived at opens.
func (s *State) MoveTo(i, step int) []Event {
	if i < 0 || i >= len(s.Clocks) || i == s.Current {
		return nil
	}
	var out []Event
	if ev := s.Votes[s.Current]; len(ev.Items) > 0 {
		for j := range ev.Items {
			if ev.Items[j].Open {
				out = append(out, Event{Kind: EventClosed, Exercise: s.Current, Item: j})
			}
		}
	}
	if s.Answers[s.Current].Open {
		out = append(out, Event{Kind: EventClosed, Exercise: s.Current})
	}
	out = append(out, Event{Kind: EventMoved, Exercise: i})
	return append(out, s.arrive(i, step)...)
}

// arrive opens the item or shows the round that exercise i arrives at.
func (s *State) arrive(i, step int) []Event {
	ex := &s.Plan.Exercises[i]
	switch {
	case ex.TakesAnswers():
		if a := s.Answers[i]; !a.Open && !a.Revealed {
			return []Event{{Kind: EventOpened, Exercise: i}}
		}
	case ex.TakesVotes():
		if step < 0 {
			step = s.Votes[i].Active
		}
		out := s.ShowItem(i, step)
		// The room is the same room: the headcount carries over from the
		// last exercise that had one, and stays editable.
		if s.Votes[i].Headcount == 0 {
			if h := s.lastHeadcount(i); h > 0 {
				out = append(out, Event{Kind: EventHeadcount, Exercise: i, Count: h})
			}
		}
		return out
	case ex.HasRounds():
		if step >= 0 && step != s.Rounds[i] {
			return []Event{{Kind: EventRound, Exercise: i, Item: step}}
		}
	}
	return nil
}

// ShowItem returns the events that put an item of exercise i on screen.
// The item on screen is the open item, so arriving at an item opens it
// (closing the one before) — unless its results are on show: revealing
// closed voting on it, and only an explicit reopen (EventReopened) opens
// it again. Walking back over revealed items never reopens them.
func (s *State) ShowItem(i, item int) []Event {
	ev := &s.Votes[i]
	if item < 0 || item >= len(ev.Items) {
		return nil
	}
	if !ev.Items[item].Revealed {
		return []Event{{Kind: EventOpened, Exercise: i, Item: item}}
	}
	var out []Event
	for j := range ev.Items {
		if ev.Items[j].Open && j != item {
			out = append(out, Event{Kind: EventClosed, Exercise: i, Item: j})
		}
	}
	return append(out, Event{Kind: EventSelected, Exercise: i, Item: item})
}

// lastHeadcount is the headcount of the nearest exercise before i that
// has one, or 0.
func (s *State) lastHeadcount(i int) int {
	for j := i - 1; j >= 0; j-- {
		if h := s.Votes[j].Headcount; h > 0 {
			return h
		}
	}
	return 0
}

// arrivalItem is the step an exercise is entered at: its first item or
// round going forward, its last going back.
func (s *State) arrivalItem(i int, forward bool) int {
	ex := &s.Plan.Exercises[i]
	n := 0
	switch {
	case ex.TakesVotes():
		n = len(ex.Items)
	case ex.HasRounds():
		n = len(ex.Prompts)
	}
	if n == 0 {
		return -1
	}
	if forward {
		return 0
	}
	return n - 1
}

// CloseDue returns the event that closes voting when the current exercise
// asks for it at zero and its timer has run out with an item still open.
func (s *State) CloseDue(now time.Time) (Event, bool) {
	cur := s.Current
	ex := &s.Plan.Exercises[cur]
	if !ex.CloseAtZero || !ex.TakesVotes() || !s.Running() || s.Clock().Phase(now) != PhaseOvertime {
		return Event{}, false
	}
	ev := &s.Votes[cur]
	for j := range ev.Items {
		if ev.Items[j].Open {
			return Event{Kind: EventClosed, Exercise: cur, Item: j}, true
		}
	}
	return Event{}, false
}
