package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// sendShortcut sends a shortcut as the desktop driver does: to the focused
// widget if it takes shortcuts, else to the window.
func sendShortcut(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	inner := reflect.ValueOf(w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	sc, ok := inner.(interface{ TypedShortcut(fyne.Shortcut) })
	if !ok {
		t.Fatalf("the test canvas (%T) takes no shortcuts", w.Canvas())
	}
	sc.TypedShortcut(s)
}

// closeTop closes the dialog on top of the window, as its Close button would.
func closeTop(w fyne.Window) {
	o := w.Canvas().Overlays().Top()
	o.Hide()
	w.Canvas().Overlays().Remove(o)
}

// focusOn moves the keyboard's focus with Tab to the control named name,
// from nothing focused, and reports whether it got there.
func focusOn(w fyne.Window, name string) bool {
	cv := w.Canvas()
	cv.Unfocus()
	for range 100 {
		cv.FocusNext()
		if f := cv.Focused(); f != nil && focusName(f) == name {
			return true
		}
	}
	return false
}

// After the session by keyboard alone: the Sessions tab (Return ticks the
// selected session, so Compare and Merge come within reach), the results
// and the corrections: Tab reaches every control, header first, and
// Shift+Tab walks back.
func TestSessionsResultsAndCorrectionsByTabAlone(t *testing.T) {
	drawnWithoutRace(t)
	s, clk, w := newTestShell(t, laptop)
	finishedSortingVote(t, s, clk, w, "Berlin", func(v *votePanel) []*ringButton { return []*ringButton{v.rows[0].paper.plus} })
	clk.Advance(time.Hour)
	s.showLibrary()
	c := finishedSortingVote(t, s, clk, w, "Paris", func(v *votePanel) []*ringButton { return []*ringButton{v.rows[1].room.plus} })
	sess := session(c)

	s.showResults(sess)
	r := s.results
	if got, want := tabWalk(t, w), []string{"button Library", "button Correct counts…", "button Print & export…", "page"}; !slices.Equal(got, want) {
		t.Errorf("the results by Tab:\n%q\nwant\n%q", got, want)
	}
	// The page of results scrolls by keyboard, to its end and back.
	if !focusOn(w, "page") {
		t.Fatal("Tab does not reach the page of results")
	}
	press(w, fyne.KeyPageDown)
	if r.page.Offset.Y <= 0 {
		t.Error("PageDown did not scroll the results")
	}
	press(w, fyne.KeyEnd)
	if end := r.page.Content.MinSize().Height - r.page.Size().Height; r.page.Offset.Y < end-1 {
		t.Errorf("End scrolled to %v, want the end at %v", r.page.Offset.Y, end)
	}
	press(w, fyne.KeyHome)
	if r.page.Offset.Y != 0 {
		t.Errorf("Home left the results at %v", r.page.Offset.Y)
	}
	cor := s.showCorrections(sess)
	got := tabWalk(t, w)
	if len(got) != len(cor.fields)+2 || got[0] != "button Back to the results" || got[1] != "button Save corrections" {
		t.Errorf("the corrections by Tab: %d controls (%q …), want the header's two first and then all %d fields", len(got), got[:min(4, len(got))], len(cor.fields))
	}
	// A box reached by Tab or Shift+Tab is scrolled into sight: the last
	// box by Shift+Tab from nothing, then the first again by Tab.
	page := cor.boxes[0].page
	inSight := func(o fyne.CanvasObject) bool {
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(page).Y
		return y >= 0 && y+o.Size().Height <= page.Size().Height+1
	}
	w.Canvas().Unfocus()
	w.Canvas().FocusPrevious()
	last := cor.boxes[len(cor.boxes)-1]
	if w.Canvas().Focused() != last || !inSight(last) || page.Offset.Y == 0 {
		t.Errorf("Shift+Tab to the last box: focused %s, in sight %v, page at %v", focusName(w.Canvas().Focused()), inSight(last), page.Offset.Y)
	}
	w.Canvas().Unfocus()
	for range 3 {
		w.Canvas().FocusNext()
	}
	if first := cor.boxes[0]; w.Canvas().Focused() != first || !inSight(first) {
		t.Errorf("Tab to the first box: focused %s, in sight %v, page at %v", focusName(w.Canvas().Focused()), inSight(first), page.Offset.Y)
	}

	s.showLibrary()
	s.library.switchTab(1)
	l := s.library.sessions
	l.list.Select(0)
	want := []string{"list", "button Open", "button Print & export…", "button Import JSON…"}
	if got := tabWalk(t, w); !slices.Equal(got, want) {
		t.Errorf("the Sessions tab by Tab:\n%q\nwant\n%q", got, want)
	}
	// Tick two sessions from the keyboard: Return on the list.
	if !focusOn(w, "list") {
		t.Fatal("Tab does not reach the sessions list")
	}
	press(w, fyne.KeyReturn)
	l.list.Select(1)
	press(w, fyne.KeyReturn)
	if len(l.checked) != 2 {
		t.Fatalf("Return on the list ticked %d sessions, want 2", len(l.checked))
	}
	want = []string{"list", "button Open", "button Print & export…", "button Compare ticked", "button Merge ticked…", "button Import JSON…"}
	if got := tabWalk(t, w); !slices.Equal(got, want) {
		t.Errorf("the Sessions tab with two ticked, by Tab:\n%q\nwant\n%q", got, want)
	}
	focusOn(w, "list")
	press(w, fyne.KeyReturn)
	if len(l.checked) != 1 || l.compare.Disabled() == false {
		t.Errorf("Return again did not untick: %d ticked, Compare enabled %v", len(l.checked), !l.compare.Disabled())
	}
	// The merge dialog: its name, then Cancel and Merge.
	press(w, fyne.KeyReturn)
	l.onMerge()
	if got, want := tabWalk(t, w), []string{"entry e.g. All breakout rooms", "button Cancel", "button Merge"}; !slices.Equal(got, want) {
		t.Errorf("the merge dialog by Tab:\n%q\nwant\n%q", got, want)
	}
	closeTop(w)
	// The export dialog: paper, then each document, then Close.
	test.Tap(l.export)
	got = tabWalk(t, w)
	if len(got) != 8 || !strings.HasPrefix(got[2], "button Summary PDF") || got[len(got)-1] != "button Close" {
		t.Errorf("the export dialog by Tab: %q", got)
	}
	closeTop(w)
}

// Every dialog the facilitator meets, by keyboard alone: Tab reaches every
// control in the order the dialog reads, the fields before the buttons,
// Shift+Tab walks back, the focus shows, and no box keeps Tab.
func TestEveryDialogByTabAlone(t *testing.T) {
	drawnWithoutRace(t)
	s, _, w := newTestShell(t, laptop)
	s.library.list.Select(0)

	s.showPreferences()
	want := []string{"entry Printed on summaries", "button A4", "button US Letter", "entry ",
		"select", "check High contrast (projector and console)", "check No flashing: the timer stays steady at zero",
		"select", "check Keys B . R L + - ? work without Ctrl (a clicker's B needs this)",
		"check Next reveals results before moving on", "check Phones see results once revealed", "button Cancel", "button Save"}
	if got := tabWalk(t, w); !slices.Equal(got, want) {
		t.Errorf("Preferences by Tab:\n%q\nwant\n%q", got, want)
	}
	closeTop(w)

	// About: the folder's buttons, the page of the tab shown, Close;
	// Ctrl+PageDown shows the next tab, whose page Tab reaches then.
	a := s.showAbout()
	if got, want := tabWalk(t, w), []string{"button Open the data folder", "button Copy the path", "page", "button Close"}; !slices.Equal(got, want) {
		t.Errorf("About by Tab:\n%q\nwant\n%q", got, want)
	}
	sendShortcut(t, w, &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault})
	if a.tabs.SelectedIndex() != 1 || s.library.tabs.SelectedIndex() != 0 {
		t.Errorf("Ctrl+PageDown in About: its tab %d, the library's %d; want About's second, the library's unmoved", a.tabs.SelectedIndex(), s.library.tabs.SelectedIndex())
	}
	if !focusOn(w, "page") || w.Canvas().Focused() != a.pages[1] {
		t.Error("Tab does not reach the Fonts page")
	}
	press(w, fyne.KeyPageDown)
	if a.pages[1].Offset.Y <= 0 {
		t.Error("PageDown does not scroll the Fonts page")
	}
	test.Tap(a.copy)
	if got := fyne.CurrentApp().Clipboard().Content(); got != s.opts.DataDir {
		t.Errorf("Copy the path copied %q", got)
	}
	a.dlg.Hide()
	if s.openAbout() != nil {
		t.Error("About still counts as open once closed")
	}

	test.Tap(s.library.guide)
	if got := tabWalk(t, w); len(got) < 4 || got[len(got)-2] != "button Cancel" || !strings.HasPrefix(got[len(got)-1], "button Save PDF") {
		t.Errorf("the print dialog by Tab: %q", got)
	}
	closeTop(w)

	c := startBuiltin(t, s, w, "Dialogs")
	press(w, fyne.KeyPageDown)
	for _, d := range []struct {
		name string
		open func()
		want []string
	}{
		{"insert exercise", func() { c.onInsertExercise() }, []string{"select", "entry ", "entry ", "entry ", "button Cancel", "button Insert"}},
		{"insert break", func() { c.onInsertBreak() }, []string{"entry ", "entry ", "button Cancel", "button Insert"}},
		{"finish", c.onFinish, []string{"button No", "button Yes"}},
		{"leave", c.onBack, []string{"button No", "button Yes"}},
		{"keys", c.showKeys, []string{"button Close"}},
	} {
		d.open()
		if w.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no dialog opened", d.name)
		}
		if got := tabWalk(t, w); !slices.Equal(got, d.want) {
			t.Errorf("the %s dialog by Tab:\n%q\nwant\n%q", d.name, got, d.want)
		}
		press(w, fyne.KeyEscape)
		if w.Canvas().Overlays().Top() != nil {
			t.Errorf("Escape did not close the %s dialog", d.name)
			closeTop(w)
		}
	}
}

// The new preferences are set by keyboard alone in the Preferences
// dialog (Tab to the box, Space ticks it, Tab to Save, Space saves), and
// kept in preferences.json beside highContrast.
func TestPrefsSetByKeyboardAndKept(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	if !s.singleKeys() || s.noFlashing() || s.highContrast() {
		t.Fatal("defaults: keys alone on, flashing on, high contrast off")
	}
	s.showPreferences()
	for _, name := range []string{"check High contrast (projector and console)", "check No flashing: the timer stays steady at zero",
		"check Keys B . R L + - ? work without Ctrl (a clicker's B needs this)"} {
		if !focusOn(w, name) {
			t.Fatalf("Tab does not reach %s", name)
		}
		w.Canvas().Focused().TypedRune(' ')
	}
	if !focusOn(w, "button Save") {
		t.Fatal("Tab does not reach Save")
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Space on Save left the dialog open")
	}
	data, err := os.ReadFile(filepath.Join(s.opts.DataDir, prefsFileName))
	if err != nil {
		t.Fatal(err)
	}
	var kept map[string]any
	if err := json.Unmarshal(data, &kept); err != nil {
		t.Fatal(err)
	}
	if kept[prefContrast] != true || kept[prefNoFlash] != true || kept[prefSingleKeys] != false {
		t.Errorf("preferences.json holds %s", data)
	}
	if s.singleKeys() || !s.noFlashing() || !s.highContrast() {
		t.Error("the saved preferences are not in force")
	}
}

// The key table lists every key action, and follows the preference for
// keys alone: with it off, the character keys are listed with Ctrl only.
func TestKeyTableListsEveryKey(t *testing.T) {
	cols := func(single bool) string {
		var out []string
		for _, k := range keyHelp(single) {
			out = append(out, k[0]+" = "+k[1])
		}
		return strings.Join(out, "\n")
	}
	on, off := cols(true), cols(false)
	for _, k := range []string{"PageDown", "PageUp", "Space, F5", "B, ., Ctrl+B, Ctrl+.", "R, Ctrl+R", "L, Ctrl+L", "+, -, Ctrl++, Ctrl+-",
		"F11", "Ctrl+Z", "Esc", "Tab, Shift+Tab", "↑, ↓, Space", "Return", "Return, Esc", "Ctrl+PageDown", "F1, ?"} {
		if !strings.Contains(on, k) {
			t.Errorf("the key table lacks %q:\n%s", k, on)
		}
	}
	for _, k := range []string{"Ctrl+B, Ctrl+. =", "Ctrl+R =", "Ctrl+L =", "Ctrl++, Ctrl+- =", "F1 ="} {
		if !strings.Contains(off, k) {
			t.Errorf("with keys alone off, the key table lacks %q:\n%s", k, off)
		}
	}
	for _, k := range []string{"B, .", "R, Ctrl+R", "F1, ?"} {
		if strings.Contains(off, k) {
			t.Errorf("with keys alone off, the key table still offers %q", k)
		}
	}
}

// With keys alone off (WCAG 2.1.4), B, ".", R, L, +, - and ? do nothing
// from the window and a count box, and are letters in the notes; with
// Ctrl they act, and the clicker's PageDown, PageUp and F5 still drive.
func TestSingleKeysOffTheLettersDoNothing(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Speech")
	press(w, fyne.KeyPageDown) // start
	c.agenda.Select(sortingExercise)
	press(w, fyne.KeyB)
	if !c.projector.isBlank() {
		t.Fatal("B alone did not blank the projector with keys alone on")
	}
	press(w, fyne.KeyB)

	s.prefs().SetBool(prefSingleKeys, false)
	timeText := func() string { return state(c).Timer(clk.Now()).Text }
	before := timeText()
	revealed := func() bool { return state(c).Votes[sortingExercise].Items[0].Revealed }
	for _, k := range []fyne.KeyName{fyne.KeyB, fyne.KeyPeriod, fyne.KeyR, fyne.KeyL} {
		press(w, k)
	}
	for _, r := range "+=-?bB.rl" {
		char(w, r)
	}
	if c.projector.isBlank() || revealed() || timeText() != before || w.Canvas().Overlays().Top() != nil {
		t.Errorf("with keys alone off, character keys acted: blank %v, revealed %v, time %s (was %s), dialog %v",
			c.projector.isBlank(), revealed(), timeText(), before, w.Canvas().Overlays().Top() != nil)
	}
	// In a count box they type nothing; in the notes they are letters.
	box := c.votes.rows[0].room.entry
	w.Canvas().Focus(box)
	box.TypedRune('b')
	box.TypedRune('.')
	if box.Text != "0" || c.projector.isBlank() {
		t.Errorf("b and . in a count box: %q, blank %v; want nothing typed, nothing done", box.Text, c.projector.isBlank())
	}
	w.Canvas().Focus(c.notes)
	for _, r := range "b.r" {
		c.notes.TypedRune(r)
	}
	if c.notes.Text != "b.r" || c.projector.isBlank() {
		t.Errorf("the notes took %q (blank %v); want the letters typed", c.notes.Text, c.projector.isBlank())
	}
	w.Canvas().Unfocus()

	// With Ctrl they act, from the window and from a box.
	sendShortcut(t, w, ctrlShortcut(fyne.KeyB))
	if !c.projector.isBlank() {
		t.Error("Ctrl+B did not blank the projector")
	}
	w.Canvas().Focus(c.notes)
	sendShortcut(t, w, ctrlShortcut(fyne.KeyB))
	if c.projector.isBlank() || c.notes.Text != "b.r" {
		t.Errorf("Ctrl+B in the notes: blank %v, notes %q; want unblanked, notes as they were", c.projector.isBlank(), c.notes.Text)
	}
	w.Canvas().Unfocus()
	sendShortcut(t, w, ctrlShortcut(fyne.KeyEqual))
	if timeText() == before {
		t.Error("Ctrl+= did not add a minute")
	}
	sendShortcut(t, w, ctrlShortcut(fyne.KeyMinus))
	if timeText() != before {
		t.Errorf("Ctrl+- did not take the minute away: %s, was %s", timeText(), before)
	}
	sendShortcut(t, w, ctrlShortcut(fyne.KeyR))
	if !revealed() {
		t.Error("Ctrl+R did not reveal the item")
	}

	// The clicker's keys still drive the workshop.
	where := func() string { st := state(c); return fmt.Sprint(st.Current, st.Votes[st.Current]) }
	for _, k := range []fyne.KeyName{fyne.KeyPageUp, fyne.KeyPageDown} {
		was := where()
		press(w, k)
		if where() == was {
			t.Errorf("%s did nothing with keys alone off", k)
		}
	}
	running := state(c).Running()
	press(w, fyne.KeyF5)
	if state(c).Running() == running {
		t.Error("F5 did not pause or resume the timer")
	}
}

// The timer with "No flashing": at zero and after, the console's and the
// projector's timers never swap their colours, and say the time is up in
// words and with a "+". With flashing allowed they flash for at most five
// seconds, then hold the same steady overtime.
func TestTimerNoFlashingPreference(t *testing.T) {
	for _, steady := range []bool{false, true} {
		s, clk, w := newTestShell(t, laptop)
		s.prefs().SetBool(prefNoFlash, steady)
		c := startBuiltin(t, s, w, "Flash")
		press(w, fyne.KeyPageDown)
		c.projector.open()
		left := state(c).Clocks[state(c).Current].Remaining(clk.Now())
		clk.Advance(left - time.Second)
		inverted := 0
		for step := range 40 { // 20 s past zero, every half second
			clk.Advance(500 * time.Millisecond)
			c.projector.refreshTime()
			c.refreshTime()
			for _, tm := range []*Timer{c.timer, c.projector.timer} {
				if tm.Inverted() {
					inverted++
					if steady {
						t.Errorf("no flashing: the timer is inverted %v past zero", time.Duration(step)*500*time.Millisecond)
					}
					if over := time.Duration(step) * 500 * time.Millisecond; over >= workshop.FlashFor {
						t.Errorf("the timer still flashes %v past zero", over)
					}
				}
			}
			if step >= 2 && (!strings.HasPrefix(c.projector.timer.Text(), "+") || c.projector.timer.Caption() == "") {
				t.Errorf("past zero the projector shows %q with caption %q; want a + and words", c.projector.timer.Text(), c.projector.timer.Caption())
			}
		}
		if !steady && inverted == 0 {
			t.Error("with flashing allowed, the timer never flashed")
		}
	}
}

// The paper answers box on an open question: Tab reaches it, a clicker's
// PageDown still drives the workshop from it, a click and typing write
// letters (B too), Return adds the answer, Escape leaves the box, and
// Ctrl+B blanks from it.
func TestPaperAnswersBoxByKeyboard(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Paper")
	plan := session(c).Plan
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	press(w, fyne.KeyPageDown)
	c.agenda.Select(oi)
	if state(c).Current != oi {
		t.Fatalf("not on the open question: %d", state(c).Current)
	}
	box := c.answers.paper
	if !focusOn(w, "entry "+box.PlaceHolder) {
		t.Fatalf("Tab does not reach the paper answers box: %q", tabWalk(t, w))
	}
	test.Tap(box) // a click: the facilitator is typing
	for _, r := range "Be bold." {
		box.TypedRune(r)
	}
	if box.Text != "Be bold." || c.projector.isBlank() {
		t.Fatalf("typed into the paper box: %q, blank %v", box.Text, c.projector.isBlank())
	}
	box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	list := state(c).Answers[oi].List
	if len(list) != 1 || list[0].Text != "Be bold." || list[0].Source != workshop.SourcePaper {
		t.Fatalf("Return added %+v", list)
	}
	sendShortcut(t, w, ctrlShortcut(fyne.KeyB))
	if !c.projector.isBlank() {
		t.Error("Ctrl+B from the paper box did not blank")
	}
	sendShortcut(t, w, ctrlShortcut(fyne.KeyB))
	w.Canvas().Focus(box)
	press(w, fyne.KeyPageDown) // Next reveals the answers first
	if st := state(c); st.Current == oi && !st.Answers[oi].Revealed {
		t.Error("PageDown from the paper box did not drive the workshop")
	}
	if box.Text != "" {
		t.Errorf("PageDown typed into the box: %q", box.Text)
	}
	press(w, fyne.KeyEscape)
	if w.Canvas().Focused() == box {
		t.Error("Escape did not leave the paper box")
	}
}

// The paper answers box counts the characters of an answer against the
// question's maximum; past it the answer is neither added nor cut: the
// count turns red, Add is off, Return does nothing and the text stays to
// be shortened. An answer of exactly the maximum is added whole.
func TestPaperAnswerOverTheMaximumIsNotAdded(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Paper")
	plan := session(c).Plan
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	max := plan.Exercises[oi].AnswerRunes()
	press(w, fyne.KeyPageDown)
	c.agenda.Select(oi)
	p := c.answers
	if want := tr("{{.N}} of {{.Max}} characters", "N", 0, "Max", max); p.length.Text != want {
		t.Errorf("an empty box says %q, want %q", p.length.Text, want)
	}
	long := strings.Repeat("ż", max+20)
	p.paper.SetText(long)
	if want := tr("{{.N}} of {{.Max}} characters: too long to add; shorten it", "N", max+20, "Max", max); p.length.Text != want || p.length.Importance != widget.DangerImportance {
		t.Errorf("an answer of %d characters: %q (%v), want %q in red", max+20, p.length.Text, p.length.Importance, want)
	}
	if !p.add.Disabled() {
		t.Error("Add is on for an answer too long")
	}
	p.paper.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p.onAddPaper()
	if list := state(c).Answers[oi].List; len(list) != 0 {
		t.Fatalf("an answer too long was added: %d characters", len([]rune(list[0].Text)))
	}
	if p.paper.Text != long {
		t.Errorf("the box kept %d characters, want the %d typed", len([]rune(p.paper.Text)), max+20)
	}
	whole := strings.Repeat("ż", max)
	p.paper.SetText(whole)
	if p.add.Disabled() || p.length.Importance == widget.DangerImportance {
		t.Error("an answer of the maximum is refused")
	}
	test.Tap(p.add)
	if list := state(c).Answers[oi].List; len(list) != 1 || list[0].Text != whole {
		t.Errorf("added %+v, want the answer of %d characters whole", list, max)
	}
	if want := tr("{{.N}} of {{.Max}} characters", "N", 0, "Max", max); p.length.Text != want {
		t.Errorf("after adding the box says %q, want %q", p.length.Text, want)
	}
}

// A form refused for one field comes back, once the reason is read, with
// what was typed in every field, and nothing of it saved: Preferences
// with a 10,000-character name, the guide with a start that is no time.
func TestRefusedFormsComeBackAsTyped(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	shows := func(o fyne.CanvasObject) bool {
		found := false
		if top := w.Canvas().Overlays().Top(); top != nil {
			walkObjects(top, func(x fyne.CanvasObject) { found = found || x == o })
		}
		return found
	}
	save := func(button string) {
		t.Helper()
		if !focusOn(w, button) {
			t.Fatalf("Tab does not reach %s", button)
		}
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	}
	long := strings.Repeat("Ł", 10000)

	f := s.newPreferencesForm()
	s.askPreferences(f)
	f.facilitator.SetText(long)
	f.start.SetText("08:15")
	save("button Save")
	if shows(f.facilitator) {
		t.Fatal("the refused preferences show no reason")
	}
	save("button Close") // the reason, read
	if !shows(f.facilitator) || f.facilitator.Text != long || f.start.Text != "08:15" {
		t.Errorf("the preferences did not come back as typed: shown %v, start %q", shows(f.facilitator), f.start.Text)
	}
	if got := s.prefs().String(prefStart); got == "08:15" {
		t.Error("a refused form saved its start time")
	}
	closeTop(w)

	s.library.list.Select(0)
	test.Tap(s.library.guide)
	var start *ringEntry
	walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*ringEntry); ok {
			start = e
		}
	})
	if start == nil {
		t.Fatal("the guide's form has no start time")
	}
	start.SetText("25:99")
	save("button Save PDF…")
	save("button Close")
	if !shows(start) || start.Text != "25:99" {
		t.Errorf("the guide's form did not come back as typed: shown %v, %q", shows(start), start.Text)
	}
	closeTop(w)
}
