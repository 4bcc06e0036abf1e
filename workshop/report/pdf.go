package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"

	"runsheet/assets"
	"runsheet/workshop/typeset"
	"runsheet/workshop/words"

	"github.com/jung-kurt/gofpdf"
)

// Paper is a page size the documents can be printed on.
type Paper string

// The supported paper sizes.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper reads a paper size as typed on the command line.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4", "":
		return A4, nil
	case "letter", "us-letter", "us":
		return Letter, nil
	}
	return "", fmt.Errorf("unknown paper size %q; use a4 or letter", s)
}

// Options shape a printed document.
type Options struct {
	Paper Paper
	// Created is the date printed on the document and stored in it; fixing
	// it makes the output the same, byte for byte, every time.
	Created time.Time
	// Warn receives the characters no font could print, in order, once a
	// document is made; each is printed as a visible replacement instead.
	Warn func(missing []rune)
	// pages is the number of pages, once a first pass has counted them.
	pages int
	// Language is the code of the language the document's own words are
	// in (see package words); empty for English. The handout takes its
	// plan's when this is empty.
	Language string
}

// pagesAlias stands for the number of pages until the document is done.
const pagesAlias = "NBPAGESZ"

// Margins that survive office printers, which cannot print the outer 5 mm.
const (
	marginSide   = 18.0
	marginTop    = 16.0
	marginBottom = 20.0
)

// fontData reads an embedded font file.
func fontData(name string) ([]byte, error) {
	data, err := assets.Fonts.ReadFile("fonts/" + name)
	if err != nil {
		return nil, fmt.Errorf("font %s missing from the binary: %w", name, err)
	}
	return data, nil
}

// doc is a document being written, with the font and layout helpers the
// three documents share.
type doc struct {
	pdf     *gofpdf.Fpdf
	opts    Options
	style   string
	size    float64
	width   float64 // printable width
	missing map[rune]bool
	added   map[string]bool // faces and styles added to this document
	words   *words.Words    // the document's own words
	// rtl lays the document out right to left, mirrored, for a language
	// written that way; the text in each line keeps its own order.
	rtl bool
	// listDir is the direction of the list being set, if any (see inList).
	listDir *typeset.Direction
	// base, when set, is the direction of every paragraph (see labelled).
	base *typeset.Direction
	// cont is the title of the exercise being set: a page it runs on to
	// opens with it, marked as continued, so that no heading, round or
	// table starts a page without its exercise.
	cont string
	// current and currentSize are the face and size last selected.
	current     string
	currentSize float64
	// tableHeader, when set, is drawn at the top of every new page, under
	// the continued title: the header of a table running over pages.
	tableHeader func()
}

// newDoc begins a document titled title, in opts.Language or else lang
// (the plan's or the session's); kind is the id of the words naming the
// kind of document, printed with the title in every page's footer.
func newDoc(opts Options, lang, title, kind string) *doc {
	loadFaces()
	if opts.Language == "" {
		opts.Language = lang
	}
	if opts.Paper == "" {
		opts.Paper = A4
	}
	size := "A4"
	if opts.Paper == Letter {
		size = "Letter"
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: size})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opts.Created)
	pdf.SetModificationDate(opts.Created)
	// The title names the document as well as its plan, so that the
	// handout, the guide and the summary of one plan are told apart in a
	// reader's title bar and a screen reader's list.
	pdf.SetTitle(metadataText(words.For(opts.Language).Say(kind)+" · "+title), true)
	pdf.SetCreator("Runsheet", true)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	// Text is placed exactly where the layout puts it: gofpdf's default
	// cell padding would push every line, and every digit centred in a
	// tick box, a millimetre to the right.
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(true, marginBottom)
	// The page count's stand-in is letters only, so that a right-to-left
	// line keeps it whole for the count to replace.
	pdf.AliasNbPages(pagesAlias)
	w, _ := pdf.GetPageSize()
	d := &doc{pdf: pdf, opts: opts, width: w - 2*marginSide, missing: map[rune]bool{}, added: map[string]bool{}, words: words.For(opts.Language)}
	d.rtl = d.words.RTL
	footer := d.words.Say(kind) + " · " + iso(title)
	pdf.SetHeaderFunc(d.pageHeader)
	pdf.SetFooterFunc(func() {
		// The footer is drawn in the middle of other text when a page
		// breaks; keep that text's font.
		style, size := d.style, d.size
		defer d.setFont(style, size)
		pdf.SetY(-marginBottom + 6)
		d.setFont("", 8)
		pdf.SetTextColor(90, 90, 90)
		d.cell(marginSide, d.width*0.75, footer, "L")
		pdf.SetY(-marginBottom + 6)
		pages := pagesAlias
		if d.opts.pages > 0 {
			pages = fmt.Sprint(d.opts.pages)
		}
		d.cell(marginSide+d.width*0.75, d.width*0.25, d.words.Say("doc.page_of", "Page", pdf.PageNo(), "Pages", pages), "R")
		pdf.SetTextColor(0, 0, 0)
	})
	return d
}

// pageHeader opens a page: the exercise running on to it, marked as
// continued, and the header of a table running on to it.
func (d *doc) pageHeader() {
	if d.cont == "" && d.tableHeader == nil {
		return
	}
	// A page is added in the middle of other text: keep its font.
	style, size := d.style, d.size
	r, g, b := d.pdf.GetTextColor()
	defer func() {
		d.setFont(style, size)
		d.pdf.SetTextColor(r, g, b)
	}()
	d.pdf.SetY(marginTop)
	if d.cont != "" {
		d.setFont("B", 10)
		d.pdf.SetTextColor(90, 90, 90)
		d.para(d.width, d.words.Say("doc.continued", "Title", d.cont), "L")
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.Ln(1.5)
	}
	if d.tableHeader != nil {
		d.tableHeader()
	}
}

// metadataText is s as the document's properties can hold it: characters
// no face prints (such as emoji) are left out there too.
func metadataText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || faceFor(r) == nil {
			return -1
		}
		return r
	}, s)
}

// finish writes the document, reporting gofpdf's sticky error once, and
// says which characters had to be replaced.
// CodePoints names characters by their code points: "U+1F642 U+1F680".
func CodePoints(rs []rune) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = fmt.Sprintf("U+%04X", r)
	}
	return strings.Join(names, " ")
}

// twoPass makes a document twice, the second time knowing its number of
// pages, so that "Page 1 of 3" is set whole: a count filled in after the
// page is drawn leaves a gap where its stand-in was wider, in the middle of
// a right-to-left footer.
func twoPass(w io.Writer, opts Options, build func(Options) *doc) error {
	d := build(opts)
	if d.pdf.Error() == nil {
		opts.pages = d.pdf.PageNo()
		d = build(opts)
	}
	return d.finish(w)
}

func (d *doc) finish(w io.Writer) error {
	if len(d.missing) > 0 && d.opts.Warn != nil {
		var rs []rune
		for r := range d.missing {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		d.opts.Warn(rs)
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	withEmoji, err := withEmojiText(buf.Bytes())
	if err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	out, err := withLanguage(withEmoji, d.words.Code)
	if err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	return nil
}

// withLanguage gives a PDF that gofpdf wrote the two catalog entries it
// has no call for: the document's language (/Lang), which a screen reader
// needs to speak it in the right voice, and /DisplayDocTitle, which makes
// a reader's title bar show the title rather than the file's name. gofpdf
// writes the catalog last, just before the cross-reference table, so only
// the table's own offset (startxref) moves.
func withLanguage(pdf []byte, lang string) ([]byte, error) {
	const catalog = "/Type /Catalog\n" // words: PDF syntax
	at := bytes.LastIndex(pdf, []byte(catalog))
	const startxref = "startxref\n" // words: PDF syntax
	xref := bytes.LastIndex(pdf, []byte(startxref))
	if at < 0 || xref < at || lang == "" || strings.ContainsAny(lang, "()\\") {
		return nil, fmt.Errorf("no catalog to give the language %q", lang)
	}
	var offset int
	if _, err := fmt.Sscanf(string(pdf[xref+len(startxref):]), "%d", &offset); err != nil {
		return nil, fmt.Errorf("reading the PDF's startxref: %w", err)
	}
	entries := fmt.Sprintf("/Lang (%s)\n/ViewerPreferences << /DisplayDocTitle true >>\n", lang) // words: PDF syntax
	at += len(catalog)
	out := make([]byte, 0, len(pdf)+len(entries)+4)
	out = append(out, pdf[:at]...)
	out = append(out, entries...)
	out = append(out, pdf[at:xref]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", offset+len(entries)) // words: PDF syntax
	// Both entries came with PDF 1.4; the header says so, in as many bytes.
	if bytes.HasPrefix(out, []byte("%PDF-1.3")) { // words: the file format's header
		copy(out, "%PDF-1.4") // words: the file format's header
	}
	return out, nil
}

func (d *doc) setFont(style string, size float64) {
	d.style, d.size = style, size
	d.useFace(textFace)
}

// cell writes one line of text in a box of width w at x on the current
// line, cut with an ellipsis if it is too long.
func (d *doc) cell(x, w float64, s, align string) {
	text := d.prepare(strings.ReplaceAll(s, "\n", " "))
	if d.widthOf(text) > w {
		r := []rune(text)
		text = string(r[:d.fitting(r, w, "…")]) + "…"
	}
	y := d.pdf.GetY()
	base := d.baseOf(text)
	d.drawLine(x, w, typeset.Visual(text, base), align, base)
	d.pdf.SetY(y)
	d.setFont(d.style, d.size)
}

// mirrorX is where x is drawn: itself, or mirrored about the page's centre
// in a right-to-left document.
func (d *doc) mirrorX(x float64) float64 {
	if !d.rtl {
		return x
	}
	pw, _ := d.pdf.GetPageSize()
	return pw - x
}

// boxX is where a box of width w laid out at x is drawn.
func (d *doc) boxX(x, w float64) float64 {
	if !d.rtl {
		return x
	}
	return d.mirrorX(x) - w
}

// rect draws a rectangle laid out at (x, y), mirrored in a right-to-left
// document; line draws a line the same way.
func (d *doc) rect(x, y, w, h float64, style string) { d.pdf.Rect(d.boxX(x, w), y, w, h, style) }
func (d *doc) line(x1, y1, x2, y2 float64)           { d.pdf.Line(d.mirrorX(x1), y1, d.mirrorX(x2), y2) }

// lineHeight is the line spacing for the current font size, in mm.
func (d *doc) lineHeight() float64 { return d.size * 0.47 }

// para writes wrapped text across width w at the current position, and
// leaves the position at the left margin under it.
func (d *doc) para(w float64, s, align string) {
	x := d.pdf.GetX()
	s = d.prepare(s)
	size := d.size
	for _, p := range strings.Split(s, "\n") {
		base := d.baseOf(p)
		if f := d.unhyphenated(w, p); f < 1 {
			d.setFont(d.style, size*f)
		}
		for _, line := range typeset.VisualLines(d.wrap(w, p), base) {
			d.drawLine(x, w, line, align, base)
			d.pdf.SetX(x)
		}
		d.setFont(d.style, size)
	}
	d.pdf.SetX(marginSide)
	d.setFont(d.style, d.size)
}

// textHeight is the height wrapped text takes across width w.
func (d *doc) textHeight(w float64, s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	n := len(d.wrap(w, d.prepare(s)))
	d.setFont(d.style, d.size)
	return float64(n) * d.lineHeight()
}

// cellText writes wrapped text in a box at (x, y) of width w.
func (d *doc) cellText(x, y, w float64, s, align string) {
	d.pdf.SetXY(x, y)
	d.para(w, s, align)
}

// need starts a new page unless h mm fit below the current position.
func (d *doc) need(h float64) bool {
	_, ph := d.pdf.GetPageSize()
	if d.pdf.GetY()+h > ph-marginBottom {
		d.pdf.AddPage()
		return true
	}
	return false
}

// heading writes a section heading, kept with at least keep mm of what follows.
func (d *doc) heading(s string, size, keep float64) {
	d.setFont("B", size)
	d.need(d.textHeight(d.width, s) + keep)
	d.pdf.Ln(1)
	d.para(d.width, s, "L")
	d.pdf.Ln(1)
}

// titleBlock opens the first page with the document's title and details.
func (d *doc) titleBlock(kind, title string, details []string) {
	d.pdf.AddPage()
	d.setFont("", 10)
	d.pdf.SetTextColor(90, 90, 90)
	d.para(d.width, kind, "L")
	d.pdf.SetTextColor(0, 0, 0)
	d.setFont("B", 20)
	d.para(d.width, title, "L")
	d.pdf.Ln(1)
	d.setFont("", 10)
	for _, line := range details {
		d.para(d.width, line, "L")
	}
	d.pdf.Ln(2)
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.5)
	d.line(marginSide, y, marginSide+d.width, y)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Ln(4)
}

// writingLines draws n ruled lines to write on, kept on one page.
func (d *doc) writingLines(n int) {
	const gap = 8.0
	d.need(float64(n) * gap)
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.2)
	for i := 0; i < n; i++ {
		y := d.pdf.GetY() + gap
		d.line(marginSide, y, marginSide+d.width, y)
		d.pdf.SetY(y)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.Ln(3)
}

// box draws an empty tick box centred in a cell.
func (d *doc) box(x, y, w, h float64) {
	const s = 5.0
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.35)
	d.rect(x+(w-s)/2, y+(h-s)/2, s, s, "D")
	d.pdf.SetLineWidth(0.2)
}

// keptTable lays out a table whose rows never split: the whole table moves
// to the next page when it fits there; a longer one breaks leaving at
// least three rows on either side, its header drawn again after the break.
func (d *doc) keptTable(headerH float64, heights []float64, header func(), row func(i int)) {
	d.keptTableWith(headerH, heights, 0, header, row)
}

// keptTableWith is keptTable for a table followed by tail mm that belong
// to it (a note on the items nobody voted on): the tail stays on the page
// of the table's last rows.
func (d *doc) keptTableWith(headerH float64, heights []float64, tail float64, header func(), row func(i int)) {
	_, ph := d.pdf.GetPageSize()
	page := ph - marginTop - marginBottom
	sum := func(from, to int) float64 {
		h := 0.0
		for _, x := range heights[from:to] {
			h += x
		}
		return h
	}
	n := len(heights)
	total := headerH + sum(0, n) + tail
	if total > d.room() && (total <= page || headerH+sum(0, min(3, n)) > d.room()) {
		d.pdf.AddPage()
	}
	header()
	for i := range heights {
		breakHere := heights[i] > d.room() ||
			// Leave no fewer than three rows for the last page, with
			// what follows the table.
			n-i == min(3, n) && i > 0 && sum(i, n)+tail > d.room()
		if breakHere {
			d.pdf.AddPage()
			header()
		}
		row(i)
	}
}
