package report

import (
	"bytes"
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// longWordSession is a session of a plan whose first exercise's title and
// first vote item are each one word of n letters, with no place to break.
func longWordSession(t testing.TB, n int) *workshop.Session {
	plan := plans.Builtin()
	plan.Exercises[0].Title = strings.Repeat("x", n)
	plan.Exercises[2].Items[0].Text = strings.Repeat("Ł", n)
	s, err := workshop.NewSession(plan, "Room", "", created)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A word longer than a line is cut over lines, each piece but the last
// ending with a hyphen, and set whole: every letter reads back.
func TestLongWordIsCutWithHyphens(t *testing.T) {
	s := longWordSession(t, 5000)
	path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, s.Plan, Options{Created: created}) })
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc bboxDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	letters, pieces, hyphened := 0, 0, 0
	for _, pg := range doc.Pages {
		for _, f := range pg.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					for _, w := range l.Words {
						if !strings.Contains(w.Text, "Ł") {
							continue
						}
						letters += strings.Count(w.Text, "Ł")
						pieces++
						if strings.HasSuffix(w.Text, "Ł-") {
							hyphened++
						}
					}
				}
			}
		}
	}
	if letters != 5000 {
		t.Errorf("%d of 5000 letters of the item read back", letters)
	}
	if pieces < 20 || hyphened != pieces-1 {
		t.Errorf("the word is set in %d pieces, %d ending with a hyphen; want every piece but the last", pieces, hyphened)
	}
}

// BenchmarkLongWord times the summary and handout of a session whose first
// exercise's title and first vote item are each a 100,000-letter word:
// layout is linear in the length of text.
func BenchmarkLongWord(b *testing.B) {
	s := longWordSession(b, 100000)
	for b.Loop() {
		start := time.Now()
		var buf bytes.Buffer
		if err := Summary(&buf, s, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
		if err := Handout(&buf, s.Plan, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/both")
	}
}
