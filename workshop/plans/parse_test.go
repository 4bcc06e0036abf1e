package plans

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"runsheet/assets"
	"runsheet/workshop"
)

// topicFacts is what the built-in workshop must say, in one language.
type topicFacts struct {
	file, title, language, sorting string
	// contrasts are the three rounds' pairs, as the prompts word them.
	contrasts [3][2]string
	marks     []string
	facts     []string
}

var builtinTopics = []topicFacts{{
	file: assets.BuiltinPlan, title: "Implementing vs Innovating", sorting: "Sort the behaviours",
	contrasts: [3][2]string{{"implement", "innovate"}, {"systems", "individuals"}, {"retain", "develop"}},
	marks:     []string{"Influencing and encouraging others", "Authenticity and transparency", "Innovation", "Risk-taking", "Empathy", "Integrity"},
	facts: []string{
		"dealing with, or controlling, people and things so that a set goal is reached",
		"defined role", "day-to-day",
		"planning", "organizing", "setting objectives", "analysing and choosing systems of measurement",
		"leading a group or an organisation", "looser idea",
		"motivating, empowering, inspiring and influencing others to take initiatives on",
		"understand and believe in a vision",
		"analysing structures and processes", "critical thinking, creativity and innovation",
		"managers implement, leaders innovate", "managers analyse systems and team structures, leaders analyse individuals",
		"managers retain, leaders develop",
		"both are useful tools when used at the right time", "which tool a moment calls for",
	},
}, {
	file: "plans/implementieren-vs-innovieren.toml", title: "Implementieren vs. Innovieren", language: "de", sorting: "Verhalten zuordnen",
	contrasts: [3][2]string{{"implementieren", "innovieren"}, {"systeme", "menschen"}, {"halten", "entwickeln"}},
	marks:     []string{"Andere beeinflussen und ermutigen", "Authentizität und Transparenz", "Innovation", "Risikobereitschaft", "Empathie", "Integrität"},
	facts: []string{
		"menschen und dinge so zu lenken und zu steuern, dass ein gesetztes ziel erreicht wird",
		"klar umrissene rolle", "alltag am laufen",
		"planen", "organisieren", "ziele setzen", "messgrößen analysieren und auswählen",
		"eine gruppe oder eine organisation anzuführen", "offenerer begriff",
		"motivieren, befähigen, begeistern und dazu bewegen, selbst initiative zu ergreifen",
		"eine vision zu verstehen und an sie zu glauben",
		"strukturen und prozesse analysieren", "kritisches denken, kreativität und innovation",
		"wer managt, implementiert; wer führt, innoviert", "wer managt, analysiert systeme und teamstrukturen; wer führt, analysiert menschen",
		"wer managt, hält; wer führt, entwickelt",
		"beides sind nützliche werkzeuge, wenn man sie zur richtigen zeit einsetzt", "welches werkzeug ein moment verlangt",
	},
}}

// The built-in workshop says the same things in every language it ships in.
func TestBuiltinPlanCoversTheTopic(t *testing.T) {
	if len(builtinTopics) != len(assets.BuiltinPlans) {
		t.Fatalf("%d built-in plans, facts for %d", len(assets.BuiltinPlans), len(builtinTopics))
	}
	var shapes []string
	for _, topic := range builtinTopics {
		t.Run(topic.title, func(t *testing.T) {
			shapes = append(shapes, checkTopic(t, topic))
		})
	}
	if len(shapes) == 2 && shapes[0] != shapes[1] {
		t.Errorf("the translation differs in shape from the English plan:\n%s\n%s", shapes[0], shapes[1])
	}
}

// checkTopic checks one built-in plan and returns its shape: its kinds,
// minutes, items and expected answers by position.
func checkTopic(t *testing.T, topic topicFacts) string {
	data, err := assets.Plans.ReadFile(topic.file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(topic.file, data)
	if err != nil {
		t.Fatalf("built-in plan does not validate:\n%v", err)
	}
	if p.Title != topic.title || p.Language != topic.language {
		t.Errorf("title %q, language %q", p.Title, p.Language)
	}
	if m := p.TotalMinutes(); m < 60 || m > 75 {
		t.Errorf("built-in plan runs %d minutes, want 60–75", m)
	}
	kinds := map[workshop.Kind]int{}
	for _, e := range p.Exercises {
		kinds[e.Kind]++
	}
	for _, k := range workshop.Kinds {
		// An hour's workshop runs without a break, and its writing takes
		// open answers, from phones as well as on paper.
		if kinds[k] == 0 && k != workshop.KindBreak && k != workshop.KindReflect {
			t.Errorf("built-in plan uses no %s exercise", k)
		}
	}
	if kinds[workshop.KindVote] < 3 {
		t.Errorf("want a warm-up, a sorting and a scenario vote, got %d votes", kinds[workshop.KindVote])
	}

	var sorting, discuss, scale, grid, commitment *workshop.Exercise
	for i := range p.Exercises {
		e := &p.Exercises[i]
		switch {
		case e.Title == topic.sorting:
			sorting = e
		case e.Kind == workshop.KindDiscuss:
			discuss = e
		case e.Kind == workshop.KindScale:
			scale = e
		case e.Kind == workshop.KindGrid:
			grid = e
		case e.Kind == workshop.KindOpen:
			commitment = e
		}
	}
	if sorting == nil {
		t.Fatal("no sorting vote")
	}
	expected := 0
	for _, it := range sorting.Items {
		if it.Expect != "" {
			expected++
		}
	}
	if expected < 10 {
		t.Errorf("sorting vote has %d behaviours with expected answers, want at least 10", expected)
	}
	if discuss == nil || len(discuss.Prompts) != 3 {
		t.Fatalf("the discussion needs one round per contrast: %+v", discuss)
	}
	for i, pair := range topic.contrasts {
		low := strings.ToLower(discuss.Prompts[i])
		if !strings.Contains(low, pair[0]) || !strings.Contains(low, pair[1]) {
			t.Errorf("round %d does not contrast %s and %s: %q", i+1, pair[0], pair[1], discuss.Prompts[i])
		}
	}
	if scale == nil {
		t.Fatal("no scale exercise")
	}
	for _, m := range topic.marks {
		if !slices.ContainsFunc(scale.Items, func(it workshop.Item) bool { return it.Text == m }) {
			t.Errorf("self-assessment lacks the mark %q", m)
		}
	}

	// The grid places situations on the first two contrasts, in the
	// topic's own words; the commitment takes answers from phones.
	if grid == nil || len(grid.Items) < 4 || len(grid.Quadrants) != 4 {
		t.Fatalf("want a grid of at least four situations with named quadrants: %+v", grid)
	}
	for a, pair := range topic.contrasts[:2] {
		ends := strings.ToLower(strings.Join(grid.Axes[a], " "))
		if !strings.Contains(ends, pair[0]) || !strings.Contains(ends, strings.TrimSuffix(pair[1], "individuals")) {
			t.Errorf("grid axis %d does not run from %s to %s: %q", a+1, pair[0], pair[1], grid.Axes[a])
		}
	}
	if commitment == nil || len(commitment.Prompts) != 3 || commitment.AnswersPerPhone() != len(commitment.Prompts) {
		t.Errorf("the commitment takes one phone answer per prompt: %+v", commitment)
	}

	all := strings.ToLower(string(Marshal(p)))
	for _, f := range topic.facts {
		if !strings.Contains(all, f) {
			t.Errorf("built-in plan never says %q", f)
		}
	}
	var shape strings.Builder
	for _, e := range p.Exercises {
		fmt.Fprintf(&shape, "%s %d %d %d %d;", e.Kind, e.Minutes, len(e.Items), len(e.Prompts), len(p.Ideas))
		for _, it := range e.Items {
			fmt.Fprintf(&shape, "%d", slices.Index(e.Options, it.Expect))
		}
	}
	return shape.String()
}

func TestParseReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want []string
	}{
		{"syntax", "title = \"x\"\n[[exercise]\n", []string{"p.toml:2: TOML syntax:"}},
		{"unknown top key", "title = \"T\"\ncolour = 3\n" + talk, []string{`p.toml:2: colour: unknown key`}},
		{"missing title", talk, []string{`p.toml:1: title: missing`}},
		{"no exercises", `title = "T"`, []string{"p.toml:1: exercise: the plan has no exercises"}},
		{"unknown kind", "title = \"T\"\n[[exercise]]\nkind = \"lecture\"\ntitle = \"A\"\nminutes = 5\n",
			[]string{`p.toml:3: exercise "A": kind: unknown kind "lecture"; use one of talk, vote, scale, grid, open, discuss, reflect, break`}},
		{"missing exercise title", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\nminutes = 5\n",
			[]string{`p.toml:2: exercise 1: title: missing`}},
		{"minutes zero", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 0\n",
			[]string{`p.toml:5: exercise "A": minutes: must be 1–240, got 0`}},
		{"minutes too many", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 241\n",
			[]string{`p.toml:5: exercise "A": minutes: must be 1–240, got 241`}},
		{"minutes as text", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = \"ten\"\n",
			[]string{`p.toml:5: exercise "A": minutes: must be a whole number of minutes (1–240), got text`}},
		{"unknown exercise key", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 5\nduration = 3\n",
			[]string{`p.toml:6: exercise "A": duration: unknown key`}},
		{"one option", "title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 5\noptions = [\"Yes\"]\nitems = [\"q\"]\n",
			[]string{`p.toml:6: exercise "V": options: a vote needs at least two options, got 1`}},
		{"no items", "title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 5\noptions = [\"A\", \"B\"]\n",
			[]string{`p.toml:2: exercise "V": items: a vote needs at least one item`}},
		{"bad expect", "title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 5\noptions = [\"A\", \"B\"]\nitems = [\n  { text = \"q\", expect = \"C\" },\n]\n",
			[]string{`p.toml:8: exercise "V": items: item 1 ("q"): expect "C" is not one of the options ["A", "B"]`}},
		{"scale without items", "title = \"T\"\n[[exercise]]\nkind = \"scale\"\ntitle = \"S\"\nminutes = 5\nscale = [\"Low\", \"High\"]\n",
			[]string{`p.toml:2: exercise "S": items: a scale needs at least one item`}},
		{"scale with three labels", "title = \"T\"\n[[exercise]]\nkind = \"scale\"\ntitle = \"S\"\nminutes = 5\nscale = [\"L\", \"M\", \"H\"]\nitems = [\"x\"]\n",
			[]string{`p.toml:6: exercise "S": scale: needs exactly two labels`}},
		{"private vote", "title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 5\noptions = [\"A\", \"B\"]\nitems = [\"q\"]\nprivate = true\n",
			[]string{`p.toml:8: exercise "V": private: only a scale can be private`}},
		{"private as text", "title = \"T\"\n[[exercise]]\nkind = \"scale\"\ntitle = \"S\"\nminutes = 5\nscale = [\"L\", \"H\"]\nitems = [\"x\"]\nprivate = \"yes\"\n",
			[]string{`p.toml:8: exercise "S": private: must be true or false, got text`}},
		{"key inside a multi-line brief is text", "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nbrief = \"\"\"\nminutes = 9\n\"\"\"\nminutes = 0\n",
			[]string{`p.toml:8: exercise "A": minutes: must be 1–240, got 0`}},
		{"several at once", "title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 500\noptions = [\"A\"]\nitems = [{ text = \"q\", expect = \"Z\" }]\n[[exercise]]\nkind = \"talk\"\nminutes = 5\n",
			[]string{
				`p.toml:5: exercise "V": minutes: must be 1–240, got 500`,
				`p.toml:6: exercise "V": options: a vote needs at least two options`,
				`p.toml:7: exercise "V": items: item 1 ("q"): expect "Z" is not one of the options ["A"]`,
				`p.toml:8: exercise 2: title: missing`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.toml", []byte(tt.toml))
			var pe *workshop.PlanError
			if !errors.As(err, &pe) {
				t.Fatalf("want a *workshop.PlanError, got %v", err)
			}
			if len(pe.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(pe.Problems), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := pe.Problems[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got, w)
				}
			}
		})
	}
}

const talk = "[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 5\n"

func TestMarshalRoundTrip(t *testing.T) {
	p := Builtin()
	p.Exercises[0].Brief = "Quotes \" and \"\"\" and back\\slash,\ttabs, Łódź, Ελληνικά, кириллица, می\u200cخواهم, 👩\u200d💻 🙂"
	p.Exercises[0].Title = `He said "go"`
	again, err := Parse("again.toml", Marshal(p))
	if err != nil {
		t.Fatalf("marshalled plan does not parse: %v\n%s", err, Marshal(p))
	}
	if !reflect.DeepEqual(p, again) {
		t.Fatalf("round trip changed the plan:\n%+v\n%+v", p, again)
	}
}

func FuzzParsePlan(f *testing.F) {
	builtin, _ := assets.Plans.ReadFile(assets.BuiltinPlan)
	f.Add(builtin)
	f.Add([]byte("title = \"T\"\n" + talk))
	f.Add([]byte("title = \"x\"\n[[exercise]\n"))
	f.Add([]byte("[[exercise]]\nitems = [1, {text = 2}, [\"x\"]]\nminutes = 1e9\nkind = 3\n"))
	f.Add([]byte("exercise = 5\ntitle = [1]\n[exercise.x]\n"))
	f.Add([]byte("title = \"T\"\nx = {a = {a = {a = {a = {a = 1}}}}}\n"))
	f.Add([]byte("title = \"a\u202eb\"\n[a.b.c.d]\nx = 'it''s'\ny = \"\"\"z\\\n\"\"\"\n"))
	hostile, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.toml"))
	for _, file := range hostile {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer withinBounds(t, data)()
		p, err := Parse("fuzz.toml", data)
		if _, serr := ParseSaved("saved", data); (serr == nil) != (err == nil) && !onlyText(err) {
			t.Fatalf("ParseSaved and Parse disagree: %v / %v", serr, err)
		}
		if err != nil {
			var pe *workshop.PlanError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("error is not a workshop.PlanError with problems: %v", err)
			}
			return
		}
		again, err := Parse("again.toml", Marshal(p))
		if err != nil {
			t.Fatalf("valid plan does not survive marshalling: %v\n%s", err, Marshal(p))
		}
		if !reflect.DeepEqual(p, again) {
			t.Fatalf("round trip changed the plan:\n%+v\n%+v", p, again)
		}
	})
}

// onlyText reports a plan refused for its texts alone (characters and
// lengths), which ParseSaved cleans instead.
func onlyText(err error) bool {
	var pe *workshop.PlanError
	if !errors.As(err, &pe) {
		return false
	}
	for _, p := range pe.Problems {
		if !strings.Contains(p.Message, "character") && !strings.Contains(p.Message, " long; keep it to ") && !strings.Contains(p.Message, "UTF-8") {
			return false
		}
	}
	return true
}

// withinBounds fails a fuzzed input that took more than a second while
// fuzzing (the corpus, run by go test under -race, is not timed); call the
// function it returns when the input is done.
func withinBounds(t *testing.T, data []byte) func() {
	fz := flag.Lookup("test.fuzz")
	if fz == nil || fz.Value.String() == "" {
		return func() {}
	}
	start := time.Now()
	// An input that never ends would stall the fuzzer without a word: it
	// crashes the worker instead, which keeps the input.
	hang := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("%d bytes still running after 10 s", len(data))) })
	return func() {
		hang.Stop()
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d bytes took %v", len(data), d)
		}
	}
}

// The full example in the format's documentation must stay a valid plan.
func TestDocumentedExampleIsValid(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "plan-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## A full example")
	if !ok {
		t.Fatal("docs/plan-format.md has no full example")
	}
	_, rest, _ = strings.Cut(rest, "```toml\n")
	example, _, _ := strings.Cut(rest, "```")
	p, err := Parse("plan-format.md", []byte(example))
	if err != nil {
		t.Fatalf("the documented example is invalid:\n%v", err)
	}
	kinds := map[workshop.Kind]bool{}
	for _, e := range p.Exercises {
		kinds[e.Kind] = true
	}
	if len(kinds) != len(workshop.Kinds) {
		t.Errorf("the example uses %d of the %d kinds", len(kinds), len(workshop.Kinds))
	}
}

// A problem inside a list written over several lines points at the line of
// the element itself, not at the line the list starts on.
func TestProblemsInsideListsPointAtTheElement(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "plans", "element-lines.toml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("element-lines.toml", data)
	var pe *workshop.PlanError
	if !errors.As(err, &pe) {
		t.Fatalf("want problems, got %v", err)
	}
	want := map[string]int{"item 2 (": 11, "item 3 has no text": 12, "prompt 2 is empty": 22}
	for _, p := range pe.Problems {
		for msg, line := range want {
			if strings.Contains(p.Message, msg) {
				if p.Line != line {
					t.Errorf("%q reported at line %d, want %d", p.Message, p.Line, line)
				}
				delete(want, msg)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("problems not reported: %v", want)
	}
}

// A plan names the room's language by its code; an unknown code is caught
// at its line, and the language survives writing the plan out again.
func TestPlanLanguage(t *testing.T) {
	src := "title = \"Warsztat\"\nlanguage = \"pl\"\n\n[[exercise]]\nkind = \"talk\"\ntitle = \"Start\"\nminutes = 5\n"
	p, err := Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "pl" {
		t.Fatalf("language %q", p.Language)
	}
	again, err := Parse("again.toml", Marshal(p))
	if err != nil || again.Language != "pl" {
		t.Fatalf("written out and read again: %q, %v", again.Language, err)
	}
	_, err = Parse("p.toml", []byte(strings.Replace(src, `"pl"`, `"klingon"`, 1)))
	if err == nil || !strings.Contains(err.Error(), `p.toml:2: language: unknown language "klingon"; use one of en, de,`) {
		t.Errorf("an unknown language: %v", err)
	}
}
