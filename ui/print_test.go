package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"runsheet/workshop/plans"
	"runsheet/workshop/report"
)

func TestPrintingFromTheLibraryAndTheConsole(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	l := s.library
	l.list.Select(0)
	test.Tap(l.guide)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(allText(top), "Starts at") {
		t.Fatal("Print facilitator guide… did not ask for the paper and start time")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	plan := l.entries[0].plan
	for _, guide := range []bool{false, true} {
		data, _, err := s.planDocument(plan, guide, report.Letter, "13:30")
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("/MediaBox [0 0 612.00 792.00]")) {
			t.Errorf("guide=%v: %v, %d bytes", guide, err, len(data))
		}
	}
	if _, _, err := s.planDocument(plan, true, report.A4, "half past one"); err == nil {
		t.Error("a bad start time was accepted")
	}

	c := startBuiltin(t, s, w, "Printing")
	c.agenda.Select(sortingExercise)
	test.Tap(c.votes.rows[0].room.plus)
	test.Tap(c.export)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(allText(top), "Export the session") {
		t.Fatal("the console's export button did not offer the exports")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	// The live session's exports hold its whole history, read from the store.
	sess, err := s.storedSession(c.model.rec.ID())()
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"summary": "%PDF-", "csv": ",room\r\n", "json": `"kind": "tally"`} {
		data, _, err := s.sessionDocument(sess, kind, report.A4)
		if err != nil || !bytes.Contains(data, []byte(want)) {
			t.Errorf("%s: %v, lacks %q", kind, err, want)
		}
	}
}

func TestCharactersNoFontPrintsAreSaidBeforeSaving(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	plan := plans.Builtin()
	plan.Title = "Kick-off 🪀"
	s.saveBytes("handout.pdf", []string{".pdf"}, func() ([]byte, []string, error) {
		return s.planDocument(plan, false, report.A4, "09:00")
	})
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(allText(top), "Some characters cannot be printed") || !strings.Contains(allText(top), "U+1FA80") {
		t.Fatalf("no warning before saving: %q", allText(top))
	}
}
