package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
)

// The PDF library sets text in fonts by 16-bit codes and cannot print a
// character beyond the Basic Multilingual Plane, where emoji live (it
// stopped with an index out of range). The embedded emoji face therefore
// carries those characters at codes of the Private Use Area, from E000 on
// in code point order (see assets/fonts/Symbola.txt); the ranges below are
// the characters it carries, each printed at its code there, and the
// document's text layer maps each code back to its character.
var emojiRanges = [][2]rune{
	{0x1F000, 0x1F02B},
	{0x1F030, 0x1F093},
	{0x1F0A0, 0x1F0AE},
	{0x1F0B1, 0x1F0BF},
	{0x1F0C1, 0x1F0CF},
	{0x1F0D1, 0x1F0F5},
	{0x1F100, 0x1F10C},
	{0x1F110, 0x1F12E},
	{0x1F130, 0x1F16B},
	{0x1F170, 0x1F1AC},
	{0x1F1E6, 0x1F202},
	{0x1F210, 0x1F23B},
	{0x1F240, 0x1F248},
	{0x1F250, 0x1F251},
	{0x1F260, 0x1F265},
	{0x1F300, 0x1F6D4},
	{0x1F6E0, 0x1F6EC},
	{0x1F6F0, 0x1F6F8},
	{0x1F700, 0x1F773},
	{0x1F780, 0x1F7D4},
	{0x1F900, 0x1F90B},
	{0x1F910, 0x1F93E},
	{0x1F940, 0x1F94C},
	{0x1F950, 0x1F96B},
	{0x1F980, 0x1F997},
	{0x1F9C0, 0x1F9C0},
	{0x1F9D0, 0x1F9E6},
}

// privateUse is the first code of the Private Use Area.
const privateUse = 0xE000

// emojiCode is the code r is printed at: r itself within the Basic
// Multilingual Plane, its code in the Private Use Area for an emoji the
// face carries, and false for any other character beyond the plane (or a
// character of the Private Use Area itself, which would print as an emoji).
func emojiCode(r rune) (rune, bool) {
	if r >= privateUse && r <= 0xF8FF {
		return 0, false
	}
	if r <= 0xFFFF {
		return r, true
	}
	code := rune(privateUse)
	for _, rg := range emojiRanges {
		if r < rg[0] {
			return 0, false
		}
		if r <= rg[1] {
			return code + r - rg[0], true
		}
		code += rg[1] - rg[0] + 1
	}
	return 0, false
}

// emojiFont is how the PDF library names the emoji face in a document.
const emojiFont = "/BaseFont /utf8emoji\n" // words: PDF syntax

// withEmojiText gives the emoji face of pdf a text layer that reads its
// codes as the emoji they print, so that copying, searching and a screen
// reader meet 👍 where the page shows it; the library's own maps each
// code to itself, a character of the Private Use Area. A document that
// prints no emoji is returned as it is.
func withEmojiText(pdf []byte) ([]byte, error) {
	at := bytes.Index(pdf, []byte(emojiFont))
	if at < 0 {
		return pdf, nil
	}
	var obj int
	ref := bytes.Index(pdf[at:], []byte("/ToUnicode ")) // words: PDF syntax
	if ref < 0 {
		return nil, fmt.Errorf("the emoji face has no text map")
	}
	if _, err := fmt.Sscanf(string(pdf[at+ref:min(len(pdf), at+ref+40)]), "/ToUnicode %d 0 R", &obj); err != nil { // words: PDF syntax
		return nil, fmt.Errorf("reading the emoji face's text map: %w", err)
	}
	head := fmt.Appendf(nil, "\n%d 0 obj\n", obj) // words: PDF syntax
	start := bytes.Index(pdf, head)
	if start < 0 {
		return nil, fmt.Errorf("the emoji face's text map %d is missing", obj)
	}
	start++
	end := bytes.Index(pdf[start:], []byte("endobj")) // words: PDF syntax
	if end < 0 {
		return nil, fmt.Errorf("the emoji face's text map %d does not end", obj)
	}
	end += start
	cmap := emojiCMap()
	body := fmt.Appendf(nil, "%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\n", obj, len(cmap), cmap) // words: PDF syntax
	delta := len(body) - (end - start)
	out := make([]byte, 0, len(pdf)+delta)
	out = append(out, pdf[:start]...)
	out = append(out, body...)
	out = append(out, pdf[end:]...)
	return shiftXref(out, start, delta)
}

// shiftXref moves every object offset of pdf's cross-reference table
// that lies past at by delta bytes, and the table's own offset with them.
func shiftXref(pdf []byte, at, delta int) ([]byte, error) {
	const startxref = "startxref\n" // words: PDF syntax
	sx := bytes.LastIndex(pdf, []byte(startxref))
	if sx < 0 {
		return nil, fmt.Errorf("the PDF has no startxref")
	}
	var table int
	if _, err := fmt.Sscanf(string(pdf[sx+len(startxref):]), "%d", &table); err != nil {
		return nil, fmt.Errorf("reading the PDF's startxref: %w", err)
	}
	table += delta
	var first, count int
	if table < 0 || table >= len(pdf) {
		return nil, fmt.Errorf("the PDF's cross-reference table is out of place")
	}
	if _, err := fmt.Sscanf(string(pdf[table:min(len(pdf), table+40)]), "xref\n%d %d\n", &first, &count); err != nil { // words: PDF syntax
		return nil, fmt.Errorf("reading the PDF's cross-reference table: %w", err)
	}
	entries := bytes.IndexByte(pdf[table+5:], '\n') + table + 6
	for i := range count {
		e := entries + 20*i
		if e+20 > len(pdf) {
			return nil, fmt.Errorf("the PDF's cross-reference table is cut short")
		}
		var off, gen int
		var use byte
		if _, err := fmt.Sscanf(string(pdf[e:e+18]), "%010d %05d %c", &off, &gen, &use); err != nil {
			return nil, fmt.Errorf("reading cross-reference entry %d: %w", first+i, err)
		}
		if use == 'n' && off > at {
			copy(pdf[e:e+10], fmt.Sprintf("%010d", off+delta))
		}
	}
	out := append(pdf[:sx:sx], fmt.Sprintf("%s%d\n%%%%EOF\n", startxref, table)...) // words: PDF syntax
	return out, nil
}

// emojiCMap maps the emoji face's codes to text: the Basic Multilingual
// Plane to itself, each emoji's code to its character in UTF-16. A range
// of the map keeps to one high byte at each end, as PDF readers expect.
func emojiCMap() string {
	type span struct{ from, to, r rune }
	spans := []span{{0, 0xDFFF, 0}, {0xF900, 0xFFFF, 0xF900}}
	code := rune(privateUse)
	for _, rg := range emojiRanges {
		for r := rg[0]; r <= rg[1]; {
			n := min(rg[1]-r, 0xFF-(code&0xFF), 0xFF-((r-0x10000)&0xFF)) + 1
			spans = append(spans, span{code, code + n - 1, r})
			code += n
			r += n
		}
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") // words: PDF syntax
	for len(spans) > 0 {
		n := min(len(spans), 100)
		fmt.Fprintf(&b, "%d beginbfrange\n", n) // words: PDF syntax
		for _, s := range spans[:n] {
			fmt.Fprintf(&b, "<%04X> <%04X> <%s>\n", s.from, s.to, utf16Hex(s.r))
		}
		b.WriteString("endbfrange\n") // words: PDF syntax
		spans = spans[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend") // words: PDF syntax
	return b.String()
}

// utf16Hex is r in UTF-16, as hexadecimal digits.
func utf16Hex(r rune) string {
	if r <= 0xFFFF {
		return fmt.Sprintf("%04X", r)
	}
	r1, r2 := utf16.EncodeRune(r)
	return fmt.Sprintf("%04X%04X", r1, r2)
}
