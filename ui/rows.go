package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// listRow is one row of a list: a label, after an icon or a tick box, and
// before an optional button. It holds its widgets so that a list's update
// function fills them by name.
type listRow struct {
	widget.BaseWidget
	icon   *widget.Icon
	check  *widget.Check
	label  *widget.Label
	button *widget.Button
}

var _ fyne.Widget = (*listRow)(nil)

func newListRow(r *listRow) *listRow {
	r.label = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	r.ExtendBaseWidget(r)
	return r
}

// newIconRow is a row with an icon before its label.
func newIconRow(icon fyne.Resource) fyne.CanvasObject {
	return newListRow(&listRow{icon: widget.NewIcon(icon)})
}

// newCheckRow is a row with a tick box before its label.
func newCheckRow() fyne.CanvasObject { return newListRow(&listRow{check: &widget.Check{}}) }

// newButtonRow is a row with a button after its label.
func newButtonRow(text string, icon fyne.Resource) fyne.CanvasObject {
	return newListRow(&listRow{button: &widget.Button{Text: text, Icon: icon}})
}

// CreateRenderer lays the row out.
func (r *listRow) CreateRenderer() fyne.WidgetRenderer {
	var lead, trail fyne.CanvasObject
	switch {
	case r.icon != nil:
		lead = r.icon
	case r.check != nil:
		lead = r.check
	}
	if r.button != nil {
		trail = r.button
	}
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, lead, trail, r.label))
}
