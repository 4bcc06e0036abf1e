package workshop

import (
	"errors"
	"fmt"
	"slices"
	"sort"
)

// Source is where a vote came from.
type Source string

// The three sources of votes, always shown apart as well as together.
const (
	SourceRoom  Source = "room"  // show of hands, counted by the facilitator
	SourcePaper Source = "paper" // printed ballots, counted afterwards
	SourcePhone Source = "phone" // participants' own votes over the network
)

// Limits on what a tally can hold; beyond them a count is a typing slip.
const (
	MaxCount          = 100_000
	MaxParticipantLen = 64
	ScalePoints       = 5
)

// ErrRefused marks an event that is well formed but cannot happen now, such
// as a vote on an item that has closed. It is recorded and refused again on
// replay, identically.
var ErrRefused = errors.New("refused")

// ErrItemClosed refuses a phone vote on an item that is not open.
var ErrItemClosed = fmt.Errorf("%w: voting on this item is closed", ErrRefused)

// ItemVotes holds the votes on one item, by source.
type ItemVotes struct {
	// Room, Paper and Phone count the votes per option.
	Room, Paper, Phone []int
	// ballots maps each phone participant to their option; the last vote counts.
	ballots map[string]int
	// Open is true while phones may vote; Closed once it has been closed.
	Open, Closed bool
	// Revealed is true while the room may see the results.
	Revealed bool
}

// ExerciseVotes holds the votes of one vote or scale exercise.
type ExerciseVotes struct {
	Items []ItemVotes
	// Active is the item on screen.
	Active int
	// Headcount is the number of people in the room; 0 when not given.
	Headcount int
	// Points shows a grid's every rating on the projector, not only each
	// item's mean.
	Points bool
}

func newExerciseVotes(e *Exercise) ExerciseVotes {
	n := e.OptionCount()
	if n == 0 {
		return ExerciseVotes{}
	}
	ev := ExerciseVotes{Items: make([]ItemVotes, len(e.Items))}
	for i := range ev.Items {
		ev.Items[i] = ItemVotes{Room: make([]int, n), Paper: make([]int, n), Phone: make([]int, n), ballots: map[string]int{}}
	}
	return ev
}

// TakesVotes reports whether the exercise has items to vote on or rate.
func (e *Exercise) TakesVotes() bool { return e.OptionCount() > 0 && len(e.Items) > 0 }

func (s *State) checkVoting(e Event) error {
	switch e.Kind {
	case EventOpened, EventClosed, EventSelected, EventRevealed, EventReopened, EventHidden, EventTally, EventVote, EventHeadcount,
		EventAnswer, EventAnswerHidden, EventAnswerShown, EventAnswerWithdrawn, EventAnswerView, EventGridView:
	default:
		return fmt.Errorf("%w: unknown kind %q", ErrBadEvent, e.Kind)
	}
	if e.Exercise < 0 || e.Exercise >= len(s.Plan.Exercises) {
		return fmt.Errorf("%w: no exercise %d", ErrBadEvent, e.Exercise+1)
	}
	ex := &s.Plan.Exercises[e.Exercise]
	if ex.TakesAnswers() {
		return s.checkAnswers(e, ex)
	}
	if !ex.TakesVotes() || e.Kind == EventAnswer || e.Kind == EventAnswerHidden || e.Kind == EventAnswerShown || e.Kind == EventAnswerWithdrawn || e.Kind == EventAnswerView {
		return fmt.Errorf("%w: %s takes no votes", ErrBadEvent, s.Plan.Label(e.Exercise))
	}
	if e.Kind == EventGridView {
		if !ex.Takes(FieldAxes) || e.Text != ViewMeans && e.Text != ViewPoints {
			return fmt.Errorf("%w: a grid shows %q or %q, and only a grid", ErrBadEvent, ViewMeans, ViewPoints)
		}
		return nil
	}
	if e.Kind == EventHeadcount {
		if e.Count < 0 || e.Count > MaxCount {
			return fmt.Errorf("%w: headcount must be 0–%d, got %d", ErrBadEvent, MaxCount, e.Count)
		}
		return nil
	}
	if e.Item < 0 || e.Item >= len(ex.Items) {
		return fmt.Errorf("%w: %s has no item %d", ErrBadEvent, s.Plan.Label(e.Exercise), e.Item+1)
	}
	switch e.Kind {
	case EventTally, EventVote:
		if e.Option < 0 || e.Option >= ex.OptionCount() {
			return fmt.Errorf("%w: item %d has no option %d", ErrBadEvent, e.Item+1, e.Option+1)
		}
	}
	switch e.Kind {
	case EventTally:
		if e.Source != SourceRoom && e.Source != SourcePaper {
			return fmt.Errorf("%w: a tally comes from the room or paper, not %q", ErrBadEvent, e.Source)
		}
		if e.Count < 0 || e.Count > MaxCount {
			return fmt.Errorf("%w: a count must be 0–%d, got %d", ErrBadEvent, MaxCount, e.Count)
		}
	case EventVote:
		if e.Participant == "" || len(e.Participant) > MaxParticipantLen {
			return fmt.Errorf("%w: a phone vote needs a participant id of 1–%d characters", ErrBadEvent, MaxParticipantLen)
		}
		if !s.Votes[e.Exercise].Items[e.Item].Open {
			return ErrItemClosed
		}
	}
	return nil
}

func (s *State) applyVoting(e Event) {
	if s.Plan.Exercises[e.Exercise].TakesAnswers() {
		s.applyAnswers(e)
		return
	}
	ev := &s.Votes[e.Exercise]
	if e.Kind == EventHeadcount {
		ev.Headcount = e.Count
		return
	}
	if e.Kind == EventGridView {
		ev.Points = e.Text == ViewPoints
		return
	}
	it := &ev.Items[e.Item]
	switch e.Kind {
	case EventOpened:
		for j := range ev.Items {
			if ev.Items[j].Open && j != e.Item {
				ev.Items[j].Open, ev.Items[j].Closed = false, true
			}
		}
		it.Open = true
		ev.Active = e.Item
	case EventClosed:
		if it.Open {
			it.Open, it.Closed = false, true
		}
	case EventSelected:
		ev.Active = e.Item
	case EventRevealed:
		it.Revealed = true
		ev.Active = e.Item
		if e.Close && it.Open {
			it.Open, it.Closed = false, true
		}
	case EventReopened:
		for j := range ev.Items {
			if ev.Items[j].Open && j != e.Item {
				ev.Items[j].Open, ev.Items[j].Closed = false, true
			}
		}
		it.Revealed, it.Open = false, true
		ev.Active = e.Item
	case EventHidden:
		it.Revealed = false
	case EventTally:
		counts := it.Room
		if e.Source == SourcePaper {
			counts = it.Paper
		}
		counts[e.Option] = e.Count
	case EventVote:
		if old, ok := it.ballots[e.Participant]; ok {
			it.Phone[old]--
		}
		it.ballots[e.Participant] = e.Option
		it.Phone[e.Option]++
	}
}

// Ballot returns a participant's current phone vote on an item.
func (v *ItemVotes) Ballot(participant string) (option int, ok bool) {
	option, ok = v.ballots[participant]
	return option, ok
}

// Voters lists the participants who voted by phone, sorted.
func (v *ItemVotes) Voters() []string {
	ids := make([]string, 0, len(v.ballots))
	for id := range v.ballots {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Result is one item's tally, per source and combined.
type Result struct {
	Item      Item
	Labels    []string
	Room      []int
	Paper     []int
	Phone     []int
	Total     []int
	Votes     int // all votes, every source
	NoVote    int // headcount minus votes, when a headcount was given
	Headcount int
	// Expect is the index of the expected answer, or -1.
	Expect   int
	Revealed bool
	Open     bool
	Closed   bool
	// IsScale is set for a scale item, whose options are the ratings 1–5.
	IsScale bool
}

// Result tallies one item of a vote or scale exercise.
func (s *State) Result(exercise, item int) Result {
	ex := &s.Plan.Exercises[exercise]
	ev := &s.Votes[exercise]
	iv := &ev.Items[item]
	r := Result{
		Item: ex.Items[item], Labels: ex.OptionLabels(),
		Room: slices.Clone(iv.Room), Paper: slices.Clone(iv.Paper), Phone: slices.Clone(iv.Phone),
		Total: make([]int, len(iv.Room)), Headcount: ev.Headcount, Expect: -1,
		Revealed: iv.Revealed, Open: iv.Open, Closed: iv.Closed, IsScale: ex.Def().Rating,
	}
	for i := range r.Total {
		r.Total[i] = r.Room[i] + r.Paper[i] + r.Phone[i]
		r.Votes += r.Total[i]
	}
	if ev.Headcount > r.Votes {
		r.NoVote = ev.Headcount - r.Votes
	}
	if ex.Takes(FieldExpect) && ex.Items[item].Expect != "" {
		r.Expect = slices.Index(ex.Options, ex.Items[item].Expect)
	}
	return r
}

// Overcounted reports an item with more votes than people counted in the
// room: a miscount, usually of paper ballots, that the counts should be
// checked for.
func (r Result) Overcounted() bool { return r.Headcount > 0 && r.Votes > r.Headcount }

// PhonesOvercounted reports an item with more phone ballots than people
// counted in the room: phones that are not in the room, or one person
// voting from several devices. Locking the room and removing phones are
// the remedies; it is a stronger warning than Overcounted, which it implies.
func (r Result) PhonesOvercounted() bool {
	_, _, phone := r.BySource()
	return r.Headcount > 0 && phone > r.Headcount
}

// ExpectedLabel is the answer the plan expects for the item, or "".
func (r Result) ExpectedLabel() string {
	if r.Expect < 0 || r.Expect >= len(r.Labels) {
		return ""
	}
	return r.Labels[r.Expect]
}

// BySource sums the item's votes from each source.
func (r Result) BySource() (room, paper, phone int) {
	for i := range r.Total {
		room, paper, phone = room+r.Room[i], paper+r.Paper[i], phone+r.Phone[i]
	}
	return room, paper, phone
}

// Percent is option i's share of all votes on the item, 0–100.
func (r Result) Percent(i int) float64 {
	if r.Votes == 0 {
		return 0
	}
	return 100 * float64(r.Total[i]) / float64(r.Votes)
}

// ScaleStats summarise the ratings of a scale item.
type ScaleStats struct {
	N      int
	Mean   float64
	Median float64
	// Dist counts the ratings 1 to 5.
	Dist [ScalePoints]int
}

// Scale summarises the item's votes as 1–5 ratings.
func (r Result) Scale() ScaleStats {
	var st ScaleStats
	sum := 0
	for i := 0; i < ScalePoints && i < len(r.Total); i++ {
		st.Dist[i] = r.Total[i]
		st.N += r.Total[i]
		sum += (i + 1) * r.Total[i]
	}
	if st.N == 0 {
		return st
	}
	st.Mean = float64(sum) / float64(st.N)
	st.Median = (ratingAt(st.Dist, (st.N-1)/2) + ratingAt(st.Dist, st.N/2)) / 2
	return st
}

// ratingAt is the k-th smallest rating (0-based) in a distribution.
func ratingAt(dist [ScalePoints]int, k int) float64 {
	for i, n := range dist {
		if k < n {
			return float64(i + 1)
		}
		k -= n
	}
	return ScalePoints
}

// ProfileSide is one side of the group's profile, such as "Implement".
type ProfileSide struct {
	Option string
	// Votes counts the votes for this option over all sorting items, and
	// Share is their part of all votes on those items, 0–100.
	Votes int
	Share float64
	// Expected counts the votes on items whose expected answer is this
	// side, and Matched those that gave it; MatchShare is Matched/Expected.
	Expected   int
	Matched    int
	MatchShare float64
}

// Profile is how the group leans over every sorting item that was voted
// on: items of vote exercises with an expected answer. In the built-in workshop it reads as
// the group's implement versus innovate profile.
type Profile struct {
	Sides []ProfileSide
	Items int
	Votes int
}

// Profile sums the votes of every item with an expected answer, by option.
func (s *State) Profile() Profile {
	var p Profile
	index := map[string]int{}
	side := func(name string) *ProfileSide {
		i, ok := index[name]
		if !ok {
			i = len(p.Sides)
			index[name] = i
			p.Sides = append(p.Sides, ProfileSide{Option: name})
		}
		return &p.Sides[i]
	}
	for ei, ex := range s.Plan.Exercises {
		if !ex.Takes(FieldExpect) || !ex.TakesVotes() {
			continue
		}
		for ii, it := range ex.Items {
			if it.Expect == "" {
				continue
			}
			r := s.Result(ei, ii)
			if r.Votes == 0 {
				continue // an item nobody voted on says nothing of the group
			}
			p.Items++
			p.Votes += r.Votes
			for oi, name := range ex.Options {
				side(name).Votes += r.Total[oi]
			}
			exp := side(it.Expect)
			exp.Expected += r.Votes
			exp.Matched += r.Total[r.Expect]
		}
	}
	for i := range p.Sides {
		sd := &p.Sides[i]
		if p.Votes > 0 {
			sd.Share = 100 * float64(sd.Votes) / float64(p.Votes)
		}
		if sd.Expected > 0 {
			sd.MatchShare = 100 * float64(sd.Matched) / float64(sd.Expected)
		}
	}
	return p
}
