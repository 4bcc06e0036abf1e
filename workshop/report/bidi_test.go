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

// wordAt is the box of the first word, anywhere in the document, spelled
// as w (Arabic read back from its shaped letters).
func wordAt(t *testing.T, doc bboxDoc, w string) bboxWord {
	t.Helper()
	for _, p := range doc.Pages {
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					for _, word := range l.Words {
						if spelled(word.Text) == w || norm.NFKC.String(spelled(word.Text)) == w {
							return word
						}
					}
				}
			}
		}
	}
	t.Fatalf("no word %q in the document", w)
	return bboxWord{}
}

// A grid's summary reads the way its room reads: in an Arabic room the
// square is mirrored as the projector and the phones show it — the across
// axis's low end on the right, its high end on the left, the quadrants
// and the rated item's point with them — while an English room keeps the
// low end on the left, with its axes written in Hebrew too. The up axis
// keeps its high end on top in both, each end's arrow after its word as
// the word reads.
func TestGridSummaryReadsInTheRoomsDirection(t *testing.T) {
	for _, c := range []struct {
		lang string
		rtl  bool
		axes [][]string
	}{
		{"ar", true, [][]string{{"تنفيذ", "ابتكار"}, {"أنظمة", "أشخاص"}}},
		{"en", false, [][]string{{"ביצוע", "חדשנות"}, {"מערכות", "אנשים"}}},
		{"en", false, [][]string{{"Implement", "Innovate"}, {"Systems", "People"}}},
	} {
		sess := kindsSession(t)
		gi := slices.IndexFunc(sess.Plan.Exercises, func(e workshop.Exercise) bool { return e.Takes(workshop.FieldAxes) })
		sess.Plan.Exercises[gi].Axes = c.axes
		sess.State.Plan.Exercises[gi].Axes = c.axes
		sess.State.Language = c.lang
		path := pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
		doc := layoutOf(t, path)
		where := c.lang + " " + c.axes[0][0]
		low, high := wordAt(t, doc, c.axes[0][0]), wordAt(t, doc, c.axes[0][1])
		if (low.XMin > high.XMin) != c.rtl {
			t.Errorf("%s: the across axis's low end at x %.0f, its high end at %.0f", where, low.XMin, high.XMin)
		}
		// Quadrant 0 is the top one on the low side across.
		q0, q1 := wordAt(t, doc, "Keep"), wordAt(t, doc, "Lead")
		if (q0.XMin > q1.XMin) != c.rtl {
			t.Errorf("%s: the low side's quadrant at x %.0f, the high side's at %.0f", where, q0.XMin, q1.XMin)
		}
		// The item rated 1.5 across stands on the low side: its number
		// is nearer the low end than the high one.
		var dot bboxWord
		for _, p := range doc.Pages {
			for _, f := range p.Flows {
				for _, b := range f.Blocks {
					for _, l := range b.Lines {
						if len(l.Words) == 1 && l.Words[0].Text == "1" && l.Words[0].YMin > q0.YMin {
							dot = l.Words[0]
						}
					}
				}
			}
		}
		if dot.Text == "" || abs(dot.XMin-low.XMin) > abs(dot.XMin-high.XMin) {
			t.Errorf("%s: the rated item's number at x %.0f, not on the low end's side (%.0f)", where, dot.XMin, low.XMin)
		}
		up, down := wordAt(t, doc, c.axes[1][1]), wordAt(t, doc, c.axes[1][0])
		if up.YMin >= down.YMin {
			t.Errorf("%s: the up axis's high end is not on top", where)
		}
		// The arrow follows its word as the word reads: to its left when
		// the word runs right to left.
		arrow := wordAt(t, doc, "↑")
		if wordRTL := rtlWord(up.Text); (arrow.XMin < up.XMin) != wordRTL {
			t.Errorf("%s: the up arrow at x %.0f, its word at %.0f", where, arrow.XMin, up.XMin)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
