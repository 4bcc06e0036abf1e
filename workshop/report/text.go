package report

import (
	"strings"
	"unicode"
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
// reported), and Arabic is shaped.
func (d *doc) prepare(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B':
		case faceFor(r) == nil:
			d.missing[r] = true
		default:
			b.WriteRune(r)
		}
	}
	return shapeArabic(b.String())
}

// rtl reports a character written right to left: Hebrew and Arabic,
// including Arabic's presentation forms.
func rtl(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// strong reports a character with a direction of its own: letters.
// Digits, spaces and punctuation take the direction around them.
func strong(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) && rtl(r) }

// visual puts one line of text in the order it is drawn, left to right: a
// simplified bidi algorithm for the lines people write in these documents.
// The line's direction is that of its first letter; a run of neutrals
// between two runs of the same direction takes it, others take the
// line's; right-to-left runs are reversed with their brackets mirrored,
// and in a right-to-left line the runs are laid out from the right.
func visual(line string) string {
	rs := []rune(line)
	if len(rs) == 0 {
		return line
	}
	base := false
	for _, r := range rs {
		if strong(r) {
			base = rtl(r)
			break
		}
	}
	dir := make([]bool, len(rs)) // true: right to left
	known := make([]bool, len(rs))
	for i, r := range rs {
		if strong(r) {
			dir[i], known[i] = rtl(r), true
		} else if unicode.IsDigit(r) {
			dir[i], known[i] = false, true // numbers read left to right everywhere
		}
	}
	// A separator between two digits belongs to the number: "1:30", "3,5".
	for i := 1; i+1 < len(rs); i++ {
		if strings.ContainsRune(":.,/", rs[i]) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			dir[i], known[i] = false, true
		}
	}
	for i := 0; i < len(rs); {
		if known[i] {
			i++
			continue
		}
		j := i
		for j < len(rs) && !known[j] {
			j++
		}
		d := base
		if i > 0 && j < len(rs) && dir[i-1] == dir[j] && (strong(rs[i-1]) && strong(rs[j])) {
			d = dir[i-1]
		}
		for k := i; k < j; k++ {
			dir[k] = d
		}
		i = j
	}
	type run struct {
		rtl  bool
		text []rune
	}
	var runs []run
	for i, r := range rs {
		if len(runs) == 0 || runs[len(runs)-1].rtl != dir[i] {
			runs = append(runs, run{rtl: dir[i]})
		}
		runs[len(runs)-1].text = append(runs[len(runs)-1].text, r)
	}
	if base {
		for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
			runs[i], runs[j] = runs[j], runs[i]
		}
	}
	var b strings.Builder
	for _, rn := range runs {
		if !rn.rtl {
			b.WriteString(string(rn.text))
			continue
		}
		for i := len(rn.text) - 1; i >= 0; i-- {
			b.WriteRune(mirror(rn.text[i]))
		}
	}
	return b.String()
}

func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '«':
		return '»'
	case '»':
		return '«'
	}
	return r
}

// pieces splits visual text into runs of one face each; a neutral
// character stays in the run it falls in when that face can print it.
func pieces(s string) []piece {
	var out []piece
	for _, r := range s {
		f := faceFor(r)
		if n := len(out); n > 0 && (out[n-1].f == f || neutral(r) && out[n-1].f.has(r)) {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, piece{f: f, text: string(r)})
	}
	return out
}

// breakable reports a character a line may break after without a space:
// Chinese and Japanese are written without spaces between words.
func breakable(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// tokens splits a paragraph into the pieces a line may break between:
// words with the spaces after them, and single CJK characters.
func tokens(para string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	prevSpace := false
	for _, r := range para {
		switch {
		case breakable(r):
			flush()
			cur.WriteRune(r)
			flush()
			prevSpace = false
		case r == ' ':
			cur.WriteRune(r)
			prevSpace = true
		default:
			if prevSpace {
				flush()
			}
			cur.WriteRune(r)
			prevSpace = false
		}
	}
	flush()
	return out
}

// useFace selects a face at the current style and size, adding it to the
// document the first time.
func (d *doc) useFace(f *face) {
	st := f.style(d.style)
	key := f.family + "/" + st
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

// wrap breaks prepared text into lines no wider than w, at spaces where it
// can and inside a word only when the word alone is too wide.
func (d *doc) wrap(w float64, s string) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line, lineW := "", 0.0
		for _, tok := range tokens(para) {
			tw := d.widthOf(tok)
			if line != "" && lineW+d.widthOf(strings.TrimRight(tok, " ")) > w {
				lines = append(lines, strings.TrimRight(line, " "))
				line, lineW = "", 0
			}
			for line == "" && tw > w && len([]rune(tok)) > 1 {
				// A word wider than the line is broken where it must be.
				r := []rune(tok)
				n := d.fitting(r, w, "")
				lines = append(lines, string(r[:n]))
				tok = string(r[n:])
				tw = d.widthOf(tok)
			}
			line += tok
			lineW += tw
		}
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// drawLine draws one line of prepared text in a box of width w at the
// current position, aligned "L", "C" or "R", and leaves the position at
// the start of the next line.
func (d *doc) drawLine(x, w float64, line, align string) {
	if d.rtl {
		x = d.boxX(x, w)
		align = map[string]string{"L": "R", "R": "L"}[align] + strings.Trim(align, "LR")
	}
	lh := d.lineHeight()
	vis := pieces(visual(line))
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
