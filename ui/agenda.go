package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// Agenda rows: a marker for the current and finished exercises, the clock
// time it is due, the title, and planned and actual minutes. The short
// columns are as wide as their numbers, or their headings in the app's
// language where those are wider.
func agendaColumns(marker, due, title, plan, actual fyne.CanvasObject) fyne.CanvasObject {
	width := func(heading string, least float32) float32 {
		return max(least, fyne.MeasureText(heading, theme.TextSize(), fyne.TextStyle{Bold: true}).Width+2*theme.InnerPadding())
	}
	left := container.NewHBox(marker, fixedWidth(width(tr("Due"), 56), due))
	right := container.NewHBox(fixedWidth(width(tr("Plan"), 54), plan), fixedWidth(width(tr("Actual"), 62), actual))
	return container.NewBorder(nil, nil, left, right, title)
}

func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func agendaHeader() fyne.CanvasObject {
	bold := func(s string, align fyne.TextAlign) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, Alignment: align}
	}
	marker := widget.NewIcon(nil)
	return agendaColumns(marker, bold(tr("Due"), fyne.TextAlignLeading), bold(tr("Exercise"), fyne.TextAlignLeading),
		bold(tr("Plan"), fyne.TextAlignTrailing), bold(tr("Actual"), fyne.TextAlignTrailing))
}

// agendaRow is one line of the agenda list.
type agendaRow struct {
	widget.BaseWidget
	marker                   *widget.Icon
	due, title, plan, actual *widget.Label
}

func newAgendaRow() fyne.CanvasObject {
	r := &agendaRow{
		marker: widget.NewIcon(nil),
		due:    &widget.Label{},
		title:  &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		plan:   &widget.Label{Alignment: fyne.TextAlignTrailing},
		actual: &widget.Label{Alignment: fyne.TextAlignTrailing},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *agendaRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(agendaColumns(r.marker, r.due, r.title, r.plan, r.actual))
}

func (c *console) updateAgendaRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*agendaRow)
	rows := c.snapAgenda()
	if id >= len(rows) {
		return
	}
	row := rows[id]
	// Each second redraws the current row: only what changed is set, so
	// that its icon and unchanged text are not drawn again.
	setLabel(r.due, appWords().Clock(row.Due))
	title := fmt.Sprintf("%d. %s", id+1, row.Title)
	if row.Added {
		title = tr("{{.Title}} (added)", "Title", title)
	}
	setLabel(r.plan, tr("{{.M}} min", "M", int(row.Planned/time.Minute)))
	if r.title.Text != title || r.title.TextStyle.Bold != row.Current || r.title.TextStyle.Italic != row.Added {
		r.title.Text = title
		r.title.TextStyle.Bold = row.Current
		r.title.TextStyle.Italic = row.Added
		r.title.Refresh()
	}
	var marker fyne.Resource
	switch {
	case row.Current:
		marker = theme.MediaPlayIcon()
	case !row.Began.IsZero():
		marker = theme.ConfirmIcon()
	}
	if r.marker.Resource != marker {
		r.marker.SetResource(marker)
	}
	if row.Began.IsZero() {
		setLabel(r.actual, "—")
	} else {
		setLabel(r.actual, spentText(row.Spent))
	}
}

// snapAgenda is the agenda as last drawn.
func (c *console) snapAgenda() []workshop.AgendaRow {
	if c.snap == nil {
		return nil
	}
	return c.snap.agenda
}

// spentText shows time spent as minutes and seconds.
func spentText(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
