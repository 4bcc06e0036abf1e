// Package workshop is Runsheet's domain: plans of timed exercises, the
// countdown, and sessions built from events. It knows nothing of the UI.
package workshop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"runsheet/workshop/words"
)

// Limits on exercise length, in minutes.
const (
	MinMinutes = 1
	MaxMinutes = 240
)

// Plan is a titled list of timed exercises: what a workshop runs through.
type Plan struct {
	Title   string
	Summary string
	// Language is the code of the language the room reads ("pl"; see
	// package words); empty for English.
	Language  string
	Exercises []Exercise
	// Ideas are the topic's key ideas, printed at the start of the handout.
	Ideas []Idea
	// Contrast is a two-column comparison printed side by side on the handout.
	Contrast *Contrast
}

// Idea is one key idea of a workshop's topic.
type Idea struct {
	Title string
	Text  string
	// Points are printed as a list under the text.
	Points []string
}

// Contrast compares two sides, row by row, such as managers and leaders.
type Contrast struct {
	Left, Right string
	Rows        [][2]string
}

// Exercise is one timed step of a plan. Its JSON form is how an exercise
// added on the day travels in a session's events.
type Exercise struct {
	Kind    Kind   `json:"kind"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	// Brief is shown to the room.
	Brief string `json:"brief,omitempty"`
	// Notes are private to the facilitator.
	Notes string `json:"notes,omitempty"`
	// Prompts are questions or rounds, mainly for discuss and reflect.
	Prompts []string `json:"prompts,omitempty"`
	// Options are the choices of a vote, such as "Implement" and "Innovate".
	Options []string `json:"options,omitempty"`
	// Items are what is voted on or rated.
	Items []Item `json:"items,omitempty"`
	// Scale holds the labels for 1 and 5 on a scale exercise.
	Scale []string `json:"scale,omitempty"`
	// CloseAtZero closes voting on the open item when the timer reaches zero.
	CloseAtZero bool `json:"close_at_zero,omitempty"`
	// Axes are a grid's two axes, across then up, each with its low and
	// high end; Quadrants optionally name its four quadrants: top left,
	// top right, bottom left, bottom right.
	Axes      [][]string `json:"axes,omitempty"`
	Quadrants []string   `json:"quadrants,omitempty"`
	// MaxRunes is the longest open answer, in characters (0: the
	// default); PerPhone how many answers one phone may give (0: one).
	MaxRunes int `json:"max,omitempty"`
	PerPhone int `json:"answers,omitempty"`
	// Private marks a scale as a self-rating: its paper ballot has no name
	// and is kept by the participant, and the room sees only the aggregate.
	Private bool `json:"private,omitempty"`
	// Added marks an exercise added to a running session's agenda on the
	// day; a plan's own exercises never have it.
	Added bool `json:"-"`
}

// Item is one thing the room votes on or rates.
type Item struct {
	Text string `json:"text"`
	// Expect is the answer revealed after a vote, one of the options; may be empty.
	Expect string `json:"expect,omitempty"`
}

// TotalMinutes is the planned length of the whole plan, or of a session's
// agenda with what was added on the day.
func (p *Plan) TotalMinutes() int {
	total := 0
	for _, e := range p.Exercises {
		total += e.Minutes
	}
	return total
}

// Label names an exercise in messages: its title, or its number when it has none.
func (p *Plan) Label(i int) string {
	if i >= 0 && i < len(p.Exercises) && strings.TrimSpace(p.Exercises[i].Title) != "" {
		return "exercise " + quote(p.Exercises[i].Title)
	}
	return fmt.Sprintf("exercise %d", i+1)
}

// Clone returns a deep copy, so that a session's snapshot cannot change under it.
func (p *Plan) Clone() *Plan {
	c := *p
	c.Exercises = make([]Exercise, len(p.Exercises))
	for i, e := range p.Exercises {
		c.Exercises[i] = e.Clone()
	}
	c.Ideas = slices.Clone(p.Ideas)
	for i := range c.Ideas {
		c.Ideas[i].Points = slices.Clone(c.Ideas[i].Points)
	}
	if p.Contrast != nil {
		ct := *p.Contrast
		ct.Rows = slices.Clone(ct.Rows)
		c.Contrast = &ct
	}
	return &c
}

// Same reports whether p and q are the same plan, as a plan file of each
// would say it: the same texts, less any character a plan may not hold
// (see CleanPlanText), and the same exercises, lists and settings, an
// empty list the same as none. Whether an exercise was added on the day
// does not count.
func (p *Plan) Same(q *Plan) bool {
	if !PlanTextClean(p) {
		p = p.Clone()
		CleanPlanText(p)
	}
	if !PlanTextClean(q) {
		q = q.Clone()
		CleanPlanText(q)
	}
	if p.Title != q.Title || p.Summary != q.Summary || p.Language != q.Language ||
		(p.Contrast == nil) != (q.Contrast == nil) {
		return false
	}
	if c, d := p.Contrast, q.Contrast; c != nil && (c.Left != d.Left || c.Right != d.Right || !slices.Equal(c.Rows, d.Rows)) {
		return false
	}
	return slices.EqualFunc(p.Ideas, q.Ideas, func(a, b Idea) bool {
		return a.Title == b.Title && a.Text == b.Text && slices.Equal(a.Points, b.Points)
	}) && slices.EqualFunc(p.Exercises, q.Exercises, Exercise.same)
}

// same reports whether e and f are the same exercise of a plan.
func (e Exercise) same(f Exercise) bool {
	return e.Kind == f.Kind && e.Title == f.Title && e.Minutes == f.Minutes &&
		e.Brief == f.Brief && e.Notes == f.Notes &&
		slices.Equal(e.Prompts, f.Prompts) && slices.Equal(e.Options, f.Options) &&
		slices.Equal(e.Items, f.Items) && slices.Equal(e.Scale, f.Scale) &&
		slices.EqualFunc(e.Axes, f.Axes, slices.Equal[[]string]) && slices.Equal(e.Quadrants, f.Quadrants) &&
		e.MaxRunes == f.MaxRunes && e.PerPhone == f.PerPhone &&
		e.CloseAtZero == f.CloseAtZero && e.Private == f.Private
}

// Clone returns a deep copy of the exercise.
func (e Exercise) Clone() Exercise {
	e.Prompts = slices.Clone(e.Prompts)
	e.Options = slices.Clone(e.Options)
	e.Items = slices.Clone(e.Items)
	e.Scale = slices.Clone(e.Scale)
	e.Axes = slices.Clone(e.Axes)
	for i := range e.Axes {
		e.Axes[i] = slices.Clone(e.Axes[i])
	}
	e.Quadrants = slices.Clone(e.Quadrants)
	return e
}

// Problem is one thing wrong with a plan, located as precisely as is known.
type Problem struct {
	File string
	Line int // 0 when unknown
	// Exercise is the index of the exercise at fault, or -1 for the plan itself.
	Exercise int
	// Label names the exercise as the message shows it, e.g. `exercise "Warm-up"`.
	Label string
	Field string
	// Element is the 1-based element of a list field at fault (an item,
	// a prompt), or 0; the problem's line is then the element's own.
	Element int
	Message string
	// Text is the message before its values were filled in, as
	// "must be {{.Min}}–{{.Max}}, got {{.Got}}", and Data the values by
	// name; empty for problems of a plan file's form.
	Text string
	Data map[string]any
}

// String formats the problem as FILE:LINE: exercise "TITLE": FIELD: message.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Label != "" {
		b.WriteString(p.Label)
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// MaxProblems caps the problems a plan's check lists: a hostile plan
// could break a rule tens of thousands of times, and a list that long
// costs time and memory and helps nobody. The rest are counted in
// PlanError.More.
const MaxProblems = 50

// MaxQuoteRunes caps how much of a value a problem quotes back: enough to
// recognise it, never a megabyte of digits.
const MaxQuoteRunes = 40

// PlanError reports the problems found in a plan at once: the first
// MaxProblems of them, and how many more there are.
type PlanError struct {
	Problems []Problem
	// More counts the problems found beyond Problems.
	More int
}

func (e *PlanError) Error() string {
	lines := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	if e.More > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems; fix these and check again", e.More))
	}
	return strings.Join(lines, "\n")
}

// Clip shortens a text quoted in a message to MaxQuoteRunes characters,
// ending it in "…" when it was longer.
func Clip(s string) string { return ClipTo(s, MaxQuoteRunes) }

// ClipTo cuts s to at most n characters, ending it in "…" when it was longer.
func ClipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	c := 0
	for i := range s {
		if c == n {
			return s[:i] + "…"
		}
		c++
	}
	return s
}

// quote quotes a value for a message, clipped.
func quote(s string) string { return Quote(Clip(s)) }

// Quote quotes a text for a message or a terminal. Unlike strconv.Quote
// it leaves every character a text may hold as it is, the joiners of
// Persian and of emoji among them, and escapes only those it may not.
func Quote(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range rs {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
			b.WriteRune(r)
		} else if _, bad := unsafeAt(rs, i, false); bad {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Validate checks a plan against the rules of the plan format and returns
// every problem found, without file or line.
func Validate(p *Plan) []Problem {
	ps := problems{}
	validate(p, &ps)
	return ps.list
}

// ValidateUpTo is Validate listing at most limit problems and counting
// the rest, for a view that shows a plan's problems as it is edited: a
// plan read with tens of thousands of them would cost a second and tens of
// megabytes at each keystroke to list them all.
func ValidateUpTo(p *Plan, limit int) (probs []Problem, more int) {
	return ValidateSkipping(p, limit, nil)
}

// ValidateSkipping is ValidateUpTo leaving out the problems of the fields
// skip names (an exercise's index, or -1 for the plan, and a field): a
// reader of plan files that has reported a value of the wrong type does
// not report again the zero value left in its place.
func ValidateSkipping(p *Plan, limit int, skip func(exercise int, field string) bool) (probs []Problem, more int) {
	ps := problems{limit: max(limit, 1), skip: skip}
	validate(p, &ps)
	return ps.list, ps.more
}

// problems collects the problems of a check: all of them, or, with a
// limit, that many and a count of the rest, so that a plan breaking a rule
// forty thousand times costs no more than one breaking it fifty times.
type problems struct {
	list  []Problem
	limit int // 0 for no limit
	more  int
	// skip, when set, drops a problem already reported another way.
	skip func(exercise int, field string) bool
	// plan names the exercise of a problem listed, and of no other.
	plan *Plan
}

func (ps *problems) add(p Problem, text string, data []any) {
	if ps.skip != nil && ps.skip(p.Exercise, p.Field) {
		return
	}
	if ps.limit > 0 && len(ps.list) >= ps.limit {
		ps.more++
		return
	}
	if p.Exercise >= 0 && ps.plan != nil {
		p.Label = ps.plan.Label(p.Exercise)
	}
	ps.list = append(ps.list, NewProblem(p, text, data...))
}

func validate(p *Plan, ps *problems) {
	ps.plan = p
	top := func(field, text string, data ...any) {
		ps.add(Problem{Exercise: -1, Field: field}, text, data)
	}
	if strings.TrimSpace(p.Title) == "" {
		top("title", "missing; give the plan a title")
	}
	if len(p.Exercises) == 0 {
		top("exercise", "the plan has no exercises; add at least one [[exercise]]")
	}
	if _, ok := words.Find(p.Language); p.Language != "" && !ok {
		top("language", "unknown language {{.Language}}; use one of {{.Codes}}", "Language", quote(p.Language), "Codes", words.Codes())
	}
	if n := runes(p.Title); n > MaxTitleRunes {
		top("title", "is {{.Length}} characters long; keep it to {{.Max}}", "Length", n, "Max", MaxTitleRunes)
	}
	if len(p.Summary) > MaxTextBytes {
		top("summary", "is {{.KB}} KB long; keep it to {{.Max}} KB", "KB", len(p.Summary)>>10, "Max", MaxTextBytes>>10)
	}
	for i := range p.Exercises {
		validateExercise(p, i, ps)
	}
	for i, idea := range p.Ideas {
		if strings.TrimSpace(idea.Title) == "" && strings.TrimSpace(idea.Text) == "" {
			top("idea", "idea {{.N}} has neither title nor text", "N", i+1)
		}
		if n := runes(idea.Title); n > MaxTitleRunes {
			top("idea", "entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", i+1, "Length", n, "Max", MaxTitleRunes)
		}
		if len(idea.Text) > MaxTextBytes {
			top("idea", "is {{.KB}} KB long; keep it to {{.Max}} KB", "KB", len(idea.Text)>>10, "Max", MaxTextBytes>>10)
		}
		for _, pt := range idea.Points {
			if n := runes(pt); n > MaxLineRunes {
				top("idea", "entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", i+1, "Length", n, "Max", MaxLineRunes)
			}
		}
	}
	if c := p.Contrast; c != nil {
		if strings.TrimSpace(c.Left) == "" || strings.TrimSpace(c.Right) == "" {
			top("contrast", `needs left and right headings, e.g. left = "Managers", right = "Leaders"`)
		}
		if len(c.Rows) == 0 {
			top("contrast", `needs rows, each a pair like ["implement", "innovate"]`)
		}
		if n := max(runes(c.Left), runes(c.Right)); n > MaxTitleRunes {
			top("contrast", "is {{.Length}} characters long; keep it to {{.Max}}", "Length", n, "Max", MaxTitleRunes)
		}
		for j, r := range c.Rows {
			if n := max(runes(r[0]), runes(r[1])); n > MaxLineRunes {
				top("contrast", "entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", j+1, "Length", n, "Max", MaxLineRunes)
			}
		}
	}
}

// ValidateExercise checks the exercise at index i of p and returns every
// problem found.
func ValidateExercise(p *Plan, i int) []Problem {
	ps := problems{}
	validateExercise(p, i, &ps)
	return ps.list
}

// ExerciseHasProblems reports whether the exercise at index i of p has a
// problem, at the cost of one: a list marks each of its rows with it.
func ExerciseHasProblems(p *Plan, i int) bool {
	ps := problems{limit: 1}
	validateExercise(p, i, &ps)
	return len(ps.list) > 0
}

func validateExercise(p *Plan, i int, ps *problems) {
	ps.plan = p
	e := &p.Exercises[i]
	bad := func(field, text string, data ...any) {
		ps.add(Problem{Exercise: i, Field: field}, text, data)
	}
	// badAt is bad for one element of a list.
	badAt := func(field string, element int, text string, data ...any) {
		ps.add(Problem{Exercise: i, Field: field, Element: element}, text, data)
	}
	if !e.Kind.Known() {
		if e.Kind == "" {
			bad("kind", "missing; use one of {{.Kinds}}", "Kinds", kindList())
		} else {
			bad("kind", "unknown kind {{.Kind}}; use one of {{.Kinds}}", "Kind", quote(string(e.Kind)), "Kinds", kindList())
		}
	}
	if strings.TrimSpace(e.Title) == "" {
		bad("title", "missing; every exercise needs a title")
	}
	if e.Minutes < MinMinutes || e.Minutes > MaxMinutes {
		bad("minutes", "must be {{.Min}}–{{.Max}}, got {{.Got}}", "Min", MinMinutes, "Max", MaxMinutes, "Got", e.Minutes)
	}
	if n := runes(e.Title); n > MaxTitleRunes {
		bad("title", "is {{.Length}} characters long; keep it to {{.Max}}", "Length", n, "Max", MaxTitleRunes)
	}
	for _, t := range []struct{ field, text string }{{"brief", e.Brief}, {"notes", e.Notes}} {
		if len(t.text) > MaxTextBytes {
			bad(t.field, "is {{.KB}} KB long; keep it to {{.Max}} KB", "KB", len(t.text)>>10, "Max", MaxTextBytes>>10)
		}
	}
	for _, l := range []struct {
		field string
		texts []string
	}{{"prompts", e.Prompts}, {"options", e.Options}, {"scale", e.Scale}, {"axes", slices.Concat(e.Axes...)}, {"quadrants", e.Quadrants}, {"items", e.itemTexts()}} {
		for j, s := range l.texts {
			if n := runes(s); n > MaxLineRunes {
				badAt(l.field, j+1, "entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", j+1, "Length", n, "Max", MaxLineRunes)
			}
		}
	}
	for j, s := range e.Prompts {
		if strings.TrimSpace(s) == "" {
			badAt("prompts", j+1, "prompt {{.N}} is empty; remove it or write the prompt", "N", j+1)
		}
	}
	checkKind(e, &checker{bad: bad, badAt: badAt})
}

// NewProblem completes p with its message: text, in English, with each
// {{.Name}} filled from data's pairs of a name and its value. The text and
// values are kept too, for the app to say the problem in its language.
func NewProblem(p Problem, text string, data ...any) Problem {
	p.Text, p.Data = text, words.Data(data...)
	p.Message = words.Fill(text, p.Data)
	return p
}

// runes counts a text's characters.
func runes(s string) int { return utf8.RuneCountInString(s) }

// itemTexts are the texts of the items and their expected answers, the
// longer of the two for each item, for checking their length.
func (e *Exercise) itemTexts() []string {
	out := make([]string, len(e.Items))
	for i, it := range e.Items {
		out[i] = it.Text
		if runes(it.Expect) > runes(it.Text) {
			out[i] = it.Expect
		}
	}
	return out
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
