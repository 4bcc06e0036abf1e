package report

import (
	"testing"

	"golang.org/x/image/font/sfnt"

	"runsheet/assets"
)

// Every emoji the table names has a glyph at its code in the embedded
// face, the face has no glyph in the Private Use Area beyond them, and a
// code reads back as its emoji.
func TestEmojiCodesMatchTheFace(t *testing.T) {
	data, err := assets.Fonts.ReadFile("fonts/Symbola-Emoji.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	has := func(r rune) bool {
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}
	n := 0
	for _, rg := range emojiRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			c, ok := emojiCode(r)
			if !ok || c < privateUse || c > 0xF8FF {
				t.Fatalf("%U has no code in the Private Use Area: %U %v", r, c, ok)
			}
			if !has(c) {
				t.Errorf("%U (at %U) has no glyph", r, c)
			}
			if back := emojiOf(c); back != r {
				t.Errorf("%U reads back as %U", c, back)
			}
			n++
		}
	}
	for c := rune(privateUse) + rune(n); c <= 0xF8FF; c++ {
		if has(c) {
			t.Errorf("the face has a glyph at %U that no emoji is printed at", c)
		}
	}
	for _, r := range []rune{0x1F44D, 0x1F642, 0x1F91D} {
		if _, ok := emojiCode(r); !ok {
			t.Errorf("%U has no code", r)
		}
	}
	for _, r := range []rune{0xE000, 0xF8FF, 0x1FAFF, 0x20000, 0x10FFFF} {
		if c, ok := emojiCode(r); ok {
			t.Errorf("%U is printed at %U; it should be left out", r, c)
		}
	}
}

// emojiOf is the character printed at code c of the Private Use Area, or 0.
func emojiOf(c rune) rune {
	code := rune(privateUse)
	for _, rg := range emojiRanges {
		n := rg[1] - rg[0] + 1
		if c < code+n {
			if c < code {
				return 0
			}
			return rg[0] + c - code
		}
		code += n
	}
	return 0
}
