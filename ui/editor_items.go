package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// buildItems lays out one row per item: its text, for votes the expected
// answer, and buttons to move or remove it.
func (e *editor) buildItems() {
	ex := e.ex()
	rows := make([]fyne.CanvasObject, 0, len(ex.Items))
	for i := range ex.Items {
		text := ringedEntry(&ringEntry{Entry: widget.Entry{Text: ex.Items[i].Text, PlaceHolder: tr("Item text")}})
		text.OnChanged = func(s string) { e.changed(func() { e.ex().Items[i].Text = s }) }
		var expect fyne.CanvasObject = layoutSpacer()
		if ex.Takes(workshop.FieldExpect) {
			sel := newRingSelect(append([]string{tr("(no expected answer)")}, ex.Options...), nil)
			if ex.Items[i].Expect == "" {
				sel.SetSelected(tr("(no expected answer)"))
			} else {
				sel.SetSelected(ex.Items[i].Expect)
			}
			sel.OnChanged = func(s string) {
				if s == tr("(no expected answer)") {
					s = ""
				}
				e.changed(func() { e.ex().Items[i].Expect = s })
			}
			expect = sel
		}
		up := ringed(&ringButton{Button: widget.Button{Icon: theme.MoveUpIcon(), OnTapped: func() { e.moveItem(i, -1) }}})
		down := ringed(&ringButton{Button: widget.Button{Icon: theme.MoveDownIcon(), OnTapped: func() { e.moveItem(i, 1) }}})
		del := ringed(&ringButton{Button: widget.Button{Icon: theme.DeleteIcon(), OnTapped: func() { e.removeItem(i) }}})
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(expect, up, down, del), text))
	}
	e.itemsBox.Objects = rows
	e.itemsBox.Refresh()
}

func (e *editor) onAddItem() {
	e.changed(func() { e.ex().Items = append(e.ex().Items, workshop.Item{Text: tr("New item")}) })
	e.buildItems()
}

func (e *editor) moveItem(i, by int) {
	items := e.ex().Items
	j := i + by
	if j < 0 || j >= len(items) {
		return
	}
	e.changed(func() { items[i], items[j] = items[j], items[i] })
	e.buildItems()
}

func (e *editor) removeItem(i int) {
	e.changed(func() { e.ex().Items = append(e.ex().Items[:i:i], e.ex().Items[i+1:]...) })
	e.buildItems()
}
