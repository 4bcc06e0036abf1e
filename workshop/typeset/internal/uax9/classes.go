// Package uax9 is the Unicode Bidirectional Algorithm (UAX #9) of
// golang.org/x/text/unicode/bidi v0.22.0: its port of the reference
// implementation (core.go, bracket.go, unchanged but for the package name and
// two asserts, which no longer log; Resolve turns their panics into errors).
// That package keeps
// the algorithm unexported and its public API reports neither embedding
// levels nor visual order, both of which a line set on paper needs, so the
// algorithm is used here directly; the character data stays x/text's
// (bidi.LookupRune). The licence is x/text's, in LICENSE beside this file.
package uax9

import (
	"fmt"

	"golang.org/x/text/unicode/bidi"
)

// Class is a Unicode bidirectional class, numbered as x/text numbers it.
type Class bidi.Class

const unknownClass = ^Class(0)

// The bidirectional classes, as x/text numbers them.
const (
	L   = Class(bidi.L)
	R   = Class(bidi.R)
	EN  = Class(bidi.EN)
	ES  = Class(bidi.ES)
	ET  = Class(bidi.ET)
	AN  = Class(bidi.AN)
	CS  = Class(bidi.CS)
	B   = Class(bidi.B)
	S   = Class(bidi.S)
	WS  = Class(bidi.WS)
	ON  = Class(bidi.ON)
	BN  = Class(bidi.BN)
	NSM = Class(bidi.NSM)
	AL  = Class(bidi.AL)
	LRO = Class(bidi.LRO)
	RLO = Class(bidi.RLO)
	LRE = Class(bidi.LRE)
	RLE = Class(bidi.RLE)
	PDF = Class(bidi.PDF)
	LRI = Class(bidi.LRI)
	RLI = Class(bidi.RLI)
	FSI = Class(bidi.FSI)
	PDI = Class(bidi.PDI)
)

// Bracket is a rune's Bidi_Paired_Bracket_Type.
type Bracket = bracketType

// The paired-bracket types.
const (
	NotBracket   = bpNone
	OpenBracket  = bpOpen
	CloseBracket = bpClose
)

// Resolve runs the algorithm over one paragraph split into lines ending at
// the offsets in lineEnds (the last is len(types)). parLevel is 0 or 1 to
// force the paragraph's direction, or -1 to take it from its first strong
// character. It returns the paragraph's level, each character's resolved
// level after rule L1, and the visual-to-logical order of each line (rule L2).
// pairValues holds, for each bracket, one rune shared by it and its partner.
func Resolve(types []Class, pairTypes []Bracket, pairValues []rune, parLevel int, lineEnds []int) (paraLevel int, levels []int8, order []int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bidi: %v", r)
		}
	}()
	p, err := newParagraph(types, pairTypes, pairValues, level(parLevel))
	if err != nil {
		return 0, nil, nil, err
	}
	if err := validateLineBreaks(lineEnds, p.Len()); err != nil {
		return 0, nil, nil, err
	}
	lv := p.getLevels(lineEnds)
	levels = make([]int8, len(lv))
	for i, l := range lv {
		levels[i] = int8(l)
	}
	return int(p.embeddingLevel), levels, computeMultilineReordering(lv, lineEnds), nil
}
