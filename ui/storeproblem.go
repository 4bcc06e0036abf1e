package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop/store"
)

// storeProblem is shown instead of the library when the session store
// cannot be opened. It never changes the file itself; it offers to move it
// aside, keeping it, and start a fresh one.
type storeProblem struct {
	content fyne.CanvasObject
	message *widget.Label
	fresh   *ringButton
	quit    *ringButton
}

// showStoreProblem explains why the store at the failed path could not be
// opened and, where a fresh start can help, offers one through repair.
func showStoreProblem(a fyne.App, w fyne.Window, openErr error, repair storeRepair) {
	p := newStoreProblem(a, openErr, repair)
	w.SetContent(p.content)
}

func newStoreProblem(a fyne.App, openErr error, repair storeRepair) *storeProblem {
	p := &storeProblem{}
	path := storePathOf(openErr)
	advice := tr("Check that the data folder exists and can be written, then start Runsheet again.")
	canFresh := errors.Is(openErr, store.ErrCorrupt) || errors.Is(openErr, store.ErrNotDatabase) || errors.Is(openErr, store.ErrNewer)
	if canFresh {
		advice = tr("Runsheet can move this file aside, keeping it untouched under a new name, and start a fresh, empty session store. Sessions in the old file stay there for recovery.")
	}
	p.message = &widget.Label{Text: tr("Runsheet cannot open its session store.") + "\n\n" + openErr.Error() + "\n\n" + advice, Wrapping: fyne.TextWrapWord}
	p.quit = ringed(&ringButton{Button: widget.Button{Text: tr("Quit"), OnTapped: a.Quit}})
	p.fresh = primaryButton(tr("Keep the old file and start fresh"), theme.ContentAddIcon(), nil)
	p.fresh.OnTapped = func() {
		aside, err := repair.moveAside(path)
		if err != nil {
			p.message.SetText(p.message.Text + "\n\n" + err.Error())
			return
		}
		if err := repair.startFresh(path); err != nil {
			p.message.SetText(tr("The old file was kept as {{.File}}, but a fresh store could not be made: {{.Error}}", "File", aside, "Error", err))
			return
		}
		fyne.LogError("session store moved aside to "+aside, openErr)
	}
	if !canFresh || path == "" {
		p.fresh.Hide()
	}
	title := &widget.Label{Text: tr("The session store needs attention"), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	p.content = container.NewPadded(container.NewBorder(title, container.NewHBox(layoutSpacer(), p.quit, p.fresh), nil, nil, container.NewVScroll(p.message)))
	return p
}

// storePathOf recovers the store's path from an Open error.
func storePathOf(err error) string {
	var pe *store.OpenError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return ""
}
