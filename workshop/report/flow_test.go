package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// A long first brief starts on the first page, under the title, and runs
// on; a page is never left with the title alone.
func TestLongFirstBriefStartsOnPageOne(t *testing.T) {
	for _, paras := range []int{5, 7, 12} {
		brief := strings.TrimSpace(strings.Repeat(strings.Repeat("Good facilitation depends on preparation, timing and listening. ", 6)+"\n\n", paras))
		plan, err := plans.Parse("brief.toml", []byte(`title = "Brief"
[[exercise]]
kind = "talk"
title = "Opening"
minutes = 10
brief = """`+brief+`"""
[[exercise]]
kind = "reflect"
title = "Close"
minutes = 5
prompts = ["What will you do?"]
`))
		if err != nil {
			t.Fatal(err)
		}
		path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) })
		out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "1. Opening") || !strings.Contains(string(out), "Good facilitation") {
			t.Errorf("%d paragraphs: the first page does not start the brief:\n%s", paras, out)
		}
	}
}

// testSession reads a session from testdata.
func testSession(t *testing.T, name string) *workshop.Session {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sess, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// pageTexts is the text of each page of a PDF, compatibility forms (the
// Arabic face's joined letters) folded.
func pageTexts(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// (pdftotext marks the direction of runs with embeddings.)
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, norm.NFKC.String(string(out)))
	pages := strings.Split(text, "\f")
	return pages[:len(pages)-1]
}

// firstLine is the first line of a page's text.
func firstLine(page string) string {
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// opensWithHeading reports problems with a summary whose pages after the
// first do not open with a heading: a section's, an exercise's, or one
// marked as continued.
func opensWithHeading(t *testing.T, sess *workshop.Session, opts Options) {
	t.Helper()
	path := pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, sess, opts) })
	w := words.For(opts.Language)
	if opts.Language == "" {
		w = words.For(sess.State.Language)
	}
	var heads []string
	for _, id := range []string{"sum.glance", "sum.time", "sum.profile", "sum.notes"} {
		heads = append(heads, w.Say(id))
	}
	heads = append(heads, strings.TrimSpace(strings.ReplaceAll(w.Say("doc.continued", "Title", ""), "()", "")))
	for _, ex := range sess.State.Plan.Exercises {
		heads = append(heads, ex.Title)
	}
	// A line is a heading when its words are a heading's (pdftotext may
	// give a mixed line's words in any order, and a long title in two
	// lines), with a continued title's mark.
	mark := letterRuns(norm.NFKC.String(w.Say("doc.continued", "Title", "")))
	for i, p := range pageTexts(t, path)[1:] {
		first := firstLine(p)
		ok := false
		for _, h := range heads {
			text := norm.NFKC.String(h) + " " + strings.Join(mark, " ")
			runs := scriptRuns(first)
			all := len(runs) > 0
			for _, r := range runs {
				all = all && strings.Contains(text, r)
			}
			ok = ok || all
		}
		if !ok {
			t.Errorf("%s %s: page %d opens without a heading: %q", sess.ID, opts.Paper, i+2, first)
		}
	}
}

// scriptRuns splits a line read back into runs of letters of one
// direction: pdftotext joins a right-to-left word to the word beside it.
func scriptRuns(s string) []string {
	var out []string
	for _, run := range letterRuns(s) {
		start, prev := 0, false
		for i, r := range run {
			rtl := rtlWord(string(r))
			if i > 0 && rtl != prev {
				out = append(out, run[start:i])
				start = i
			}
			prev = rtl
		}
		out = append(out, run[start:])
	}
	return out
}

// A summary's sections keep their headings: the profile's sides running on
// to a page open it with the profile's title marked as continued; a
// scale's heading, line of votes, legend and labels go with its first
// item; a note on the items nobody voted on stays with its exercise.
func TestSummarySectionsKeepTheirHeadings(t *testing.T) {
	ar := testSession(t, "arabic-session.json")
	opensWithHeading(t, ar, Options{Created: created, Paper: Letter})
	opensWithHeading(t, ar, Options{Created: created, Paper: A4})
	opensWithHeading(t, testSession(t, "polish-session.json"), Options{Created: created, Paper: Letter, Language: "pl"})
	opensWithHeading(t, testSession(t, "hebrew-session.json"), Options{Created: created, Language: "ar"})

	// The scale's labels stand above its first item, on its page.
	path := pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, ar, Options{Created: created, Paper: Letter}) })
	for i, p := range pageTexts(t, path) {
		if strings.Contains(p, "Never") && !strings.Contains(p, "VLOOKUP") {
			t.Errorf("page %d: a scale's labels are parted from its items:\n%s", i+1, p)
		}
	}
}

// Every page of the page checker's summaries, after the first, opens with
// a heading: on A4, and on Letter too outside the race detector.
func TestSummaryPagesOpenWithAHeading(t *testing.T) {
	plans := matrixPlans()
	papers := []Paper{A4, Letter}
	if raceDetector {
		papers = papers[:1]
	}
	for _, code := range []string{"en", "de", "pl", "ar", "he", "ja", "ko", "zh"} {
		sess := matrixSession(t, plans[code])
		for _, paper := range papers {
			opensWithHeading(t, sess, Options{Created: created, Paper: paper})
		}
	}
	opensWithHeading(t, matrixSession(t, plans["en"]), Options{Created: created, Language: "ar"})
}
