package report

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
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
	// Warn receives a message for each character no font could print; it
	// is printed as a visible replacement instead.
	Warn func(string)
}

// Margins that survive office printers, which cannot print the outer 5 mm.
const (
	marginSide   = 18.0
	marginTop    = 16.0
	marginBottom = 20.0
	primary      = "go"
)

// fontFile is a font that can print some characters.
type fontFile struct {
	family string
	data   []byte
	font   *sfnt.Font
}

func parseFont(family string, data []byte) *fontFile {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	return &fontFile{family: family, data: data, font: f}
}

func (f *fontFile) has(r rune) bool {
	var buf sfnt.Buffer
	g, err := f.font.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// fallbackPaths lists fonts with wider coverage that systems commonly have:
// Arabic and Hebrew in DejaVu, Chinese, Japanese and Korean in Droid or Noto.
var fallbackPaths = []string{
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
	"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
	"/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
	"/Library/Fonts/Arial Unicode.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	`C:\Windows\Fonts\arialuni.ttf`,
	`C:\Windows\Fonts\seguisym.ttf`,
}

var (
	fontsOnce sync.Once
	goFont    *fontFile
	fallbacks []*fontFile
)

// loadFonts parses the embedded font and finds the system's fallbacks, once.
func loadFonts() {
	fontsOnce.Do(func() {
		goFont = parseFont(primary, goregular.TTF)
		for i, p := range fallbackPaths {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			if f := parseFont(fmt.Sprintf("fallback%d", i), data); f != nil {
				fallbacks = append(fallbacks, f)
			}
		}
	})
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
	fonts   []*fontFile // fallbacks added to this document
}

func newDoc(opts Options, title, kind string) *doc {
	loadFonts()
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
	pdf.SetTitle(title, true)
	pdf.SetCreator("Runsheet", true)
	pdf.AddUTF8FontFromBytes(primary, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(primary, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(primary, "I", goitalic.TTF)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.AliasNbPages("{nb}")
	w, _ := pdf.GetPageSize()
	d := &doc{pdf: pdf, opts: opts, width: w - 2*marginSide, missing: map[rune]bool{}}
	footer := d.clean(kind + " · " + title)
	pdf.SetFooterFunc(func() {
		// The footer is drawn in the middle of other text when a page
		// breaks; keep that text's font.
		style, size := d.style, d.size
		defer func() { d.style, d.size = style, size }()
		pdf.SetY(-marginBottom + 6)
		d.setFont("", 8)
		pdf.SetTextColor(90, 90, 90)
		fam, text := d.prep(footer)
		pdf.SetFont(fam, d.styleFor(fam), 8)
		pdf.CellFormat(d.width*0.75, 5, truncate(text, 110), "", 0, "L", false, 0, "")
		pdf.SetFont(primary, "", 8)
		pdf.CellFormat(d.width*0.25, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	return d
}

// finish writes the document, reporting gofpdf's sticky error once, and
// says which characters had to be replaced.
func (d *doc) finish(w io.Writer) error {
	if len(d.missing) > 0 && d.opts.Warn != nil {
		var rs []rune
		for r := range d.missing {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = fmt.Sprintf("U+%04X", r)
		}
		d.opts.Warn(fmt.Sprintf("no installed font can print %d character(s) (%s); they are printed as [U+…] codes", len(rs), strings.Join(names, " ")))
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("cannot write the PDF: %w", err)
	}
	return nil
}

func (d *doc) setFont(style string, size float64) {
	d.style, d.size = style, size
	d.pdf.SetFont(primary, style, size)
}

// styleFor is the style to use in a family: fallback fonts come in regular only.
func (d *doc) styleFor(family string) string {
	if family == primary {
		return d.style
	}
	return ""
}

// clean makes text printable: tabs become spaces, other control characters
// (except line breaks) and characters beyond the fonts' range become
// visible codes.
func (d *doc) clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r':
		case unicode.IsControl(r) || r > 0xFFFF:
			d.missing[r] = true
			fmt.Fprintf(&b, "[U+%04X]", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// prep picks the font that prints most of s: the embedded one when it
// can print everything, else whichever font (embedded or a system
// fallback) covers the most characters. Characters the chosen font lacks
// are replaced by visible codes and reported, never dropped.
func (d *doc) prep(s string) (family, text string) {
	s = d.clean(s)
	best, bestMissing := goFont, countMissing(goFont, s)
	if bestMissing == 0 {
		return primary, s
	}
	for _, f := range fallbacks {
		if n := countMissing(f, s); n < bestMissing {
			best, bestMissing = f, n
		}
	}
	if best != goFont {
		d.useFont(best)
	}
	var b strings.Builder
	for _, r := range s {
		if r != '\n' && !best.has(r) {
			d.missing[r] = true
			fmt.Fprintf(&b, "[U+%04X]", r)
			continue
		}
		b.WriteRune(r)
	}
	return best.family, b.String()
}

func countMissing(f *fontFile, s string) int {
	n := 0
	for _, r := range s {
		if r != '\n' && !f.has(r) {
			n++
		}
	}
	return n
}

func (d *doc) useFont(f *fontFile) {
	for _, have := range d.fonts {
		if have == f {
			return
		}
	}
	d.pdf.AddUTF8FontFromBytes(f.family, "", f.data)
	d.fonts = append(d.fonts, f)
}

// use selects the font for s at the current style and size and returns the
// text to print.
func (d *doc) use(s string) string {
	fam, text := d.prep(s)
	d.pdf.SetFont(fam, d.styleFor(fam), d.size)
	return text
}

// restore goes back to the embedded font after printing with a fallback.
func (d *doc) restore() { d.pdf.SetFont(primary, d.style, d.size) }

// lineHeight is the line spacing for the current font size, in mm.
func (d *doc) lineHeight() float64 { return d.size * 0.47 }

// para writes wrapped text across width w at the current position.
func (d *doc) para(w float64, s, align string) {
	text := d.use(s)
	d.pdf.MultiCell(w, d.lineHeight(), text, "", align, false)
	d.restore()
}

// textHeight is the height wrapped text takes across width w.
func (d *doc) textHeight(w float64, s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	text := d.use(s)
	n := len(d.pdf.SplitText(text, w))
	d.restore()
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
	d.pdf.Line(marginSide, y, marginSide+d.width, y)
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
		d.pdf.Line(marginSide, y, marginSide+d.width, y)
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
	d.pdf.Rect(x+(w-s)/2, y+(h-s)/2, s, s, "D")
	d.pdf.SetLineWidth(0.2)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
