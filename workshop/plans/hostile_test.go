package plans

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"runsheet/workshop"
)

// hostileAlloc is what reading one hostile file may allocate in all: the
// nested tables of 20 KB below once took the decoder 0.9 GB.
const hostileAlloc = 100 << 20

// allocated runs f and returns how many bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Every plan file under testdata/hostile, the bombs and the crashers the
// fuzzer found, is refused with a sentence naming the problem and its
// line, within hostileAlloc.
func TestHostilePlanFiles(t *testing.T) {
	want := map[string]string{
		"nested-tables-20k.toml": "hostile.toml:2: lists and tables are nested more than 4 deep",
		"nested-lists-20k.toml":  "hostile.toml:2: lists and tables are nested more than 4 deep",
		"dotted-key.toml":        "hostile.toml:2: a dotted key has more than 3 parts",
		"dotted-header.toml":     "hostile.toml:2: a dotted key has more than 3 parts",
		"bidi-title.toml":        "hostile.toml:1: title: has a bidi control character (U+202E) at character 9",
		"escape-item.toml":       `hostile.toml:10: exercise "Pick": items: entry 2 has a control character (U+001B) at character 1`,
		"zero-width-option.toml": `hostile.toml:7: exercise "Pick": options: entry 2 has an invisible character (U+200B) at character 4`,
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.toml"))
	if len(files) < len(want) {
		t.Fatalf("%d hostile plans found", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var perr error
		n := allocated(func() { _, perr = Parse("hostile.toml", data) })
		name := filepath.Base(file)
		var pe *workshop.PlanError
		if !errors.As(perr, &pe) || len(pe.Problems) == 0 {
			t.Errorf("%s: accepted, or refused without problems: %v", name, perr)
			continue
		}
		if w, ok := want[name]; ok && !strings.Contains(perr.Error(), w) {
			t.Errorf("%s: got\n%v\nwant %q", name, perr, w)
		}
		if n > hostileAlloc {
			t.Errorf("%s: reading it allocated %d MB", name, n>>20)
		}
	}
}

// A plan at each limit is read; one past it is refused at the line where
// it goes over, before anything is built from it.
func TestPlanLimits(t *testing.T) {
	ex := "\n[[exercise]]\nkind = \"talk\"\ntitle = \"T\"\nminutes = 1\n"
	_, err := Parse("p.toml", []byte("title = \"T\"\n"+strings.Repeat(ex, workshop.MaxExercises)))
	if err != nil {
		t.Errorf("%d exercises: %v", workshop.MaxExercises, err)
	}
	_, err = Parse("p.toml", []byte("title = \"T\"\n"+strings.Repeat(ex, workshop.MaxExercises+1)))
	if err == nil || !strings.Contains(err.Error(), "p.toml:1003: exercise 201: the plan has 201 exercises; a plan may have at most 200") {
		t.Errorf("%d exercises: %v", workshop.MaxExercises+1, err)
	}
	vote := func(items, options int) string {
		var b strings.Builder
		b.WriteString("title = \"T\"\n[[exercise]]\nkind = \"vote\"\ntitle = \"V\"\nminutes = 1\noptions = [")
		for i := range options {
			b.WriteString(`"o` + strings.Repeat("x", i) + `", `)
		}
		b.WriteString("]\nitems = [")
		for range items {
			b.WriteString(`{ text = "i" }, `)
		}
		b.WriteString("]\n")
		return b.String()
	}
	if _, err := Parse("p.toml", []byte(vote(workshop.MaxListLen, workshop.MaxOptions))); err != nil {
		t.Errorf("a vote at the limits: %v", err)
	}
	if _, err := Parse("p.toml", []byte(vote(workshop.MaxListLen+1, 2))); err == nil || !strings.Contains(err.Error(), `p.toml:7: exercise "V": items: has 201 items; at most 200`) {
		t.Errorf("201 items: %v", err)
	}
	if _, err := Parse("p.toml", []byte(vote(1, workshop.MaxOptions+1))); err == nil || !strings.Contains(err.Error(), `p.toml:6: exercise "V": options: has 21 entries; at most 20`) {
		t.Errorf("21 options: %v", err)
	}
	long := "title = \"" + strings.Repeat("ł", workshop.MaxTitleRunes+1) + "\"\n" + ex
	if _, err := Parse("p.toml", []byte(long)); err == nil || !strings.Contains(err.Error(), "p.toml:1: title: is 201 characters long; keep it to 200") {
		t.Errorf("a long title: %v", err)
	}
	big := "title = \"T\"\n" + ex + "notes = \"\"\"\n" + strings.Repeat("x", MaxBytes) + "\"\"\"\n"
	if _, err := Parse("p.toml", []byte(big)); err == nil || !strings.Contains(err.Error(), "p.toml: the plan is larger than 1 MiB (1048576 bytes)") {
		t.Errorf("a plan over 1 MB: %v", err)
	}
	many := "title = \"T\"\n" + ex + "x = [" + strings.Repeat("1,", MaxValues) + "]\n"
	if _, err := Parse("p.toml", []byte(many)); err == nil || !strings.Contains(err.Error(), "p.toml:7: the plan has more than 250000 keys, list entries and sections") {
		t.Errorf("a plan of many values: %v", err)
	}
	var keys strings.Builder
	keys.WriteString("title = \"T\"\n" + ex)
	for i := range MaxKeys / 1000 {
		fmt.Fprintf(&keys, "[t%d]\n", i)
		for j := range 1000 {
			fmt.Fprintf(&keys, "k%d = 1\n", j)
		}
	}
	if _, err := Parse("p.toml", []byte(keys.String())); err == nil || !strings.Contains(err.Error(), "p.toml:100002: the plan has more than 100000 keys and sections") {
		t.Errorf("a plan of many keys: %v", err)
	}
	if _, err := Parse("p.toml", []byte("title = \"T\xff\"\n"+ex)); err == nil || !strings.Contains(err.Error(), "p.toml:1: this line is not UTF-8 text") {
		t.Errorf("a plan in Latin-1: %v", err)
	}
}

// Texts may hold any script, emoji, and the joiners the scripts need; a
// line break or tab only where a text may span lines.
func TestPlanTextCharacters(t *testing.T) {
	ok := "title = \"می\u200cخواهم · 👩\u200d💻 · 🏳\ufe0f\u200d🌈 · 1\ufe0f\u20e3 · Việt · क्\u200dष · Łódź\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 1\nbrief = \"\"\"\nline one\n\tline two\n\"\"\"\n"
	if _, err := Parse("p.toml", []byte(ok)); err != nil {
		t.Errorf("scripts and joiners refused: %v", err)
	}
	// A problem quotes such a text as it is, joiners and all, and escapes
	// only what it may not hold.
	persian := "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"می\u200cخواهم 👩\u200d💻\"\nminutes = 0\n"
	if _, err := Parse("p.toml", []byte(persian)); err == nil || !strings.Contains(err.Error(), `exercise "می`+"\u200c"+`خواهم 👩`+"\u200d"+`💻": minutes`) {
		t.Errorf("a problem of an exercise with joiners in its title: %v", err)
	}
	// A plan saved on Windows has \r\n line endings, in its texts too.
	crlf := "title = \"T\"\r\n[[exercise]]\r\nkind = \"talk\"\r\ntitle = \"A\"\r\nminutes = 1\r\nbrief = \"\"\"\r\none\r\ntwo\r\n\"\"\"\r\nnotes = \x27\x27\x27\r\nthree\r\nfour\r\n\x27\x27\x27\r\n"
	if p, err := Parse("p.toml", []byte(crlf)); err != nil || p.Exercises[0].Brief != "one\ntwo" || p.Exercises[0].Notes != "three\nfour" {
		t.Errorf("a plan with Windows line endings: %v", err)
	}
	for text, want := range map[string]string{
		`a\tb`:            "has a control character (U+0009) at character 2",
		"a\u200d b":       "has a zero-width joiner or non-joiner that joins nothing (U+200D) at character 2",
		"\u200cab":        "has a zero-width joiner or non-joiner that joins nothing (U+200C) at character 1",
		"ab\u2066c\u2069": "has a bidi control character (U+2066) at character 3",
		"ab\u200f":        "has a bidi control character (U+200F)",
		"\ufeffab":        "has an invisible character (U+FEFF)",
		"a\u2028b":        "has a line separator (U+2028)",
		`a\u0085b`:        "has a control character (U+0085)",
		// Characters that show nothing, or a blank that is not a space.
		"co\u00adop":                      "has an invisible character (U+00AD) at character 3",
		"a\u3164b":                        "has an invisible character (U+3164)",
		"\u115f\u1160ab":                  "has an invisible character (U+115F)",
		"a\u2800b":                        "has an invisible character (U+2800)",
		"e\ufe0f":                         "has a variation selector that selects nothing (U+FE0F) at character 2",
		"Ж\ufe0fa":                        "has a variation selector that selects nothing (U+FE0F)",
		"a" + strings.Repeat("\u0301", 9): "has more than 8 combining marks on one character (U+0301) at character 10",
	} {
		src := "title = \"" + text + "\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\"\nminutes = 1\n"
		_, err := Parse("p.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "p.toml:1: title: "+want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
	// What Runsheet saved before these rules still opens, cleaned.
	saved := "title = \"Sales\u202e\u200b team\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"A\\u0007\"\nminutes = 1\n"
	p, err := ParseSaved("session x", []byte(saved))
	if err != nil || p.Title != "Sales team" || p.Exercises[0].Title != "A" {
		t.Errorf("a saved plan with such characters: %+v, %v", p, err)
	}
	// And what the app writes it can read: Marshal leaves them out.
	p = &workshop.Plan{Title: "T\u202e", Exercises: []workshop.Exercise{{Kind: workshop.KindTalk, Title: "A\x1b[2J", Minutes: 1, Brief: "x\u200by"}}}
	again, err := Parse("again.toml", Marshal(p))
	if err != nil || again.Title != "T" || again.Exercises[0].Title != "A" || again.Exercises[0].Brief != "x y" {
		t.Errorf("a plan with such characters, written and read: %+v, %v", again, err)
	}
}

// A plan under the size limit that breaks a rule tens of thousands of
// times is reported by its first workshop.MaxProblems problems and a count of the
// rest, and no value is quoted back whole: the list stays a few kilobytes
// and the check a few tens of megabytes, however many problems there are.
func TestManyProblemsAreCapped(t *testing.T) {
	title := strings.Repeat("Ť", 200)
	var experr strings.Builder
	experr.WriteString("title = \"T\"\n")
	for range 200 {
		fmt.Fprintf(&experr, "[[exercise]]\nkind = \"vote\"\ntitle = %q\nminutes = 5\noptions = [\"A\"]\nitems = [", title)
		for j := range 200 {
			if j > 0 {
				experr.WriteString(",")
			}
			experr.WriteString(`{text="a",expect="Z"}`)
		}
		experr.WriteString("]\n")
	}
	var keys strings.Builder
	keys.WriteString("title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"W\"\nminutes = 5\n")
	for i := range 99_990 {
		fmt.Fprintf(&keys, "k%d=1\n", i)
	}
	bignum := "title = \"T\"\n[[exercise]]\nkind = \"talk\"\ntitle = \"W\"\nminutes = " + strings.Repeat("9", 999_000) + "\n"
	for _, c := range []struct {
		name, plan string
		more       bool
	}{{"bad expects", experr.String(), true}, {"unknown keys", keys.String(), true}, {"a long number", bignum, false}} {
		if len(c.plan) > MaxBytes {
			t.Fatalf("%s: %d bytes, over the limit", c.name, len(c.plan))
		}
		var err error
		n := allocated(func() { _, err = Parse("many.toml", []byte(c.plan)) })
		var pe *workshop.PlanError
		if !errors.As(err, &pe) {
			t.Fatalf("%s: accepted: %v", c.name, err)
		}
		if len(pe.Problems) > workshop.MaxProblems || c.more != (pe.More > 0) {
			t.Errorf("%s: %d problems listed and %d more", c.name, len(pe.Problems), pe.More)
		}
		msg := err.Error()
		if len(msg) > 40<<10 {
			t.Errorf("%s: the message is %d bytes: %.300s", c.name, len(msg), msg)
		}
		if c.more && !strings.Contains(msg, fmt.Sprintf("… and %d more problems", pe.More)) {
			t.Errorf("%s: the message does not say how many more: %.300s", c.name, msg[len(msg)-200:])
		}
		if strings.Contains(msg, strings.Repeat("9", workshop.MaxQuoteRunes+1)) || strings.Contains(msg, strings.Repeat("Ť", workshop.MaxQuoteRunes+1)) {
			t.Errorf("%s: a value is quoted whole: %.300s", c.name, msg)
		}
		// All it allocates, not what it holds at once: 99,990 keys cost
		// the TOML decoder about 100 MB over the whole read, for a peak of
		// about 70 MB (runsheet check, /usr/bin/time -v).
		if n > 3*hostileAlloc/2 && !raceDetector {
			t.Errorf("%s: allocated %d MB", c.name, n>>20)
		}
	}
}
