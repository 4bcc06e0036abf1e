package workshop

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that only moves when told.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func TestCountdownTransitions(t *testing.T) {
	clk := &fakeClock{now: t0}
	c := NewCountdown(10 * time.Minute)
	check := func(step string, left time.Duration, phase Phase, text string) {
		t.Helper()
		if got := c.Remaining(clk.Now()); got != left {
			t.Errorf("%s: remaining %v, want %v", step, got, left)
		}
		if got := c.Phase(clk.Now()); got != phase {
			t.Errorf("%s: phase %v, want %v", step, got, phase)
		}
		if got := FormatRemaining(c.Remaining(clk.Now())); got != text {
			t.Errorf("%s: shows %q, want %q", step, got, text)
		}
	}
	check("new", 10*time.Minute, PhaseNormal, "10:00")
	clk.Advance(time.Minute)
	check("not started, time passes", 10*time.Minute, PhaseNormal, "10:00")

	c.Start(clk.Now())
	clk.Advance(500 * time.Millisecond)
	check("half a second in", 10*time.Minute-500*time.Millisecond, PhaseNormal, "10:00")
	clk.Advance(4*time.Minute + 59*time.Second + 500*time.Millisecond)
	check("five minutes in", 5*time.Minute, PhaseNormal, "05:00")

	c.Pause(clk.Now())
	clk.Advance(20 * time.Minute)
	check("paused for twenty minutes", 5*time.Minute, PhaseNormal, "05:00")
	c.Start(clk.Now())
	clk.Advance(3 * time.Minute)
	check("resumed, two minutes left", 2*time.Minute, PhaseWarning, "02:00")
	clk.Advance(-1) // one nanosecond earlier is still more than a fifth
	check("just before amber", 2*time.Minute+1, PhaseNormal, "02:01")
	clk.Advance(1)

	c.AddTime(time.Minute)
	check("plus one minute", 3*time.Minute, PhaseNormal, "03:00")
	c.AddTime(-time.Minute)
	c.AddTime(-time.Minute)
	check("minus two minutes", time.Minute, PhaseWarning, "01:00")

	clk.Advance(time.Minute)
	check("zero", 0, PhaseOvertime, "+00:00")
	clk.Advance(90 * time.Second)
	check("overtime counts up", -90*time.Second, PhaseOvertime, "+01:30")
	clk.Advance(2 * time.Hour)
	check("never stops", -(2*time.Hour + 90*time.Second), PhaseOvertime, "+2:01:30")

	c.AddTime(-24 * time.Hour)
	if c.Total() != 0 {
		t.Errorf("total went below zero: %v", c.Total())
	}
}

func TestCountdownHasNoDrift(t *testing.T) {
	clk := &fakeClock{now: t0}
	c := NewCountdown(60 * time.Minute)
	c.Start(clk.Now())
	// A UI reads the countdown on uneven ticks; reading never changes it.
	for elapsed := time.Duration(0); elapsed < time.Hour; {
		step := time.Second + time.Duration(elapsed%7)*time.Millisecond
		clk.Advance(step)
		elapsed += step
		_ = c.Remaining(clk.Now())
	}
	clk.now = t0.Add(time.Hour)
	if got := c.Remaining(clk.Now()); got != 0 {
		t.Fatalf("after 60 minutes of a 60-minute countdown, %v remain", got)
	}
}

func testPlan() *Plan {
	return &Plan{Title: "T", Exercises: []Exercise{
		{Kind: KindTalk, Title: "One", Minutes: 10},
		{Kind: KindDiscuss, Title: "Two", Minutes: 20, Prompts: []string{"p"}},
		{Kind: KindReflect, Title: "Three", Minutes: 5},
	}}
}

func TestSessionEventsAndReplay(t *testing.T) {
	clk := &fakeClock{now: t0}
	s, err := NewSession(testPlan(), "  Blue team ", "Ana", clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s.Group != "Blue team" {
		t.Errorf("group = %q", s.Group)
	}
	rec := func(e Event) {
		t.Helper()
		e.At = clk.Now()
		if err := s.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	st := s.State
	if d := st.Agenda(clk.Now())[1].Due; !d.Equal(t0.Add(10 * time.Minute)) {
		t.Errorf("before start, exercise 2 due %v", d)
	}

	clk.Advance(5 * time.Minute) // the room settles in
	rec(Event{Kind: EventStarted})
	start := clk.Now()
	clk.Advance(12 * time.Minute) // two minutes over on the first exercise
	if got := st.Drift(clk.Now()); got != 2*time.Minute {
		t.Errorf("drift = %v", got)
	}
	rec(Event{Kind: EventMoved, Exercise: 1})
	if !st.Running() || !st.Clocks[1].Began.Equal(clk.Now()) {
		t.Error("moving on while running should start the next exercise at once")
	}
	rec(Event{Kind: EventAdjusted, Delta: -5 * time.Minute})
	if got := st.Drift(clk.Now()); got != -3*time.Minute {
		t.Errorf("drift after shortening = %v", got)
	}
	rec(Event{Kind: EventNoteEdited, Exercise: 1, Text: "Lively debate"})
	clk.Advance(10 * time.Minute)
	rec(Event{Kind: EventPaused})
	clk.Advance(3 * time.Minute)
	rec(Event{Kind: EventResumed})
	clk.Advance(5 * time.Minute)
	rec(Event{Kind: EventMoved, Exercise: 2})

	rows := st.Agenda(clk.Now())
	wantDue := []time.Time{start, start.Add(10 * time.Minute), start.Add(30 * time.Minute)}
	wantSpent := []time.Duration{12 * time.Minute, 15 * time.Minute, 0}
	for i, r := range rows {
		if !r.Due.Equal(wantDue[i]) || r.Spent != wantSpent[i] || r.Current != (i == 2) {
			t.Errorf("row %d: due %v spent %v current %v", i, r.Due.Format("15:04"), r.Spent, r.Current)
		}
	}
	// 12 + 15 spent + 3 paused = 30 minutes in; 5 planned to go; plan ends at 35.
	if got := st.ProjectedEnd(clk.Now()); !got.Equal(start.Add(35 * time.Minute)) {
		t.Errorf("projected end %v", got.Sub(start))
	}
	if got := st.Drift(clk.Now()); got != 0 {
		t.Errorf("drift = %v", got)
	}
	clk.Advance(7 * time.Minute)
	rec(Event{Kind: EventFinished})

	if err := s.Record(Event{Kind: EventResumed, At: clk.Now()}); !errors.Is(err, ErrFinished) {
		t.Errorf("event after finish: %v", err)
	}
	replayed, err := Replay(s.Plan, s.Events)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(replayed, s.State) {
		t.Fatalf("replay differs:\n%+v\n%+v", replayed, s.State)
	}
	if replayed.Notes[1] != "Lively debate" || replayed.Clocks[2].Spent != 7*time.Minute {
		t.Errorf("replayed state lost data: %+v", replayed)
	}
}

func TestSessionRefusesImpossibleEvents(t *testing.T) {
	s, _ := NewSession(testPlan(), "G", "", t0)
	for _, e := range []Event{
		{Kind: EventPaused, At: t0},
		{Kind: EventMoved, Exercise: 3, At: t0},
		{Kind: EventMoved, Exercise: -1, At: t0},
		{Kind: EventNoteEdited, Exercise: 9, At: t0},
		{Kind: EventAdjusted, At: t0},
		{Kind: "exploded", At: t0},
	} {
		if err := s.Record(e); err == nil {
			t.Errorf("%+v was accepted", e)
		}
	}
	if len(s.Events) != 0 || !reflect.DeepEqual(s.State, NewState(s.Plan)) {
		t.Error("a refused event changed the session")
	}
}

func TestCleanName(t *testing.T) {
	long := make([]rune, MaxNameRunes+1)
	for i := range long {
		long[i] = 'ł'
	}
	if _, err := CleanName("the group name", string(long)); !errors.Is(err, ErrName) || !strings.Contains(err.Error(), "121 characters long; keep it to 120") {
		t.Errorf("a name of %d characters: %v", len(long), err)
	}
	// What cannot be seen, or moves the text around it, is taken out; a
	// tab or line break becomes a space; joiners stay where a script needs them.
	for in, want := range map[string]string{
		"  Équipe Łódź  ":                  "Équipe Łódź",
		"tab\there":                        "tab here",
		"line\nbreak\r\n":                  "line break",
		"\xffbad\x1b[2Jbyte":               "badbyte",
		"Sales\u202eteam\u202c":            "Salesteam",
		"\u2066Ops\u2069 \u200bteam\ufeff": "Ops team",
		"\u200dمی\u200cخواهم\u200c":        "می\u200cخواهم",
		"👩\u200d💻 crew":                    "👩\u200d💻 crew",
	} {
		got, err := CleanName("the group name", in)
		if err != nil || got != want {
			t.Errorf("CleanName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// A name cleaned to its limit is accepted: the length counts what is left.
	if got, err := CleanName("g", strings.Repeat("a\u00ad", MaxNameRunes)); err != nil || len(got) != MaxNameRunes {
		t.Errorf("a name with invisible characters between its letters: %q, %v", got, err)
	}
}

func TestCoachSuggestsCutsToFinishOnTime(t *testing.T) {
	plan := &Plan{Title: "T", Exercises: []Exercise{
		{Kind: KindTalk, Title: "A", Minutes: 10},
		{Kind: KindTalk, Title: "B", Minutes: 6},
		{Kind: KindTalk, Title: "C", Minutes: 2},
		{Kind: KindTalk, Title: "D", Minutes: 3},
	}}
	st := NewState(plan)
	st.Apply(Event{Kind: EventStarted, At: t0})
	now := t0.Add(14*time.Minute + 30*time.Second) // 4.5 minutes over on A
	st.Apply(Event{Kind: EventMoved, Exercise: 1, At: now})
	cuts, short := st.Coach(now)
	// 5 minutes behind; B is running, so only C (1 to give) and D (2) can
	// be shortened, each kept at a minute: 2 minutes cannot be recovered.
	want := []Cut{{2, time.Minute}, {3, 2 * time.Minute}}
	if !reflect.DeepEqual(cuts, want) || short != 2*time.Minute {
		t.Errorf("cuts %v short %v", cuts, short)
	}
	plan.Exercises[2].Minutes = 20
	st, _ = Replay(plan, []Event{{Kind: EventStarted, At: t0}, {Kind: EventMoved, Exercise: 1, At: now}})
	cuts, short = st.Coach(now)
	if want := []Cut{{2, 5 * time.Minute}}; !reflect.DeepEqual(cuts, want) || short != 0 {
		t.Errorf("with a long exercise ahead: cuts %v short %v", cuts, short)
	}
	if cuts, _ := NewState(plan).Coach(t0); cuts != nil {
		t.Error("coaching before the start")
	}
}

// An exercise the room answered and saw revealed without Start ever
// pressed was run: it took the time from its first answer until it was
// left, and the session began with that answer.
func TestActivityWithoutStartCountsAsRun(t *testing.T) {
	plan := &Plan{Title: "T", Exercises: []Exercise{
		{Kind: KindOpen, Title: "Commit", Minutes: 5, Prompts: []string{"What?"}, MaxRunes: 80},
		{Kind: KindTalk, Title: "Talk", Minutes: 5},
	}}
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	sess, err := NewSession(plan, "G", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Event{
		{Kind: EventOpened, Exercise: 0, At: t0.Add(time.Minute)},
		{Kind: EventAnswer, Exercise: 0, Source: SourcePhone, Participant: "a", Text: "Listen", At: t0.Add(2 * time.Minute)},
		{Kind: EventRevealed, Exercise: 0, Close: true, At: t0.Add(4 * time.Minute)},
		{Kind: EventMoved, Exercise: 1, At: t0.Add(5 * time.Minute)},
		{Kind: EventFinished, At: t0.Add(6 * time.Minute)},
	} {
		if err := sess.Record(e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	st := sess.State
	if c := &st.Clocks[0]; !c.Ran() || c.Taken() != 3*time.Minute {
		t.Errorf("answered exercise: ran %v, took %v; want run, 3m0s", c.Ran(), c.Taken())
	}
	if c := &st.Clocks[1]; c.Ran() || c.Taken() != 0 {
		t.Errorf("untouched exercise: ran %v, took %v", c.Ran(), c.Taken())
	}
	if got := st.Began(); !got.Equal(t0.Add(2 * time.Minute)) {
		t.Errorf("began %v, want the first answer's time", got)
	}
}
