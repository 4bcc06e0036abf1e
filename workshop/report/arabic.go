package report

import "strings"

// Arabic letters join their neighbours, changing shape: PDF text is drawn
// character by character, so each letter is replaced by its presentation
// form (isolated, final, initial or medial) from the Arabic Presentation
// Forms-B block, which the embedded Arabic face covers.

// arabicForms gives, for each letter, its isolated form; a letter that
// joins on both sides has its final, initial and medial forms in the three
// code points after it, one that joins only to the letter before has its
// final form after it.
var arabicForms = map[rune]struct {
	isolated rune
	dual     bool // joins on both sides
}{
	0x0621: {0xFE80, false}, 0x0622: {0xFE81, false}, 0x0623: {0xFE83, false}, 0x0624: {0xFE85, false},
	0x0625: {0xFE87, false}, 0x0626: {0xFE89, true}, 0x0627: {0xFE8D, false}, 0x0628: {0xFE8F, true},
	0x0629: {0xFE93, false}, 0x062A: {0xFE95, true}, 0x062B: {0xFE99, true}, 0x062C: {0xFE9D, true},
	0x062D: {0xFEA1, true}, 0x062E: {0xFEA5, true}, 0x062F: {0xFEA9, false}, 0x0630: {0xFEAB, false},
	0x0631: {0xFEAD, false}, 0x0632: {0xFEAF, false}, 0x0633: {0xFEB1, true}, 0x0634: {0xFEB5, true},
	0x0635: {0xFEB9, true}, 0x0636: {0xFEBD, true}, 0x0637: {0xFEC1, true}, 0x0638: {0xFEC5, true},
	0x0639: {0xFEC9, true}, 0x063A: {0xFECD, true}, 0x0641: {0xFED1, true}, 0x0642: {0xFED5, true},
	0x0643: {0xFED9, true}, 0x0644: {0xFEDD, true}, 0x0645: {0xFEE1, true}, 0x0646: {0xFEE5, true},
	0x0647: {0xFEE9, true}, 0x0648: {0xFEED, false}, 0x0649: {0xFEEF, false}, 0x064A: {0xFEF1, true},
}

// lamAlef are the ligatures of lam with a following alef, isolated (their
// final form is the next code point).
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

// transparent marks (the short vowels) do not break or make a join.
func transparent(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

// joinsForward reports a character the next letter may join to.
func joinsForward(r rune) bool {
	f, ok := arabicForms[r]
	return ok && f.dual || r == tatweel
}

// hamza stands alone: it joins neither side.
const hamza = 0x0621

// joinsBack reports a character that joins to the letter before it.
func joinsBack(r rune) bool {
	_, ok := arabicForms[r]
	return ok && r != hamza || r == tatweel
}

// shapeArabic replaces Arabic letters by their contextual forms, in logical
// order; text without Arabic is returned as it is.
func shapeArabic(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0621 && r <= 0x064A }) {
		return s
	}
	rs := []rune(s)
	// neighbour finds the nearest letter before (step -1) or after (+1),
	// passing over the short vowels.
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			b.WriteRune(r)
			continue
		}
		prev := joinsForward(neighbour(i, -1)) && r != hamza
		if r == 0x0644 {
			// Lam followed by alef is one ligature.
			j := i + 1
			for j < len(rs) && transparent(rs[j]) {
				j++
			}
			if j < len(rs) {
				if lig, ok := lamAlef[rs[j]]; ok {
					if prev {
						lig++
					}
					b.WriteRune(lig)
					b.WriteString(string(rs[i+1 : j]))
					i = j
					continue
				}
			}
		}
		next := f.dual && joinsBack(neighbour(i, +1))
		switch {
		case prev && next:
			b.WriteRune(f.isolated + 3)
		case prev:
			b.WriteRune(f.isolated + 1)
		case next:
			b.WriteRune(f.isolated + 2)
		default:
			b.WriteRune(f.isolated)
		}
	}
	return b.String()
}
