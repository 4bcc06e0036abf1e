package ui

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"testing"

	"runsheet/workshop/typeset"
)

// asFyneDraws is what Fyne shows for pieces drawn side by side: each
// piece set as a left-to-right paragraph (Fyne's bidi), so a piece of
// right-to-left letters comes out reversed.
func asFyneDraws(pieces []string) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(typeset.Visual(p, typeset.LeftToRight))
	}
	return b.String()
}

// The pieces a projector line is drawn in read, once Fyne has set each,
// in the order UAX #9 gives the line: the lines the room reported out of
// order, and every line of the standard's conformance file.
func TestProjectorLinesReadInVisualOrder(t *testing.T) {
	for _, line := range []string{
		"2 / 7  ·  السؤال 1 من 12",
		"رمز القاعة AYB3L",
		"الإجابة المتوقعة: Implement",
		"يضع أهداف الربع القادم (Q3) في 3 خطوات",
		"تنفيذ   ·   ابتكار",
		"Plain English, untouched.",
	} {
		for _, base := range []typeset.Direction{typeset.RightToLeft, typeset.LeftToRight} {
			if got, want := asFyneDraws(visualPieces(line, base)), typeset.Visual(line, base); got != want {
				t.Errorf("%q (%s): drawn %q, want %q", line, base, got, want)
			}
		}
	}

	f, err := os.Open("../workshop/typeset/testdata/unicode/BidiCharacterTest.txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n, cases, bad := 0, 0, 0
	for sc.Scan() {
		n++
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Split(line, ";")
		if len(fields) != 5 {
			continue
		}
		var rs []rune
		for _, h := range strings.Fields(fields[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			rs = append(rs, rune(v))
		}
		var base typeset.Direction
		switch strings.TrimSpace(fields[1]) {
		case "0":
			base = typeset.LeftToRight
		case "1":
			base = typeset.RightToLeft
		default:
			continue
		}
		s := string(rs)
		if strings.ContainsAny(s, "\u2029\n\r\u001c\u001d\u001e\u0085\u000b\u001f\t") {
			continue // a line on the projector holds no separators
		}
		cases++
		if got, want := asFyneDraws(visualPieces(s, base)), typeset.Visual(s, base); got != want {
			bad++
			if bad <= 5 {
				t.Errorf("BidiCharacterTest.txt:%d %+q (%s): drawn %+q, want %+q", n, s, base, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d conformance lines drawn out of order", bad, cases)
	}
	t.Logf("%d conformance lines drawn in order", cases)
}
