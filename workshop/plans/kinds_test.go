package plans

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"runsheet/workshop"
)

// A grid and an open question survive writing the plan out and reading it
// back.
func TestGridAndOpenRoundTrip(t *testing.T) {
	p := &workshop.Plan{Title: "T", Exercises: []workshop.Exercise{
		{Kind: workshop.KindGrid, Title: "G", Minutes: 5, Axes: [][]string{{"Implement", "Innovate"}, {"Systems", "People"}},
			Quadrants: []string{"a", "b", "c", "d"}, Items: []workshop.Item{{Text: "A"}}},
		{Kind: workshop.KindOpen, Title: "O", Minutes: 5, Prompts: []string{"?"}, MaxRunes: 50, PerPhone: 3},
	}}
	back, err := Parse("p.toml", Marshal(p))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Exercises, p.Exercises) {
		t.Errorf("got %+v\nwant %+v", back.Exercises, p.Exercises)
	}
}

// A plan file's grid and open problems point at their lines.
func TestGridAndOpenProblemsHaveLines(t *testing.T) {
	src := `title = "T"

[[exercise]]
kind = "open"
title = "O"
minutes = 5
prompts = ["?"]
max = 500

[[exercise]]
kind = "grid"
title = "G"
minutes = 5
items = ["A"]
axes = [["a", "b"]]
quadrants = ["1", "2"]
`
	_, err := Parse("p.toml", []byte(src))
	var pe *workshop.PlanError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v", err)
	}
	want := []string{
		`p.toml:8: exercise "O": max: must be 1–280 characters, got 500`,
		`p.toml:15: exercise "G": axes: needs two axes`,
		`p.toml:16: exercise "G": quadrants: needs four names`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in\n%v", w, err)
		}
	}
}

// A plan that says max = 0 or answers = 0, leaves a quadrant unnamed or an
// axis's ends empty is refused at the line, and an empty axis is named,
// once.
func TestZeroLimitsAndEmptyNamesAreRefused(t *testing.T) {
	src := `title = "T"

[[exercise]]
kind = "open"
title = "O"
minutes = 5
prompts = ["?"]
max = 0
answers = 0

[[exercise]]
kind = "grid"
title = "G"
minutes = 5
items = ["A"]
axes = [["", ""], ["low", " "]]
quadrants = ["1", "", "3", "4"]
`
	_, err := Parse("p.toml", []byte(src))
	var pe *workshop.PlanError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v", err)
	}
	want := []string{
		`p.toml:8: exercise "O": max: must be 1–280 characters, got 0`,
		`p.toml:9: exercise "O": answers: must be 1–10 answers a phone, got 0`,
		`p.toml:16: exercise "G": axes: axis 1 (across): both ends are empty`,
		`p.toml:16: exercise "G": axes: axis 2 (up): its high end is empty`,
		`p.toml:17: exercise "G": quadrants: quadrant 2 is empty`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in\n%v", w, err)
		}
	}
	if n := strings.Count(err.Error(), "axis 1 (across)"); n != 1 {
		t.Errorf("axis 1 is named %d times in\n%v", n, err)
	}
}

// A grid whose names clash is refused at the line: two items alike, an
// axis with the same text at both ends, two quadrants alike (case and
// spaces aside); a problem with the axes is said once for the exercise,
// however many items it has; a limit out of range says the range.
func TestGridNamesThatClashAndLimitsOutOfRange(t *testing.T) {
	grid := func(lines string) string {
		return "title = \"T\"\n\n[[exercise]]\nkind = \"grid\"\ntitle = \"G\"\nminutes = 5\n" + lines
	}
	open := func(lines string) string {
		return "title = \"T\"\n\n[[exercise]]\nkind = \"open\"\ntitle = \"O\"\nminutes = 5\nprompts = [\"?\"]\n" + lines
	}
	for _, tc := range []struct {
		name, src string
		want      []string
		once      string // said exactly once, when set
	}{
		{"two items alike", grid("items = [\"Budget\", \"Hiring\", \" budget \"]\naxes = [[\"low\", \"high\"], [\"few\", \"many\"]]\n"),
			[]string{`p.toml:7: exercise "G": items: item 3 ("budget") has the text of item 1; a grid places each item once`}, ""},
		{"an axis's ends alike", grid("items = [\"A\", \"B\", \"C\", \"D\"]\naxes = [[\"Impact\", \"impact\"], [\"few\", \"many\"]]\n"),
			[]string{`p.toml:8: exercise "G": axes: axis 1 (across): both ends say "Impact"; an axis runs between two different ends`}, "axis 1 (across)"},
		{"both axes' ends alike", grid("items = [\"A\", \"B\"]\naxes = [[\"x\", \"x\"], [\"y\", \"y\"]]\n"),
			[]string{`axis 1 (across): both ends say "x"`, `axis 2 (up): both ends say "y"`}, "axis 2 (up)"},
		{"axes missing, many items", grid("items = [\"A\", \"B\", \"C\", \"D\", \"E\"]\n"),
			[]string{`exercise "G": axes: needs two axes`}, "needs two axes"},
		{"two quadrants alike", grid("items = [\"A\"]\naxes = [[\"low\", \"high\"], [\"few\", \"many\"]]\nquadrants = [\"Quick wins\", \"Big bets\", \"quick wins\", \"Fill-ins\"]\n"),
			[]string{`p.toml:9: exercise "G": quadrants: quadrant 3 has the name of quadrant 1, "quick wins"; quadrants must differ`}, ""},
		{"answer maximum too high", open("max = 1000\n"),
			[]string{`p.toml:8: exercise "O": max: must be 1–280 characters, got 1000`}, ""},
		{"answer maximum below one", open("max = -3\n"),
			[]string{`p.toml:8: exercise "O": max: must be 1–280 characters, got -3`}, ""},
		{"answer maximum far too high", open("max = 100000\n"),
			[]string{`p.toml:8: exercise "O": max: must be 1–280 characters, got 100000`}, ""},
		{"answers a phone too many", open("answers = 11\n"),
			[]string{`p.toml:8: exercise "O": answers: must be 1–10 answers a phone, got 11`}, ""},
		{"answers a phone below one", open("answers = -2\n"),
			[]string{`p.toml:8: exercise "O": answers: must be 1–10 answers a phone, got -2`}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.toml", []byte(tc.src))
			var pe *workshop.PlanError
			if !errors.As(err, &pe) {
				t.Fatalf("the plan was not refused: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("missing %q in\n%v", w, err)
				}
			}
			if tc.once != "" {
				if n := strings.Count(err.Error(), tc.once); n != 1 {
					t.Errorf("%q is said %d times in\n%v", tc.once, n, err)
				}
			}
		})
	}
	// Names that differ pass.
	ok := grid("items = [\"Budget\", \"Hiring\"]\naxes = [[\"low\", \"high\"], [\"few\", \"many\"]]\nquadrants = [\"a\", \"b\", \"c\", \"d\"]\n")
	if _, err := Parse("p.toml", []byte(ok)); err != nil {
		t.Errorf("a grid with distinct names was refused: %v", err)
	}
}
