package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// A break and a copied vote inserted on the day, from the console's
// dialogs: refused while a value is wrong, with the dialog kept open;
// then in the agenda after the exercise on screen, on the projector as
// "Break — back at 09:27" with its countdown, in the drift, and in the
// store.
func TestInsertABreakAndAnExerciseOnTheDay(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Room")
	planned := len(state(c).Plan.Exercises)
	key(w, fyne.KeyPageDown) // start
	clk.Advance(2 * time.Minute)

	f := c.onInsertBreak()
	minutes := findEntry(t, f, "10")
	minutes.SetText("abc")
	f.submit()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "whole number from 1 to 240") || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("a break of %q minutes: problem %q, dialog open %v", minutes.Text, f.problem.Text, w.Canvas().Overlays().Top() != nil)
	}
	if n := len(state(c).Plan.Exercises); n != planned {
		t.Fatalf("a refused break changed the agenda to %d exercises", n)
	}
	minutes.SetText("15")
	f.submit()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stayed open after the break was inserted")
	}
	st := state(c)
	if len(st.Plan.Exercises) != planned+1 || st.Plan.Exercises[1].Kind != workshop.KindBreak || st.Plan.Exercises[1].Minutes != 15 || !st.Plan.Exercises[1].Added {
		t.Fatalf("after inserting: %+v", st.Plan.Exercises[1])
	}
	if got := allText(c.agenda); !strings.Contains(got, "2. Break (added)") {
		t.Errorf("the agenda does not show the break: %q", got)
	}
	if c.snap.drift != 15*time.Minute {
		t.Errorf("drift after a 15-minute break: %v, want 15m", c.snap.drift)
	}

	// A copy of the sorting vote, renamed, with an item of its own.
	f = c.onInsertExercise()
	from := findSelect(t, f)
	for i, o := range from.Options {
		if strings.HasPrefix(o, "Copy of 4. ") {
			from.SetSelectedIndex(i)
		}
	}
	title := findEntry(t, f, "Sort the behaviours")
	title.SetText("Sort them again")
	items := findEntryContaining(t, f, "Sets next quarter's objectives")
	items.SetText("")
	f.submit()
	if !strings.Contains(f.problem.Text, "a vote needs at least one item") {
		t.Fatalf("a vote with no items: problem %q", f.problem.Text)
	}
	items.SetText("Sets next quarter's objectives\nA new item from the room")
	f.submit()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open: %q", f.problem.Text)
	}
	st = state(c)
	added := st.Plan.Exercises[1]
	if added.Title != "Sort them again" || len(added.Items) != 2 || added.Items[0].Expect != "Implement" || added.Items[1].Expect != "" || len(added.Options) != 2 {
		t.Fatalf("the inserted vote: %+v", added)
	}
	if st.Plan.Exercises[2].Kind != workshop.KindBreak {
		t.Error("the second insert did not go right after the exercise on screen")
	}

	// The clicker walks into the vote, then the break.
	for range 40 {
		key(w, fyne.KeyPageDown)
		if state(c).Current == 2 {
			break
		}
		clk.Advance(time.Second)
	}
	clk.Advance(redrawGap)
	back := appWords().Clock(clk.Now().Add(15 * time.Minute))
	if got := c.projector.heading.Text(); got != "Break — back at "+back {
		t.Errorf("projector heading at the break %q, want %q", got, "Break — back at "+back)
	}
	if got := c.projector.timer.Text(); got != "15:00" {
		t.Errorf("the break's countdown shows %q", got)
	}

	// The store holds the inserts; the summary marks what was added.
	sess := stored(t, c)
	if len(sess.State.Plan.Exercises) != planned+2 || len(sess.Plan.Exercises) != planned {
		t.Errorf("stored agenda %d, plan %d", len(sess.State.Plan.Exercises), len(sess.Plan.Exercises))
	}
}

func findEntry(t *testing.T, f *insertForm, text string) *widget.Entry {
	t.Helper()
	for _, e := range entries(f.content) {
		if e.Text == text {
			return e
		}
	}
	t.Fatalf("no field holding %q", text)
	return nil
}

func findEntryContaining(t *testing.T, f *insertForm, text string) *widget.Entry {
	t.Helper()
	for _, e := range entries(f.content) {
		if strings.Contains(e.Text, text) {
			return e
		}
	}
	t.Fatalf("no field containing %q", text)
	return nil
}

// entries lists the text fields under o.
func entries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walkObjects(o, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *ringEntry:
			out = append(out, &e.Entry)
		case *formEntry:
			out = append(out, &e.Entry)
		}
	})
	return out
}

func findSelect(t *testing.T, f *insertForm) *widget.Select {
	t.Helper()
	var sel *widget.Select
	walkObjects(f.content, func(o fyne.CanvasObject) {
		if v, ok := o.(*formSelect); ok && sel == nil {
			sel = &v.Select
		}
	})
	if sel == nil {
		t.Fatal("no choice of what to start from")
	}
	return sel
}

// walkObjects calls visit on o and everything drawn under it.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, k := range v.Objects {
			walkObjects(k, visit)
		}
	case fyne.Widget:
		switch v.(type) {
		case *widget.Entry, *formEntry:
			return // its own text is enough
		}
		for _, k := range test.WidgetRenderer(v).Objects() {
			walkObjects(k, visit)
		}
	}
}

// The insert dialogs name the exercise they follow; a title that ends in
// punctuation of its own gets no full stop after it, in every language
// the app speaks: "…after 2. Warm-up: what does your week need?".
func TestInsertDialogsAddNoFullStopAfterATitlesOwnPunctuation(t *testing.T) {
	speakEnglishAfter(t)
	for _, code := range words.AppLanguages {
		setAppLanguage(code)
		s, _, w := newTestShell(t, laptop)
		c := startBuiltin(t, s, w, "Room")
		c.agenda.Select(1) // 2. Warm-up: what does your week need?
		for _, f := range []*insertForm{c.onInsertBreak(), c.onInsertExercise()} {
			text := allText(f.content)
			if !strings.Contains(text, "need?") || strings.Contains(text, "?.") {
				t.Errorf("%s: %q", code, strings.SplitN(text, "\n", 2)[0])
			}
			f.dlg.Hide()
		}
	}
	for in, want := range map[string]string{
		"after 2. Warm-up: what does your week need?.": "after 2. Warm-up: what does your week need?",
		"nach 3. Los!.":           "nach 3. Los!",
		"after “Why?”.":           "after “Why?”",
		"after 4. Talk (10 min).": "after 4. Talk (10 min).",
		"shorten 5. Vote.":        "shorten 5. Vote.",
	} {
		if got := closeSentence(in); got != want {
			t.Errorf("closeSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// The insert dialog for a grid has its four quadrants' names, filled from
// the grid it starts from, and checks them as a plan file's are: all four
// named, or none.
func TestInsertAGridWithItsQuadrants(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Quadrants")
	pick := func(f *insertForm) {
		from := findSelect(t, f)
		for i, o := range from.Options {
			if strings.HasPrefix(o, "Copy of ") && strings.HasSuffix(o, "Place the situations") {
				from.SetSelectedIndex(i)
			}
		}
	}
	f := c.onInsertExercise()
	pick(f)
	names := state(c).Plan.Exercises[slices.IndexFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })].Quadrants
	var fields []*widget.Entry
	for _, n := range names {
		fields = append(fields, findEntry(t, f, n))
	}
	findEntry(t, f, "Place the situations").SetText("Place them again")
	fields[2].SetText("  ")
	f.submit()
	if !strings.Contains(f.problem.Text, "quadrant 3 is empty") {
		t.Fatalf("a blank quadrant: problem %q", f.problem.Text)
	}
	fields[2].SetText("Run the machine")
	f.submit()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open: %q", f.problem.Text)
	}
	added := state(c).Plan.Exercises[1]
	if added.Title != "Place them again" || !slices.Equal(added.Quadrants, []string{names[0], names[1], "Run the machine", names[3]}) {
		t.Fatalf("the inserted grid: %q with quadrants %q", added.Title, added.Quadrants)
	}
	// None named is a grid without quadrants.
	f = c.onInsertExercise()
	pick(f)
	findEntry(t, f, "Place the situations").SetText("Place them bare")
	for _, n := range names {
		findEntry(t, f, n).SetText("")
	}
	f.submit()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open: %q", f.problem.Text)
	}
	if added := state(c).Plan.Exercises[1]; added.Title != "Place them bare" || added.Quadrants != nil {
		t.Errorf("the inserted grid: %q with quadrants %q", added.Title, added.Quadrants)
	}
	// A vote's dialog has no quadrants; a grid's has.
	f = c.onInsertExercise()
	findSelect(t, f).SetSelectedIndex(0)
	if quadrantsShown(f) {
		t.Error("a vote's dialog shows the quadrants")
	}
	pick(f)
	if !quadrantsShown(f) {
		t.Error("a grid's dialog hides the quadrants")
	}
	f.dlg.Hide()
}

// quadrantsShown reports whether the insert dialog shows its quadrants'
// names: their row, and each field in it.
func quadrantsShown(f *insertForm) bool {
	var walk func(o fyne.CanvasObject, shown bool) bool
	walk = func(o fyne.CanvasObject, shown bool) bool {
		shown = shown && o.Visible()
		if e, ok := o.(*formEntry); ok && e.PlaceHolder == tr("Top left") {
			return shown
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				if walk(k, shown) {
					return true
				}
			}
		}
		return false
	}
	return walk(f.content, true)
}

// An open question inserted on the day takes its longest answer and its
// answers per phone, shown only for it and checked as a plan file's.
func TestInsertAnOpenQuestionWithItsLimits(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Limits")
	f := c.onInsertExercise()
	from := findSelect(t, f)
	byHolder := func(holder string) *widget.Entry {
		t.Helper()
		for _, e := range entries(f.content) {
			if e.PlaceHolder == holder {
				return e
			}
		}
		t.Fatalf("no field %q", holder)
		return nil
	}
	visible := func(e *widget.Entry) bool { return e.Visible() }
	maxRunes, perPhone := byHolder(strconv.Itoa(workshop.DefaultAnswerRunes)), byHolder("1")
	if visible(maxRunes) || visible(perPhone) {
		t.Error("the first exercise offered is no open question, yet its limits show")
	}
	for i, o := range from.Options {
		if strings.HasPrefix(o, "Copy of ") && strings.HasSuffix(o, "One commitment") {
			from.SetSelectedIndex(i)
		}
	}
	if !visible(maxRunes) || !visible(perPhone) {
		t.Fatal("an open question's limits do not show")
	}
	findEntry(t, f, "One commitment").SetText("Two commitments")
	perPhone.SetText("11")
	f.submit()
	if !strings.Contains(f.problem.Text, "1–10") {
		t.Fatalf("11 answers a phone: problem %q", f.problem.Text)
	}
	maxRunes.SetText("200")
	perPhone.SetText("2")
	f.submit()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog stayed open: %q", f.problem.Text)
	}
	added := state(c).Plan.Exercises[1]
	if added.Title != "Two commitments" || added.MaxRunes != 200 || added.PerPhone != 2 {
		t.Errorf("the inserted question: %q, max %d, %d a phone", added.Title, added.MaxRunes, added.PerPhone)
	}
}
