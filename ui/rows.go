package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listRow is one row of a list: a label, after an icon or a tick box, and
// before an optional button. It holds its widgets so that a list's update
// function fills them by name.
type listRow struct {
	widget.BaseWidget
	icon   *widget.Icon
	check  *tickBox
	label  *widget.Label
	button *ringButton
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
func newCheckRow() fyne.CanvasObject { return newListRow(&listRow{check: newTickBox()}) }

// tickBox is a list row's tick: a click ticks or unticks it. It takes no
// keyboard focus of its own: the list has it, and Return ticks the row
// selected there. (Fyne walks Shift+Tab into a list before the controls
// inside its rows, so a focusable tick in a row would make Tab and
// Shift+Tab disagree.)
type tickBox struct {
	widget.BaseWidget
	Checked   bool
	OnChanged func(bool)
	icon      *widget.Icon
}

var (
	_ fyne.Widget   = (*tickBox)(nil)
	_ fyne.Tappable = (*tickBox)(nil)
)

func newTickBox() *tickBox {
	t := &tickBox{icon: widget.NewIcon(theme.CheckButtonIcon())}
	t.ExtendBaseWidget(t)
	return t
}

// SetChecked ticks or unticks the box, telling OnChanged of a change.
func (t *tickBox) SetChecked(on bool) {
	if t.Checked == on {
		return
	}
	t.Checked = on
	if t.OnChanged != nil {
		t.OnChanged(on)
	}
	t.Refresh()
}

// Tapped ticks or unticks the box.
func (t *tickBox) Tapped(*fyne.PointEvent) { t.SetChecked(!t.Checked) }

// Refresh draws the tick as it stands.
func (t *tickBox) Refresh() {
	res := theme.CheckButtonIcon()
	if t.Checked {
		res = theme.CheckButtonCheckedIcon()
	}
	t.icon.SetResource(res)
	t.BaseWidget.Refresh()
}

// MinSize is the icon's with padding, as a check's box.
func (t *tickBox) MinSize() fyne.Size {
	s := theme.IconInlineSize() + 2*theme.Padding()
	return fyne.NewSize(s, s)
}

// CreateRenderer draws the icon in the middle.
func (t *tickBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewCenter(t.icon))
}

// newButtonRow is a row with a button after its label.
func newButtonRow(text string, icon fyne.Resource) fyne.CanvasObject {
	return newListRow(&listRow{button: ringed(&ringButton{Button: widget.Button{Text: text, Icon: icon}})})
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
