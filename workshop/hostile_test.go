package workshop

import (
	"strings"
	"testing"
)

// A problem quotes a text as it is, joiners and all, and escapes only
// what it may not hold; cleaning a text keeps Windows line breaks as line
// breaks and never leaves a joiner with nothing to join.
func TestQuoteAndCleanText(t *testing.T) {
	if got := quote("a\u202eb\"\u200c"); got != `"a\u202eb\"\u200c"` {
		t.Errorf("quote: %s", got)
	}
	if got := CleanText("notes\r\ntyped on Windows\r", true); got != "notes\ntyped on Windows" {
		t.Errorf("CleanText of Windows line breaks: %q", got)
	}
	// Cleaning never leaves a joiner with nothing to join.
	for _, in := range []string{"a\u200d\ufffd", "a\u200d\u202eb", "a\u200d\u200db", "\u202e\u200da", "a\u200c\x00"} {
		if out := CleanText(in, false); CheckText(out, false) != "" {
			t.Errorf("CleanText(%q) = %q, which is refused: %s", in, out, CheckText(out, false))
		}
	}
}

// What CleanText leaves is never refused, and cleaning it again changes
// nothing.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"plain", "a\u200d\ufffd", "می\u200cخواهم", "👩\u200d💻", "x\u202ey\x1b[2J", "\xff\u200c",
		"\ufe0f\u200dc", "🏳\ufe0f\u200d🌈", "a" + strings.Repeat("\u0301\u00ad", 9) + "\u200d\u0301", "e\ufe0f\u200d\ufe0fx"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		out := CleanText(s, multiline)
		if msg := CheckText(out, multiline); msg != "" {
			t.Fatalf("CleanText(%q) = %q, which %s", s, out, msg)
		}
		if again := CleanText(out, multiline); again != out {
			t.Fatalf("cleaning %q again gave %q", out, again)
		}
	})
}

// A character dropped between words leaves them apart, and a terminal's
// escape takes its whole sequence with it.
func TestCleanTextKeepsWordsApart(t *testing.T) {
	for in, want := range map[string]string{
		"zw\u200bbom":        "zw bom",
		"a\ufeffb":           "a b",
		"a\u2060b":           "a b",
		"\x1b[31mred\x1b[0m": "red",
		"\x1b]0;title\x07ok": "ok",
		"a\x00b":             "a b",
		"a\x00 b":            "a b",
		"\x00ab\x01":         "ab",
		"so\u00adft":         "soft",
		"e\u0301":            "e\u0301",
	} {
		if got := CleanText(in, false); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
