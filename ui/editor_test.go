package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/report"
)

func TestEditorBuildsAValidPlanAndSavesIt(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	test.Tap(s.library.newPlan)
	e := s.editor
	if e == nil || w.Content() != e.content {
		t.Fatal("New did not open the editor")
	}
	e.title.SetText("")
	if l := e.errs[""]; !l.Visible() || !strings.Contains(l.Text, "missing") {
		t.Errorf("an empty title shows no problem beside it: %q", l.Text)
	}
	test.Type(e.title, "Retro for leads")

	// The first exercise: a talk; then add a vote after it.
	test.Tap(e.add)
	if len(e.plan.Exercises) != 2 || e.current != 1 {
		t.Fatalf("Add: %d exercises, current %d", len(e.plan.Exercises), e.current)
	}
	e.kind.SetSelected(kindName(workshop.KindVote))
	e.exTitle.SetText("Whose job is it?")
	e.minutes.SetText("ten")
	if l := e.errs["minutes"]; !l.Visible() || !strings.Contains(l.Text, "whole number") {
		t.Errorf("minutes 'ten' shows %q", l.Text)
	}
	e.minutes.SetText("0")
	if l := e.errs["minutes"]; !strings.Contains(l.Text, "must be 1–240, got 0") {
		t.Errorf("minutes 0 shows %q", l.Text)
	}
	e.minutes.SetText("8")
	if e.errs["minutes"].Visible() {
		t.Errorf("a fixed field still shows %q", e.errs["minutes"].Text)
	}
	e.options.SetText("Facilitator\nTeam")
	if l := e.errs["items"]; !l.Visible() {
		t.Error("a vote without items shows no problem")
	}
	test.Tap(e.addItem)
	test.Tap(e.addItem)
	e.ex().Items[0].Text = "Keeping time"
	e.ex().Items[1].Text = "Choosing what to change"
	e.buildItems()
	e.moveItem(1, -1) // reorder
	if e.ex().Items[0].Text != "Choosing what to change" {
		t.Errorf("item order %v", e.ex().Items)
	}
	e.closeAtZero.SetChecked(true)
	test.Tap(e.up) // the vote becomes the first exercise
	if e.plan.Exercises[0].Title != "Whose job is it?" || e.current != 0 {
		t.Errorf("moving up: %q first, current %d", e.plan.Exercises[0].Title, e.current)
	}
	if got := e.total.Text; got != "2 exercises · 13 min" {
		t.Errorf("total %q", got)
	}

	test.Tap(e.save)
	if e.dirty || e.path == "" {
		t.Fatalf("not saved: %v", e.path)
	}
	saved, err := plans.Read(e.path)
	if err != nil {
		t.Fatalf("the saved plan does not pass check: %v", err)
	}
	want := e.plan.Clone()
	if !reflect.DeepEqual(saved, want) {
		t.Errorf("saved plan differs:\n%+v\n%+v", saved, want)
	}

	// Unsaved changes are asked about before leaving.
	e.exTitle.SetText("Whose job?")
	test.Tap(e.back)
	if w.Content() != e.content || !strings.Contains(allText(w.Canvas().Overlays().Top()), "Discard your changes?") {
		t.Error("leaving with unsaved changes did not ask first")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	// A second plan of the same title never overwrites the first.
	first := e.path
	again := s.showEditor(e.plan.Clone(), "", true)
	if err := again.saveFile(); err != nil || again.path == first {
		t.Errorf("a second plan of the same title was saved to %s (the first is %s): %v", again.path, first, err)
	}
}

func TestBuiltinPlanIsDuplicatedNotEdited(t *testing.T) {
	s, _, _ := newTestShell(t, laptop)
	l := s.library
	l.list.Select(0)
	if !l.edit.Disabled() {
		t.Error("the built-in plan can be edited in place")
	}
	test.Tap(l.duplicate)
	e := s.editor
	if e.plan.Title != "Implementing vs Innovating (copy)" || e.path != "" || !e.dirty {
		t.Fatalf("duplicate: %q %q dirty=%v", e.plan.Title, e.path, e.dirty)
	}
	if err := e.saveFile(); err != nil {
		t.Fatal(err)
	}
	s.showLibrary()
	n := len(plans.Builtins())
	if len(l.entries) != n+1 || l.entries[n].plan == nil || l.entries[n].plan.Title != "Implementing vs Innovating (copy)" {
		t.Fatalf("library after saving the copy: %+v", l.entries)
	}
	l.list.Select(n)
	if l.edit.Disabled() {
		t.Error("a plan in the data folder cannot be edited")
	}
	if data, _ := os.ReadFile(l.entries[n].path); !strings.Contains(string(data), "[[idea]]") {
		t.Error("the copy lost the plan's key ideas")
	}
}

func TestPreferences(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	f := s.newPreferencesForm()
	f.facilitator.SetText("Ana Müller")
	f.paper.SetSelected(tr("US Letter"))
	f.start.SetText("13:30")
	f.theme.SetSelected(tr("Dark"))
	if err := s.savePreferences(f); err != nil {
		t.Fatal(err)
	}
	if s.facilitator() != "Ana Müller" || s.defaultPaper() != report.Letter || s.defaultStart() != "13:30" {
		t.Error("preferences not kept")
	}
	c := startBuiltin(t, s, w, "G")
	if session(c).Facilitator != "Ana Müller" {
		t.Error("new sessions do not record the facilitator")
	}
	f = s.newPreferencesForm()
	if f.paper.Selected != tr("US Letter") || f.theme.Selected != tr("Dark") {

		t.Error("the form does not start from the saved preferences")
	}
	f.start.SetText("lunchtime")
	if err := s.savePreferences(f); err == nil || s.defaultStart() != "13:30" {
		t.Error("a bad start time was saved")
	}
}

func TestPreferencesLiveInTheDataFolder(t *testing.T) {
	a, _, _ := newTestShell(t, laptop)
	b, _, _ := newTestShell(t, laptop)
	f := a.newPreferencesForm()
	f.facilitator.SetText("Ana")
	if err := a.savePreferences(f); err != nil {
		t.Fatal(err)
	}
	if b.facilitator() != "" {
		t.Errorf("a second data folder shares the first one's facilitator: %q", b.facilitator())
	}
	data, err := os.ReadFile(filepath.Join(a.opts.DataDir, prefsFileName))
	if err != nil || !strings.Contains(string(data), `"Ana"`) {
		t.Errorf("the preferences are not in the data folder: %v %s", err, data)
	}
	if again := loadPrefs(a.opts.DataDir); again.String(prefFacilitator) != "Ana" {
		t.Error("the preferences do not read back")
	}
}

// A plan read with tens of thousands of problems, at the limits of a plan
// file, is edited at the cost of a few of them: the editor lists the first
// MaxProblems and counts the rest, and marks the exercises in its list
// exercise by exercise.
func TestEditorOfAPlanFullOfProblems(t *testing.T) {
	s, _, _ := newTestShell(t, laptop)
	plan := &workshop.Plan{Title: "T"}
	for range workshop.MaxExercises {
		ex := workshop.Exercise{Kind: workshop.KindVote, Title: strings.Repeat("Ť", workshop.MaxTitleRunes), Minutes: 5, Options: []string{"A"}}
		for range workshop.MaxListLen {
			ex.Items = append(ex.Items, workshop.Item{Text: "a", Expect: "Z"})
		}
		plan.Exercises = append(plan.Exercises, ex)
	}
	e := s.showEditor(plan, "", false)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	test.Type(e.title, "x")
	runtime.ReadMemStats(&after)
	// The 200 problems beside the items are laid out once: tens of MB.
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("a keystroke allocated %d MB", n>>20)
	}
	e.list.Select(7)
	if !strings.Contains(e.problems.Text, "more (marked in the list)") || strings.Count(e.problems.Text, "\n") > 6 {
		t.Errorf("the problems elsewhere: %q", e.problems.Text)
	}
	if l := e.errs["items"]; !l.Visible() || strings.Count(l.Text, "\n") != workshop.MaxListLen-1 {
		t.Errorf("the items of the exercise being edited show %d problems", strings.Count(l.Text, "\n")+1)
	}
}
