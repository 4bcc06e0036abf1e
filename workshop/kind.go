package workshop

import (
	"strconv"
	"strings"
)

// Kind says what an exercise asks of the room. What each kind takes, how
// it walks, how it is counted and what the room, the phones and paper show
// is said once, by its KindDef; the rest of the program asks the
// definition and never compares kind names.
type Kind string

// Field is one of the plan fields an exercise may take beyond its title,
// minutes, brief and notes.
type Field uint

// The fields a kind may take.
const (
	FieldItems       Field = 1 << iota // items to vote on, rate or place
	FieldOptions                       // a vote's options
	FieldExpect                        // an item's expected answer
	FieldScale                         // the labels for 1 and 5
	FieldAxes                          // a grid's two axes, each with two ends
	FieldQuadrants                     // names for a grid's four quadrants
	FieldPrompts                       // questions, rounds or a question to answer
	FieldAnswers                       // the length and number of text answers
	FieldCloseAtZero                   // voting closes when the timer reaches zero
	FieldPrivate                       // a self-rating the room sees only in aggregate
)

// Input is what a phone gives for an exercise, and so which control the
// phone page shows.
type Input string

// The inputs a phone may give.
const (
	InputNone   Input = ""        // nothing to give: the phone follows the room
	InputOption Input = "options" // one of a vote's options
	InputRating Input = "scale"   // a rating from 1 to 5
)

// KindDef is the definition of one exercise kind: everything about an
// exercise that depends on its kind.
type KindDef struct {
	Kind Kind
	// Name is the kind as people read it, in English; Fresh names a new
	// exercise of it. The app translates both.
	Name, Fresh string
	// Fields lists the fields the kind takes; a plan giving any other is
	// refused.
	Fields Field
	// Prompted marks a kind whose prompts are what the room works on
	// (discussion rounds, questions to write about), so that a form asks
	// for them first.
	Prompted bool
	// Rounds walks the prompts one round at a time.
	Rounds bool
	// Pause marks a break: the room is told when to be back. A pause is
	// added on the day, not written in the editor.
	Pause bool
	// Input is what phones give on an item.
	Input Input
	// Scan is the id of the room's words that caption the join code while
	// phones give Input: "room.scan" (to vote) when empty.
	Scan string
	// Rating marks answers that are the ratings 1–5 of a scale, summed up
	// by their mean and median.
	Rating bool
	// points counts the answers an item may get; nil for none.
	points func(e *Exercise) int
	// labels names those answers.
	labels func(e *Exercise) []string
	// check adds the problems of the kind's own fields.
	check func(e *Exercise, c *checker)
}

// kindDefs lists every kind in the order the plan format documents them.
// It is filled in init because the kinds' checks ask definitions too.
var kindDefs []*KindDef

// Kinds lists every kind in the order the plan format documents them.
var Kinds []Kind

func init() {
	kindDefs = []*KindDef{&talkKind, &voteKind, &scaleKind, &gridKind, &openKind, &discussKind, &reflectKind, &breakKind}
	for _, d := range kindDefs {
		Kinds = append(Kinds, d.Kind)
	}
}

// unknownKind is the definition of a kind no plan may use: it takes nothing.
var unknownKind = KindDef{}

// Def is the kind's definition; an unknown kind's takes nothing and shows
// nothing.
func (k Kind) Def() *KindDef {
	for _, d := range kindDefs {
		if d.Kind == k {
			return d
		}
	}
	return &unknownKind
}

// Known reports whether the plan format has the kind.
func (k Kind) Known() bool { return k.Def() != &unknownKind }

// Title is the kind as people read it: "Talk", "Vote", "Scale", "Discuss",
// "Reflect". The app and the printed documents both use it.
func (k Kind) Title() string {
	if k == "" {
		return ""
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// ScanCaption is the id of the room's words under the join code while
// phones answer an exercise of the kind: what a participant does with it.
func (d *KindDef) ScanCaption() string {
	if d.Scan != "" {
		return d.Scan
	}
	return "room.scan"
}

// Takes reports whether the kind takes all of fields.
func (d *KindDef) Takes(fields Field) bool { return d.Fields&fields == fields && fields != 0 }

// Def is the definition of the exercise's kind.
func (e *Exercise) Def() *KindDef { return e.Kind.Def() }

// Takes reports whether the exercise's kind takes all of fields.
func (e *Exercise) Takes(fields Field) bool { return e.Def().Takes(fields) }

// OptionCount is how many answers an item of this exercise has: the options
// of a vote, the five points of a scale, none for kinds without votes.
func (e *Exercise) OptionCount() int {
	if d := e.Def(); d.points != nil {
		return d.points(e)
	}
	return 0
}

// OptionLabels names the answers: a vote's options, or "1" to "5".
func (e *Exercise) OptionLabels() []string {
	if d := e.Def(); d.labels != nil {
		return d.labels(e)
	}
	return nil
}

// HasRounds reports whether the exercise is discussed in rounds, one prompt
// each, stepped through by Next.
func (e *Exercise) HasRounds() bool { return e.Def().Rounds && len(e.Prompts) > 0 }

// SetKind changes the exercise's kind, dropping the fields the new kind
// does not take, so that no field is left that the plan would refuse.
func (e *Exercise) SetKind(k Kind) {
	e.Kind = k
	d := k.Def()
	if !d.Takes(FieldOptions) {
		e.Options = nil
	}
	if !d.Takes(FieldExpect) {
		for i := range e.Items {
			e.Items[i].Expect = ""
		}
	}
	if !d.Takes(FieldScale) {
		e.Scale = nil
	}
	if !d.Takes(FieldPrivate) {
		e.Private = false
	}
	if !d.Takes(FieldItems) {
		e.Items = nil
	}
	if !d.Takes(FieldCloseAtZero) {
		e.CloseAtZero = false
	}
	if !d.Takes(FieldAxes) {
		e.Axes = nil
	}
	if !d.Takes(FieldQuadrants) {
		e.Quadrants = nil
	}
	if !d.Takes(FieldAnswers) {
		e.MaxRunes, e.PerPhone = 0, 0
	}
}

// KindsTaking lists the kinds that take a field, as a plan writes them.
func KindsTaking(f Field) []Kind {
	var out []Kind
	for _, d := range kindDefs {
		if d.Takes(f) {
			out = append(out, d.Kind)
		}
	}
	return out
}

// checker gathers the problems of one exercise.
type checker struct {
	// bad adds a problem of a field; badAt of one element of a list field.
	bad   func(field, text string, data ...any)
	badAt func(field string, element int, text string, data ...any)
}

// fieldRule is how a plan names a field and how it tells whether an
// exercise gives it.
type fieldRule struct {
	field Field
	name  string
	given func(e *Exercise) bool
}

// fieldRules are the fields only some kinds take, in the plan's order.
var fieldRules = []fieldRule{
	{FieldOptions, "options", func(e *Exercise) bool { return len(e.Options) > 0 }},
	{FieldScale, "scale", func(e *Exercise) bool { return len(e.Scale) > 0 }},
	{FieldCloseAtZero, "close_at_zero", func(e *Exercise) bool { return e.CloseAtZero }},
	{FieldPrivate, "private", func(e *Exercise) bool { return e.Private }},
	{FieldItems, "items", func(e *Exercise) bool { return len(e.Items) > 0 }},
	{FieldAxes, "axes", func(e *Exercise) bool { return len(e.Axes) > 0 }},
	{FieldQuadrants, "quadrants", func(e *Exercise) bool { return len(e.Quadrants) > 0 }},
	{FieldAnswers, "max", func(e *Exercise) bool { return e.MaxRunes != 0 }},
	{FieldAnswers, "answers", func(e *Exercise) bool { return e.PerPhone != 0 }},
}

// checkKind adds the problems of the exercise's kind: fields it does not
// take, then the kind's own checks.
func checkKind(e *Exercise, c *checker) {
	d := e.Def()
	if d == &unknownKind {
		return
	}
	for _, r := range fieldRules {
		if d.Takes(r.field) || !r.given(e) {
			continue
		}
		if r.field == FieldPrivate {
			c.bad("private", `only a scale can be private (a self-rating); remove it or use kind = "scale"`)
			continue
		}
		c.bad(r.name, "only {{.Kinds}} exercises take {{.Field}}; remove it or change the kind",
			"Kinds", quoteKinds(KindsTaking(r.field)), "Field", r.name)
	}
	if d.check != nil {
		d.check(e, c)
	}
}

// quoteKinds lists kinds as a plan writes them: "vote", "scale".
func quoteKinds(ks []Kind) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = strconv.Quote(string(k))
	}
	return strings.Join(q, ", ")
}

// checkItems requires items, each with text; what names them says what the
// kind does with them ("a vote needs at least one item to vote on").
func checkItems(e *Exercise, c *checker, none string) {
	if len(e.Items) == 0 {
		c.bad("items", none)
	}
	for j, it := range e.Items {
		if strings.TrimSpace(it.Text) == "" {
			c.badAt("items", j+1, "item {{.N}} has no text", "N", j+1)
		}
		if it.Expect != "" && !e.Takes(FieldExpect) {
			c.badAt("items", j+1, "item {{.N}} ({{.Text}}): expect is only for votes", "N", j+1, "Text", quote(it.Text))
		}
	}
}
