package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"runsheet/assets"
	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// bboxDoc is what pdftotext -bbox-layout reads back from a PDF: pages of
// blocks of lines of words, each with its box in points.
type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Flows  []struct {
			Blocks []struct {
				Lines []bboxLine `xml:"line"`
			} `xml:"block"`
		} `xml:"flow"`
	} `xml:"body>doc>page"`
}

type bboxLine struct {
	Words []bboxWord `xml:"word"`
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

const mm = 72 / 25.4 // points in a millimetre

// minLetters is the fewest letters a cut may leave on either side.
const minLetters = 3

// closing is punctuation a line never starts with (UAX #14 classes CL, CP,
// EX, IS and the Japanese small kana and marks of NS that matter here).
const closing = "。、，．：；！？」』）】〕〉》,.;:!?)]}%"

// rtlWord reports a word of a right-to-left script, which pdftotext gives
// back in the order it is drawn.
func rtlWord(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFC {
			return true
		}
	}
	return false
}

// letterRuns splits s into runs of letters and marks: the words whose
// spelling the checker compares with the source text.
func letterRuns(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
}

// vocabulary is every word the documents of plan may print: the plan's own
// text and every message of the documents' language.
func vocabulary(t *testing.T, plan *workshop.Plan, lang string) map[string]bool {
	var b strings.Builder
	b.WriteString(string(plans.Marshal(plan)))
	for _, l := range []string{"en", lang} {
		data, err := assets.Lang.ReadFile("lang/room." + l + ".json")
		if err == nil {
			b.Write(data)
		}
	}
	// Dates and clock times come from the Unicode CLDR data in the words
	// package, not the message files.
	b.WriteString(" Tuesday Dienstag wtorek الثلاثاء March März marca مارس ص م")
	b.WriteString(" Ana Müller") // the matrix session's facilitator
	vocab := map[string]bool{}
	text := norm.NFKC.String(b.String())
	for _, w := range letterRuns(text) {
		vocab[strings.ToLower(w)] = true
	}
	// A hyphen the text itself holds ("E-Mail", "ב-2025") may end a line:
	// its part before the hyphen is kept as "e-".
	for _, tok := range strings.Fields(text) {
		for i, r := range tok {
			if r == '-' && i > 0 {
				if runs := letterRuns(tok[:i]); len(runs) > 0 {
					vocab[strings.ToLower(runs[len(runs)-1])+"-"] = true
				}
			}
		}
	}
	return vocab
}

// cutProblems checks the words cut with a hyphen on a page: each piece
// keeps at least three letters, and each piece after a cut ends a word of
// the text begun by pieces before it. It returns the pieces it accepts.
func cutProblems(words []string, vocab map[string]bool, bad func(string, ...any)) map[string]bool {
	ok := map[string]bool{}
	var pieces []string
	for _, w := range words {
		if !strings.HasSuffix(w, "-") || rtlWord(w) {
			continue
		}
		runs := letterRuns(strings.TrimSuffix(w, "-"))
		if len(runs) == 0 {
			continue
		}
		last := strings.ToLower(runs[len(runs)-1])
		if vocab[last+"-"] {
			continue // a hyphen of the text
		}
		if len([]rune(last)) < minLetters {
			bad("a cut leaves %d letters before its hyphen: %q", len([]rune(last)), w)
		}
		pieces = append(pieces, last)
	}
	// A piece after a cut is accepted when a word of the text ends with it
	// and begins with a piece cut on the page.
	for v := range vocab {
		for _, p := range pieces {
			if strings.HasPrefix(v, p) && len(v) > len(p) {
				rest := v[len(p):]
				for i := range rest {
					ok[rest[i:]] = true
				}
			}
		}
	}
	return ok
}

// pageProblems checks every page of a PDF by rules read back from it:
// text inside the margins, no page holding only furniture or left mostly
// empty before the last, no line starting with closing punctuation, every
// word a word of the source (so none split without a hyphen, and each
// right-to-left word drawn in visual order), and in a right-to-left
// document no list number on the left.
func pageProblems(t *testing.T, path string, vocab map[string]bool, rtlDoc, rtlPlan bool) []string {
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout (poppler-utils): %v", err)
	}
	var doc bboxDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("reading pdftotext's layout: %v", err)
	}
	var probs []string
	bad := func(page int, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("page %d: ", page)+fmt.Sprintf(format, args...))
	}
	for pi, page := range doc.Pages {
		p := pi + 1
		footerTop := page.Height - (marginBottom-4)*mm
		var body []bboxLine
		bottom := 0.0
		for _, f := range page.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					for _, w := range l.Words {
						// Glyph boxes reach past the advance a little, and the
						// Arabic face's boxes well above its letters.
						if w.XMin < marginSide*mm-3 || w.XMax > page.Width-marginSide*mm+3 || w.YMin < marginTop*mm-8 || w.YMax > page.Height-8*mm {
							bad(p, "%q outside the margins (%.0f,%.0f–%.0f,%.0f pt)", w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
						}
					}
					if len(l.Words) > 0 && l.Words[0].YMin < footerTop {
						body = append(body, l)
						for _, w := range l.Words {
							bottom = max(bottom, w.YMax)
						}
					}
				}
			}
		}
		// A page holds more than a continued title and a table header.
		if len(body) < 3 {
			bad(p, "holds only page furniture (%d lines)", len(body))
		}
		// A page left mostly empty while the next page's first block
		// would have fitted there.
		if p < len(doc.Pages) && bottom < page.Height*0.4 {
			free := page.Height - marginBottom*mm - bottom
			// (with room for the space, or cut line, between two blocks)
			if h := firstBlock(doc, pi+1); h+14*mm < free {
				bad(p, "is more than half empty (text ends at %.0f%% of the page) though the next page's first block (%.0f pt) fits in its %.0f pt", 100*bottom/page.Height, h, free)
			}
		}
		var pageWords []string
		for _, l := range body {
			for _, w := range l.Words {
				pageWords = append(pageWords, w.Text)
			}
		}
		tails := cutProblems(pageWords, vocab, func(format string, args ...any) { bad(p, format, args...) })
		for _, l := range body {
			first := l.Words[0].Text
			if len(l.Words) == 1 && regexp.MustCompile(`^\d+\.$`).MatchString(first) {
				bad(p, "a list number stands alone on its line: %q", first)
			}
			line := make([]string, len(l.Words))
			for i, w := range l.Words {
				line[i] = w.Text
			}
			lineText := strings.Join(line, " ")
			// A right-to-left line ends, as drawn, at its left: ".2026"
			// closes a Hebrew sentence.
			rtlLine := rtlWord(lineText) || rtlPlan && regexp.MustCompile(`^[.,:;!?]\d`).MatchString(lineText)
			if r := []rune(first)[0]; strings.ContainsRune(closing, r) && !rtlLine {
				bad(p, "line starts with %q: %q", r, lineText)
			}
			if rtlDoc && len(l.Words) > 1 && strings.HasSuffix(first, ".") && strings.Trim(first, "0123456789.") == "" && !strings.HasSuffix(l.Words[len(l.Words)-1].Text, ".") {
				bad(p, "list number on the left in a right-to-left document: %q", lineText)
			}
			for _, w := range l.Words {
				if strings.HasSuffix(w.Text, "-") || strings.HasPrefix(w.Text, "-") && rtlWord(w.Text) {
					if rtlWord(w.Text) {
						bad(p, "a Hebrew or Arabic word is hyphenated: %q", w.Text)
					}
					continue // cut with a hyphen, as it must be
				}
				for _, run := range letterRuns(w.Text) {
					if rtlWord(run) {
						run = logical(run)
					}
					run = norm.NFKC.String(run)
					if tail := strings.ToLower(run); tails[tail] {
						if len([]rune(tail)) < minLetters {
							bad(p, "a cut leaves %d letters after its hyphen: %q", len([]rune(tail)), run)
						}
						continue
					}
					if !vocab[strings.ToLower(run)] && !cjk(run) {
						bad(p, "%q is not a word of the text (cut without a hyphen, or out of order): %q", run, lineText)
					}
				}
			}
		}
	}
	return probs
}

// firstBlock is the height, in points, of what opens page pi up to the
// first gap of more than 6 mm: a ballot up to its cut line, a prompt up to
// its writing lines, a table whole.
func firstBlock(doc bboxDoc, pi int) float64 {
	var tops, bottoms []float64
	for _, f := range doc.Pages[pi].Flows {
		for _, b := range f.Blocks {
			for _, l := range b.Lines {
				if len(l.Words) == 0 || l.Words[0].YMin > doc.Pages[pi].Height-(marginBottom-4)*mm {
					continue
				}
				tops = append(tops, l.Words[0].YMin)
				bottoms = append(bottoms, l.Words[0].YMax)
			}
		}
	}
	if len(tops) == 0 {
		return 0
	}
	idx := make([]int, len(tops))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(tops[a] - tops[b]) })
	start, end := tops[idx[0]], bottoms[idx[0]]
	for _, i := range idx[1:] {
		if tops[i]-end > 6*mm {
			break
		}
		end = max(end, bottoms[i])
	}
	return end - start
}

// logical puts a right-to-left word read back as drawn into the order it
// is written: its characters reversed, each base keeping its marks after it.
func logical(s string) string {
	var clusters [][]rune
	for _, r := range s {
		if n := len(clusters); n > 0 && unicode.IsMark(r) {
			clusters[n-1] = append(clusters[n-1], r)
			continue
		}
		clusters = append(clusters, []rune{r})
	}
	slices.Reverse(clusters)
	var out []rune
	for _, c := range clusters {
		out = append(out, c...)
	}
	return string(out)
}

// cjk reports text in scripts written without spaces, whose lines may
// break between any two characters UAX #14 allows.
func cjk(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) && !(r >= 0x3000 && r <= 0x30FF) && r != 'ー' {
			return false
		}
	}
	return true
}

// Every page of the handout, guide and summary in English, German, Polish,
// Arabic, Hebrew, Japanese, Korean and Chinese passes the page checks: on
// A4, and on Letter for English, Arabic and Japanese (under the race
// detector, as make test runs, A4 only). RUNSHEET_PAGES_FULL=1 (make pages)
// checks every language on Letter too. RUNSHEET_PAGES=DIR keeps the PDFs
// there, to look at.
func TestEveryPageIsSetRight(t *testing.T) {
	keep := os.Getenv("RUNSHEET_PAGES")
	full := os.Getenv("RUNSHEET_PAGES_FULL") != ""
	plans := matrixPlans()
	for _, paper := range []Paper{A4, Letter} {
		for _, doc := range matrixDocs(t, paper) {
			code, _, _ := strings.Cut(doc.name, "-")
			if paper == Letter && !full && (raceDetector || code != "en" && code != "ar" && code != "ja") {
				continue
			}
			t.Run(doc.name, func(t *testing.T) {
				t.Parallel()
				var b strings.Builder
				if err := doc.write(&b); err != nil {
					t.Fatal(err)
				}
				dir := keep
				if dir == "" {
					dir = t.TempDir()
				}
				path := filepath.Join(dir, doc.name+".pdf")
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				plan := plans[code]
				lang := code
				if strings.HasPrefix(doc.name, "ar-en-") {
					plan = plans["en"]
				}
				vocab := vocabulary(t, plan, lang)
				rtlDoc := strings.HasPrefix(doc.name, "ar-")
				rtlPlan := code == "ar" || code == "he"
				for _, p := range pageProblems(t, path, vocab, rtlDoc, rtlPlan) {
					t.Error(p)
				}
			})
		}
	}
}

// The tester's plans with long German compounds, a Hebrew plan and an
// Arabic plan with English options pass the page checks in their handout
// and guide, on A4 and Letter.
func TestTesterPlansAreSetRight(t *testing.T) {
	for _, name := range []string{"de", "hebrew", "ar-mixed"} {
		data, err := os.ReadFile(filepath.Join("testdata", "plans", name+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		plan, err := plans.Parse(name+".toml", data)
		if err != nil {
			t.Fatal(err)
		}
		for _, paper := range []Paper{A4, Letter} {
			for kind, write := range map[string]func(*bytes.Buffer) error{
				"handout": func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created, Paper: paper}) },
				"guide": func(b *bytes.Buffer) error {
					return Guide(b, plan, 9*time.Hour, Options{Created: created, Paper: paper})
				},
			} {
				path := pdfFile(t, write)
				lang := plan.Language
				for _, p := range pageProblems(t, path, vocabulary(t, plan, lang), plan.Language == "ar", name != "de") {
					t.Errorf("%s %s %s: %s", name, kind, paper, p)
				}
			}
		}
	}
}
