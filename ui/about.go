package ui

import (
	"io/fs"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/assets"
)

// about is the About dialog: the version, the licence, where the data
// folder is (with a button to open it), and the licences of the fonts and
// libraries built in.
type about struct {
	dlg     dialog.Dialog
	content fyne.CanvasObject
	open    *widget.Button
}

func (s *Shell) showAbout() *about {
	a := &about{}
	version := s.opts.Version
	if version == "" {
		version = "Runsheet"
	}
	dir := s.opts.DataDir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	a.open = &widget.Button{Text: tr("Open the data folder"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		if err := s.app.OpenURL(folderURL(dir)); err != nil {
			s.showError(tr("Cannot open the data folder"), err)
		}
	}}
	path := &widget.Label{Text: dir, Wrapping: fyne.TextWrapBreak, Selectable: true}
	top := container.NewVBox(
		&widget.Label{Text: version, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		&widget.Label{Text: tr("Runs live workshops from the laptop plugged into the projector. Free software under the MIT licence."), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: tr("Data folder: sessions (runsheet.db), preferences and plans"), TextStyle: fyne.TextStyle{Bold: true}},
		path,
		container.NewHBox(a.open),
	)
	text := func(s string) fyne.CanvasObject {
		return container.NewVScroll(&widget.Label{Text: s, Wrapping: fyne.TextWrapWord, Selectable: true})
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(tr("Licence"), text(assets.Licence)),
		container.NewTabItem(tr("Fonts"), text(fontLicences())),
		container.NewTabItem(tr("Libraries"), text(assets.ThirdParty)),
	)
	a.content = container.NewBorder(top, nil, nil, nil, tabs)
	a.dlg = dialog.NewCustom(tr("About Runsheet"), tr("Close"), a.content, s.win)
	size := s.win.Canvas().Size()
	a.dlg.Resize(fyne.NewSize(min(720, size.Width-40), min(600, size.Height-40)))
	a.dlg.Show()
	return a
}

// folderURL is a folder's file URL, which the system opens in its file
// manager: file:///home/ana/… or, for a Windows drive, file:///C:/Users/….
func folderURL(dir string) *url.URL {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u
}

// fontLicences is the list of fonts printed documents embed, then each
// licence they come under.
func fontLicences() string {
	var b strings.Builder
	if list, err := fs.ReadFile(assets.Fonts, "fonts/README.md"); err == nil {
		b.Write(list)
	}
	names, _ := fs.Glob(assets.Fonts, "fonts/*.txt")
	sort.Strings(names)
	for _, n := range names {
		data, err := fs.ReadFile(assets.Fonts, n)
		if err != nil {
			continue
		}
		b.WriteString("\n\n" + strings.Repeat("=", 40) + "\n" + filepath.Base(n) + "\n" + strings.Repeat("=", 40) + "\n\n")
		b.Write(data)
	}
	return b.String()
}
