package ui

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/bidi"

	"runsheet/workshop/typeset"
)

// visualPieces splits one line into the pieces to draw from left to right
// so that the line reads in the order UAX #9 gives a paragraph of
// direction base. Fyne shapes each piece on its own, a right-to-left
// script right to left, but sets the runs of a mixed line in their logical
// order; so the reordering of runs is done here (typeset.Resolve), and each
// piece is a run Fyne sets in one direction: a left-to-right run as it is,
// a right-to-left one from its first to its last right-to-left letter in
// logical order for Fyne to shape, and the neutrals at its ends (spaces,
// punctuation) already in visual order and mirrored.
func visualPieces(line string, base typeset.Direction) []string {
	if base == typeset.LeftToRight && !typeset.HasRightToLeft(line) {
		return []string{line}
	}
	lay := typeset.Resolve(line, base)
	var out []string
	add := func(s string) {
		if s = strings.Map(dropInvisible, s); s != "" {
			out = append(out, s)
		}
	}
	for k := 0; k < len(lay.Order); {
		lvl := lay.Levels[lay.Order[k]]
		step := 1
		if lvl%2 == 1 {
			step = -1
		}
		end := k
		for end+1 < len(lay.Order) && lay.Levels[lay.Order[end+1]] == lvl && lay.Order[end+1] == lay.Order[end]+step {
			end++
		}
		lo, hi := lay.Order[k], lay.Order[end]
		if lo > hi {
			lo, hi = hi, lo
		}
		run := lay.Runes[lo : hi+1]
		k = end + 1
		if lvl%2 == 0 {
			if slices.ContainsFunc(run, strongRTL) {
				// Right-to-left letters set left to right (an override):
				// one by one, so that Fyne cannot turn them round.
				for _, r := range run {
					add(string(r))
				}
				continue
			}
			add(string(run))
			continue
		}
		// From the run's logical end to its start: words of right-to-left
		// letters (with single spaces inside them) in logical order for
		// Fyne to shape, and every other character in visual order and
		// mirrored, as a piece of its own, so that no piece mixes fonts
		// (a font split would put its parts back in logical order).
		// A mark goes with the character before it: a letter's in a word, a
		// bracket's among the neutrals.
		word := make([]bool, len(run))
		for i, r := range run {
			word[i] = strongRTL(r) || isMark(r) && i > 0 && word[i-1]
		}
		neutral := []rune{}
		flush := func() {
			add(typeset.Visual(string(neutral), typeset.RightToLeft))
			neutral = neutral[:0]
		}
		for i := len(run) - 1; i >= 0; {
			if !word[i] {
				neutral = append([]rune{run[i]}, neutral...)
				i--
				continue
			}
			flush()
			j := i
			for j > 0 && (word[j-1] || run[j-1] == ' ' && j > 1 && word[j-2]) {
				j--
			}
			add(string(run[j : i+1]))
			i = j - 1
		}
		flush()
	}
	return out
}

// strongRTL reports whether r is a right-to-left letter.
func strongRTL(r rune) bool {
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.R || p.Class() == bidi.AL
}

func isMark(r rune) bool {
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.NSM
}

// dropInvisible leaves out the direction controls, which have no glyph.
func dropInvisible(r rune) rune {
	switch r {
	case 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return -1
	}
	return r
}

// isolated is s set apart from the text around it (UAX #9 first-strong
// isolate) when it holds right-to-left text, so that in a line of the
// app's own language the separators and numbers beside an Arabic or
// Hebrew title stay where they are written ("title · 1 phone voted", not
// "title ·1 phone voted" with the space carried across). Fyne's shaping
// honours the isolates and draws nothing for them.
func isolated(s string) string {
	if !typeset.HasRightToLeft(s) {
		return s
	}
	return "\u2068" + s + "\u2069"
}
