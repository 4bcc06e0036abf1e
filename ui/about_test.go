package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func TestAboutShowsVersionDataFolderAndLicences(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	s.opts.Version = "Runsheet 9.8.7 (build 6)"
	test.Tap(s.library.about)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About opened no dialog")
	}
	text := allText(top)
	for _, want := range []string{"Runsheet 9.8.7 (build 6)", "MIT licence", s.opts.DataDir, "MIT License"} {
		if !strings.Contains(text, want) {
			t.Errorf("the About dialog lacks %q", want)
		}
	}
	var tabs *container.AppTabs
	walkObjects(top, func(o fyne.CanvasObject) {
		if v, ok := o.(*container.AppTabs); ok {
			tabs = v
		}
	})
	if tabs == nil || len(tabs.Items) != 3 {
		t.Fatal("no Licence, Fonts and Libraries tabs")
	}
	for i, want := range [][]string{
		{"Permission is hereby granted"},
		{"Noto Sans", "SIL OPEN FONT LICENSE Version 1.1", "Apache License", "Bitstream Vera"},
		{"fyne.io/fyne/v2", "modernc.org/sqlite", "github.com/jung-kurt/gofpdf", "Go, its standard library and runtime"},
	} {
		got := allText(tabs.Items[i].Content)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("tab %q lacks %q", tabs.Items[i].Text, w)
			}
		}
	}
}

func TestFolderURLs(t *testing.T) {
	for dir, want := range map[string]string{
		"/home/ana/.config/fyne/app.runsheet.desktop": "file:///home/ana/.config/fyne/app.runsheet.desktop",
		`C:/Users/Ana Müller/AppData/Roaming/fyne`:    "file:///C:/Users/Ana%20M%C3%BCller/AppData/Roaming/fyne",
	} {
		if got := folderURL(dir).String(); got != want {
			t.Errorf("folderURL(%q) = %q, want %q", dir, got, want)
		}
	}
}
