package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// kindsSession runs the built-in workshop's grid and commitment: phones
// place two situations and answer, one answer is hidden, and a paper
// answer is typed in after the session.
func kindsSession(t *testing.T) *workshop.Session {
	t.Helper()
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	at := created
	sess, err := workshop.NewSession(plan, "Grid group", "", at)
	if err != nil {
		t.Fatal(err)
	}
	rec := func(evs ...workshop.Event) {
		t.Helper()
		for _, e := range evs {
			at = at.Add(time.Second)
			e.At = at
			if err := sess.Record(e); err != nil {
				t.Fatalf("%s: %v", e.Kind, err)
			}
		}
	}
	rec(sess.State.Next(false)...)
	rec(sess.State.MoveTo(gi, 0)...)
	rec(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(1, 1), Participant: "a"},
		workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(2, 2), Participant: "b"},
		workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(4, 2), Participant: "c"})
	rec(sess.State.MoveTo(oi, -1)...)
	for _, a := range []struct{ who, text string }{{"a", "Delegate the weekly plan"}, {"b", "delegate more, plan less"}, {"c", "Tell Anna she is wrong"}} {
		rec(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePhone, Participant: a.who, Text: a.text})
	}
	rec(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: oi, Item: 2}, workshop.Event{Kind: workshop.EventRevealed, Exercise: oi, Close: true})
	rec(workshop.Event{Kind: workshop.EventFinished})
	rec(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Coach on Mondays", Correction: true})
	return sess
}

// The summary draws the grid with each item's means and count, and lists
// every answer with the most frequent words, the hidden one marked.
func TestSummaryShowsGridAndAnswers(t *testing.T) {
	sess := kindsSession(t)
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	if dir := os.Getenv("RUNSHEET_SHOTS"); dir != "" {
		var b bytes.Buffer
		if Summary(&b, sess, Options{Created: created}) == nil {
			os.WriteFile(filepath.Join(dir, "summary-kinds.pdf"), b.Bytes(), 0o644)
		}
	}
	expectAll(t, "summary", text, []string{
		"Place the situations", "1. Rolling out the new expense process: across 2.3, up 1.7 (3 ratings)",
		"Keep people on track", "Redesign the system",
		"One commitment", "Most frequent words: delegate (2), plan (2)", "Answers: 3 shown, 1 hidden",
		"1. Delegate the weekly plan", "3. Tell Anna she is wrong — hidden from the room", "4. Coach on Mondays (paper)",
	})
}

// The CSV carries every grid rating, by participant, as "across/up" and
// in the across and up columns of its own, just before source_id, and
// every answer, the hidden one marked, its across and up empty; every row
// has the header's columns, the source both in words and as its id.
func TestCSVCarriesGridAndAnswers(t *testing.T) {
	rows := csvRows(t, kindsSession(t))
	head := rows[0]
	if n := len(head); n < 3 || head[n-3] != "across" || head[n-2] != "up" || head[n-1] != "source_id" {
		t.Fatalf("the header does not end in across, up, source_id: %q", head)
	}
	// A script written for the older file, which had no across and up,
	// finds its eleven columns in their places and the source id last.
	if older := "session,group,exercise,exercise_title,item,item_text,option,source,participant,count,time"; strings.Join(head[:11], ",") != older {
		t.Errorf("the older file's columns moved: %q", head)
	}
	across, up, id := len(head)-3, len(head)-2, len(head)-1
	var grid, answers []string
	for i, r := range rows[1:] {
		if len(r) != len(head) {
			t.Fatalf("row %d has %d columns, the header %d", i+2, len(r), len(head))
		}
		switch r[3] {
		case "Place the situations":
			grid = append(grid, r[6]+" "+r[across]+" "+r[up]+" "+r[7]+" "+r[id])
		case "One commitment":
			answers = append(answers, r[5]+"|"+r[6]+"|"+r[across]+r[up]+"|"+r[7]+"|"+r[id])
		}
	}
	if !slices.Equal(grid, []string{"1/1 1 1 phone phone", "2/2 2 2 phone phone", "4/2 4 2 phone phone"}) {
		t.Errorf("grid rows %q", grid)
	}
	want := []string{"Delegate the weekly plan|||phone|phone", "delegate more, plan less|||phone|phone", "Tell Anna she is wrong|hidden from the room||phone|phone", "Coach on Mondays|||paper ballot|paper"}
	if !slices.Equal(answers, want) {
		t.Errorf("answer rows\n%q\nwant\n%q", answers, want)
	}
	if strings.Contains(strings.Join(answers, ""), "\u202e") {
		t.Error("raw text in the CSV")
	}
}

// Grid items the room placed alike, or nearly, are drawn side by side: no
// two markers' squares overlap, the first stays where it belongs and the
// others stay near theirs, inside the square while there is room.
func TestGridMarkersNeverOverlap(t *testing.T) {
	box := [4]float64{10, 20, 120, 130}
	cases := map[string][][2]float64{
		"same mean": {{65, 75}, {65, 75}, {65, 75}},
		"near":      {{65, 75}, {66, 75.5}, {64.2, 74}, {65, 78}},
		"corner":    {{10, 130}, {10, 130}, {10, 130}, {10.5, 129}},
		"many":      nil,
	}
	for i := 0; i < 60; i++ {
		cases["many"] = append(cases["many"], [2]float64{65 + float64(i%3), 75 - float64(i%2)})
	}
	for name, at := range cases {
		got := workshop.PlaceMarkers(at, markerRadius, markerGap, box)
		if len(got) != len(at) {
			t.Fatalf("%s: %d markers for %d items", name, len(got), len(at))
		}
		if got[0] != at[0] {
			t.Errorf("%s: the first marker moved from %v to %v", name, at[0], got[0])
		}
		for i := range got {
			for j := i + 1; j < len(got); j++ {
				if math.Abs(got[i][0]-got[j][0]) < 2*markerRadius && math.Abs(got[i][1]-got[j][1]) < 2*markerRadius {
					t.Errorf("%s: markers %d at %v and %d at %v overlap", name, i+1, got[i], j+1, got[j])
				}
			}
			if name != "many" && math.Hypot(got[i][0]-at[i][0], got[i][1]-at[i][1]) > 3*(2*markerRadius+markerGap) {
				t.Errorf("%s: marker %d moved far from its place: %v → %v", name, i+1, at[i], got[i])
			}
			if got[i][0] < box[0] || got[i][0] > box[2] || got[i][1] < box[1] || got[i][1] > box[3] {
				t.Errorf("%s: marker %d at %v is outside the square", name, i+1, got[i])
			}
		}
	}
}

// The handout's open exercise says how many answers a person may give.
func TestHandoutSaysAnswersPerPerson(t *testing.T) {
	plan := &workshop.Plan{Title: "T", Exercises: []workshop.Exercise{
		{Kind: workshop.KindOpen, Title: "Three commitments", Minutes: 5, Prompts: []string{"What will you do?"}, PerPhone: 3},
		{Kind: workshop.KindOpen, Title: "One commitment", Minutes: 5, Prompts: []string{"And you?"}},
	}}
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) })
	expectAll(t, "handout", text, []string{"Answers per person: up to 3", "Answers per person: up to 1"})
}

// No marker in the summary's grid covers a quadrant's name, short or
// long enough to wrap, in English and German: items the room placed on a
// name stand beside it, as on the projector.
func TestSummaryGridMarkersKeepOffQuadrantNames(t *testing.T) {
	for _, quads := range [][]string{
		{"Quick wins", "Major projects", "Fill-ins", "Thankless tasks"},
		{"Das bestehende System zuverlässig betreiben", "Die Umstellung gemeinsam vorbereiten", "Kleine Verbesserungen sofort umsetzen", "Verantwortlichkeiten neu verteilen"},
	} {
		plan := &workshop.Plan{Title: "Grid", Exercises: []workshop.Exercise{{
			Kind: workshop.KindGrid, Title: "Place them", Minutes: 5,
			Axes:      [][]string{{"Effort low", "Effort high"}, {"Value low", "Value high"}},
			Quadrants: quads,
		}}}
		// Two items on each quadrant's name: across 2 or 4, up at the
		// quadrant's top.
		var votes [][2]int
		for q := range 4 {
			for range 2 {
				votes = append(votes, [2]int{2 + 2*(q%2), 5 - 2*(q/2)})
				plan.Exercises[0].Items = append(plan.Exercises[0].Items, workshop.Item{Text: fmt.Sprintf("Item %d", len(votes))})
			}
		}
		at := created
		sess, err := workshop.NewSession(plan, "Group", "", at)
		if err != nil {
			t.Fatal(err)
		}
		rec := func(evs ...workshop.Event) {
			for _, e := range evs {
				at = at.Add(time.Second)
				e.At = at
				if err := sess.Record(e); err != nil {
					t.Fatalf("%s: %v", e.Kind, err)
				}
			}
		}
		for i, v := range votes {
			rec(sess.State.Next(false)...)
			rec(workshop.Event{Kind: workshop.EventVote, Exercise: 0, Item: i, Option: workshop.GridOption(v[0], v[1]), Participant: "a"})
		}
		rec(workshop.Event{Kind: workshop.EventFinished})
		var names [][4]float64
		var markers [][2]float64
		gridDrawn = func(n [][4]float64, m [][2]float64) { names, markers = n, m }
		text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
		gridDrawn = nil
		if len(names) != 4 || len(markers) != len(votes) {
			t.Fatalf("%q: %d quadrant names and %d markers drawn", quads[0], len(names), len(markers))
		}
		for q, n := range names {
			if n[2] <= n[0] || n[3] <= n[1] {
				t.Errorf("%q: quadrant name %d has an empty box %v", quads[q], q+1, n)
			}
			for k, m := range markers {
				if m[0]+markerRadius > n[0] && m[0]-markerRadius < n[2] && m[1]+markerRadius > n[1] && m[1]-markerRadius < n[3] {
					t.Errorf("marker %d at %v covers the quadrant name %q at %v", k+1, m, quads[q], n)
				}
			}
		}
		expectAll(t, "summary", text, []string{"8. Item 8"})
	}
}
