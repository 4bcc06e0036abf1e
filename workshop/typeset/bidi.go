// Package typeset holds the Unicode rules a line of text is set by, for
// anything that puts text on a surface without a text engine of its own
// (paper, the projector): where a line may break (UAX #14) and in which
// order the characters of a line are shown (UAX #9).
//
// Line breaking is github.com/go-text/typesetting/segmenter (the segmenter
// Fyne itself uses); the bidirectional algorithm is x/text's port of the
// reference implementation (see internal/uax9). Both are checked against the
// Unicode conformance files in testdata/unicode.
package typeset

import (
	"slices"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"runsheet/workshop/typeset/internal/uax9"
)

// Direction is the direction a paragraph or a line is read in.
type Direction int

// The two directions of text.
const (
	LeftToRight Direction = iota
	RightToLeft
)

// String names the direction, for messages and tests.
func (d Direction) String() string {
	if d == RightToLeft {
		return "rtl"
	}
	return "ltr"
}

// ParagraphDirection is the direction of a paragraph by rules P2 and P3 of
// UAX #9: that of its first strong character outside isolates, left to right
// when it has none.
func ParagraphDirection(s string) Direction {
	isolates := 0
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			isolates++
		case bidi.PDI:
			if isolates > 0 {
				isolates--
			}
		case bidi.B:
			return LeftToRight
		case bidi.L:
			if isolates == 0 {
				return LeftToRight
			}
		case bidi.R, bidi.AL:
			if isolates == 0 {
				return RightToLeft
			}
		}
	}
	return LeftToRight
}

// HasRightToLeft reports whether s holds any right-to-left character or
// Arabic digit, that is, whether its visual order can differ from its
// logical one when set left to right.
func HasRightToLeft(s string) bool {
	for _, r := range s {
		if r < 0x0590 {
			continue
		}
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI, bidi.FSI:
			return true
		}
	}
	return false
}

// Layout is one line of text resolved by UAX #9.
type Layout struct {
	// Runes are the line's characters in logical order.
	Runes []rune
	// Levels are the resolved embedding levels of Runes, after rule L1:
	// odd levels read right to left.
	Levels []int8
	// Order lists indexes into Runes from left to right (rule L2).
	Order []int
	// Base is the paragraph direction the line was resolved in.
	Base Direction
}

// Resolve runs the bidirectional algorithm over a single line set in a
// paragraph of direction base.
func Resolve(line string, base Direction) Layout {
	runes := []rune(line)
	lay := Layout{Runes: runes, Base: base}
	if len(runes) == 0 {
		return lay
	}
	types := make([]uax9.Class, len(runes))
	pairTypes := make([]uax9.Bracket, len(runes))
	pairValues := make([]rune, len(runes))
	for i, r := range runes {
		p, _ := bidi.LookupRune(r)
		types[i] = uax9.Class(p.Class())
		if !p.IsBracket() {
			continue
		}
		// Brackets pair by their canonical equivalents (BD16): U+2329 and
		// U+232A decompose to U+3008 and U+3009.
		switch r {
		case 0x2329:
			r = 0x3008
		case 0x232A:
			r = 0x3009
		}
		if p.IsOpeningBracket() {
			pairTypes[i], pairValues[i] = uax9.OpenBracket, r
		} else {
			pairTypes[i], pairValues[i] = uax9.CloseBracket, mirrors[r]
		}
	}
	parLevel := 0
	if base == RightToLeft {
		parLevel = 1
	}
	_, levels, order, err := uax9.Resolve(types, pairTypes, pairValues, parLevel, []int{len(runes)})
	if err != nil {
		// The algorithm accepts any sequence of classes; should it ever
		// refuse one, the line is shown as stored rather than not at all.
		levels = make([]int8, len(runes))
		order = make([]int, len(runes))
		for i := range order {
			levels[i], order[i] = int8(parLevel), i
		}
		if base == RightToLeft {
			slices.Reverse(order)
		}
	}
	lay.Levels, lay.Order = levels, order
	return lay
}

// Isolate marks s as a unit of its own direction inside a line of another
// (first-strong isolate, UAX #9 X5c): a title or a name put into a
// sentence then keeps its own punctuation and order, whatever the language
// around it.
func Isolate(s string) string {
	return "\u2068" + s + "\u2069"
}

// removed reports whether r has no place in the display (rule X9): the
// explicit embedding and override controls and boundary neutrals.
func removed(r rune) bool {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.BN:
		return true
	}
	return false
}

// Visual is the line in display order, left to right, for a paragraph of
// direction base: right-to-left runs reversed (UAX #9 rule L2), mirrored
// characters such as brackets replaced by their mirror images at
// right-to-left levels (rule L4), and the characters removed by rule X9
// and the invisible direction controls left out. Combining marks stay after their base character in the string,
// as a left-to-right glyph run expects them.
func Visual(line string, base Direction) string {
	if !HasRightToLeft(line) && base == LeftToRight {
		return line
	}
	lay := Resolve(line, base)
	return lay.visual()
}

func (lay Layout) visual() string {
	out := make([]byte, 0, len(string(lay.Runes)))
	for k := 0; k < len(lay.Order); k++ {
		i := lay.Order[k]
		if lay.Levels[i]%2 == 0 {
			out = appendRune(out, lay.Runes[i])
			continue
		}
		// A right-to-left run: keep each base character before its
		// combining marks (rule L3's "marks follow their base" for a
		// renderer that draws runs left to right).
		end := k
		for end+1 < len(lay.Order) && lay.Levels[lay.Order[end+1]]%2 == 1 && lay.Order[end+1] == lay.Order[end]-1 {
			end++
		}
		// lay.Order[k..end] runs backwards through the logical text.
		cluster := []rune{}
		for j := k; j <= end; j++ {
			r := lay.Runes[lay.Order[j]]
			if m, ok := mirrors[r]; ok {
				r = m
			}
			p, _ := bidi.LookupRune(r)
			cluster = append(cluster, r)
			if p.Class() != bidi.NSM {
				// Base reached: flush it followed by the marks read so far.
				out = appendRune(out, r)
				for c := len(cluster) - 2; c >= 0; c-- {
					out = appendRune(out, cluster[c])
				}
				cluster = cluster[:0]
			}
		}
		for c := len(cluster) - 1; c >= 0; c-- {
			out = appendRune(out, cluster[c])
		}
		k = end
	}
	return string(out)
}

// invisible reports whether r is a bidirectional control that shows no
// glyph: those removed by rule X9, the isolates and the directional marks.
func invisible(r rune) bool {
	switch r {
	case 0x061C, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return removed(r)
}

func appendRune(b []byte, r rune) []byte {
	if invisible(r) {
		return b
	}
	return utf8.AppendRune(b, r)
}
