package typeset

import (
	"strings"
	"unicode"

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
// so that no word is ever split silently. Trailing spaces are dropped from
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
	for _, sg := range Segments(text) {
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

type piece struct {
	text  string
	width float64
}

// cutWord cuts a word with no break opportunity into pieces no wider than
// width, between grapheme clusters (a base and its combining marks are
// never parted), a hyphen ending each piece cut between letters.
func cutWord(word string, width float64, measure Measure) []piece {
	var seg segmenter.Segmenter
	seg.InitWithString(word)
	hyphenW := measure("-")
	var out []piece
	var cur strings.Builder
	curW := 0.0
	var last rune
	it := seg.GraphemeIterator()
	for it.Next() {
		g := string(it.Grapheme().Text)
		gw := measure(g)
		first := []rune(g)[0]
		needHyphen := unicode.IsLetter(last) && unicode.IsLetter(first) && !noHyphenScript(first)
		extra := 0.0
		if needHyphen {
			extra = hyphenW
		}
		if cur.Len() > 0 && curW+gw+hyphenW > width {
			text := cur.String()
			w := curW
			if needHyphen {
				text += "-"
				w += extra
			}
			out = append(out, piece{text, w})
			cur.Reset()
			curW = 0
		}
		cur.WriteString(g)
		curW += gw
		rs := []rune(g)
		last = rs[len(rs)-1]
	}
	if cur.Len() > 0 {
		out = append(out, piece{cur.String(), curW})
	}
	return out
}

// noHyphenScript reports whether words of r's script are not hyphenated
// when cut: scripts written without spaces between words, where any
// character boundary may end a line.
func noHyphenScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
