package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// votePanel is where the facilitator runs a vote: the items, which one is
// open, the headcount, counts from the room and from paper, and the live
// chart. The room sees results only once revealed.
type votePanel struct {
	c       *console
	content fyne.CanvasObject

	headcount *countField
	prevItem  *ringButton
	nextItem  *ringButton
	position  *widget.Label
	open      *ringButton
	close     *ringButton
	reveal    *ringButton
	undo      *ringButton
	item      *widget.Label
	status    *widget.Label
	rowsBox   *fyne.Container
	rows      []*optionRow
	chart     *BarChart
	chartBox  *fyne.Container
	// every shows a grid's every rating on the projector, not only means.
	every *clickerCheck
	// means is a grid's items as text: each with its means and count.
	means    *resultText
	meansBox fyne.CanvasObject
	body     *fyne.Container

	snap *voteSnapshot
}

// optionRow is one option of the active item: room and paper counts to
// edit, the phone count and the total.
type optionRow struct {
	label *widget.Label
	room  *countField
	paper *countField
	phone *widget.Label
	total *widget.Label
}

func newVotePanel(c *console) *votePanel {
	p := &votePanel{c: c}
	p.headcount = newCountField(c, func(n int) {
		p.c.do(workshop.Event{Kind: workshop.EventHeadcount, Exercise: p.snap.exercise, Count: n})
	})
	p.prevItem = ringed(&ringButton{Button: widget.Button{Icon: theme.NavigateBackIcon(), OnTapped: func() { p.selectItem(p.snap.active - 1) }}})
	p.nextItem = ringed(&ringButton{Button: widget.Button{Icon: theme.NavigateNextIcon(), OnTapped: func() { p.selectItem(p.snap.active + 1) }}})
	p.position = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	p.open = ringed(&ringButton{Button: widget.Button{Text: tr("Open voting"), Icon: theme.MediaPlayIcon(), OnTapped: p.onOpen}})
	p.close = ringed(&ringButton{Button: widget.Button{Text: tr("Close voting"), Icon: theme.MediaStopIcon(), OnTapped: func() {
		p.c.do(workshop.Event{Kind: workshop.EventClosed, Exercise: p.snap.exercise, Item: p.snap.active})
	}}})
	p.reveal = primaryButton(tr("Reveal (R)"), theme.VisibilityIcon(), c.toggleReveal)
	p.undo = ringed(&ringButton{Button: widget.Button{Text: tr("Undo"), Icon: theme.ContentUndoIcon(), OnTapped: c.onUndo}})
	p.item = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.rowsBox = container.NewVBox()
	p.chart = NewBarChart()
	p.every = newClickerCheck(c, tr("Show every rating on the projector"), func(on bool) {
		view := workshop.ViewMeans
		if on {
			view = workshop.ViewPoints
		}
		if p.snap != nil && on != p.snap.points {
			p.c.do(workshop.Event{Kind: workshop.EventGridView, Exercise: p.snap.exercise, Text: view})
		}
	})
	p.every.spaceTicks = true // nothing is lost by a tick too many

	// The buttons run on to a second line where their words are long.
	head := container.New(layout.NewRowWrapLayout(), p.prevItem, p.nextItem, p.position, p.undo, p.open, p.close, p.reveal)
	count := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(tr("Headcount")), fixedWidth(countFieldWidth, p.headcount.box())), p.status)
	p.chartBox = container.NewGridWrap(fyne.NewSize(560, 120), p.chart)
	p.every.Hide() // shown for a grid only
	p.means = newResultText(c)
	p.meansBox = p.means.withRing()
	p.meansBox.Hide()
	body := container.NewVBox(head, p.item, count, p.every, p.meansBox, widget.NewSeparator(), p.rowsBox, p.chartBox)
	p.body = body
	// Scrolled both ways: on a small screen the panel scrolls rather than
	// making the console wider than the screen.
	p.content = container.NewScroll(body)
	return p
}

// selectItem puts another item of the exercise on screen, which opens it
// for votes — the item on screen is the open item — unless its results
// are on show: the reveal closed it.
func (p *votePanel) selectItem(i int) {
	if p.snap == nil || i < 0 || i >= len(p.snap.results) || i == p.snap.active {
		return
	}
	var step []workshop.Event
	p.c.model.view(func(s *workshop.State) { step = s.ShowItem(p.snap.exercise, i) })
	p.c.do(step...)
}

// onOpen opens voting on the item on screen; on an item whose results
// are on show it reopens it, on purpose and recorded as such: the results
// are hidden and the room votes again.
func (p *votePanel) onOpen() {
	kind := workshop.EventOpened
	if p.snap.results[p.snap.active].Revealed {
		kind = workshop.EventReopened
	}
	p.c.do(workshop.Event{Kind: kind, Exercise: p.snap.exercise, Item: p.snap.active})
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// show fills the panel from a snapshot.
func (p *votePanel) show(sn *snapshot) {
	p.snap = sn.votes
	v := sn.votes
	ex := sn.plan.Exercises[v.exercise]
	r := v.results[v.active]
	p.headcount.set(v.headcount)
	p.position.SetText(tr("Item {{.N}} of {{.Of}}", "N", v.active+1, "Of", len(v.results)))
	setEnabled(p.prevItem, v.active > 0)
	setEnabled(p.nextItem, v.active < len(v.results)-1)

	item := fmt.Sprintf("%d. %s", v.active+1, r.Item.Text)
	if e := r.ExpectedLabel(); e != "" {
		item += "   (" + tr("expected: {{.Answer}}", "Answer", e) + ")"
	}
	p.item.SetText(item)
	room := tr("The room sees the question only.")
	if r.Revealed {
		room = tr("The room sees these results.")
	}
	state := tr("Voting has not opened.")
	switch {
	case r.Open:
		state = tr("Voting is open.")
	case r.Revealed:
		state = tr("Voting closed with the reveal.")
	case r.Closed:
		state = tr("Voting is closed.")
	}
	count := trn("n_votes", r.Votes)
	if r.Headcount > 0 {
		count += ", " + tr("{{.N}} no vote", "N", r.NoVote)
	}
	p.status.SetText(state + " " + count + ". " + room)
	p.status.Importance = widget.MediumImportance
	p.status.TextStyle.Bold = false
	var locked bool
	p.c.model.view(func(s *workshop.State) { locked = s.Phones.Locked })
	if w := countWarning(r, locked); w != "" {
		p.status.SetText(w + ". " + p.status.Text)
		p.status.Importance = widget.DangerImportance
		p.status.TextStyle.Bold = true
	}
	p.status.Refresh()
	p.chartBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(560, float32(len(r.Labels)+1)*34))

	finished := sn.isFinished()
	setEnabled(p.open, !finished && !r.Open)
	if r.Revealed && !r.Open {
		p.open.SetText(tr("Reopen voting"))
	} else {
		p.open.SetText(tr("Open voting"))
	}
	setEnabled(p.close, !finished && r.Open)
	setEnabled(p.reveal, !finished)
	setEnabled(p.undo, !finished && sn.canUndo)
	if r.Revealed {
		p.reveal.SetText(tr("Hide results (R)"))
		p.reveal.SetIcon(theme.VisibilityOffIcon())
	} else {
		p.reveal.SetText(tr("Reveal (R)"))
		p.reveal.SetIcon(theme.VisibilityIcon())
	}

	p.ensureRows(ex, len(r.Labels))
	for i, row := range p.rows {
		row.label.SetText(r.Labels[i])
		row.room.set(r.Room[i])
		row.paper.set(r.Paper[i])
		row.phone.SetText(strconv.Itoa(r.Phone[i]))
		row.total.SetText(fmt.Sprintf("%d · %s", r.Total[i], appWords().Percent(r.Percent(i))))
		row.room.enable(!finished)
		row.paper.enable(!finished)
	}
	p.chart.SetResult(r)
	p.headcount.enable(!finished)
	// A grid's 25 points read as its means, not as bars.
	grid := ex.Takes(workshop.FieldAxes)
	if p.every.Visible() != grid {
		showIf(p.every, grid)
		showIf(p.meansBox, grid)
		showIf(p.chartBox, !grid)
		p.body.Refresh()
	}
	if grid {
		p.means.SetText(gridText(v.results))
	}
	if p.every.Checked != v.points {
		p.every.SetChecked(v.points)
	}
	enableCheck(&p.every.ringCheck, !finished)
}

// showIf shows o when on and hides it otherwise, touching it only when
// that changes: Fyne redraws a shape hidden again, and drops a picture's
// copy in the renderer.
func showIf(o fyne.CanvasObject, on bool) {
	switch {
	case on && !o.Visible():
		o.Show()
	case !on && o.Visible():
		o.Hide()
	}
}

// enableCheck enables or disables a check box.
func enableCheck(c *ringCheck, on bool) {
	if on {
		c.Enable()
	} else {
		c.Disable()
	}
}

func setEnabled(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// ensureRows builds one row per option, with a header, when the number of
// options changes.
func (p *votePanel) ensureRows(ex workshop.Exercise, n int) {
	if len(p.rows) == n {
		return
	}
	p.rows = p.rows[:0]
	bold := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	heading := bold(optionHeader(ex))
	heading.Truncation = fyne.TextTruncateEllipsis // a scale's labels in a long language
	objs := []fyne.CanvasObject{optionColumns(heading, bold(tr("Room")), bold(tr("Paper")), bold(tr("Phone")), bold(tr("Total")))}
	for i := range n {
		row := &optionRow{
			label: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
			phone: &widget.Label{Alignment: fyne.TextAlignTrailing},
			total: &widget.Label{Alignment: fyne.TextAlignTrailing, TextStyle: fyne.TextStyle{Bold: true}},
		}
		row.room = newCountField(p.c, func(c int) { p.tally(i, workshop.SourceRoom, c) })
		row.paper = newCountField(p.c, func(c int) { p.tally(i, workshop.SourcePaper, c) })
		p.rows = append(p.rows, row)
		objs = append(objs, optionColumns(row.label, row.room.box(), row.paper.box(), row.phone, row.total))
	}
	p.rowsBox.Objects = objs
	p.rowsBox.Refresh()
}

func optionHeader(ex workshop.Exercise) string {
	if l := ex.ScaleLabel(); l != "" {
		return tr("Rating ({{.Scale}})", "Scale", l)
	}
	return tr("Option")
}

func optionColumns(label, room, paper, phone, total fyne.CanvasObject) fyne.CanvasObject {
	right := container.NewHBox(fixedWidth(countFieldWidth, room), fixedWidth(countFieldWidth, paper),
		fixedWidth(56, phone), fixedWidth(96, total))
	return container.NewBorder(nil, nil, nil, right, label)
}

func (p *votePanel) tally(option int, src workshop.Source, n int) {
	p.c.do(workshop.Event{Kind: workshop.EventTally, Exercise: p.snap.exercise, Item: p.snap.active, Option: option, Source: src, Count: n})
}

const countFieldWidth = 150

// countField edits a count: − and + buttons, or a number typed and
// confirmed with Enter or by leaving the field.
type countField struct {
	minus, plus *ringButton
	entry       *clickerEntry
	value       int
	invalid     bool // the field holds typed text that is not a count
	onSet       func(int)
}

func newCountField(c *console, onSet func(int)) *countField {
	f := &countField{onSet: onSet}
	f.minus = ringed(&ringButton{Button: widget.Button{Icon: theme.ContentRemoveIcon(), OnTapped: func() { f.submit(f.value - 1) }}})
	f.plus = ringed(&ringButton{Button: widget.Button{Icon: theme.ContentAddIcon(), OnTapped: func() { f.submit(f.value + 1) }}})
	// A count typed and then left is submitted, not silently dropped.
	f.entry = newClickerEntry(c, false)
	f.entry.Text = "0"
	f.entry.leave = func() { f.typed(f.entry.Text) }
	f.entry.OnSubmitted = func(s string) { f.typed(s) }
	// Undo first takes back what was typed and not saved.
	f.entry.discard = func() bool {
		typed := f.invalid
		f.clearError()
		if s := strconv.Itoa(f.value); f.entry.Text != s {
			f.entry.SetText(s)
			typed = true
		}
		return typed
	}
	return f
}

func (f *countField) box() fyne.CanvasObject {
	return container.NewBorder(nil, nil, f.minus, f.plus, f.entry)
}

// typed submits the entry's text, or puts the saved value back if it is
// not a count.
func (f *countField) typed(s string) {
	n, err := parseCount(s)
	if err != nil {
		// The mistake stays in the field, marked, for the facilitator to
		// mend; the last good count stands and nothing is recorded.
		f.invalid = true
		f.entry.Validator = func(s string) error { _, err := parseCount(s); return err }
		f.entry.SetValidationError(err)
		f.entry.Refresh()
		return
	}
	f.clearError()
	f.submit(n)
}

func (f *countField) submit(n int) {
	if n < 0 || n == f.value {
		return
	}
	f.onSet(n)
}

// clearError takes the mark of a mistyped count away: the field shows an
// error only while it holds one.
func (f *countField) clearError() {
	if !f.invalid && f.entry.Validator == nil {
		return
	}
	f.invalid = false
	f.entry.Validator = nil
	f.entry.SetValidationError(nil)
	f.entry.Refresh()
}

// set shows the saved value.
func (f *countField) set(n int) {
	if f.invalid && n == f.value {
		return // keep what was typed on screen until it is mended
	}
	f.value = n
	f.clearError()
	if s := strconv.Itoa(n); f.entry.Text != s {
		f.entry.SetText(s)
	}
	setEnabled(f.minus, n > 0 && !f.entry.Disabled())
}

func (f *countField) enable(on bool) {
	if on {
		f.entry.Enable()
	} else {
		f.entry.Disable()
	}
	setEnabled(f.plus, on)
	setEnabled(f.minus, on && f.value > 0)
}

func parseCount(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > workshop.MaxCount {
		return 0, errors.New(tr("a whole number from 0 to {{.Max}}", "Max", workshop.MaxCount))

	}
	return n, nil
}
