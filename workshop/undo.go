package workshop

// Undo takes back the last change to a count, tally, headcount, or an
// item's being open, closed or revealed, by recording events that restore
// what was there before — the log stays append-only and replay gives the
// same state. It can be repeated back to the start of the current
// exercise; moving to another exercise starts afresh.

// undoStep is the events that restore the state before one change.
type undoStep []Event

// pushUndo notes how to take back e, from the state before it applies.
// Restoring events (marked Undo) are not themselves taken back; the
// EventUndone that follows them drops the step they restored.
func (s *State) pushUndo(e Event) {
	switch {
	case e.Kind == EventUndone:
		if n := len(s.undo); n > 0 {
			s.undo = s.undo[:n-1]
		}
		return
	case e.Kind == EventMoved:
		s.undo = nil // undo reaches back to the start of the current exercise
		return
	case e.Undo:
		return
	}
	var step undoStep
	if e.Exercise >= 0 && e.Exercise < len(s.Plan.Exercises) && s.Plan.Exercises[e.Exercise].TakesAnswers() {
		if step = s.undoAnswers(e); step != nil {
			s.undo = append(s.undo, step)
		}
		return
	}
	switch e.Kind {
	case EventTally:
		it := &s.Votes[e.Exercise].Items[e.Item]
		counts := it.Room
		if e.Source == SourcePaper {
			counts = it.Paper
		}
		step = undoStep{{Kind: EventTally, Exercise: e.Exercise, Item: e.Item, Option: e.Option, Source: e.Source, Count: counts[e.Option]}}
	case EventHeadcount:
		step = undoStep{{Kind: EventHeadcount, Exercise: e.Exercise, Count: s.Votes[e.Exercise].Headcount}}
	case EventGridView:
		view := ViewMeans
		if s.Votes[e.Exercise].Points {
			view = ViewPoints
		}
		step = undoStep{{Kind: EventGridView, Exercise: e.Exercise, Text: view}}
	case EventRevealed, EventHidden:
		it := &s.Votes[e.Exercise].Items[e.Item]
		back := EventHidden
		if it.Revealed {
			back = EventRevealed
		}
		step = undoStep{{Kind: back, Exercise: e.Exercise, Item: e.Item}}
		if e.Kind == EventRevealed && e.Close && it.Open {
			// The reveal closed voting: taking it back opens it again.
			step = append(step, Event{Kind: EventOpened, Exercise: e.Exercise, Item: e.Item})
		}
		if active := s.Votes[e.Exercise].Active; active != e.Item {
			step = append(step, Event{Kind: EventSelected, Exercise: e.Exercise, Item: active})
		}
	case EventClosed:
		if !s.Votes[e.Exercise].Items[e.Item].Open {
			return // closing a closed item changes nothing
		}
		step = undoStep{{Kind: EventOpened, Exercise: e.Exercise, Item: e.Item}}
		if active := s.Votes[e.Exercise].Active; active != e.Item {
			step = append(step, Event{Kind: EventSelected, Exercise: e.Exercise, Item: active})
		}
	case EventOpened, EventReopened:
		ev := &s.Votes[e.Exercise]
		switch it := &ev.Items[e.Item]; {
		case e.Kind == EventReopened && it.Revealed:
			// Showing the results again closes voting again.
			step = append(step, Event{Kind: EventRevealed, Exercise: e.Exercise, Item: e.Item, Close: true})
			if it.Open {
				step = append(step, Event{Kind: EventOpened, Exercise: e.Exercise, Item: e.Item})
			}
		case !it.Open:
			step = append(step, Event{Kind: EventClosed, Exercise: e.Exercise, Item: e.Item})
		}
		reopened := false
		for j := range ev.Items {
			if j != e.Item && ev.Items[j].Open {
				step = append(step, Event{Kind: EventOpened, Exercise: e.Exercise, Item: j})
				reopened = j == ev.Active
			}
		}
		if !reopened && ev.Active != e.Item {
			step = append(step, Event{Kind: EventSelected, Exercise: e.Exercise, Item: ev.Active})
		}
	default:
		return
	}
	s.undo = append(s.undo, step)
}

// CanUndo reports whether there is a change in the current exercise to take back.
func (s *State) CanUndo() bool { return len(s.undo) > 0 && !s.IsFinished() }

// UndoEvents returns the events that take back the last change: the
// restoring events, marked Undo, then EventUndone; nil when there is
// nothing to undo.
func (s *State) UndoEvents() []Event {
	if !s.CanUndo() {
		return nil
	}
	step := s.undo[len(s.undo)-1]
	out := make([]Event, 0, len(step)+1)
	for _, e := range step {
		e.Undo = true
		out = append(out, e)
	}
	return append(out, Event{Kind: EventUndone})
}
