package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// onSave writes the plan to the data folder, once it is valid.
func (e *editor) onSave() {
	if err := e.saveFile(); err != nil {
		e.shell.showError(tr("Cannot save the plan"), err)
	}
}

func (e *editor) saveFile() error {
	if probs, more := e.problemsNow(); len(probs) > 0 {
		return &workshop.PlanError{Problems: probs, More: more}
	}
	folder, err := plans.Open(e.shell.dataDir())
	if err != nil {
		return err
	}
	path, err := folder.Save(e.plan, e.path)
	if err != nil {
		return err
	}
	e.path, e.dirty = path, false
	return nil
}

func (e *editor) onExport() {
	if probs, more := e.problemsNow(); len(probs) > 0 {
		e.shell.showError(tr("Fix the plan before exporting it"), &workshop.PlanError{Problems: probs, More: more})
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				e.shell.showError(tr("Cannot export the plan"), err)
			}
			return
		}
		werr := plans.Export(w, e.plan)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			e.shell.showError(tr("Cannot export the plan"), werr)
		}
	}, e.shell.window())
	d.SetFileName(plans.FileName(e.plan.Title))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml"}))
	d.Show()
}
