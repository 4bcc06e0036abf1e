package workshop

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Characters a plan, a name or anything else a person wrote may not hold.
// They cannot be seen, yet they change what is shown around them: a bidi
// override (U+202E) prints "gpj.exe" as "exe.jpg" and reorders the
// console's header, a zero-width space makes two equal-looking options
// differ, and a control character moves a terminal's cursor or clears
// its screen. Runsheet works out the direction of Arabic and Hebrew text
// from the letters themselves, so no mark is needed for it.
//
// Refused (in plan files) and removed (from names):
//   - control characters, C0 and C1, and DEL; a line break and a tab only
//     in the long texts (summary, brief, notes, prompts, an idea's text);
//   - bidi embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) and the direction marks U+200E, U+200F and U+061C;
//   - zero-width and invisible characters: U+200B, U+2060–U+2064,
//     U+FEFF, U+180E, U+206A–U+206F, U+FFF9–U+FFFB, and the tag
//     characters U+E0000–U+E007F;
//   - the line and paragraph separators U+2028 and U+2029.
//
// The zero-width joiner and non-joiner (U+200D, U+200C) are kept where a
// script needs them, between two letters, marks or symbols (Persian
// words, Indic conjuncts, emoji sequences such as woman-technologist, U+1F469 U+200D U+1F4BB), and refused
// elsewhere: at either end of a text, beside a space, or two in a row.

// UnsafeRune reports whether r may not appear in a person's text, with a
// short name for it. ZWJ and ZWNJ are judged by their neighbours; see
// UnsafeAt.
func UnsafeRune(r rune) (name string, unsafe bool) {
	switch {
	case r == utf8.RuneError:
		return "a replacement character, left where text was not UTF-8", true
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return "a control character", true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x200e, r == 0x200f, r == 0x061c:
		return "a bidi control character", true
	case r == 0x200b, r >= 0x2060 && r <= 0x2064, r == 0xfeff, r == 0x180e,
		r >= 0x206a && r <= 0x206f, r >= 0xfff9 && r <= 0xfffb, r >= 0xe0000 && r <= 0xe007f,
		// The soft hyphen, the combining grapheme joiner, the Hangul fillers,
		// the Khmer inherent vowels and the blank braille pattern show
		// nothing, or a blank where no space seems to be.
		r == 0x00ad, r == 0x034f, r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0,
		r == 0x17b4, r == 0x17b5, r == 0x2800:
		return "an invisible character", true
	case r == 0x2028, r == 0x2029:
		return "a line separator", true
	}
	return "", false
}

// MaxMarks caps the combining marks on one character: Vietnamese needs 2,
// Hebrew with its points and accents 4 or so; a stack of dozens draws over
// the lines above and below it.
const MaxMarks = 8

// variation reports a variation selector, U+FE00–U+FE0F.
func variation(r rune) bool { return r >= 0xfe00 && r <= 0xfe0f }

// bareSelector reports a variation selector that selects nothing: at the
// start of a text, after a space, a joiner, another selector or a
// character that is refused, or after a Latin, Greek or Cyrillic letter,
// none of which has a variant (U+FE0F after "e" draws nothing, but makes
// the text differ from the one it looks like).
func bareSelector(rs []rune, i int) bool {
	if i == 0 {
		return true
	}
	prev := rs[i-1]
	if _, unsafe := UnsafeRune(prev); unsafe || unicode.IsSpace(prev) || joiner(prev) || variation(prev) {
		return true
	}
	return unicode.IsLetter(prev) && unicode.In(prev, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// stackedMark reports a combining mark past the MaxMarks-th on one
// character. Characters that are refused, and joiners, are passed over, so
// that taking them out never makes a stack longer.
func stackedMark(rs []rune, i int) bool {
	if !unicode.In(rs[i], unicode.Mn, unicode.Me) {
		return false
	}
	n := 0
	for j := i; j >= 0; j-- {
		r := rs[j]
		if _, unsafe := UnsafeRune(r); unsafe || joiner(r) {
			continue
		}
		if !unicode.In(r, unicode.Mn, unicode.Me) {
			break
		}
		if n++; n > MaxMarks {
			return true
		}
	}
	return false
}

// joiner reports the zero-width joiner and non-joiner.
func joiner(r rune) bool { return r == 0x200c || r == 0x200d }

// joinable is a character a joiner may stand beside: a letter, a mark, a
// digit or a symbol (emoji), or a variation selector after an emoji.
// A character that is itself refused never is, so that cleaning a text
// never leaves a joiner with nothing to join.
func joinable(r rune) bool {
	if _, unsafe := UnsafeRune(r); unsafe {
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.S) || unicode.Is(unicode.Variation_Selector, r)
}

// unsafeAt reports whether the rune at rs[i] may not appear, and why.
// multiline allows line breaks and tabs.
func unsafeAt(rs []rune, i int, multiline bool) (string, bool) {
	r := rs[i]
	if multiline && (r == '\n' || r == '\t') {
		return "", false
	}
	if joiner(r) {
		// A selector after a joiner is refused, and one before it must
		// stay, so that cleaning never leaves the joiner alone.
		if i == 0 || i == len(rs)-1 || !joinable(rs[i-1]) || !joinable(rs[i+1]) || variation(rs[i+1]) || stackedMark(rs, i+1) ||
			variation(rs[i-1]) && bareSelector(rs, i-1) {
			return "a zero-width joiner or non-joiner that joins nothing", true
		}
		return "", false
	}
	if variation(r) && bareSelector(rs, i) {
		return "a variation selector that selects nothing", true
	}
	if stackedMark(rs, i) {
		return fmt.Sprintf("more than %d combining marks on one character", MaxMarks), true
	}
	return UnsafeRune(r)
}

// CheckText returns a sentence about the first character s may not hold,
// or "" when s is fine. The sentence names the character's code point.
func CheckText(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8 text"
	}
	if isPlain(s, multiline) {
		return ""
	}
	rs := []rune(s)
	for i, r := range rs {
		if name, bad := unsafeAt(rs, i, multiline); bad {
			return fmt.Sprintf("has %s (U+%04X) at character %d, which would be invisible or change how the text around it is shown; remove it", name, r, i+1)
		}
	}
	return ""
}

// isPlain is a fast path: printable ASCII, and line breaks and tabs where
// allowed, need no closer look.
func isPlain(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) {
			return false
		}
	}
	return true
}

// CleanText removes from s every character a person's text may not hold
// (see UnsafeRune); a control character that separates words (a tab, a
// line break) becomes a space. multiline keeps line breaks, \r\n made \n,
// and tabs.
func CleanText(s string, multiline bool) string {
	if utf8.ValidString(s) && isPlain(s, multiline) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n") // a line break typed on Windows
	}
	rs := []rune(s)
	var b strings.Builder
	// A separator dropped between words leaves one space, written only
	// when more text follows, so that "zw\u200bbom" stays two words.
	gap, spaceBefore := false, false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if _, bad := unsafeAt(rs, i, multiline); !bad {
			if gap && !unicode.IsSpace(r) && b.Len() > 0 && !spaceBefore {
				b.WriteByte(' ')
			}
			gap, spaceBefore = false, unicode.IsSpace(r)
			b.WriteRune(r)
			continue
		}
		if r == 0x1b {
			// A terminal's escape sequence goes with its escape: "\x1b[31mred"
			// is "red".
			i += escapeLen(rs[i+1:])
			continue
		}
		if unicode.IsSpace(r) || separator(r) {
			gap = true
		}
	}
	return b.String()
}

// separator reports whether r, dropped from a text, stood between words:
// a control character or an invisible space, not a mark or joiner that
// belongs inside one.
func separator(r rune) bool {
	switch r {
	case 0x200b, 0xfeff, 0x180e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064:
		return true
	}
	return unicode.IsControl(r)
}

// escapeLen is how many runes of rs, which follow an escape, belong to
// its sequence: a control sequence ("[31m") to its final letter, an
// operating-system command ("]0;title") to its bell or string end, else
// the one character after the escape.
func escapeLen(rs []rune) int {
	if len(rs) == 0 {
		return 0
	}
	switch rs[0] {
	case '[':
		for i := 1; i < len(rs); i++ {
			if rs[i] >= 0x40 && rs[i] <= 0x7e {
				return i + 1
			}
			if rs[i] < 0x20 || rs[i] > 0x3f {
				return i // not a sequence after all: keep the rest
			}
		}
		return len(rs)
	case ']':
		for i := 1; i < len(rs); i++ {
			if rs[i] == 0x07 {
				return i + 1
			}
			if rs[i] == 0x1b && i+1 < len(rs) && rs[i+1] == '\\' {
				return i + 2
			}
		}
		return len(rs)
	}
	if rs[0] >= 0x40 && rs[0] <= 0x5f {
		return 1
	}
	return 0
}

// CleanPlanText removes the characters a plan may not hold from every
// text of p: what a plan saved before they were refused had, so that it
// still opens, and what was typed or pasted into the app.
func CleanPlanText(p *Plan) {
	eachText(p, func(s *string, multiline bool) { *s = CleanText(*s, multiline) })
}

// PlanTextClean reports whether every text of p is free of the characters
// a plan may not hold, so that CleanPlanText would change nothing.
func PlanTextClean(p *Plan) bool {
	clean := true
	eachText(p, func(s *string, multiline bool) {
		if clean && CleanText(*s, multiline) != *s {
			clean = false
		}
	})
	return clean
}

// eachText calls f with every text of p, and whether it may span lines.
func eachText(p *Plan, f func(s *string, multiline bool)) {
	f(&p.Title, false)
	f(&p.Summary, true)
	for i := range p.Exercises {
		p.Exercises[i].eachText(f)
	}
	for i := range p.Ideas {
		idea := &p.Ideas[i]
		f(&idea.Title, false)
		f(&idea.Text, true)
		for j := range idea.Points {
			f(&idea.Points[j], false)
		}
	}
	if c := p.Contrast; c != nil {
		f(&c.Left, false)
		f(&c.Right, false)
		for i := range c.Rows {
			f(&c.Rows[i][0], false)
			f(&c.Rows[i][1], false)
		}
	}
}

// eachText calls f with every text of the exercise.
func (e *Exercise) eachText(f func(s *string, multiline bool)) {
	f(&e.Title, false)
	f(&e.Brief, true)
	f(&e.Notes, true)
	for i := range e.Prompts {
		f(&e.Prompts[i], true)
	}
	for _, list := range append([][]string{e.Options, e.Scale, e.Quadrants}, e.Axes...) {
		for i := range list {
			f(&list[i], false)
		}
	}
	for i := range e.Items {
		f(&e.Items[i].Text, false)
		f(&e.Items[i].Expect, false)
	}
}
