package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"runsheet/workshop/plans"
)

// Fyne's tabs take no focus, so in a session Ctrl+PageDown and
// Ctrl+PageUp switch the console's lower tabs, round from the last to the
// first and passing over a tab the exercise on screen has no use for; the
// key table says so. Back in the library the keys switch its tabs again.
func TestConsoleLowerTabsByKeyboard(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	if err := s.StartSessionIn(plans.Builtin(), "Keys", RoomLanguage{}); err != nil {
		t.Fatal(err)
	}
	c := s.console
	next := &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}
	back := &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}
	var enabled []int
	for i, it := range c.lower.Items {
		if !it.Disabled() {
			enabled = append(enabled, i)
		}
	}
	if len(enabled) < 2 || len(enabled) == len(c.lower.Items) {
		t.Fatalf("the first exercise leaves tabs %v of %d enabled; the test wants some but not all", enabled, len(c.lower.Items))
	}
	start := c.lower.SelectedIndex()
	var seen []int
	for range enabled {
		sendShortcut(t, w, next)
		seen = append(seen, c.lower.SelectedIndex())
	}
	if seen[len(seen)-1] != start {
		t.Errorf("Ctrl+PageDown went %v from tab %d, not round to it", seen, start)
	}
	for _, i := range seen {
		if c.lower.Items[i].Disabled() {
			t.Errorf("Ctrl+PageDown selected the disabled tab %q", c.lower.Items[i].Text)
		}
	}
	sendShortcut(t, w, next)
	sendShortcut(t, w, back)
	if got := c.lower.SelectedIndex(); got != start {
		t.Errorf("Ctrl+PageDown then Ctrl+PageUp left tab %d, want %d", got, start)
	}
	found := false
	for _, row := range keyHelp(s.singleKeys()) {
		if row[0] == tr("Ctrl+PageDown, Ctrl+PageUp") && row[1] == tr("Switch tabs: in the library, Plans and Sessions; in a session, Votes, Answers, Brief & notes and Phones; in About, its tabs") {
			found = true
		}
	}
	if !found {
		t.Error("the key table does not say Ctrl+PageDown switches a session's tabs")
	}
	s.showLibrary()
	before := s.library.tabs.SelectedIndex()
	sendShortcut(t, w, next)
	if s.library.tabs.SelectedIndex() == before {
		t.Error("back in the library, Ctrl+PageDown does not switch its tabs")
	}
}
