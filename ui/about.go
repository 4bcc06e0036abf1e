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
	open    *ringButton
	copy    *ringButton
	tabs    *container.AppTabs
	// pages are the tabs' texts, each scrolled by the keyboard.
	pages []*keyScroll
}

// openAbout is the About dialog while it is open, or nil: Ctrl+PageDown
// and Ctrl+PageUp switch its tabs then.
func (s *Shell) openAbout() *about { return s.about }

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
	a.open = ringed(&ringButton{Button: widget.Button{Text: tr("Open the data folder"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		if err := s.app.OpenURL(folderURL(dir)); err != nil {
			s.showError(tr("Cannot open the data folder"), err)
		}
	}}})
	// The path is plain text with a button to copy it: Fyne's selectable
	// text takes the keyboard's focus without showing it.
	path := &widget.Label{Text: dir, Wrapping: fyne.TextWrapBreak}
	a.copy = ringed(&ringButton{Button: widget.Button{Text: tr("Copy the path"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		s.app.Clipboard().SetContent(dir)
	}}})
	top := container.NewVBox(
		&widget.Label{Text: version, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		&widget.Label{Text: tr("Runs live workshops from the laptop plugged into the projector. Free software under the MIT licence."), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: tr("Data folder: sessions (runsheet.db), preferences and plans"), TextStyle: fyne.TextStyle{Bold: true}},
		path,
		container.NewHBox(a.open, a.copy),
	)
	// Each text is a page the keyboard reaches and scrolls.
	text := func(s string) fyne.CanvasObject {
		page := newKeyScroll(&widget.Label{Text: s, Wrapping: fyne.TextWrapWord})
		a.pages = append(a.pages, page)
		return page.withRing()
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(tr("Licence"), text(assets.Licence)),
		container.NewTabItem(tr("Fonts"), text(fontLicences())),
		container.NewTabItem(tr("Libraries"), text(assets.ThirdParty)),
	)
	a.tabs = tabs
	a.content = container.NewBorder(top, nil, nil, nil, tabs)
	// Tab walks the objects in their order, and a border puts its edges
	// after its centre: the version and folder first, as they read.
	a.content.(*fyne.Container).Objects = []fyne.CanvasObject{top, tabs}
	a.dlg = newCloseDialog(tr("About Runsheet"), a.content, s.win)
	s.about = a
	a.dlg.SetOnClosed(func() {
		if s.about == a {
			s.about = nil
		}
	})
	size := s.win.Canvas().Size()
	a.dlg.Resize(fyne.NewSize(min(720, size.Width-40), min(600, size.Height-40)))
	a.dlg.Show()
	return a
}

// switchTab moves step tabs along, round from the last to the first.
func (a *about) switchTab(step int) {
	n := len(a.tabs.Items)
	a.tabs.SelectIndex(((a.tabs.SelectedIndex()+step)%n + n) % n)
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
