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
	"strings"
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
	d, _ := FirstStrong(s)
	return d
}

// FirstStrong is the direction of the first strong character of s outside
// isolates (UAX #9 P2), and false when s has none: a number, a date or a
// title put in an isolate then takes the direction around it.
func FirstStrong(s string) (Direction, bool) {
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
			return LeftToRight, false
		case bidi.L:
			if isolates == 0 {
				return LeftToRight, true
			}
		case bidi.R, bidi.AL:
			if isolates == 0 {
				return RightToLeft, true
			}
		}
	}
	return LeftToRight, false
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

// VisualLines is Visual for a paragraph broken into lines: the levels are
// resolved over the whole paragraph, so that text isolated or embedded on
// one line keeps its direction on the next (UAX #9 resolves a paragraph,
// then reorders each line, rule L1 resetting the spaces at each line's
// end). lines are the paragraph's lines in order, as Wrap gives them.
func VisualLines(lines []string, base Direction) []string {
	if len(lines) < 2 {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = Visual(l, base)
		}
		return out
	}
	joined := strings.Join(lines, " ")
	if !HasRightToLeft(joined) && base == LeftToRight {
		return lines
	}
	// The lines are joined by the spaces Wrap dropped at their ends; each
	// line's space is left out of its display.
	lay := Resolve(joined, base)
	out := make([]string, len(lines))
	start := 0
	for i, l := range lines {
		n := utf8.RuneCountInString(l)
		end := start + n
		if i < len(lines)-1 {
			end++ // the joining space
		}
		sub := resolveLine(lay, start, end)
		if i < len(lines)-1 {
			sub = sub.without(n)
		}
		out[i] = sub.visual()
		start = end
	}
	return out
}

// resolveLine is the layout of the line from start to end of a resolved
// paragraph: its levels, after rule L1 for the line's end, and its order.
func resolveLine(p Layout, start, end int) Layout {
	runes := p.Runes[start:end]
	levels := append([]int8(nil), p.Levels[start:end]...)
	para := int8(0)
	if p.Base == RightToLeft {
		para = 1
	}
	// Rule L1: whitespace and isolate controls at the line's end take the
	// paragraph's level.
	for j := len(runes) - 1; j >= 0; j-- {
		c, _ := bidi.LookupRune(runes[j])
		switch c.Class() {
		case bidi.WS, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI, bidi.BN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF:
			levels[j] = para
			continue
		}
		break
	}
	return Layout{Runes: runes, Levels: levels, Order: reorder(levels), Base: p.Base}
}

// without leaves out the rune at logical index i of a line's layout.
func (lay Layout) without(i int) Layout {
	var order []int
	for _, k := range lay.Order {
		if k != i {
			order = append(order, k)
		}
	}
	lay.Order = order
	return lay
}

// reorder is rule L2: from the highest level down to the lowest odd one,
// every run at that level or above is reversed. It gives, for each place
// from the left, the logical index shown there.
func reorder(levels []int8) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	var high, lowOdd int8 = 0, 127
	for _, l := range levels {
		high = max(high, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for l := high; l >= lowOdd && l > 0; l-- {
		for i := 0; i < len(levels); {
			if levels[order[i]] < l {
				i++
				continue
			}
			j := i
			for j < len(levels) && levels[order[j]] >= l {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
	return order
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
		for end+1 < len(lay.Order) && lay.Levels[lay.Order[end+1]]%2 == 1 && lay.Order[end+1] < lay.Order[end] {
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
