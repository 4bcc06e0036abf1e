package typeset

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// openUCD opens a gzipped Unicode conformance file from testdata/unicode
// and calls each for every line that is not a comment, with its number.
func openUCD(t *testing.T, name string, each func(n int, line string)) {
	t.Helper()
	f, err := os.Open("testdata/unicode/" + name)
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
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		each(n, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func hexRunes(t *testing.T, n int, fields []string) []rune {
	var rs []rune
	for _, f := range fields {
		v, err := strconv.ParseUint(f, 16, 32)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		rs = append(rs, rune(v))
	}
	return rs
}

// Every case of LineBreakTest.txt (Unicode 17.0.0, the version of the
// segmenter's rules and data): the break opportunities found are exactly
// those the file marks with ÷.
func TestLineBreakConformance(t *testing.T) {
	total, pass := 0, 0
	openUCD(t, "LineBreakTest.txt.gz", func(n int, line string) {
		var rs []rune
		var want []int // rune offsets after which a break is allowed
		for _, f := range strings.Fields(line) {
			switch f {
			case "÷":
				if len(rs) > 0 {
					want = append(want, len(rs))
				}
			case "×":
			default:
				rs = append(rs, hexRunes(t, n, []string{f})...)
			}
		}
		total++
		var got []int
		at := 0
		for _, sg := range Segments(string(rs)) {
			at += utf8.RuneCountInString(sg.Text)
			got = append(got, at)
		}
		if fmt.Sprint(got) == fmt.Sprint(want) {
			pass++
			return
		}
		if total-pass <= 10 {
			t.Errorf("LineBreakTest.txt:%d %q: breaks after %v, want %v", n, string(rs), got, want)
		}
	})
	t.Logf("LineBreakTest.txt: %d of %d cases pass", pass, total)
	if total < 10000 {
		t.Fatalf("only %d cases read from LineBreakTest.txt", total)
	}
	if pass != total {
		t.Errorf("LineBreakTest.txt: %d of %d cases fail", total-pass, total)
	}
}

// Every case of BidiCharacterTest.txt (Unicode 15.0.0, the version of
// x/text's bidi tables): the paragraph level, each character's resolved
// level and the visual order of the line are those the file gives.
func TestBidiCharacterConformance(t *testing.T) {
	total, pass := 0, 0
	openUCD(t, "BidiCharacterTest.txt.gz", func(n int, line string) {
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("BidiCharacterTest.txt:%d: %d fields", n, len(f))
		}
		rs := hexRunes(t, n, strings.Fields(f[0]))
		s := string(rs)
		var base Direction
		switch strings.TrimSpace(f[1]) {
		case "0":
			base = LeftToRight
		case "1":
			base = RightToLeft
		default:
			base = ParagraphDirection(s)
		}
		wantPara := strings.TrimSpace(f[2])
		wantLevels := strings.Fields(f[3])
		wantOrder := strings.Fields(f[4])
		total++

		lay := Resolve(s, base)
		gotPara := "0"
		if base == RightToLeft {
			gotPara = "1"
		}
		var gotLevels, gotOrder []string
		for i, r := range rs {
			if removed(r) {
				gotLevels = append(gotLevels, "x")
			} else {
				gotLevels = append(gotLevels, strconv.Itoa(int(lay.Levels[i])))
			}
		}
		for _, i := range lay.Order {
			if !removed(rs[i]) {
				gotOrder = append(gotOrder, strconv.Itoa(i))
			}
		}
		if gotPara == wantPara && fmt.Sprint(gotLevels) == fmt.Sprint(wantLevels) && fmt.Sprint(gotOrder) == fmt.Sprint(wantOrder) {
			pass++
			return
		}
		if total-pass <= 10 {
			t.Errorf("BidiCharacterTest.txt:%d %+q: paragraph %s levels %v order %v; want %s %v %v",
				n, s, gotPara, gotLevels, gotOrder, wantPara, wantLevels, wantOrder)
		}
	})
	t.Logf("BidiCharacterTest.txt: %d of %d cases pass", pass, total)
	if total < 90000 {
		t.Fatalf("only %d cases read from BidiCharacterTest.txt", total)
	}
	if pass != total {
		t.Errorf("BidiCharacterTest.txt: %d of %d cases fail", total-pass, total)
	}
}

// The mirroring table is BidiMirroring.txt, entry for entry, and every
// bracket x/text knows has its partner in it.
func TestMirrorTable(t *testing.T) {
	b, err := os.ReadFile("testdata/unicode/BidiMirroring.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		line, _, _ = strings.Cut(line, "#")
		a, m, ok := strings.Cut(line, ";")
		if !ok {
			continue
		}
		from, _ := strconv.ParseUint(strings.TrimSpace(a), 16, 32)
		to, _ := strconv.ParseUint(strings.TrimSpace(m), 16, 32)
		n++
		if mirrors[rune(from)] != rune(to) {
			t.Errorf("U+%04X mirrors to U+%04X, want U+%04X", from, mirrors[rune(from)], to)
		}
	}
	if n != len(mirrors) {
		t.Errorf("table has %d entries, the file %d", len(mirrors), n)
	}
	for r := rune(0); r < 0x30000; r++ {
		p, _ := bidi.LookupRune(r)
		if p.IsBracket() && r != 0x2329 && r != 0x232A && mirrors[r] == 0 {
			t.Errorf("bracket U+%04X has no mirror", r)
		}
	}
}
