package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// fallbackInk is the share taken when the face cannot be read: low, so
// that type set by it errs on the large side.
const fallbackInk = 0.8

var (
	inkMu     sync.Mutex
	inkShares = map[string]float32{}
)

// inkShare is the height a line of text draws, from the top of a capital
// to the foot of a descender ("Hp"), as a share of its type size, in the
// app's face for style (0.95 in Noto Sans). What the back row reads is
// the ink, not the size: type floors are set on this.
func inkShare(style fyne.TextStyle) float32 {
	res := fyne.CurrentApp().Settings().Theme().Font(style)
	inkMu.Lock()
	defer inkMu.Unlock()
	if s, ok := inkShares[res.Name()]; ok {
		return s
	}
	s := measureInk(res.Content())
	inkShares[res.Name()] = s
	return s
}

func measureInk(face []byte) float32 {
	f, err := sfnt.Parse(face)
	if err != nil {
		return fallbackInk
	}
	var b sfnt.Buffer
	em := fixed.I(int(f.UnitsPerEm()))
	bounds := func(r rune) (fixed.Rectangle26_6, bool) {
		g, err := f.GlyphIndex(&b, r)
		if err != nil || g == 0 {
			return fixed.Rectangle26_6{}, false
		}
		box, _, err := f.GlyphBounds(&b, g, em, font.HintingNone)
		return box, err == nil
	}
	capital, ok1 := bounds('H')
	desc, ok2 := bounds('p')
	if !ok1 || !ok2 {
		return fallbackInk
	}
	ink := float32(desc.Max.Y-capital.Min.Y) / float32(em)
	if ink <= 0 || ink > 2 {
		return fallbackInk
	}
	return ink
}
