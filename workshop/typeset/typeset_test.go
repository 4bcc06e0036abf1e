package typeset

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParagraphDirection(t *testing.T) {
	for s, want := range map[string]Direction{
		"":                         LeftToRight,
		"123":                      LeftToRight,
		"Warm-up: ما الذي":         LeftToRight,
		"ورقة اقتراع 2: Warm-up?":  RightToLeft,
		"(1) שלום":                 RightToLeft,
		"\u2067abc\u2069 שלום":     RightToLeft, // an isolate's text does not count
		"\u2066שלום\u2069 Welcome": LeftToRight,
	} {
		if got := ParagraphDirection(s); got != want {
			t.Errorf("ParagraphDirection(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestVisual(t *testing.T) {
	for _, c := range []struct {
		in   string
		base Direction
		want string
	}{
		{"plain text", LeftToRight, "plain text"},
		// A trailing neutral takes the paragraph's direction (UAX #9 N2)...
		{"ورقة اقتراع 2: Warm-up?", RightToLeft, "?Warm-up :2 عارتقا ةقرو"},
		// ...unless the title is isolated from the label around it.
		{"ورقة اقتراع 2: " + Isolate("Warm-up?"), RightToLeft, "Warm-up? :2 عارتقا ةقرو"},
		// Numbers keep their own order inside right-to-left text.
		{"الصفحة 1 من 12", RightToLeft, "12 نم 1 ةحفصلا"},
		// Brackets are mirrored at right-to-left levels.
		{"שלום (עולם)", RightToLeft, "(םלוע) םולש"},
		{"Hello (שלום) world", LeftToRight, "Hello (םולש) world"},
		// Combining marks stay after their base character.
		{"بَ", RightToLeft, "بَ"},
		// Explicit controls take no place on the line.
		{"a\u202Bאב\u202Cc", LeftToRight, "aבאc"},
	} {
		if got := Visual(c.in, c.base); got != c.want {
			t.Errorf("Visual(%q, %v) = %q, want %q", c.in, c.base, got, c.want)
		}
	}
}

// Lines of one paragraph are resolved together: an isolate opened on one
// line keeps its direction on the next, and each line reads as Visual
// would show it when the line stands alone.
func TestVisualLines(t *testing.T) {
	para := "الجولة 2: " + Isolate("Systems or individuals. Which do you look at first when something goes wrong?")
	lines := Wrap(para, 40, width)
	if len(lines) < 2 {
		t.Fatalf("%q", lines)
	}
	got := VisualLines(lines, RightToLeft)
	last := got[len(got)-1]
	if !strings.HasSuffix(last, "wrong?") || strings.HasPrefix(last, "?") {
		t.Errorf("the isolated question's last line reads %q", last)
	}
	if !strings.HasSuffix(got[0], "2 ةلوجلا") {
		t.Errorf("first line %q", got[0])
	}
	for i, l := range []string{"plain", "text"} {
		if g := VisualLines([]string{"plain", "text"}, LeftToRight)[i]; g != l {
			t.Errorf("left-to-right lines changed: %q", g)
		}
	}
	for _, c := range [][]string{{"שלום (עולם)", "ועוד"}, {"a b", "אב ג"}} {
		want := []string{Visual(c[0]+" ", RightToLeft), Visual(c[1], RightToLeft)}
		want[0] = strings.TrimLeft(want[0], " ")
		got := VisualLines(c, RightToLeft)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("VisualLines(%q) = %q, want %q", c, got, want)
		}
	}
}

// width counts runes: every character is one unit wide.
func width(s string) float64 { return float64(utf8.RuneCountInString(s)) }

func TestWrapFollowsUAX14(t *testing.T) {
	// Closing punctuation never starts a line, opening never ends one.
	text := "日本語の文章です。「引用」、そして続きます。"
	for w := 5.0; w <= 12; w++ { // 5: the widest unbreakable piece, 「引用」、
		for _, l := range Wrap(text, w, width) {
			if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("。、」）", r) {
				t.Errorf("width %v: line %q starts with %q", w, l, r)
			}
			if r, _ := utf8.DecodeLastRuneInString(l); r == '「' {
				t.Errorf("width %v: line %q ends with an opening bracket", w, l)
			}
		}
		if got := strings.Join(Wrap(text, w, width), ""); got != text {
			t.Errorf("width %v: lines join to %q", w, got)
		}
	}
}

func TestWrapBreaksAtSpacesAndNewlines(t *testing.T) {
	got := Wrap("Sort the behaviours into three groups\nthen vote", 16, width)
	want := []string{"Sort the", "behaviours into", "three groups", "then vote"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, l := range Wrap("a b c d e f g h", 3, width) {
		if width(l) > 3 {
			t.Errorf("line %q wider than 3", l)
		}
	}
	if got := Wrap("", 10, width); len(got) != 1 || got[0] != "" {
		t.Errorf("empty text gives %q, want one empty line", got)
	}
}

// Korean breaks between words, at spaces, never inside one.
func TestWrapKeepsKoreanWords(t *testing.T) {
	text := "회의 진행 방식에 대해 두 가지 변화를 제안하세요"
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	for _, l := range Wrap(text, 8, width) {
		for _, w := range strings.Fields(l) {
			if !words[w] {
				t.Errorf("line %q holds %q, part of a word", l, w)
			}
		}
	}
}

// A word with no break opportunity wider than a line is cut, and every cut
// between letters is marked with a hyphen.
func TestWrapCutsLongWordsWithHyphen(t *testing.T) {
	lines := Wrap("Implementierungsverantwortlichkeiten sind klar", 10, width)
	if len(lines) < 4 {
		t.Fatalf("got %q", lines)
	}
	joined := ""
	for i, l := range lines {
		if width(l) > 10 {
			t.Errorf("line %q wider than 10", l)
		}
		if i < 3 && !strings.HasSuffix(l, "-") {
			t.Errorf("cut line %q has no hyphen", l)
		}
		joined += strings.TrimSuffix(l, "-") + " "
	}
	if !strings.HasPrefix(strings.ReplaceAll(joined, " ", ""), "Implementierungsverantwortlichkeitensindklar") {
		t.Errorf("text lost: %q", joined)
	}
	// Ideographs are cut without a hyphen.
	for _, l := range Wrap(strings.Repeat("漢", 25), 10, width) {
		if strings.Contains(l, "-") {
			t.Errorf("hyphen in %q", l)
		}
	}
}

// A 100,000-character word is laid out in one pass: each character is
// measured a bounded number of times.
func TestWrapIsLinear(t *testing.T) {
	word := strings.Repeat("x", 100000)
	calls := 0
	count := func(s string) float64 { calls++; return width(s) }
	lines := Wrap(word, 50, count)
	if len(lines) < 2000 {
		t.Fatalf("%d lines", len(lines))
	}
	if calls > 3*100000 {
		t.Errorf("%d measurements for 100,000 characters", calls)
	}
}

func BenchmarkWrapLongWord(b *testing.B) {
	word := strings.Repeat("x", 100000)
	for b.Loop() {
		Wrap(word, 50, width)
	}
}

// A cut leaves at least three letters on either side, prefers a capital
// or a syllable, and never hyphenates Hebrew or Arabic.
func TestCutsLeaveThreeLettersAndPreferSyllables(t *testing.T) {
	for _, word := range []string{"Gefährdungsbeurteilung", "Bildschirmarbeitsplätze", "Betriebsratsvorsitzende", "GoogleMeet", "Implementierungsverantwortlichkeiten"} {
		for w := 6.0; w <= float64(len([]rune(word))); w++ {
			lines := Wrap(word, w, width)
			for _, l := range lines {
				if n := len([]rune(strings.TrimSuffix(l, "-"))); n < 3 {
					t.Errorf("%s at %v: %q leaves %d letters: %q", word, w, l, n, lines)
				}
				if width(l) > w {
					t.Errorf("%s at %v: %q is wider than the line", word, w, l)
				}
			}
			if got := strings.ReplaceAll(strings.Join(lines, ""), "-", ""); got != word {
				t.Errorf("%s at %v: reads back %q", word, w, got)
			}
		}
	}
	for word, want := range map[string]string{
		"GoogleMeet":              "Google-",
		"Betriebsratsvorsitzende": "Betriebs-",
	} {
		if got := Wrap(word, 9, width)[0]; got != want {
			t.Errorf("%s cut as %q, want %q", word, got, want)
		}
	}
	for _, word := range []string{"חדשנותחדשנותחדשנות", "الابتكاراتالابتكارات"} {
		for _, l := range Wrap(word, 5, width) {
			if strings.Contains(l, "-") {
				t.Errorf("%q cut with a hyphen: %q", word, l)
			}
		}
	}
}
