package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// Segment is a piece of text between two line-break opportunities of
// UAX #14: a line may end after any segment, and must end after one that is
// Mandatory. Text holds the segment's trailing spaces, which vanish at the
// end of a line.
type Segment struct {
	Text      string
	Mandatory bool
}

// Segments splits s at its line-break opportunities (UAX #14).
func Segments(s string) []Segment {
	if s == "" {
		return nil
	}
	var seg segmenter.Segmenter
	seg.InitWithString(s)
	var out []Segment
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		out = append(out, Segment{Text: string(l.Text), Mandatory: l.IsMandatoryBreak})
	}
	return out
}

// Measure gives the width of a piece of text, in whatever unit the
// caller's width is in. Wrap assumes widths add up: the width of a + b is
// that of a plus that of b, as it is without kerning.
type Measure func(string) float64

// Wrap breaks text into lines no wider than width, at the break
// opportunities of UAX #14, greedily, and honours its mandatory breaks
// (newlines). A piece with no opportunity that is wider than a whole line
// (a long word, a URL) is cut between grapheme clusters as a last resort,
// and where the cut falls between two letters the line ends with a hyphen,
// so that no word is ever split silently. Korean keeps its words whole
// (see keepKorean). Trailing spaces are dropped from
// each line. Time and measuring calls are linear in the length of text.
func Wrap(text string, width float64, measure Measure) []string {
	var lines []string
	var cur strings.Builder
	curW := 0.0     // width of cur, trailing spaces included
	curTrail := 0.0 // width of cur's trailing spaces
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " \t\r\n\u3000"))
		cur.Reset()
		curW, curTrail = 0, 0
	}
	for _, sg := range keepKorean(Segments(text)) {
		t := strings.TrimRight(sg.Text, "\r\n\u2028\u2029\u0085\v\f")
		body := strings.TrimRight(t, " \t\u3000")
		bodyW := measure(body)
		spaceW := 0.0
		if len(body) < len(t) {
			spaceW = measure(t[len(body):])
		}
		if cur.Len() > 0 && curW-curTrail+bodyW > width {
			flush()
		}
		if bodyW > width {
			// No opportunity inside: cut it where it must be.
			for _, piece := range cutWord(body, width, measure) {
				if cur.Len() > 0 {
					flush()
				}
				cur.WriteString(piece.text)
				curW, curTrail = piece.width, 0
			}
		} else {
			cur.WriteString(body)
			curW += bodyW
			curTrail = 0
		}
		if spaceW > 0 {
			cur.WriteString(t[len(body):])
			curW += spaceW
			curTrail = spaceW
		}
		if sg.Mandatory {
			flush()
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// keepKorean joins the segments UAX #14 parts between two Hangul
// syllables: Korean is set with its words whole, breaking at spaces (the
// tailoring UAX #14 describes for Korean written with spaces, CSS's
// word-break: keep-all).
func keepKorean(segs []Segment) []Segment {
	out := segs[:0:0]
	for _, sg := range segs {
		if n := len(out); n > 0 && !out[n-1].Mandatory {
			prev, _ := utf8.DecodeLastRuneInString(out[n-1].Text)
			next, _ := utf8.DecodeRuneInString(sg.Text)
			if unicode.Is(unicode.Hangul, prev) && unicode.Is(unicode.Hangul, next) {
				out[n-1].Text += sg.Text
				out[n-1].Mandatory = sg.Mandatory
				continue
			}
		}
		out = append(out, sg)
	}
	return out
}

type piece struct {
	text  string
	width float64
}

// cluster is one grapheme cluster of a word being cut, measured once.
type cluster struct {
	text   string
	width  float64
	first  rune // its base character
	letter bool // a letter of a script that is hyphenated
}

// minLetters is the fewest letters a cut leaves on either side of it, as
// typesetters do (TeX's lefthyphenmin and righthyphenmin are 2 and 3):
// "Gefährdungsbeurteilu-ng" leaves one.
const minLetters = 3

// cutWord cuts a word with no break opportunity into pieces no wider than
// width, between grapheme clusters (a base and its combining marks are
// never parted), a hyphen ending each piece cut between letters. Without
// patterns of the language, it chooses the cut a reader expects most: at
// least three letters on either side; before a capital ("Google|Meet"),
// after a character that is not a letter, or between syllables (a vowel,
// then a consonant and a vowel: "Be-triebs"; or between two consonants with
// vowels around them: "Gefähr-dung"), the last such place in the back half
// of the line; else as far along as the line holds. Scripts written without
// spaces are cut anywhere, and right-to-left scripts without a hyphen (the
// documents give such words room instead; see report).
func cutWord(word string, width float64, measure Measure) []piece {
	var seg segmenter.Segmenter
	seg.InitWithString(word)
	hyphenW := measure("-")
	var cs []cluster
	it := seg.GraphemeIterator()
	for it.Next() {
		g := string(it.Grapheme().Text)
		r, _ := utf8.DecodeRuneInString(g)
		cs = append(cs, cluster{text: g, width: measure(g), first: r, letter: unicode.IsLetter(r) && !noHyphenScript(r)})
	}
	// after[i] is how many letters stand from cluster i to the end.
	after := make([]int, len(cs)+1)
	for i := len(cs) - 1; i >= 0; i-- {
		after[i] = after[i+1]
		if cs[i].letter {
			after[i]++
		}
	}
	hyphenAt := func(c int) bool { return cs[c-1].letter && cs[c].letter }
	var out []piece
	for start := 0; start < len(cs); {
		// The most clusters that fit, with a hyphen if cut there.
		w, end := 0.0, start
		for end < len(cs) {
			extra := 0.0
			if end+1 < len(cs) && hyphenAt(end+1) {
				extra = hyphenW
			}
			if w+cs[end].width+extra > width && end > start {
				break
			}
			w += cs[end].width
			end++
		}
		if end < len(cs) {
			end = bestCut(cs, after, start, end)
		}
		var b strings.Builder
		w = 0
		for _, c := range cs[start:end] {
			b.WriteString(c.text)
			w += c.width
		}
		if end < len(cs) && hyphenAt(end) {
			b.WriteByte('-')
			w += hyphenW
		}
		out = append(out, piece{b.String(), w})
		start = end
	}
	return out
}

// bestCut is where a piece of cs from start, which fits up to end, is cut
// (see cutWord).
func bestCut(cs []cluster, after []int, start, end int) int {
	letters := func(from, to int) int { return (after[from] - after[to]) }
	best, bestScore := -1, 0
	for c := end; c > start && c >= start+(end-start)/2; c-- {
		prev, next := cs[c-1], cs[c]
		if !prev.letter || !next.letter {
			if noHyphenScript(next.first) || noHyphenScript(prev.first) || !prev.letter && !next.letter {
				return c // between ideographs, or after a digit or a sign
			}
		}
		if letters(start, c) < minLetters || after[c] < minLetters {
			continue
		}
		score := 1
		switch {
		case !prev.letter || !next.letter:
			score = 3
		case unicode.IsUpper(next.first) && unicode.IsLower(prev.first):
			score = 3
		case syllableBreak(cs, c):
			score = 2
		}
		if score > bestScore {
			best, bestScore = c, score
		}
		if score == 3 {
			break
		}
	}
	if best < 0 {
		// No place leaves three letters each side: the line is narrower
		// than a reader's word allows; cut where the line ends.
		return end
	}
	if bestScore == 1 {
		// No syllable in the back half: the last in the front half, a
		// shorter line being better than a word cut anywhere; else as
		// far along as can be, still leaving three letters each side.
		for c := start + (end-start)/2; c > start; c-- {
			if letters(start, c) >= minLetters && after[c] >= minLetters && syllableBreak(cs, c) {
				return c
			}
		}
		for c := end; c > start; c-- {
			if letters(start, c) >= minLetters && after[c] >= minLetters {
				return c
			}
		}
	}
	return best
}

// syllableBreak reports a cut at c between syllables, by the shape most
// European languages share: a consonant (ch, ck, sch, ph, th and qu count
// as one) followed by a vowel starts a syllable, after a vowel ("Be-trieb",
// "Arbeitssi-cherheit") or after a consonant with a vowel shortly before it
// ("Betriebs-rat", "Gefährdungs-beurteilung").
func syllableBreak(cs []cluster, c int) bool {
	if c < 2 || c >= len(cs) {
		return false
	}
	v := func(i int) bool { return i >= 0 && i < len(cs) && cs[i].letter && isVowel(cs[i].first) }
	k := func(i int) bool { return i >= 0 && i < len(cs) && cs[i].letter && !isVowel(cs[i].first) }
	if !k(c) {
		return false
	}
	n := 1 // the letters of the consonant starting at c
	if c+1 < len(cs) && strings.ContainsRune("bcdfgkpt", unicode.ToLower(cs[c].first)) && strings.ContainsRune("rl", cs[c+1].first) {
		n = 2 // "tr", "pl": a syllable may start with either ("Be-trieb")
	}
	for _, g := range []string{"sch", "ch", "ck", "ph", "th", "sh", "qu", "rh"} {
		l := len([]rune(g))
		if c+l <= len(cs) {
			var b strings.Builder
			for _, x := range cs[c : c+l] {
				b.WriteString(x.text)
			}
			if strings.ToLower(b.String()) == g {
				n = l
				break
			}
		}
	}
	// A digraph is never parted: "c|k", "s|ch".
	for _, g := range []string{"ch", "ck", "ph", "th", "sh", "qu", "sz", "cz"} {
		if strings.ToLower(cs[c-1].text+cs[c].text) == g {
			return false
		}
	}
	if c+1 < len(cs) && strings.ToLower(cs[c-1].text+cs[c].text+cs[c+1].text) == "sch" ||
		strings.ContainsRune("bcdfgkpt", unicode.ToLower(cs[c-1].first)) && strings.ContainsRune("rl", cs[c].first) {
		return false // "Ge-schäft", "Be-trieb"
	}
	if !v(c + n) {
		return false
	}
	return v(c-1) || k(c-1) && (v(c-2) || v(c-3))
}

// isVowel reports a vowel of the Latin, Greek or Cyrillic alphabets, with
// or without its accents.
func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyäöüàáâãåæèéêëìíîïòóôõøùúûýÿąęœAEIOUYÄÖÜÀÁÂÃÅÆÈÉÊËÌÍÎÏÒÓÔÕØÙÚÛÝĄĘŒαεηιοωυаеёиоуыэюяАЕЁИОУЫЭЮЯ", r)
}

// noHyphenScript reports whether words of r's script are not hyphenated
// when cut: scripts written without spaces between words, where any
// character boundary may end a line, and Hebrew and Arabic, which a
// hyphen does not part.
func noHyphenScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
		// Hebrew and Arabic are not hyphenated.
		unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
}
