package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// kindFields are the editor's fields of the grid and open kinds: a
// grid's two axes and quadrant names, an open question's longest answer
// and answers per phone. Each shows only for a kind that takes it.
type kindFields struct {
	e                      *editor
	acrossLow, acrossHigh  *ringEntry
	upLow, upHigh          *ringEntry
	quadrants              *ringEntry
	maxRunes, perPhone     *ringEntry
	gridFields, openFields *fyne.Container
}

func newKindFields(e *editor) *kindFields {
	k := &kindFields{e: e}
	axis := func() { e.changed(k.setAxes) }
	entry := func(hint string, on func()) *ringEntry {
		w := ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: hint}})
		w.OnChanged = func(string) { on() }
		return w
	}
	k.acrossLow = entry(tr("Left end, e.g. Implement"), axis)
	k.acrossHigh = entry(tr("Right end, e.g. Innovate"), axis)
	k.upLow = entry(tr("Bottom end, e.g. Systems"), axis)
	k.upHigh = entry(tr("Top end, e.g. People"), axis)
	k.quadrants = ringedEntry(&ringEntry{Entry: widget.Entry{MultiLine: true, PlaceHolder: tr("Four names, one per line: top left, top right, bottom left, bottom right (optional)")}})
	k.quadrants.OnChanged = func(s string) { e.changed(func() { e.ex().Quadrants = lines(s) }) }
	k.maxRunes = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: strconv.Itoa(workshop.DefaultAnswerRunes)}})
	k.maxRunes.OnChanged = func(s string) { e.changed(func() { e.ex().MaxRunes = optionalCount(s) }) }
	k.perPhone = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: "1"}})
	k.perPhone.OnChanged = func(s string) { e.changed(func() { e.ex().PerPhone = optionalCount(s) }) }
	field := func(label string, w fyne.CanvasObject, name string) *widget.FormItem {
		return widget.NewFormItem(label, container.NewVBox(w, e.errLabel(name)))
	}
	k.gridFields = container.NewVBox(widget.NewForm(
		field(tr("Across"), container.NewGridWithColumns(2, k.acrossLow, k.acrossHigh), "axes"),
		widget.NewFormItem(tr("Up"), container.NewGridWithColumns(2, k.upLow, k.upHigh)),
		field(tr("Quadrants"), k.quadrants, "quadrants"),
	))
	k.openFields = container.NewVBox(widget.NewForm(
		field(tr("Longest answer, in characters"), k.maxRunes, "max"),
		field(tr("Answers per phone"), k.perPhone, "answers"),
	))
	return k
}

// optionalCount reads a count typed in; empty is 0, the default, and
// what is not a number is -1, which the plan's checks refuse.
func optionalCount(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// setAxes keeps the axes typed in; all four ends empty is no axes.
func (k *kindFields) setAxes() {
	ends := []string{k.acrossLow.Text, k.acrossHigh.Text, k.upLow.Text, k.upHigh.Text}
	if strings.TrimSpace(strings.Join(ends, "")) == "" {
		k.e.ex().Axes = nil
		return
	}
	for i := range ends {
		ends[i] = strings.TrimSpace(ends[i])
	}
	k.e.ex().Axes = [][]string{{ends[0], ends[1]}, {ends[2], ends[3]}}
}

// fill shows the exercise's values; the caller holds the editor's filling.
func (k *kindFields) fill(ex *workshop.Exercise) {
	end := func(a, b int) string {
		if a < len(ex.Axes) && b < len(ex.Axes[a]) {
			return ex.Axes[a][b]
		}
		return ""
	}
	k.acrossLow.SetText(end(0, 0))
	k.acrossHigh.SetText(end(0, 1))
	k.upLow.SetText(end(1, 0))
	k.upHigh.SetText(end(1, 1))
	k.quadrants.SetText(strings.Join(ex.Quadrants, "\n"))
	count := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	k.maxRunes.SetText(count(ex.MaxRunes))
	k.perPhone.SetText(count(ex.PerPhone))
}

// show shows the fields the kind takes.
func (k *kindFields) show(d *workshop.KindDef) {
	k.gridFields.Hidden = !d.Takes(workshop.FieldAxes)
	k.openFields.Hidden = !d.Takes(workshop.FieldAnswers)
	k.gridFields.Refresh()
	k.openFields.Refresh()
}
