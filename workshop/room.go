package workshop

import (
	"time"
)

// RoomView is what the room may see at one instant. The projector and the
// phones are both drawn from it, so they cannot disagree; it never holds the
// facilitator's private notes, and results only once revealed.
type RoomView struct {
	Title    string // the workshop's title
	Started  bool
	Finished bool
	// Exercise is the index of the exercise on screen, of Exercises.
	Exercise, Exercises int
	Kind                Kind
	// Input is what phones give on the item on screen; Pause is set for
	// a break, whose room is told when to be back.
	Input   Input
	Pause   bool
	Heading string // the exercise's title
	Brief   string
	// BackAt is when a running break ends: the room is told when to be back.
	BackAt time.Time
	// Round and Rounds number the discussion round on screen, from 1;
	// both are 0 outside a discussion in rounds.
	Round, Rounds int
	// Prompts are the prompts on screen: the current round's, or all of a
	// reflect exercise's.
	Prompts []string
	// Item is the vote or scale item on screen, or -1; Items counts them.
	Item, Items int
	Question    string
	Options     []string
	// Scale holds the labels for 1 and 5 on a scale item.
	Scale []string
	// Axes and Quadrants are a grid's: each axis's low and high end, and
	// the names of its four quadrants, if any.
	Axes      [][]string
	Quadrants []string
	// Points are a grid's items whose results are revealed, each at the
	// room's means; Every asks for every rating to be drawn as well.
	Points []GridPoint
	Every  bool
	// Private marks a self-rating: the room is shown only its aggregate
	// (how many rated, the mean and median), never how many chose each
	// number.
	Private bool
	// Open is set while votes are taken on Item.
	Open     bool
	Revealed bool
	// Result is Item's tally, only once revealed.
	Result *Result
	// Expected is the answer the plan expects, only once revealed.
	Expected string
	// Answering is set while phones may answer an open question; Answers
	// are its answers the room may see, only once revealed, as a word
	// cloud or, with Wall, one by one. AnswerRunes is the longest answer
	// and AnswersPerPhone how many one phone may give.
	Answering       bool
	Answers         []string
	Wall            bool
	AnswerRunes     int
	AnswersPerPhone int
	// Phones is set while phone voting is on, with the code phones join with.
	Phones bool
	Room   string
	// Language is the code of the language the room reads; PerPhone lets
	// each phone use its own.
	Language string
	PerPhone bool
}

// Room projects the state onto what the room may see.
func (s *State) Room() RoomView {
	ex := &s.Plan.Exercises[s.Current]
	v := RoomView{
		Title: s.Plan.Title, Started: !s.Started.IsZero(), Finished: s.IsFinished(),
		Exercise: s.Current, Exercises: len(s.Plan.Exercises),
		Kind: ex.Kind, Pause: ex.Def().Pause, Heading: ex.Title, Brief: ex.Brief, Item: -1,
		Phones: s.Phones.On && !s.IsFinished(), Room: s.Phones.Room,
		BackAt: s.BackAt(), Language: s.Language, PerPhone: s.PerPhone,
	}
	switch {
	case ex.HasRounds():
		r := s.Rounds[s.Current]
		v.Round, v.Rounds = r+1, len(ex.Prompts)
		v.Prompts = []string{ex.Prompts[r]}
	case len(ex.Prompts) > 0:
		v.Prompts = append([]string(nil), ex.Prompts...)
	}
	if ex.TakesAnswers() {
		a := &s.Answers[s.Current]
		v.Input, v.Wall = ex.Def().Input, a.Wall
		v.Answering, v.Revealed = a.Open && !s.IsFinished(), a.Revealed
		v.AnswerRunes, v.AnswersPerPhone = ex.AnswerRunes(), ex.AnswersPerPhone()
		if a.Revealed {
			v.Answers = a.Shown()
		}
		return v
	}
	if !ex.TakesVotes() {
		return v
	}
	ev := &s.Votes[s.Current]
	it := &ev.Items[ev.Active]
	v.Item, v.Items = ev.Active, len(ev.Items)
	v.Input = ex.Def().Input
	v.Question = ex.Items[ev.Active].Text
	v.Options = ex.OptionLabels()
	if ex.Takes(FieldScale) {
		v.Scale, v.Private = ex.Scale, ex.Private
	}
	if ex.Takes(FieldAxes) {
		v.Axes, v.Quadrants, v.Every = ex.Axes, ex.Quadrants, ev.Points
		for j := range ev.Items {
			if ev.Items[j].Revealed {
				r := s.Result(s.Current, j)
				v.Points = append(v.Points, GridPoint{Item: j, Label: ex.Items[j].Text, Stats: r.Grid()})
			}
		}
	}
	v.Open = it.Open && !s.IsFinished()
	v.Revealed = it.Revealed
	if it.Revealed {
		r := s.Result(s.Current, ev.Active)
		v.Result = &r
		if r.Expect >= 0 {
			v.Expected = r.Labels[r.Expect]
		}
	}
	return v
}

// Cloud is the word cloud of the revealed answers: their words by
// frequency, without the room language's common words (CommonWords).
func (v *RoomView) Cloud() []WordCount {
	return Words(v.Answers, CommonWords(v.Language))
}

// VotingOpen reports whether phones have something to vote on.
func (v *RoomView) VotingOpen() bool { return v.Item >= 0 && v.Open }

// TimerView is how the current exercise's countdown looks at an instant:
// the console and the projector both draw it, so they cannot differ.
type TimerView struct {
	Text     string
	Phase    Phase
	Started  bool
	Running  bool
	Finished bool
	// Flashing is set for the first seconds after zero while the timer
	// runs, and Inverted on the flash's bright half.
	Flashing, Inverted bool
}

// At zero the timer flashes for FlashFor, inverting every FlashStep: one
// flash a second (WCAG 2.3.1 allows three) for five seconds (2.2.2 allows
// five without a way to stop it; Preferences also turns it off). After
// that it is steady, and the "+" and the overtime caption say the time is
// up.
const (
	FlashFor  = 5 * time.Second
	FlashStep = 500 * time.Millisecond
)

// Timer is the countdown's look at now.
func (s *State) Timer(now time.Time) TimerView {
	c := s.Clock()
	left := c.Remaining(now)
	v := TimerView{
		Text: FormatRemaining(left), Phase: c.Phase(now),
		Started: !s.Started.IsZero(), Running: c.Running(), Finished: s.IsFinished(),
	}
	if over := -left; v.Running && over >= 0 && over < FlashFor {
		v.Flashing = true
		v.Inverted = (over/FlashStep)%2 == 0
	}
	return v
}

// PausedTick is how often a paused workshop's drift and end time are
// redrawn: they move with the clock while the timer stands still.
const PausedTick = 15 * time.Second

// NextTick is how long until the timer's look next changes at now: the
// next whole second, or the next half second while it flashes; while
// paused, PausedTick. ok is false while nothing changes with time
// (finished, not started).
func (s *State) NextTick(now time.Time) (wait time.Duration, ok bool) {
	c := s.Clock()
	if s.IsFinished() || s.Started.IsZero() {
		return 0, false
	}
	if !c.Running() {
		return PausedTick, true
	}
	left := c.Remaining(now)
	step := time.Second
	if over := -left; over >= -step && over < FlashFor {
		step = FlashStep
	}
	wait = left % step
	if wait <= 0 {
		wait += step
	}
	return wait, true
}
