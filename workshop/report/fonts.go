package report

import (
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"runsheet/assets"
)

// face is a font family embedded for printing, in the styles it comes in.
type face struct {
	family string
	files  map[string]string // style ("", "B", "I", "BI") → file under assets/fonts
	cover  *sfnt.Font        // the regular style, to ask which characters it has
	buf    sfnt.Buffer
	mu     sync.Mutex
}

// The faces, in the order they are tried for a character: the text face
// first, then a face per script it lacks.
var faces = []*face{
	{family: "noto", files: map[string]string{"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf", "I": "NotoSans-Italic.ttf", "BI": "NotoSans-BoldItalic.ttf"}},
	{family: "arabic", files: map[string]string{"": "NotoSansArabic-Regular.ttf", "B": "NotoSansArabic-Bold.ttf"}},
	{family: "hebrew", files: map[string]string{"": "NotoSansHebrew-Regular.ttf", "B": "NotoSansHebrew-Bold.ttf"}},
	{family: "hangul", files: map[string]string{"": "NanumGothic-Hangul.ttf", "B": "NanumGothicBold-Hangul.ttf"}},
	{family: "cjk", files: map[string]string{"": "DroidSansFallback-CJK.ttf"}},
	{family: "symbols", files: map[string]string{"": "DejaVuSans-Symbols.ttf", "B": "DejaVuSans-Bold-Symbols.ttf"}},
	{family: "emoji", files: map[string]string{"": "Symbola-Emoji.ttf"}},
}

// textFace is the face text is set in wherever it can be.
var textFace = faces[0]

var facesOnce sync.Once

// loadFaces reads which characters each face covers, once.
func loadFaces() {
	facesOnce.Do(func() {
		for _, f := range faces {
			data, err := assets.Fonts.ReadFile("fonts/" + f.files[""])
			if err != nil {
				panic("font missing from the binary: " + err.Error())
			}
			if f.cover, err = sfnt.Parse(data); err != nil {
				panic("embedded font unreadable: " + err.Error())
			}
		}
	})
}

// has reports whether the face can print r.
func (f *face) has(r rune) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.cover.GlyphIndex(&f.buf, r)
	return err == nil && g != 0
}

// style is the nearest style the face comes in: a face without italics
// prints upright, one without bold prints regular.
func (f *face) style(want string) string {
	for _, s := range []string{want, trimStyle(want, "I"), ""} {
		if _, ok := f.files[s]; ok {
			return s
		}
	}
	return ""
}

func trimStyle(s, drop string) string {
	out := ""
	for _, c := range s {
		if string(c) != drop {
			out += string(c)
		}
	}
	return out
}

// faceFor is the first face that can print r, or nil.
func faceFor(r rune) *face {
	if f, ok := faceCache.Load(r); ok {
		return f.(*face)
	}
	var found *face
	for _, f := range faces {
		if f.has(r) {
			found = f
			break
		}
	}
	faceCache.Store(r, found)
	return found
}

// faceCache remembers which face prints each character met so far.
var faceCache sync.Map

// neutral characters (spaces, digits, most punctuation) stay in the run
// they fall in when its face can print them, so that a name in Arabic
// script keeps its spaces and a Chinese title its full stop.
func neutral(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}
