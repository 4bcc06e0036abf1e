package report

import (
	"bytes"
	"encoding/xml"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// layoutOf reads back the words of a PDF with their boxes.
func layoutOf(t *testing.T, path string) bboxDoc {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout (poppler-utils): %v", err)
	}
	var doc bboxDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("reading pdftotext's layout: %v", err)
	}
	return doc
}

// lineWith is the words of the first line, on any page, that holds a word
// read back as marker (a right-to-left word is compared as written).
func lineWith(t *testing.T, doc bboxDoc, marker string) []bboxWord {
	t.Helper()
	for _, p := range doc.Pages {
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					for _, w := range l.Words {
						if strings.Trim(spelled(w.Text), ".,:،") == marker {
							return l.Words
						}
					}
				}
			}
		}
	}
	t.Fatalf("no line holds %q", marker)
	return nil
}

// spelled is a word read back as it is written: a right-to-left word is
// read back as drawn.
func spelled(s string) string {
	if rtlWord(s) {
		return logical(s)
	}
	return s
}

// xOf is the left edge of the first word on line spelled as w, or of
// the n-th when the word occurs more than once, counted from the right in
// a right-to-left line.
func xOf(t *testing.T, line []bboxWord, w string, n int, rtl bool) float64 {
	t.Helper()
	words := slices.Clone(line)
	if rtl {
		slices.Reverse(words)
	}
	for _, word := range words {
		if spelled(word.Text) == w || strings.Trim(spelled(word.Text), ".,،") == w {
			if n == 0 {
				return word.XMin
			}
			n--
		}
	}
	var got []string
	for _, word := range line {
		got = append(got, word.Text)
	}
	t.Fatalf("no %q in the line %q", w, strings.Join(got, " "))
	return 0
}

// inOrder fails unless the words stand on the line in the order the
// sentence is read: left to right, or right to left.
func inOrder(t *testing.T, line []bboxWord, rtl bool, words ...string) {
	t.Helper()
	seen := map[string]int{}
	prev := 0.0
	for i, w := range words {
		x := xOf(t, line, w, seen[w], rtl)
		seen[w]++
		if i > 0 && (x <= prev) != rtl {
			var got []string
			for _, word := range line {
				got = append(got, word.Text)
			}
			t.Errorf("%q stands on the wrong side of %q in %q", w, words[i-1], strings.Join(got, " "))
		}
		prev = x
	}
}

// scalePlan is a plan with one scale whose ends are labelled.
func scalePlan(t *testing.T, lang string, scale [2]string) *workshop.Plan {
	t.Helper()
	plan, err := plans.Parse("scale.toml", []byte(`title = "Scale"
language = "`+lang+`"
[[exercise]]
kind = "scale"
title = "Where am I?"
minutes = 5
scale = ["`+scale[0]+`", "`+scale[1]+`"]
items = [{ text = "I listen" }, { text = "I decide" }]
`))
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// A scale's ends keep their sides, each number with its label, whatever
// direction the labels are written in: Hebrew labels in an English
// ballot, English labels in an Arabic one.
func TestScaleEndsKeepTheirSides(t *testing.T) {
	he := scalePlan(t, "en", [2]string{"לעולם", "תמיד"})
	path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, he, Options{Created: created}) })
	inOrder(t, lineWith(t, layoutOf(t, path), "Tick"), false, "Tick", "1", "=", "לעולם", "…", "5", "=", "תמיד")

	en := scalePlan(t, "ar", [2]string{"Never", "Always"})
	path = pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, en, Options{Created: created}) })
	inOrder(t, lineWith(t, layoutOf(t, path), "Never"), true, "1", "=", "Never", "…", "5", "=", "Always")
}

// The summary's sentences keep their order when a label filled in is
// written the other way: the ranking's caption, the profile's line, and
// the Arabic list comma.
func TestSummarySentencesKeepTheirOrder(t *testing.T) {
	sess := hebrewSession(t)
	path := pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	doc := layoutOf(t, path)
	inOrder(t, lineWith(t, doc, "Ranked"), false, "Ranked", "rating,", "1", "לעולם", "5", "תמיד")
	line := lineWith(t, doc, "whose")
	inOrder(t, line, false, "On", "answer", "is", "יישום", "votes", "chose")
	for i, w := range line[:len(line)-1] {
		if w.Text == "is" && strings.Trim(spelled(line[i+1].Text), ",") != "יישום" {
			t.Errorf("the expected answer does not follow \"is\": %q", line[i+1].Text)
		}
	}

	path = pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created, Language: "ar"}) })
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range strings.Split(norm.NFKC.String(string(text)), "\n") {
		if strings.Contains(l, "مرتبة") {
			found = true
			if !strings.Contains(l, "،") || strings.Contains(l, ",") {
				t.Errorf("the Arabic ranking's caption is not set with the Arabic comma: %q", l)
			}
		}
	}
	if !found {
		t.Errorf("no ranking's caption in the Arabic summary:\n%s", text)
	}
}

// rightEdge is where a line ends on the right.
func rightEdge(line []bboxWord) float64 {
	x := 0.0
	for _, w := range line {
		x = max(x, w.XMax)
	}
	return x
}

// A Hebrew plan's discussion rounds stand on the right, as its headings
// do, in the handout and in the guide, though "Round 1:" is English.
func TestRoundsFollowTheirPromptsDirection(t *testing.T) {
	plan := hebrewSession(t).Plan
	path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) })
	doc := layoutOf(t, path)
	heading, round := lineWith(t, doc, "דיון"), lineWith(t, doc, "Round")
	if r, h := rightEdge(round), rightEdge(heading); r < h-2 {
		t.Errorf("handout: the round ends at %.0f pt, its heading at %.0f pt", r, h)
	}
	path = pdfFile(t, func(b *bytes.Buffer) error { return Guide(b, plan, 9*time.Hour, Options{Created: created}) })
	doc = layoutOf(t, path)
	heading, round = lineWith(t, doc, "דיון"), lineWith(t, doc, "Round")
	if r, h := rightEdge(round), rightEdge(heading); r < h-2 {
		t.Errorf("guide: the round ends at %.0f pt, its heading at %.0f pt", r, h)
	}
}
