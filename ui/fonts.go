package ui

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"

	"runsheet/assets"
)

// useBundledFonts lets the windows draw the scripts their theme's face
// lacks — Japanese, Chinese, Korean, Hebrew, Arabic — in the fonts the app
// prints its documents in, where the system has none of its own: a room's
// answers arrive in any script, and a machine with only Latin fonts drew
// them as empty boxes. For a letter its face lacks, Fyne asks the fonts
// the system lists; on Linux and the BSDs that list takes its folders from
// XDG_DATA_DIRS, so the fonts are copied to a folder under cacheDir, named
// there while Fyne reads the list once, and the variable is put back as
// it was, so that programs the app starts see the system's own. Windows
// and macOS ship fonts for these scripts and list fixed folders.
func useBundledFonts(cacheDir string) error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" && runtime.GOOS != "openbsd" {
		return nil
	}
	share, err := copyBundledFonts(cacheDir)
	if err != nil {
		return err
	}
	old, had := os.LookupEnv("XDG_DATA_DIRS")
	dirs := old
	if dirs == "" {
		dirs = "/usr/local/share:/usr/share" // words: folders, the default the XDG specification names
	}
	if err := os.Setenv("XDG_DATA_DIRS", share+string(filepath.ListSeparator)+dirs); err != nil {
		return err
	}
	// Measuring any text makes Fyne read the system's font list, once.
	// A letter the theme's face has does it without loading a fallback
	// font: a face is parsed whole when first used and kept, the CJK one
	// as some 30 MB of the heap that the collector walks on every cycle,
	// so a room that never writes in those scripts should not pay for it.
	fyne.MeasureText("a", 16, fyne.TextStyle{}) // words: a letter of the theme's own face
	if had {
		return os.Setenv("XDG_DATA_DIRS", old)
	}
	return os.Unsetenv("XDG_DATA_DIRS")
}

// copyBundledFonts copies the app's fonts to cacheDir/runsheet/share/fonts,
// leaving files that already hold them alone, and returns the share folder.
func copyBundledFonts(cacheDir string) (string, error) {
	share := filepath.Join(cacheDir, "runsheet", "share")
	dir := filepath.Join(share, "fonts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	names, err := fs.Glob(assets.Fonts, "fonts/*.ttf")
	if err != nil {
		return "", err
	}
	for _, name := range names {
		data, err := assets.Fonts.ReadFile(name)
		if err != nil {
			return "", err
		}
		to := filepath.Join(dir, path.Base(name))
		if have, err := os.ReadFile(to); err == nil && bytes.Equal(have, data) {
			continue
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			return "", err
		}
	}
	return share, nil
}
