package ui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// editor edits a plan in the data folder: every field of every exercise,
// with problems shown beside the fields as they are typed.
type editor struct {
	shell   editorHost
	content fyne.CanvasObject

	plan    *workshop.Plan
	path    string // the file it is saved to; empty until first saved
	dirty   bool
	current int
	filling bool // set while fields are filled from the plan, not typed

	title       *ringEntry
	summary     *proseEntry
	total       *widget.Label
	problems    *widget.Label
	list        *ringList
	add, remove *ringButton
	up, down    *ringButton
	save        *ringButton
	export      *ringButton
	back        *ringButton

	kind        *ringSelect
	exTitle     *ringEntry
	minutes     *ringEntry
	brief       *proseEntry
	notes       *proseEntry
	prompts     *proseEntry
	options     *proseEntry
	scaleLow    *ringEntry
	scaleHigh   *ringEntry
	closeAtZero *ringCheck
	itemsBox    *fyne.Container
	addItem     *ringButton
	voteFields  *fyne.Container
	scaleFields *fyne.Container
	kindFields  *kindFields
	itemFields  *fyne.Container

	// errs holds the label beside each field, by field name; "" is the plan title.
	errs       map[string]*widget.Label
	minutesBad bool
}

// editorKinds are the exercise kinds the editor offers: all but a pause,
// which is inserted on the day.
var editorKinds = func() []workshop.Kind {
	var out []workshop.Kind
	for _, k := range workshop.Kinds {
		if !k.Def().Pause {
			out = append(out, k)
		}
	}
	return out
}()

func newEditor(s editorHost, plan *workshop.Plan, path string) *editor {
	e := &editor{shell: s, plan: plan.Clone(), path: path, errs: map[string]*widget.Label{}}
	if len(e.plan.Exercises) == 0 {
		e.plan.Exercises = []workshop.Exercise{{Kind: workshop.KindTalk, Title: tr("Welcome"), Minutes: 5}}
	}
	e.buildUI()
	e.fill()
	return e
}

func (e *editor) errLabel(field string) *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.Hide()
	e.errs[field] = l
	return l
}

func (e *editor) buildUI() {
	e.title = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("Plan title")}})
	e.title.OnChanged = func(s string) { e.changed(func() { e.plan.Title = s }) }
	e.summary = newProseEntry(tr("One or two sentences on what the workshop is for"), true)
	e.summary.OnChanged = func(s string) { e.changed(func() { e.plan.Summary = s }) }
	e.total = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	e.problems = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}

	e.list = &ringList{List: widget.List{
		Length:     func() int { return len(e.plan.Exercises) },
		CreateItem: func() fyne.CanvasObject { return newIconRow(nil) },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*listRow)
			ex := e.plan.Exercises[id]
			row.label.SetText(tr("{{.N}}. {{.Title}} ({{.Kind}}, {{.M}} min)", "N", id+1, "Title", ex.Title, "Kind", kindName(ex.Kind), "M", ex.Minutes))
			if e.exerciseHasProblems(id) {
				row.icon.SetResource(theme.ErrorIcon())
			} else {
				row.icon.SetResource(nil)
			}
		},
		OnSelected: func(id widget.ListItemID) {
			e.current = id
			e.fillExercise()
		},
	}}
	e.list.ExtendBaseWidget(e.list)
	e.add = ringed(&ringButton{Button: widget.Button{Icon: theme.ContentAddIcon(), Text: tr("Add"), OnTapped: e.onAdd}})
	e.remove = ringed(&ringButton{Button: widget.Button{Icon: theme.ContentRemoveIcon(), Text: tr("Remove"), OnTapped: e.onRemove}})
	e.up = ringed(&ringButton{Button: widget.Button{Icon: theme.MoveUpIcon(), OnTapped: func() { e.move(-1) }}})
	e.down = ringed(&ringButton{Button: widget.Button{Icon: theme.MoveDownIcon(), OnTapped: func() { e.move(1) }}})
	listButtons := container.NewHBox(e.add, e.remove, e.up, e.down)

	var names []string
	for _, k := range editorKinds {
		names = append(names, kindName(k))
	}
	e.kind = newRingSelect(names, func(string) {
		if i := e.kind.SelectedIndex(); i >= 0 {
			e.changed(func() { e.setKind(editorKinds[i]) })
		}
		e.showKindFields()
	})
	e.exTitle = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("Shown large to the room")}})
	e.exTitle.OnChanged = func(s string) { e.changed(func() { e.ex().Title = s }) }
	e.minutes = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: "1–240"}})
	e.minutes.OnChanged = func(s string) {
		e.changed(func() {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			e.minutesBad = err != nil
			e.ex().Minutes = n
		})
	}
	e.brief = newProseEntry(tr("Shown to the room and printed on the handout"), true)
	e.brief.OnChanged = func(s string) { e.changed(func() { e.ex().Brief = s }) }
	e.notes = newProseEntry(tr("Only you see these"), true)
	e.notes.OnChanged = func(s string) { e.changed(func() { e.ex().Notes = s }) }
	e.prompts = newProseEntry(tr("One prompt or round per line"), true)
	e.prompts.OnChanged = func(s string) { e.changed(func() { e.ex().Prompts = lines(s) }) }
	e.options = newProseEntry(tr("One option per line, e.g.\nImplement\nInnovate"), false)
	e.options.OnChanged = func(s string) {
		e.changed(func() { e.ex().Options = lines(s) })
		e.buildItems()
	}
	e.scaleLow = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("Label for 1, e.g. Rarely")}})
	e.scaleLow.OnChanged = func(string) { e.changed(e.readScale) }
	e.scaleHigh = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("Label for 5, e.g. Always")}})
	e.scaleHigh.OnChanged = func(string) { e.changed(e.readScale) }
	e.closeAtZero = ringedCheck(&ringCheck{Check: widget.Check{Text: tr("Close voting when the timer reaches zero")}})
	e.closeAtZero.OnChanged = func(on bool) { e.changed(func() { e.ex().CloseAtZero = on }) }
	e.itemsBox = container.NewVBox()
	e.addItem = ringed(&ringButton{Button: widget.Button{Text: tr("Add item"), Icon: theme.ContentAddIcon(), OnTapped: e.onAddItem}})

	field := func(label string, w fyne.CanvasObject, name string) *widget.FormItem {
		return widget.NewFormItem(label, container.NewVBox(w, e.errLabel(name)))
	}
	common := widget.NewForm(
		field(tr("Kind"), e.kind, "kind"),
		field(tr("Title"), e.exTitle, "title"),
		field(tr("Minutes"), e.minutes, "minutes"),
		field(tr("Brief"), e.brief, "brief"),
		field(tr("Your notes"), e.notes, "notes"),
		field(tr("Prompts"), e.prompts, "prompts"),
	)
	e.voteFields = container.NewVBox(widget.NewForm(field(tr("Options"), e.options, "options")))
	e.scaleFields = container.NewVBox(widget.NewForm(
		field(tr("Label for 1"), e.scaleLow, "scale"),
		widget.NewFormItem(tr("Label for 5"), e.scaleHigh)))
	e.itemFields = container.NewVBox(
		sectionLabel(tr("Items")), e.errLabel("items"), e.itemsBox, container.NewHBox(e.addItem), e.closeAtZero)
	e.kindFields = newKindFields(e)
	detail := container.NewVScroll(container.NewPadded(container.NewVBox(common, e.voteFields, e.scaleFields, e.kindFields.gridFields, e.kindFields.openFields, e.itemFields)))

	e.back = ringed(&ringButton{Button: widget.Button{Text: tr("Library"), Icon: theme.NavigateBackIcon(), OnTapped: e.onBack}})
	e.save = primaryButton(tr("Save"), theme.DocumentSaveIcon(), e.onSave)
	e.export = ringed(&ringButton{Button: widget.Button{Text: tr("Export plan file…"), Icon: theme.UploadIcon(), OnTapped: e.onExport}})
	header := container.NewBorder(nil, nil, e.back, container.NewHBox(e.total, e.export, e.save),
		widget.NewLabelWithStyle(tr("Plan editor"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	planForm := widget.NewForm(
		widget.NewFormItem(tr("Title"), container.NewVBox(e.title, e.errLabel(""))),
		widget.NewFormItem(tr("Summary"), e.summary),
	)
	left := container.NewBorder(container.NewVBox(planForm, sectionLabel(tr("Exercises"))),
		container.NewVBox(listButtons, e.problems), nil, nil, e.list.withRing())
	split := container.NewHSplit(left, detail)
	split.Offset = 0.38
	e.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, split)
}

// setKind changes the exercise's kind, dropping the fields the new kind
// does not take, so that no hidden field is left invalid.
func (e *editor) setKind(k workshop.Kind) {
	ex := e.ex()
	ex.SetKind(k)
	if !e.filling {
		e.filling = true
		e.options.SetText(strings.Join(ex.Options, "\n"))
		e.scaleLow.SetText("")
		e.scaleHigh.SetText("")
		e.closeAtZero.SetChecked(ex.CloseAtZero)
		e.kindFields.fill(ex)
		e.filling = false
	}
}

// ex is the exercise being edited.
func (e *editor) ex() *workshop.Exercise { return &e.plan.Exercises[e.current] }

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (e *editor) readScale() {
	low, high := strings.TrimSpace(e.scaleLow.Text), strings.TrimSpace(e.scaleHigh.Text)
	if low == "" && high == "" {
		e.ex().Scale = nil
		return
	}
	e.ex().Scale = []string{low, high}
}

// changed applies an edit typed by the user and revalidates.
func (e *editor) changed(apply func()) {
	if e.filling {
		return
	}
	apply()
	e.dirty = true
	e.validate()
}

// fill shows the whole plan.
func (e *editor) fill() {
	e.filling = true
	e.title.SetText(e.plan.Title)
	e.summary.SetText(e.plan.Summary)
	e.filling = false
	e.list.Refresh()
	e.list.Select(e.current)
	e.fillExercise()
}

// fillExercise shows the current exercise's fields.
func (e *editor) fillExercise() {
	ex := e.ex()
	e.filling = true
	e.kind.SetSelected(kindName(ex.Kind))
	e.exTitle.SetText(ex.Title)
	e.minutes.SetText(strconv.Itoa(ex.Minutes))
	e.minutesBad = false
	e.brief.SetText(ex.Brief)
	e.notes.SetText(ex.Notes)
	e.prompts.SetText(strings.Join(ex.Prompts, "\n"))
	e.options.SetText(strings.Join(ex.Options, "\n"))
	low, high := "", ""
	if len(ex.Scale) > 0 {
		low = ex.Scale[0]
	}
	if len(ex.Scale) > 1 {
		high = ex.Scale[1]
	}
	e.scaleLow.SetText(low)
	e.scaleHigh.SetText(high)
	e.closeAtZero.SetChecked(ex.CloseAtZero)
	e.kindFields.fill(ex)
	e.filling = false
	e.showKindFields()
	e.buildItems()
	e.validate()
}

// showKindFields shows the fields the exercise's kind takes.
func (e *editor) showKindFields() {
	k := e.ex().Kind
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	d := k.Def()
	show(e.voteFields, d.Takes(workshop.FieldOptions))
	show(e.scaleFields, d.Takes(workshop.FieldScale))
	show(e.itemFields, d.Takes(workshop.FieldItems))
	e.kindFields.show(d)
	e.buildItems()
}

func (e *editor) onAdd() {
	e.changed(func() {
		at := e.current + 1
		ex := workshop.Exercise{Kind: workshop.KindDiscuss, Title: tr("New exercise"), Minutes: 10}
		e.plan.Exercises = append(e.plan.Exercises[:at], append([]workshop.Exercise{ex}, e.plan.Exercises[at:]...)...)
		e.current = at
	})
	e.list.Refresh()
	e.list.Select(e.current)
	e.fillExercise()
}

func (e *editor) onRemove() {
	if len(e.plan.Exercises) <= 1 {
		return
	}
	e.changed(func() {
		e.plan.Exercises = append(e.plan.Exercises[:e.current:e.current], e.plan.Exercises[e.current+1:]...)
		e.current = min(e.current, len(e.plan.Exercises)-1)
	})
	e.list.Refresh()
	e.list.Select(e.current)
	e.fillExercise()
}

func (e *editor) move(by int) {
	j := e.current + by
	if j < 0 || j >= len(e.plan.Exercises) {
		return
	}
	e.changed(func() {
		xs := e.plan.Exercises
		xs[e.current], xs[j] = xs[j], xs[e.current]
		e.current = j
	})
	e.list.Refresh()
	e.list.Select(e.current)
}

// problemsNow validates the plan as it stands: its first MaxProblems
// problems, and how many more there are.
func (e *editor) problemsNow() ([]workshop.Problem, int) {
	probs, more := workshop.ValidateUpTo(e.plan, workshop.MaxProblems)
	return e.typedMinutes(probs), more
}

// typedMinutes says, of the minutes of the exercise being edited, that
// what was typed is not a number, when it is not.
func (e *editor) typedMinutes(probs []workshop.Problem) []workshop.Problem {
	if e.minutesBad {
		for i := range probs {
			if probs[i].Exercise == e.current && probs[i].Field == "minutes" {
				probs[i].Message = tr("type a whole number of minutes, {{.Min}}–{{.Max}}", "Min", workshop.MinMinutes, "Max", workshop.MaxMinutes)
				probs[i].Text = ""
			}
		}
	}
	return probs
}

func (e *editor) exerciseHasProblems(i int) bool {
	// The exercise alone, and its first problem: the whole plan's check,
	// for each row of the list, grows with the square of a plan full of
	// problems.
	return workshop.ExerciseHasProblems(e.plan, i)
}

// validate shows each problem of the exercise being edited beside its
// field, the problems elsewhere and their count, and the total length.
func (e *editor) validate() {
	for _, l := range e.errs {
		l.SetText("")
		l.Hide()
	}
	var others []string
	beside := map[string][]string{}
	probs, more := e.problemsNow()
	if e.current >= 0 && e.current < len(e.plan.Exercises) {
		// The exercise being edited has every problem shown, however many
		// the rest of the plan has.
		probs = slices.DeleteFunc(probs, func(p workshop.Problem) bool { return p.Exercise == e.current })
		probs = append(probs, e.typedMinutes(workshop.ValidateExercise(e.plan, e.current))...)
	}
	for _, p := range probs {
		field := p.Field
		if p.Exercise < 0 {
			if field == "title" {
				field = ""
			} else {
				others = append(others, problemLine(p))
				continue
			}
		} else if p.Exercise != e.current {
			others = append(others, problemLine(p))
			continue
		}
		if _, ok := e.errs[field]; !ok {
			others = append(others, problemLine(p))
			continue
		}
		// Set once each, below: a label set again for each of 200 items
		// lays its text out 200 times over.
		beside[field] = append(beside[field], problemText(p))
	}
	for field, texts := range beside {
		e.errs[field].SetText(strings.Join(texts, "\n"))
		e.errs[field].Show()
	}
	// more, problems past the first MaxProblems, are elsewhere in the
	// plan but for the few of the exercise being edited, shown above.
	if extra := max(len(others)-5, 0) + more; extra > 0 {
		others = append(others[:min(len(others), 5)], trn("more_problems", extra))
	}
	e.problems.SetText(strings.Join(others, "\n"))
	e.total.SetText(trn("n_exercises", len(e.plan.Exercises)) + " · " + tr("{{.M}} min", "M", e.plan.TotalMinutes()))

	e.list.Refresh()
}

// onBack returns to the library, asking first if there are unsaved changes.
func (e *editor) onBack() {
	if !e.dirty {
		e.shell.showLibrary()
		return
	}
	e.shell.confirm(tr("Discard your changes?"), tr("The plan has changes that are not saved."), func(ok bool) {
		if ok {
			e.shell.showLibrary()
		}
	})
}
