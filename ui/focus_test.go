package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
	"runsheet/workshop/control/controltest"
)

// tappables lists what can be clicked under o and is on screen.
func tappables(o fyne.CanvasObject) []fyne.Tappable {
	var out []fyne.Tappable
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if t, ok := o.(fyne.Tappable); ok {
			out = append(out, t)
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return out
}

// where sums up the workshop's position, its timer and the projector's
// blanking: each clicker key changes it.
func where(c *console) string {
	st := state(c)
	s := fmt.Sprint(st.Current, st.Running(), c.projector.isBlank(), c.finishArmed, st.Rounds[st.Current])
	s += fmt.Sprint(st.Answers[st.Current].Open, st.Answers[st.Current].Revealed)
	if v := st.Votes[st.Current].Items; len(v) > 0 {
		s += fmt.Sprint(st.Votes[st.Current].Active)
		for _, it := range v {
			s += fmt.Sprint(it.Open, it.Revealed)
		}
	}
	return s
}

// clickerWorks sends PageDown, PageUp, B, "." and F5 (twice) to w, and
// says which of them left the workshop as it was.
func clickerWorks(c *console, clk *controltest.Clock, w fyne.Window) []string {
	var dead []string
	for _, k := range []fyne.KeyName{fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyB, fyne.KeyPeriod, fyne.KeyF5, fyne.KeyF5} {
		before := where(c)
		press(w, k)
		clk.Advance(time.Second)
		if where(c) == before {
			dead = append(dead, string(k))
		}
	}
	return dead
}

// Whatever the facilitator clicked on the console or the projector, the
// clicker's keys still run the workshop; typing into a text box still
// types.
func TestClickerKeysWorkWhateverWasClicked(t *testing.T) {
	drawnWithoutRace(t)
	s, clk, w := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	c := startBuiltin(t, s, w, "Clicks")
	press(w, fyne.KeyPageDown) // start
	clicked := 0
	// A vote, a grid (its "every rating" switch) and an open question
	// (its choice of cloud or wall).
	var exercises []int
	for _, k := range []workshop.Kind{workshop.KindVote, workshop.KindGrid, workshop.KindOpen} {
		exercises = append(exercises, slices.IndexFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == k }))
	}
	exercises[0] = sortingExercise
	for _, exercise := range exercises {
		c.agenda.Select(exercise)
		clickAll(t, c, clk, w, exercise, &clicked)
	}
	if clicked < 60 {
		t.Errorf("only %d things were clicked on the console", clicked)
	}

	// The projector: its window, and anything on it.
	c.projector.open()
	pw := c.projector.win
	for _, o := range append(tappables(c.projector.content), nil) {
		if o != nil {
			test.Tap(o)
		}
		test.TapCanvas(pw.Canvas(), fyne.NewPos(200, 200))
		if dead := clickerWorks(c, clk, pw); len(dead) > 0 {
			t.Errorf("on the projector after a click, these keys did nothing: %v", dead)
		}
	}
}

// clickAll clicks everything on every lower tab of the console, with the
// workshop on exercise, and checks after each click that the clicker's
// keys still run the workshop.
func clickAll(t *testing.T, c *console, clk *controltest.Clock, w fyne.Window, exercise int, clicked *int) {
	t.Helper()
	s := c.shell.(*Shell)
	for tab := range c.lower.Items {
		c.lower.SelectIndex(tab)
		for i := 0; ; i++ {
			all := tappables(c.content)
			if i >= len(all) {
				break
			}
			o := all[i]
			// The test driver gives every widget the canvas of the window
			// made last: the projector's must not be open while the
			// console is clicked.
			if c.projector.win != nil {
				c.projector.win.Close()
				c.projector.win = nil
			}
			name := fmt.Sprintf("%T #%d on tab %q of exercise %d", o, i, c.lower.Items[tab].Text, exercise+1)
			if b, ok := o.(*ringButton); ok {
				// Library and Finish ask first; Escape answers no.
				name = fmt.Sprintf("button %q%s", b.Text, name[len("*ui.ringButton"):])
				if b == c.next && exercise == len(state(c).Plan.Exercises)-1 {
					continue // Next and the clicker's PageDown would finish
				}
			}
			if e, ok := o.(*clickerEntry); ok && e.prose {
				test.Tap(e)
				test.Type(e, "Bob said: budgets.")
				clk.Advance(typingGrace + time.Second)
				if !strings.HasSuffix(e.Text, "Bob said: budgets.") || c.projector.isBlank() {
					t.Errorf("typing into the notes after a click: %q, blank %v", e.Text, c.projector.isBlank())
				}
			} else {
				test.Tap(o)
			}
			*clicked++
			if w.Canvas().Overlays().Top() != nil {
				press(w, fyne.KeyEscape)
				if w.Canvas().Overlays().Top() != nil {
					t.Errorf("after clicking %s, Escape did not close the dialog", name)
					w.Canvas().Overlays().Top().Hide()
				}
			}
			if c.lower.SelectedIndex() != tab {
				c.lower.SelectIndex(tab)
			}
			if dead := clickerWorks(c, clk, w); len(dead) > 0 {
				t.Errorf("after clicking %s (focus on %T), these keys did nothing: %v", name, w.Canvas().Focused(), dead)
			}
			if st := state(c); st.IsFinished() || s.console != c {
				t.Fatalf("clicking %s left the workshop", name)
			}
			if state(c).Current != exercise {
				c.agenda.Select(exercise)
			}
		}
	}
}

// Every dialog of the console: Return confirms it, Escape cancels it, and
// while it is open the clicker's keys do not move the workshop behind it
// but say why; an insert goes where its dialog said.
func TestEveryConsoleDialogAnswersReturnAndEscape(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Dialogs")
	press(w, fyne.KeyPageDown) // start
	c.agenda.Select(sortingExercise)
	open := func() bool { return w.Canvas().Overlays().Top() != nil }

	type dialogCase struct {
		name    string
		show    func()
		confirm func(t *testing.T) // checks what Return did
	}
	planned := len(state(c).Plan.Exercises)
	cases := []dialogCase{
		{"Insert break", func() { c.onInsertBreak() }, func(t *testing.T) {
			st := state(c)
			if len(st.Plan.Exercises) != planned+1 || st.Plan.Exercises[sortingExercise+1].Kind != workshop.KindBreak {
				t.Errorf("Return did not insert the break after %d: %d exercises", sortingExercise+1, len(st.Plan.Exercises))
			}
			planned = len(st.Plan.Exercises)
		}},
		{"Insert exercise", func() { c.onInsertExercise() }, func(t *testing.T) {
			// A new talk needs a title first: Return keeps the dialog and
			// says so; with a title, it inserts.
			if !open() {
				t.Fatal("Return inserted an exercise with no title")
			}
			var title *formEntry
			walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				if e, ok := o.(*formEntry); ok && title == nil && !e.MultiLine {
					title = e
				}
			})
			title.SetText("A story from the floor")
			w.Canvas().Focus(title)
			press(w, fyne.KeyReturn)
			st := state(c)
			if len(st.Plan.Exercises) != planned+1 || st.Plan.Exercises[sortingExercise+1].Title != "A story from the floor" {
				t.Errorf("Return did not insert the exercise after %d", sortingExercise+1)
			}
			planned = len(st.Plan.Exercises)
		}},
		{"Keys", c.showKeys, nil},
		{"Export", func() { c.export.OnTapped() }, nil},
		{"Finish", c.onFinish, func(t *testing.T) {
			if !state(c).IsFinished() {
				t.Error("Return did not finish the session")
			}
		}},
	}
	for _, dc := range cases {
		t.Run(dc.name, func(t *testing.T) {
			before := where(c)
			dc.show()
			if !open() {
				t.Fatal("no dialog")
			}
			for _, k := range []fyne.KeyName{fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyB, fyne.KeyPeriod, fyne.KeyF5, fyne.KeyRight} {
				press(w, k)
				press(c.projector.win, k)
			}
			ctrlZ(t, w)
			if where(c) != before || !open() {
				t.Errorf("clicker keys moved the workshop behind the dialog: %s → %s", before, where(c))
			}
			if !c.notice.Visible() {
				t.Error("no notice that the dialog holds the keys")
			}
			clk.Advance(noticeFor + time.Second)
			if c.notice.Visible() {
				t.Error("the notice stayed")
			}
			press(w, fyne.KeyEscape)
			if open() {
				t.Fatal("Escape did not cancel the dialog")
			}
			if n := len(state(c).Plan.Exercises); n != planned || where(c) != before {
				t.Errorf("Escape changed the workshop: %d exercises, %s → %s", n, before, where(c))
			}
			dc.show()
			press(w, fyne.KeyReturn)
			if dc.confirm != nil {
				dc.confirm(t)
			}
			if open() {
				t.Error("Return did not close the dialog")
			}
		})
	}
}

// Leaving the running session asks first: Escape stays, Return leaves.
func TestLeavingAskWithReturnAndEscape(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Leave")
	press(w, fyne.KeyPageDown)
	test.Tap(c.back)
	press(w, fyne.KeyEscape)
	if s.console != c || w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not stay in the console")
	}
	test.Tap(c.back)
	press(w, fyne.KeyReturn)
	if s.console != nil {
		t.Error("Return did not leave the console")
	}
}

// keyboardWindow is the window that has the keyboard, as the test driver
// keeps it: the last one shown or asked for the focus.
func keyboardWindow(t *testing.T) fyne.Window {
	t.Helper()
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if reflect.ValueOf(w).Elem().FieldByName("focused").Bool() {
			return w
		}
	}
	t.Fatal("no window has the keyboard")
	return nil
}

// Return in "Leave the running session?", a new session started from the
// library, Next, Finish: Return then finishes. The projector's window,
// opened again with the new session, must not keep the keyboard from the
// console, where the dialog is.
func TestReturnAnswersFinishAfterLeavingAndStartingAgain(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "First")
	press(w, fyne.KeyPageDown)
	test.Tap(c.back)
	press(keyboardWindow(t), fyne.KeyReturn)
	if s.console != nil {
		t.Fatal("Return did not leave the console")
	}
	c = startBuiltin(t, s, w, "Second")
	if kw := keyboardWindow(t); kw != w {
		t.Errorf("after Start session the keyboard is with %q, not the console", kw.Title())
	}
	press(keyboardWindow(t), fyne.KeyPageDown)
	test.Tap(c.finish)
	if kw := keyboardWindow(t); kw != w {
		t.Errorf("with Finish the session? open the keyboard is with %q", kw.Title())
	}
	press(keyboardWindow(t), fyne.KeyReturn)
	if !c.snap.isFinished() || w.Canvas().Overlays().Top() != nil {
		t.Error("Return did not finish the session")
	}
	// F11 and the Projector button show the room's window; the keyboard
	// stays with the console.
	c.projector.close()
	test.Tap(c.showProj)
	if kw := keyboardWindow(t); kw != w {
		t.Errorf("after showing the projector the keyboard is with %q", kw.Title())
	}
}
