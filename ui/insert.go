package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// Changes on the day: a break, or another exercise, put into the running
// session's agenda right after the exercise on screen. Each is one event;
// the plan the session began with stays as it was.

// defaultBreakMinutes is the length a new break is offered with.
const defaultBreakMinutes = 10

// insertForm is the dialog both inserts use: its fields, a line that says
// what is wrong, and an Insert button that only closes the dialog once the
// insert is recorded.
type insertForm struct {
	c       *console
	dlg     *dialog.CustomDialog
	content fyne.CanvasObject
	problem *widget.Label
	build   func() (workshop.Exercise, error)
	// after is the exercise the dialog said the insert follows. The
	// workshop holds still while the dialog is open; should it have moved
	// past all the same, the insert is refused, never put elsewhere.
	after int
	keys  *dialogKeys
}

// showInsertForm opens the dialog. Its fields' Return confirms it and
// Escape cancels it, as on the window.
func (c *console) showInsertForm(title string, fields []fyne.CanvasObject, box fyne.CanvasObject, build func() (workshop.Exercise, error)) *insertForm {
	f := &insertForm{c: c, build: build, after: c.snap.current}
	f.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance, TextStyle: fyne.TextStyle{Bold: true}}
	f.problem.Hide()
	after := fmt.Sprintf("%d. %s", f.after+1, c.snap.plan.Exercises[f.after].Title)
	where := &widget.Label{Text: closeSentence(tr("It goes into the agenda after {{.Exercise}}.", "Exercise", after)), Wrapping: fyne.TextWrapWord}
	f.content = container.NewVBox(where, box, f.problem)
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content, c.shell.window())
	f.keys = c.shell.keyed(f.dlg, f.submit, f.dlg.Hide)
	for _, o := range fields {
		switch o := o.(type) {
		case *formEntry:
			o.keys = f.keys
		case *formSelect:
			o.keys = f.keys
		}
	}
	cancel := ringed(&ringButton{Button: widget.Button{Text: tr("Cancel"), Icon: theme.CancelIcon(), OnTapped: f.dlg.Hide}})
	insert := primaryButton(tr("Insert"), theme.ContentAddIcon(), f.submit)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, insert})
	f.dlg.Resize(fyne.NewSize(min(560, c.shell.window().Canvas().Size().Width-40), 0))
	f.dlg.Show()
	return f
}

// submit records the insert, or says what stops it and keeps the dialog.
func (f *insertForm) submit() {
	ex, err := f.build()
	if err == nil {
		// The checks of the plan format first, said in the app's language.
		if probs := workshop.ValidateExercise(&workshop.Plan{Exercises: []workshop.Exercise{ex}}, 0); len(probs) > 0 {
			texts := make([]string, len(probs))
			for i, p := range probs {
				texts[i] = problemText(p)
			}
			err = errors.New(strings.Join(texts, "\n"))
		}
	}
	if err == nil {
		err = f.c.model.record(workshop.InsertAfter(ex, f.after))
	}
	if err != nil {
		f.problem.SetText(strings.TrimPrefix(err.Error(), workshop.ErrBadEvent.Error()+": "))
		f.problem.Show()
		return
	}
	f.dlg.Hide()
	f.c.refresh()
}

// onInsertBreak asks how long a break to add after the exercise on screen.
func (c *console) onInsertBreak() *insertForm {
	if c.snap.isFinished() {
		return nil
	}
	// The room reads the break's title: it is in the room's language.
	title := newFormEntry(words.For(c.snap.room.Language).Say("room.break"), false)
	minutes := newFormEntry(fmt.Sprint(defaultBreakMinutes), false)
	minutes.Validator = func(s string) error { _, err := parseMinutes(s); return err }
	form := newFields()
	form.add(tr("Title"), title)
	form.add(tr("Minutes"), minutes)
	f := c.showInsertForm(tr("Insert a break"), []fyne.CanvasObject{title, minutes}, form.box, func() (workshop.Exercise, error) {
		m, err := parseMinutes(minutes.Text)
		if err != nil {
			return workshop.Exercise{}, err
		}
		ex := workshop.Break(m, words.For(c.snap.room.Language))
		ex.Title = strings.TrimSpace(title.Text)
		return ex, nil
	})
	c.shell.window().Canvas().Focus(minutes)
	return f
}

// parseMinutes reads an exercise's length.
func parseMinutes(s string) (int, error) {
	var m int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &m); err != nil || fmt.Sprint(m) != strings.TrimSpace(s) || m < workshop.MinMinutes || m > workshop.MaxMinutes {
		return 0, errors.New(tr("minutes must be a whole number from {{.Min}} to {{.Max}}", "Min", workshop.MinMinutes, "Max", workshop.MaxMinutes))
	}
	return m, nil
}

// insertStart is one way to begin a new exercise: a blank one of a kind,
// or a copy of one already in the agenda.
type insertStart struct {
	label string
	ex    workshop.Exercise
}

// insertStarts lists the kinds of the plan format, then a copy of every
// exercise in the agenda. A new vote or scale starts from the first of
// its kind in the agenda (options, scale labels), so that a vote added
// on the day asks in the room's familiar terms; where there is none, from
// plain answers in the room's language.
func insertStarts(plan *workshop.Plan, room *words.Words) []insertStart {
	firstOf := func(k workshop.Kind) *workshop.Exercise {
		for i := range plan.Exercises {
			if plan.Exercises[i].Kind == k {
				return &plan.Exercises[i]
			}
		}
		return nil
	}
	var out []insertStart
	for _, k := range workshop.Kinds {
		d := k.Def()
		if d.Pause {
			continue // Insert break… adds one
		}
		ex := workshop.Exercise{Kind: k, Minutes: 10}
		if d.Takes(workshop.FieldOptions) {
			ex.Options = []string{room.Say("room.yes"), room.Say("room.no")}
			if v := firstOf(k); v != nil {
				ex.Options = append([]string(nil), v.Options...)
			}
		}
		if d.Takes(workshop.FieldAxes) {
			ex.Axes = [][]string{{tr("Implement"), tr("Innovate")}, {tr("Systems"), tr("People")}}
			if v := firstOf(k); v != nil {
				ex.Axes, ex.Quadrants = v.Clone().Axes, v.Clone().Quadrants
			}
		}
		if d.Takes(workshop.FieldScale) {
			ex.Scale = []string{room.Say("room.scale_low"), room.Say("room.scale_high")}
			if v := firstOf(k); v != nil {
				ex.Scale = append([]string(nil), v.Scale...)
			}
		}
		_, fresh := kindWords(k)
		out = append(out, insertStart{label: fresh, ex: ex})
	}
	for i, ex := range plan.Exercises {
		cp := ex.Clone()
		cp.Added = false
		out = append(out, insertStart{label: tr("Copy of {{.N}}. {{.Title}}", "N", i+1, "Title", ex.Title), ex: cp})
	}
	return out
}

// onInsertExercise asks for an exercise to add after the one on screen: a
// new one of any kind, or a copy of one in the agenda to change.
func (c *console) onInsertExercise() *insertForm {
	if c.snap.isFinished() {
		return nil
	}
	starts := insertStarts(c.snap.plan, words.For(c.snap.room.Language))
	labels := make([]string, len(starts))
	for i, s := range starts {
		labels[i] = s.label
	}
	var kind workshop.Kind
	var expect map[string]string // a copied vote's expected answers, by item
	title := newFormEntry("", false)
	minutes := newFormEntry("", false)
	minutes.Validator = func(s string) error { _, err := parseMinutes(s); return err }
	brief := newFormEntry("", true)
	listEntry := newFormEntry("", true)
	options := newFormEntry("", true)
	options.Wrapping = fyne.TextWrapOff
	low, high := newFormEntry("", false), newFormEntry("", false)
	axisEnds := []*formEntry{newFormEntry("", false), newFormEntry("", false), newFormEntry("", false), newFormEntry("", false)}
	// The quadrants' names: top left, top right, bottom left, bottom
	// right, as a grid's plan file gives them; all four or none.
	quadrants := []*formEntry{newFormEntry("", false), newFormEntry("", false), newFormEntry("", false), newFormEntry("", false)}
	for i, ph := range []string{tr("Top left"), tr("Top right"), tr("Bottom left"), tr("Bottom right")} {
		quadrants[i].PlaceHolder = ph
	}
	// An open question's longest answer and answers per phone; empty is
	// the default, what is not a number is refused by the checks.
	maxRunes, perPhone := newFormEntry("", false), newFormEntry("", false)
	maxRunes.PlaceHolder, perPhone.PlaceHolder = strconv.Itoa(workshop.DefaultAnswerRunes), "1"
	form := newFields()
	from := newFormSelect(labels)
	form.add(tr("Start from"), from)
	form.add(tr("Title"), title)
	form.add(tr("Minutes"), minutes)
	form.add(tr("Brief"), brief)
	itemsRow := form.add(tr("Items"), listEntry)
	optionsRow := form.add(tr("Options"), options)
	scaleRow := form.add(tr("Scale, 1 and 5"), container.NewGridWithColumns(2, low, high))
	axesRow := form.add(tr("Across, then up: low and high ends"), container.NewGridWithColumns(2, axisEnds[0], axisEnds[1], axisEnds[2], axisEnds[3]))
	quadrantsRow := form.add(tr("Quadrants"), container.NewGridWithColumns(2, quadrants[0], quadrants[1], quadrants[2], quadrants[3]))
	maxRow := form.add(tr("Longest answer, in characters"), maxRunes)
	perPhoneRow := form.add(tr("Answers per phone"), perPhone)
	options.SetMinRowsVisible(2)
	listEntry.SetMinRowsVisible(4)
	from.OnChanged = func(string) {
		i := from.SelectedIndex()
		if i < 0 {
			return
		}
		ex := starts[i].ex
		kind = ex.Kind
		title.SetText(ex.Title)
		minutes.SetText(fmt.Sprint(ex.Minutes))
		brief.SetText(ex.Brief)
		expect = map[string]string{}
		var ls []string
		for _, it := range ex.Items {
			ls = append(ls, it.Text)
			expect[it.Text] = it.Expect
		}
		if len(ex.Items) == 0 {
			ls = ex.Prompts
		}
		listEntry.SetText(strings.Join(ls, "\n"))
		options.SetText(strings.Join(ex.Options, "\n"))
		scale := append(append([]string(nil), ex.Scale...), "", "")
		low.SetText(scale[0])
		high.SetText(scale[1])
		for i, w := range axisEnds {
			w.SetText("")
			if a, b := i/2, i%2; a < len(ex.Axes) && b < len(ex.Axes[a]) {
				w.SetText(ex.Axes[a][b])
			}
		}
		for i, w := range quadrants {
			w.SetText("")
			if i < len(ex.Quadrants) {
				w.SetText(ex.Quadrants[i])
			}
		}
		count := func(n int) string {
			if n == 0 {
				return ""
			}
			return strconv.Itoa(n)
		}
		maxRunes.SetText(count(ex.MaxRunes))
		perPhone.SetText(count(ex.PerPhone))
		d := kind.Def()
		takesItems := d.Takes(workshop.FieldItems)
		itemsRow.label.SetText(tr("Prompts, one per line"))
		listEntry.PlaceHolder = tr("What the room discusses or writes about")
		if takesItems {
			itemsRow.label.SetText(tr("Items, one per line"))
			listEntry.PlaceHolder = tr("What the room votes on or rates")
		}
		options.PlaceHolder = tr("One per line, at least two")
		itemsRow.show(takesItems || d.Prompted)
		optionsRow.show(d.Takes(workshop.FieldOptions))
		scaleRow.show(d.Takes(workshop.FieldScale))
		axesRow.show(d.Takes(workshop.FieldAxes))
		quadrantsRow.show(d.Takes(workshop.FieldQuadrants))
		maxRow.show(d.Takes(workshop.FieldAnswers))
		perPhoneRow.show(d.Takes(workshop.FieldAnswers))
		form.box.Refresh()
	}
	from.SetSelectedIndex(0)
	fields := []fyne.CanvasObject{from, title, minutes, brief, listEntry, options, low, high, axisEnds[0], axisEnds[1], axisEnds[2], axisEnds[3], quadrants[0], quadrants[1], quadrants[2], quadrants[3], maxRunes, perPhone}
	return c.showInsertForm(tr("Insert an exercise"), fields, form.box, func() (workshop.Exercise, error) {
		m, err := parseMinutes(minutes.Text)
		if err != nil {
			return workshop.Exercise{}, err
		}
		ex := workshop.Exercise{Kind: kind, Title: strings.TrimSpace(title.Text), Minutes: m, Brief: strings.TrimSpace(brief.Text)}
		if src := from.SelectedIndex(); src >= 0 {
			ex.Notes, ex.CloseAtZero = starts[src].ex.Notes, starts[src].ex.CloseAtZero
		}
		if kind.Def().Takes(workshop.FieldAnswers) {
			ex.MaxRunes, ex.PerPhone = optionalCount(maxRunes.Text), optionalCount(perPhone.Text)
		}
		texts := lines(listEntry.Text)
		d := kind.Def()
		switch {
		case d.Takes(workshop.FieldItems):
			for _, t := range texts {
				ex.Items = append(ex.Items, workshop.Item{Text: t})
			}
			if d.Takes(workshop.FieldOptions) {
				ex.Options = lines(options.Text)
			}
			if d.Takes(workshop.FieldExpect) {
				for i := range ex.Items {
					ex.Items[i].Expect = expect[ex.Items[i].Text]
				}
			}
			if d.Takes(workshop.FieldScale) {
				ex.Scale = []string{strings.TrimSpace(low.Text), strings.TrimSpace(high.Text)}
			}
			if d.Takes(workshop.FieldAxes) {
				ex.Axes = [][]string{{strings.TrimSpace(axisEnds[0].Text), strings.TrimSpace(axisEnds[1].Text)},
					{strings.TrimSpace(axisEnds[2].Text), strings.TrimSpace(axisEnds[3].Text)}}
			}
			if d.Takes(workshop.FieldQuadrants) {
				// None named is none; else all four, checked below as
				// a plan file's are (a blank one is a problem).
				var names []string
				for _, w := range quadrants {
					names = append(names, strings.TrimSpace(w.Text))
				}
				if strings.Join(names, "") != "" {
					ex.Quadrants = names
				}
			}
		case d.Prompted:
			ex.Prompts = texts
		}
		if ex.Title == "" {
			return ex, errors.New(tr("give the exercise a title"))
		}
		return ex, nil
	})
}

// fields lays out labelled fields in two columns; a row can be hidden
// whole, label and field together.
type fields struct{ box *fyne.Container }

type fieldRow struct {
	label *widget.Label
	field fyne.CanvasObject
}

func newFields() *fields { return &fields{box: container.New(layout.NewFormLayout())} }

func (f *fields) add(label string, field fyne.CanvasObject) *fieldRow {
	r := &fieldRow{label: &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}, field: field}
	f.box.Add(r.label)
	f.box.Add(field)
	return r
}

func (r *fieldRow) show(on bool) {
	if on {
		r.label.Show()
		r.field.Show()
	} else {
		r.label.Hide()
		r.field.Hide()
	}
}
