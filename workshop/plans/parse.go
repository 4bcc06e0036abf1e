package plans

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"runsheet/workshop"
)

var (
	topKeys      = []string{"title", "summary", "language", "exercise", "idea", "contrast"}
	ideaKeys     = []string{"title", "text", "points"}
	contrastKeys = []string{"left", "right", "rows"}
	exerciseKeys = []string{"kind", "title", "minutes", "brief", "notes", "prompts", "options", "items", "scale", "axes", "quadrants", "max", "answers", "close_at_zero", "private"}
	itemKeys     = []string{"text", "expect"}
)

// Parse parses and validates a plan in the TOML plan format. name is
// used in error messages. On a syntax error the plan is nil; when the TOML is
// well formed but breaks the plan's rules, the plan is returned as far as it
// could be read, together with a *workshop.PlanError listing every problem.
func Parse(name string, data []byte) (*workshop.Plan, error) {
	return parsePlan(name, data, false)
}

// ParseSaved parses a plan that Runsheet saved itself, the snapshot a
// stored session began with: it is Parse, except that texts that break
// the rules on characters and lengths, which a session recorded before
// those rules may hold, are cleaned rather than refused, so that the
// session still opens. Every limit on size, shape and counts still holds.
func ParseSaved(name string, data []byte) (*workshop.Plan, error) {
	return parsePlan(name, data, true)
}

func parsePlan(name string, data []byte, saved bool) (*workshop.Plan, error) {
	// The shape first: the decoder's cost on a hostile file is not linear.
	if line, msg := planShape(data); msg != "" {
		return nil, &workshop.PlanError{Problems: []workshop.Problem{{File: name, Line: line, Exercise: -1, Message: msg}}}
	}
	var raw map[string]any
	_, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if st := pe.Position.Start; st >= 0 && st < len(data) {
				// The decoder counts a newline it trips over as the next
				// line; the offset says where the mistake really is.
				line = 1 + strings.Count(string(data[:st]), "\n")
			}
			return nil, &workshop.PlanError{Problems: []workshop.Problem{{
				File: name, Line: line, Exercise: -1,
				Message: "TOML syntax: " + clipWords(pe.Message) + "; see docs/plan-format.md",
			}}}
		}
		return nil, &workshop.PlanError{Problems: []workshop.Problem{{File: name, Exercise: -1, Message: "TOML: " + clipWords(err.Error())}}}
	}
	lines := scanPlanLines(data)
	b := planBuilder{name: name, lines: lines, saved: saved}
	plan := b.build(raw)
	probs, more := workshop.ValidateSkipping(plan, workshop.MaxProblems-len(b.probs), func(i int, field string) bool {
		return b.typeBad[problemKey{i, field}]
	})
	for _, p := range probs {
		b.add(p)
	}
	b.more += more
	if len(b.probs) > 0 {
		sort.SliceStable(b.probs, func(i, j int) bool { return b.probs[i].Line < b.probs[j].Line })
		return plan, &workshop.PlanError{Problems: b.probs, More: b.more}
	}
	return plan, nil
}

// planBuilder turns decoded TOML into a workshop.Plan, collecting type problems
// instead of stopping at the first.
type planBuilder struct {
	name  string
	lines planLines
	plan  *workshop.Plan
	probs []workshop.Problem
	// more counts the problems beyond workshop.MaxProblems, left unlisted.
	more int
	// saved cleans texts instead of refusing them (ParseSaved).
	saved bool
	// typeBad marks fields whose value had the wrong type, so that the
	// zero value left in their place is not reported a second time.
	typeBad map[problemKey]bool
}

type problemKey struct {
	exercise int
	field    string
}

// typeProblem records a value of the wrong type.
func (b *planBuilder) typeProblem(i int, field, msg string) {
	if b.typeBad == nil {
		b.typeBad = map[problemKey]bool{}
	}
	b.typeBad[problemKey{i, field}] = true
	b.add(workshop.Problem{Exercise: i, Field: field, Message: msg})
}

// add locates a problem in the file and records it; past workshop.MaxProblems it
// only counts it.
func (b *planBuilder) add(p workshop.Problem) {
	if len(b.probs) >= workshop.MaxProblems {
		b.more++
		return
	}
	p.File = b.name
	if p.Line == 0 {
		p.Line = b.lines.locate(p.Exercise, p.Field, p.Element)
	}
	p.Field = workshop.Clip(p.Field) // an unknown key may be of any length
	if p.Label == "" && p.Exercise >= 0 && b.plan != nil {
		p.Label = b.plan.Label(p.Exercise)
	}
	b.probs = append(b.probs, p)
}

func (b *planBuilder) build(raw map[string]any) *workshop.Plan {
	b.plan = &workshop.Plan{}
	p := b.plan
	p.Title = b.line(-1, "title", 0, raw["title"], workshop.MaxTitleRunes)
	p.Summary = b.long(-1, "summary", 0, raw["summary"])
	p.Language = b.line(-1, "language", 0, raw["language"], workshop.MaxTitleRunes)
	var exs []map[string]any
	switch v := raw["exercise"].(type) {
	case nil:
	case []map[string]any:
		exs = v
	case []any:
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				exs = append(exs, m)
			} else {
				b.add(workshop.Problem{Exercise: -1, Field: "exercise", Message: "each exercise must be a table; write [[exercise]] sections"})
			}
		}
	default:
		b.add(workshop.Problem{Exercise: -1, Field: "exercise", Message: "must be a list of [[exercise]] sections"})
	}
	if len(exs) > workshop.MaxExercises {
		b.add(workshop.Problem{Exercise: workshop.MaxExercises, Message: fmt.Sprintf("the plan has %d exercises; a plan may have at most %d", len(exs), workshop.MaxExercises)})
		exs = exs[:workshop.MaxExercises]
	}
	p.Exercises = make([]workshop.Exercise, len(exs))
	for i, m := range exs {
		// Titles first, so that problems with other fields can name the exercise.
		if s, ok := m["title"].(string); ok {
			p.Exercises[i].Title = s
		}
	}
	for i, m := range exs {
		b.exercise(i, m)
	}
	b.ideas(raw["idea"])
	b.contrast(raw["contrast"])
	for _, k := range sortedKeys(raw) {
		if !slices.Contains(topKeys, k) {
			b.add(workshop.Problem{Exercise: -1, Field: k, Message: fmt.Sprintf("unknown key; a plan has %s", strings.Join(topKeys, ", "))})
		}
	}
	return p
}

func (b *planBuilder) ideas(v any) {
	var list []map[string]any
	switch l := v.(type) {
	case nil:
		return
	case []map[string]any:
		list = l
	default:
		b.typeProblem(-1, "idea", "must be [[idea]] sections with title, text and points")
		return
	}
	if len(list) > workshop.MaxListLen {
		b.add(workshop.Problem{Exercise: -1, Field: "idea", Message: fmt.Sprintf("the plan has %d ideas; at most %d", len(list), workshop.MaxListLen)})
		list = list[:workshop.MaxListLen]
	}
	for _, m := range list {
		idea := workshop.Idea{
			Title:  b.line(-1, "idea", 0, m["title"], workshop.MaxTitleRunes),
			Text:   b.long(-1, "idea", 0, m["text"]),
			Points: b.texts(-1, "idea", m["points"], workshop.MaxListLen),
		}
		for _, k := range sortedKeys(m) {
			if !slices.Contains(ideaKeys, k) {
				b.add(workshop.Problem{Exercise: -1, Field: "idea", Message: fmt.Sprintf("unknown key %s; an idea has title, text and points", quote(k))})
			}
		}
		b.plan.Ideas = append(b.plan.Ideas, idea)
	}
}

func (b *planBuilder) contrast(v any) {
	if v == nil {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		b.typeProblem(-1, "contrast", "must be a [contrast] section with left, right and rows")
		return
	}
	c := &workshop.Contrast{Left: b.line(-1, "contrast", 0, m["left"], workshop.MaxTitleRunes), Right: b.line(-1, "contrast", 0, m["right"], workshop.MaxTitleRunes)}
	rows, ok := m["rows"].([]any)
	if m["rows"] != nil && !ok {
		b.typeProblem(-1, "contrast", `rows must be a list of pairs like [["implement", "innovate"]]`)
	}
	if len(rows) > workshop.MaxListLen {
		b.add(workshop.Problem{Exercise: -1, Field: "contrast", Message: fmt.Sprintf("rows: %d rows; at most %d", len(rows), workshop.MaxListLen)})
		rows = rows[:workshop.MaxListLen]
	}
	for j, r := range rows {
		pair := b.texts(-1, "contrast", r, workshop.MaxListLen)
		if len(pair) != 2 {
			b.typeProblem(-1, "contrast", fmt.Sprintf("row %d must be a pair of texts, left and right", j+1))
			continue
		}
		c.Rows = append(c.Rows, [2]string{pair[0], pair[1]})
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(contrastKeys, k) {
			b.add(workshop.Problem{Exercise: -1, Field: "contrast", Message: fmt.Sprintf("unknown key %s; a contrast has left, right and rows", quote(k))})
		}
	}
	b.plan.Contrast = c
}

func (b *planBuilder) exercise(i int, m map[string]any) {
	e := &b.plan.Exercises[i]
	e.Kind = workshop.Kind(b.line(i, "kind", 0, m["kind"], workshop.MaxTitleRunes))
	e.Title = b.line(i, "title", 0, m["title"], workshop.MaxTitleRunes)
	e.Minutes = b.integer(i, "minutes", m["minutes"])
	e.Brief = b.long(i, "brief", 0, m["brief"])
	e.Notes = b.long(i, "notes", 0, m["notes"])
	e.Prompts = b.strs(i, "prompts", m["prompts"], workshop.MaxListLen, true)
	e.Options = b.texts(i, "options", m["options"], workshop.MaxOptions)
	e.Scale = b.texts(i, "scale", m["scale"], workshop.MaxListLen)
	e.Items = b.items(i, m["items"])
	e.Quadrants = b.texts(i, "quadrants", m["quadrants"], workshop.MaxListLen)
	if v := m["axes"]; v != nil {
		axes, ok := v.([]any)
		if !ok || len(axes) > 2 {
			b.typeProblem(i, "axes", `must be two pairs of texts: [["Implement", "Innovate"], ["Systems", "People"]]`)
		}
		for j := 0; ok && j < len(axes); j++ {
			e.Axes = append(e.Axes, b.texts(i, "axes", axes[j], 2))
		}
	}
	e.MaxRunes = b.count(i, "max", m["max"], workshop.MaxAnswerRunes, "characters")
	e.PerPhone = b.count(i, "answers", m["answers"], workshop.MaxAnswersPerPhone, "answers a phone")
	// 0 means "not said" once read; written in the file it is a mistake.
	if m["max"] == int64(0) {
		b.add(workshop.NewProblem(workshop.Problem{Exercise: i, Field: "max"}, "must be 1–{{.Max}} characters, got {{.Got}}", "Max", workshop.MaxAnswerRunes, "Got", 0))
	}
	if m["answers"] == int64(0) {
		b.add(workshop.NewProblem(workshop.Problem{Exercise: i, Field: "answers"}, "must be 1–{{.Max}} answers a phone, got {{.Got}}", "Max", workshop.MaxAnswersPerPhone, "Got", 0))
	}
	switch v := m["close_at_zero"].(type) {
	case nil:
	case bool:
		e.CloseAtZero = v
	default:
		b.typeProblem(i, "close_at_zero", fmt.Sprintf("must be true or false, got %s", tomlType(v)))
	}
	switch v := m["private"].(type) {
	case nil:
	case bool:
		e.Private = v
	default:
		b.typeProblem(i, "private", fmt.Sprintf("must be true or false, got %s", tomlType(v)))
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(exerciseKeys, k) {
			b.add(workshop.Problem{Exercise: i, Field: k, Message: fmt.Sprintf("unknown key; an exercise has %s", strings.Join(exerciseKeys, ", "))})
		}
	}
}

func (b *planBuilder) str(i int, field string, v any) string {
	switch s := v.(type) {
	case nil:
		return ""
	case string:
		return tidy(s)
	default:
		b.typeProblem(i, field, fmt.Sprintf("must be text in quotes, got %s", tomlType(v)))
		return ""
	}
}

func (b *planBuilder) integer(i int, field string, v any) int {
	switch n := v.(type) {
	case nil:
		return 0
	case int64:
		if n > math.MaxInt32 || n < math.MinInt32 {
			b.typeProblem(i, field, fmt.Sprintf("must be %d–%d, got %d", workshop.MinMinutes, workshop.MaxMinutes, n))
			return 0
		}
		return int(n)
	default:
		b.typeProblem(i, field, fmt.Sprintf("must be a whole number of minutes (%d–%d), got %s", workshop.MinMinutes, workshop.MaxMinutes, tomlType(v)))
		return 0
	}
}

// count reads a small whole number, such as an answer's length, of 1 to
// most; unit names what it counts ("characters"). A number far out of that
// range is refused here, saying the range, as the plan's checks say it of
// one nearer.
func (b *planBuilder) count(i int, field string, v any, most int, unit string) int {
	switch n := v.(type) {
	case nil:
		return 0
	case int64:
		if n > math.MaxInt16 || n < -1 {
			b.typeProblem(i, field, fmt.Sprintf("must be 1–%d %s, got %d", most, unit, n))
			return 0
		}
		return int(n)
	default:
		b.typeProblem(i, field, fmt.Sprintf("must be a whole number, got %s", tomlType(v)))
		return 0
	}
}

// line reads a one-line text of at most maxRunes characters; element is
// its place in a list, from 1, or 0.
func (b *planBuilder) line(i int, field string, element int, v any, maxRunes int) string {
	return b.text(i, field, element, b.str(i, field, v), false, maxRunes)
}

// long reads a text that may span lines, of at most workshop.MaxTextBytes.
func (b *planBuilder) long(i int, field string, element int, v any) string {
	return b.text(i, field, element, b.str(i, field, v), true, 0)
}

// text checks a text's characters: a problem at its line in a plan file,
// or, in a saved plan, cleaned and cut to the length Validate allows
// (maxRunes characters, or workshop.MaxTextBytes when 0).
func (b *planBuilder) text(i int, field string, element int, s string, multiline bool, maxRunes int) string {
	what := ""
	if element > 0 {
		what = fmt.Sprintf("entry %d ", element)
	}
	if b.saved {
		// Lengths are Validate's to check; a saved plan is cut to them.
		s = strings.TrimSpace(workshop.CleanText(s, multiline))
		if maxRunes == 0 && len(s) > workshop.MaxTextBytes {
			s = strings.ToValidUTF8(s[:workshop.MaxTextBytes], "")
		}
		if maxRunes > 0 && utf8.RuneCountInString(s) > maxRunes {
			s = string([]rune(s)[:maxRunes])
		}
		return s
	}
	if msg := workshop.CheckText(s, multiline); msg != "" {
		b.add(workshop.Problem{Exercise: i, Field: field, Element: element, Message: what + msg})
	}
	return s
}

// texts reads a list of one-line texts, of at most max entries.
func (b *planBuilder) texts(i int, field string, v any, max int) []string {
	return b.strs(i, field, v, max, false)
}

func (b *planBuilder) strs(i int, field string, v any, max int, multiline bool) []string {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		b.typeProblem(i, field, fmt.Sprintf(`must be a list of texts like ["a", "b"], got %s`, tomlType(v)))
		return nil
	}
	if len(list) > max {
		b.typeProblem(i, field, fmt.Sprintf("has %d entries; at most %d", len(list), max))
		list = list[:max]
	}
	out := make([]string, 0, len(list))
	for j, x := range list {
		s, ok := x.(string)
		if !ok {
			b.typeProblem(i, field, fmt.Sprintf("entry %d must be text in quotes, got %s", j+1, tomlType(x)))
			continue
		}
		out = append(out, b.text(i, field, j+1, tidy(s), multiline, workshop.MaxLineRunes))
	}
	return out
}

func (b *planBuilder) items(i int, v any) []workshop.Item {
	if v == nil {
		return nil
	}
	var list []any
	switch l := v.(type) {
	case []any:
		list = l
	case []map[string]any:
		for _, m := range l {
			list = append(list, m)
		}
	default:
		b.typeProblem(i, "items", fmt.Sprintf(`must be a list, got %s`, tomlType(v)))
		return nil
	}
	if len(list) > workshop.MaxListLen {
		b.typeProblem(i, "items", fmt.Sprintf("has %d items; at most %d", len(list), workshop.MaxListLen))
		list = list[:workshop.MaxListLen]
	}
	out := make([]workshop.Item, 0, len(list))
	for j, x := range list {
		switch it := x.(type) {
		case string:
			out = append(out, workshop.Item{Text: b.text(i, "items", j+1, tidy(it), false, workshop.MaxLineRunes)})
		case map[string]any:
			var item workshop.Item
			item.Text = b.line(i, "items", j+1, it["text"], workshop.MaxLineRunes)
			item.Expect = b.line(i, "items", j+1, it["expect"], workshop.MaxLineRunes)
			for _, k := range sortedKeys(it) {
				if !slices.Contains(itemKeys, k) {
					b.add(workshop.Problem{Exercise: i, Field: "items", Message: fmt.Sprintf("item %d: unknown key %s; an item has text and expect", j+1, quote(k))})
				}
			}
			out = append(out, item)
		default:
			b.add(workshop.Problem{Exercise: i, Field: "items", Message: fmt.Sprintf(`item %d must be text or { text = "...", expect = "..." }, got %s`, j+1, tomlType(x))})
		}
	}
	return out
}

// tidy trims a text and gives its line breaks as \n: a plan saved on
// Windows has \r\n in its multi-line strings.
func tidy(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	default:
		return "a date or time"
	}
}

// quote quotes a value for a message, clipped.
func quote(s string) string { return workshop.Quote(workshop.Clip(s)) }

// clipWords clips each long run of characters without a space in a
// message that is not ours to word (the TOML decoder's), which may quote
// a value of any length.
func clipWords(msg string) string {
	if len(msg) <= 200 {
		return msg
	}
	fields := strings.Split(msg, " ")
	for i, f := range fields {
		fields[i] = workshop.Clip(f)
	}
	return workshop.ClipTo(strings.Join(fields, " "), 400)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// planLines records where keys sit in a plan file, since the TOML decoder
// does not say which exercise a key belongs to.
type planLines struct {
	top       map[string]int
	exercises []exerciseLines
}

type exerciseLines struct {
	header int
	keys   map[string]int
	// elements holds, for a list written over several lines, the line
	// each element starts on.
	elements map[string][]int
}

var (
	arrayHeader = regexp.MustCompile(`^\s*\[\[\s*([^\]]*?)\s*\]\]`)
	tableHeader = regexp.MustCompile(`^\s*\[\s*([^\]]*?)\s*\]`)
	keyLine     = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*[.=]`)
)

func scanPlanLines(data []byte) planLines {
	pl := planLines{top: map[string]int{}}
	keys := pl.top
	inString := ""      // the delimiter of a multi-line string we are inside
	var list *listLines // a list value still open over several lines
	for n, line := range strings.Split(string(data), "\n") {
		lineNo := n + 1
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if m := arrayHeader.FindStringSubmatch(line); m != nil {
			if m[1] == "exercise" {
				pl.exercises = append(pl.exercises, exerciseLines{header: lineNo, keys: map[string]int{}, elements: map[string][]int{}})
				keys = pl.exercises[len(pl.exercises)-1].keys
			} else {
				keys = map[string]int{}
			}
			continue
		}
		if m := tableHeader.FindStringSubmatch(line); m != nil && !strings.Contains(line, "=") {
			keys = map[string]int{}
			name := strings.Trim(m[1], `"'`)
			if _, ok := pl.top[name]; !ok {
				pl.top[strings.SplitN(name, ".", 2)[0]] = lineNo
			}
			continue
		}
		if list != nil {
			if list.scan(line, lineNo) {
				list = nil
			}
			continue
		}
		if m := keyLine.FindStringSubmatch(line); m != nil {
			k := strings.Trim(m[1], `"'`)
			if _, ok := keys[k]; !ok {
				keys[k] = lineNo
			}
			// A list value: note the line of each of its elements.
			if rest := strings.TrimSpace(line[len(m[0]):]); strings.HasPrefix(rest, "[") && len(pl.exercises) > 0 {
				ex := &pl.exercises[len(pl.exercises)-1]
				l := &listLines{lines: &[]int{}}
				if !l.scan(rest, lineNo) {
					list = l
				}
				ex.elements[k] = *l.lines
				owner, field := ex, k
				l.done = func() { owner.elements[field] = *l.lines }
				if list == nil {
					l.done()
				}
			}
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(line, delim)%2 == 1 {
				inString = delim
				break
			}
		}
	}
	return pl
}

// listLines follows a list value over the lines it spans, noting the line
// each element starts on.
type listLines struct {
	lines   *[]int
	depth   int    // [ and { nesting; the list itself is depth 1
	inStr   byte   // the quote of a string being read, or 0
	expect  bool   // the next value at depth 1 starts an element
	started bool   // the list's own [ has been read
	done    func() // called when the list closes
}

// scan reads one line of the list and reports whether the list closed.
func (l *listLines) scan(line string, lineNo int) bool {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if l.inStr != 0 {
			if c == '\\' && l.inStr == '"' {
				i++
			} else if c == l.inStr {
				l.inStr = 0
			}
			continue
		}
		switch {
		case c == '#':
			return false // a comment to the end of the line
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '[' && !l.started:
			l.started, l.depth, l.expect = true, 1, true
			continue
		}
		if l.depth == 1 && l.expect && c != ']' && c != ',' {
			*l.lines = append(*l.lines, lineNo)
			l.expect = false
		}
		switch c {
		case '"', '\'':
			l.inStr = c
		case '[', '{':
			l.depth++
		case ']', '}':
			l.depth--
			if l.depth == 0 {
				if l.done != nil {
					l.done()
				}
				return true
			}
		case ',':
			if l.depth == 1 {
				l.expect = true
			}
		}
	}
	return false
}

// locate gives the best line for a problem: an element's own line, the
// field's own line, else the exercise's header, else the first line.
func (pl planLines) locate(exercise int, field string, element int) int {
	if exercise < 0 {
		if l, ok := pl.top[field]; ok {
			return l
		}
		return 1
	}
	if exercise >= len(pl.exercises) {
		return 1
	}
	ex := pl.exercises[exercise]
	if lines := ex.elements[field]; element > 0 && element <= len(lines) {
		return lines[element-1]
	}
	if l, ok := ex.keys[field]; ok {
		return l
	}
	return ex.header
}
