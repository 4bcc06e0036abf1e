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
