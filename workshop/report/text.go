package report

import (
	"fmt"
	"strings"
	"unicode"

	"runsheet/workshop"
	"runsheet/workshop/typeset"
)

// Text is set in runs, each in the face that can print it: the text face
// for Latin, Greek and Cyrillic, and the embedded face for each other
// script. Arabic is shaped into its joined forms and right-to-left runs
// are put in visual order line by line, so that mixed lines such as
// "Team أحمد, 2026" read correctly. A character no face can print is left
// out and reported, never printed as a code.

// piece is a run of text in one face, in visual order, ready to draw.
type piece struct {
	f    *face
	text string
}

// prepare cleans s for printing: tabs become spaces, other control
// characters and characters no face can print are left out (the latter
// reported), emoji take their codes in the emoji face (emojiCode), and
// Arabic is shaped.
func (d *doc) prepare(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case isBidiControl(r):
			b.WriteRune(r)
		case unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B' || emojiJoiner(r):
		default:
			if c, ok := emojiCode(r); ok && faceFor(c) != nil {
				b.WriteRune(c)
			} else {
				d.missing[r] = true
			}
		}
	}
	return shapeArabic(b.String())
}

// emojiJoiner reports the characters that choose how an emoji is drawn
// or join emoji into one picture: variation selectors, the zero width
// joiner, skin tones (drawn alone, they are swatches) and the tags of a
// region's flag. A printed emoji is drawn in outline, one by one, without
// them: 👩🏽‍💻 prints 👩 and 💻.
func emojiJoiner(r rune) bool {
	return r == 0x200D || r >= 0xFE00 && r <= 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F
}

// isBidiControl reports the invisible characters that steer direction:
// the document puts isolates around text it fills into a sentence, and a
// plan may hold marks; they reach the bidi algorithm and are not drawn.
func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || r >= 0x2066 && r <= 0x2069
}

// iso isolates text filled into a sentence or a numbered line (see
// typeset.Isolate), so that it keeps its own direction and punctuation in
// a line of the other direction.
func iso(s string) string { return typeset.Isolate(s) }

// scaleLabel says what the ends of a scale mean, "1 = Rarely … 5 =
// Always", each label isolated so that a label in the other direction
// cannot carry the numbers across it (an English line with Hebrew labels
// read "1 = תמיד = 5 … לעולם לא"), and each number bound to its label by
// no-break spaces so that a line never parts them; empty without labels.
func scaleLabel(ex *workshop.Exercise) string {
	if ex.ScaleLabel() == "" {
		return ""
	}
	return "1\u00a0=\u00a0" + iso(ex.Scale[0]) + " … 5\u00a0=\u00a0" + iso(ex.Scale[1])
}

// numbered is "n. text", the text isolated so that every number of a list
// stands on the same side, that of the list's direction, and joined to its
// number by a no-break space, so that a number never stands alone on a
// line above its first word.
func numbered(n int, text string) string { return fmt.Sprintf("%d.\u00a0%s", n, iso(text)) }

// unhyphenated is how much smaller than the current size a paragraph must
// be set so that each of its Hebrew and Arabic words fits in width w: such
// words are not hyphenated, and a cut without one reads as two words. 1
// when they fit; never below a half, past which a word is cut as a last
// resort.
func (d *doc) unhyphenated(w float64, s string) float64 {
	f := 1.0
	for _, sg := range typeset.Segments(s) {
		body := strings.TrimRight(sg.Text, " \n")
		if !strings.ContainsFunc(body, func(r rune) bool { return unicode.In(r, unicode.Hebrew, unicode.Arabic) }) {
			continue
		}
		if bw := d.widthOf(body); bw > w {
			f = min(f, w/bw)
		}
	}
	return max(f, 0.5)
}

// pieces splits visual text into runs of one face each; a neutral
// character stays in the run it falls in when that face can print it.
// Direction controls take no room and are left out.
func pieces(s string) []piece {
	var out []piece
	start := -1 // start of the open run in s
	var f *face
	for i, r := range s {
		if isBidiControl(r) {
			if start >= 0 {
				out = append(out, piece{f: f, text: s[start:i]})
				start = -1
			}
			continue
		}
		rf := faceFor(r)
		if start >= 0 && (rf == f || neutral(r) && f.has(r)) {
			continue
		}
		if start >= 0 {
			out = append(out, piece{f: f, text: s[start:i]})
		}
		start, f = i, rf
	}
	if start >= 0 {
		out = append(out, piece{f: f, text: s[start:]})
	}
	// Runs split by a control in one face are joined again.
	joined := out[:0]
	for _, p := range out {
		if n := len(joined); n > 0 && joined[n-1].f == p.f {
			joined[n-1].text += p.text
			continue
		}
		joined = append(joined, p)
	}
	return joined
}

// breakable reports a character a line may break after without a space:
// Chinese and Japanese are written without spaces between words.
func breakable(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// useFace selects a face at the current style and size, adding it to the
// document the first time.
func (d *doc) useFace(f *face) {
	st := f.style(d.style)
	key := f.family + "/" + st
	if d.current == key && d.currentSize == d.size {
		return // gofpdf writes every change of font into the page
	}
	if !d.added[key] {
		data, err := fontData(f.files[st])
		if err != nil {
			d.pdf.SetError(err)
			return
		}
		d.pdf.AddUTF8FontFromBytes(f.family, st, data)
		d.added[key] = true
	}
	d.pdf.SetFont(f.family, st, d.size)
	d.current, d.currentSize = key, d.size
}

// width is the width of logical text at the current style and size.
func (d *doc) widthOf(s string) float64 {
	w := 0.0
	for _, p := range pieces(s) {
		d.useFace(p.f)
		w += d.pdf.GetStringWidth(p.text)
	}
	return w
}

// widestWord is the width of the widest piece of s between two line-break
// opportunities, at the current font: the narrowest a column may be
// without cutting a word.
func (d *doc) widestWord(s string) float64 {
	w := 0.0
	for _, sg := range typeset.Segments(d.prepare(s)) {
		w = max(w, d.widthOf(strings.TrimRight(sg.Text, " \n")))
	}
	return w
}

// wrap breaks prepared text into lines no wider than w at the break
// opportunities of UAX #14, cutting a word with a hyphen only when it alone
// is wider than the line; linear in the length of the text.
func (d *doc) wrap(w float64, s string) []string {
	return typeset.Wrap(s, w, d.widthOf)
}

// baseOf is the direction a paragraph is set in: that of its first letter
// outside isolates, else the flow around it: a list's, a right-to-left
// document's, or else that of the text filled in ("3. שלום" is a Hebrew
// heading in an English handout).
func (d *doc) baseOf(s string) typeset.Direction {
	if d.base != nil {
		return *d.base
	}
	if dir, ok := typeset.FirstStrong(s); ok {
		return dir
	}
	if d.listDir != nil || d.rtl {
		return d.flow()
	}
	if dir, ok := typeset.FirstStrong(strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)); ok {
		return dir
	}
	return d.flow()
}

// flow is the direction text without letters of its own takes: the
// current list's, or else the document's.
func (d *doc) flow() typeset.Direction {
	if d.listDir != nil {
		return *d.listDir
	}
	if d.rtl {
		return typeset.RightToLeft
	}
	return typeset.LeftToRight
}

// inList sets numbered lines, for the length of fn, in one direction, so
// that the numbers of a list all stand on one side: a right-to-left
// document's, or else that of the first letter of any of texts (a Hebrew
// plan's lists read right to left in an English handout).
func (d *doc) inList(texts []string, fn func()) {
	old := d.listDir
	dir := d.dirOf(texts)
	d.listDir = &dir
	fn()
	d.listDir = old
}

// dirOf is the direction a list of texts is set in: a right-to-left
// document's, or else that of the first letter of any of texts.
func (d *doc) dirOf(texts []string) typeset.Direction {
	dir, ok := typeset.FirstStrong(strings.Join(texts, "\n"))
	if !ok || d.rtl {
		dir = d.flow()
	}
	return dir
}

// labelled sets the paragraphs of fn in the direction of texts, the
// texts a label of the document's own words introduces ("Round 1: …"):
// a Hebrew plan's rounds stand on the right, as its headings do, though
// the label is English.
func (d *doc) labelled(texts []string, fn func()) {
	old := d.base
	dir := d.dirOf(texts)
	d.base = &dir
	fn()
	d.base = old
}

// drawLine draws one line of prepared text, in visual order, in a box of width w at the
// current position, aligned "L", "C" or "R", and leaves the position at
// the start of the next line.
//
// The box is mirrored in a right-to-left document; a line aligned "L" is
// set from its start, the right in a right-to-left document or paragraph.
func (d *doc) drawLine(x, w float64, line, align string, base typeset.Direction) {
	if d.rtl {
		x = d.boxX(x, w)
	}
	if d.rtl || base == typeset.RightToLeft {
		align = map[string]string{"L": "R", "R": "L"}[align] + strings.Trim(align, "LR")
	}
	lh := d.lineHeight()
	vis := pieces(line)
	total := 0.0
	widths := make([]float64, len(vis))
	for i, p := range vis {
		d.useFace(p.f)
		widths[i] = d.pdf.GetStringWidth(p.text)
		total += widths[i]
	}
	switch align {
	case "C":
		x += (w - total) / 2
	case "R":
		x += w - total
	}
	d.pdf.SetX(x)
	if len(vis) == 0 {
		d.pdf.CellFormat(0, lh, "", "", 0, "L", false, 0, "") // still breaks the page when full
	}
	for i, p := range vis {
		d.useFace(p.f)
		if strings.Contains(d.style, "B") && !strings.Contains(p.f.style(d.style), "B") {
			d.boldCell(widths[i], lh, p.text)
			continue
		}
		d.pdf.CellFormat(widths[i], lh, p.text, "", 0, "L", false, 0, "")
	}
	d.pdf.SetXY(x, d.pdf.GetY()+lh)
}

// boldCell draws text in a face that has no bold (Chinese and Japanese)
// with its outline stroked as well as filled, so that a heading keeps its
// weight.
func (d *doc) boldCell(w, h float64, text string) {
	r, g, b := d.pdf.GetTextColor()
	dr, dg, db := d.pdf.GetDrawColor()
	lw := d.pdf.GetLineWidth()
	d.pdf.SetDrawColor(r, g, b)
	d.pdf.SetLineWidth(d.size * 0.012)
	d.pdf.SetTextRenderingMode(2)
	d.pdf.CellFormat(w, h, text, "", 0, "L", false, 0, "")
	d.pdf.SetTextRenderingMode(0)
	d.pdf.SetDrawColor(dr, dg, db)
	d.pdf.SetLineWidth(lw)
}

// fitting is how many of the runes, followed by tail, fit in width w: at
// least one, found by halving so that a very long word costs little.
func (d *doc) fitting(r []rune, w float64, tail string) int {
	lo, hi := 1, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.widthOf(string(r[:mid])+tail) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
