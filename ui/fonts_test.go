package ui

import (
	"bytes"
	"fmt"
	"image"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"golang.org/x/image/font/sfnt"

	"runsheet/assets"
)

// fontChild draws pairs of letters in scripts the theme's face lacks, in a
// process of its own because Fyne reads the system's font list once, and
// prints for each pair whether the two letters came out different: two
// empty boxes are the same picture.
func fontChild(cacheDir string, offer bool) int {
	a := test.NewApp()
	if offer {
		if err := useBundledFonts(cacheDir); err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	draw := func(s string) image.Image {
		txt := canvas.NewText(s, nil)
		txt.TextSize = 40
		w := a.NewWindow("")
		w.SetPadded(false)
		w.SetContent(txt)
		w.Resize(fyne.NewSize(60, 60))
		return w.Canvas().Capture()
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	draw("a")
	before := heap()
	for _, pair := range [][2]string{{"日", "本"}, {"中", "文"}, {"한", "국"}, {"あ", "カ"}} {
		a, b := draw(pair[0]), draw(pair[1])
		fmt.Println(pair[0]+pair[1], samePicture(a, b))
	}
	fmt.Println("heap", before, heap())
	return 0
}

func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestBundledFontsDrawCJK(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RUNSHEET_FONT_CHILD="+dir, "RUNSHEET_FONT_OFFER=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 5 {
		t.Fatalf("the drawing process printed %q", out)
	}
	var before, after uint64
	if _, err := fmt.Sscanf(lines[4], "heap %d %d", &before, &after); err != nil {
		t.Fatalf("the drawing process printed %q: %v", lines[4], err)
	}
	// The CJK face alone is some 30 MB once parsed: it is loaded when a
	// letter needs it, not when the windows open.
	if grew := int64(after) - int64(before); grew < 10<<20 {
		t.Errorf("drawing the first CJK letters grew the heap by %d KB: the fallback faces were loaded before any letter needed them (heap %d KB at start)", grew>>10, before>>10)
	}
	for _, l := range lines[:4] {
		if !strings.HasSuffix(l, " false") {
			t.Errorf("two different letters drew the same (empty boxes): %s", l)
		}
	}
	if v, ok := os.LookupEnv("XDG_DATA_DIRS"); ok && strings.Contains(v, dir) {
		t.Errorf("XDG_DATA_DIRS keeps the fonts' folder: %q", v)
	}
}

func TestBundledFontsCopiedOnce(t *testing.T) {
	dir := t.TempDir()
	share, err := copyBundledFonts(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := assets.Fonts.ReadFile("fonts/DroidSansFallback-CJK.ttf")
	got, err := os.ReadFile(filepath.Join(share, "fonts", "DroidSansFallback-CJK.ttf"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the CJK font was not copied whole: %v", err)
	}
	hangul := filepath.Join(share, "fonts", "NanumGothic-Hangul.ttf")
	info, err := os.Stat(hangul)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := copyBundledFonts(dir); err != nil {
		t.Fatal(err)
	}
	again, _ := os.Stat(hangul)
	if !again.ModTime().Equal(info.ModTime()) {
		t.Error("a font already in place was written again")
	}
}

// Text shaping takes a space from the font of the words around it, so a
// font the windows fall back on without one drew a box between Korean
// words: every bundled font has the space (HarfBuzz draws other spaces
// with it when a font lacks them).
func TestBundledFontsHaveTheSpace(t *testing.T) {
	names, err := fs.Glob(assets.Fonts, "fonts/*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fonts: %v", err)
	}
	for _, name := range names {
		data, _ := assets.Fonts.ReadFile(name)
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var b sfnt.Buffer
		if g, err := f.GlyphIndex(&b, ' '); err != nil || g == 0 {
			t.Errorf("%s has no space", name)
		}
	}
}
