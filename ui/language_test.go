package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The room's language is chosen when starting (the plan's by default),
// recorded with the session, and the projector speaks it.
func TestTheRoomReadsTheLanguageChosenAtTheStart(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	s.library.list.Select(0)
	if got := s.library.language.Selected; got != "English" {
		t.Fatalf("the built-in plan's room language shows as %q", got)
	}
	s.library.language.SetSelected("Polski")
	test.Type(s.library.group, "Łódź")
	test.Tap(s.library.start)
	c := s.console
	if c == nil || w.Content() != c.content {
		t.Fatal("Start did not open the console")
	}
	if st := state(c); st.Language != "pl" || st.PerPhone {
		t.Fatalf("the session's room language is %q (each phone's own: %v)", st.Language, st.PerPhone)
	}
	if sess := stored(t, c); sess.State.Language != "pl" {
		t.Errorf("the store holds the room language %q", sess.State.Language)
	}
	c.agenda.Select(sortingExercise)
	clk.Advance(redrawGap)
	p := c.projector
	if pos := p.position.Text(); !strings.Contains(pos, "pytanie 1 z 12") {
		t.Errorf("the projector's position in Polish: %q", pos)
	}
	key(w, "R")
	clk.Advance(time.Second)
	if got := allText(p.content); !strings.Contains(got, "Oczekiwana odpowiedź: Implement") || !strings.Contains(got, "podniesione ręce") {
		t.Errorf("the revealed answer and the chart's legend are not in Polish:\n%s", got)
	}
}
