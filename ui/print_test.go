package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"runsheet/workshop/report"
)

func TestPrintingFromTheLibraryAndTheConsole(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	l := s.library
	l.list.Select(0)
	test.Tap(l.guide)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(rendersText(top), "Starts at") {
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
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(rendersText(top), "Export the session") && !strings.Contains(rendersText(top), "Paper") {
		t.Fatal("the console's export button did not offer the exports")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	for kind, prefix := range map[string]string{"summary": "%PDF-", "csv": "session,group,", "json": "{"} {
		data, _, err := s.sessionDocument(c.model.rec.View, kind, report.A4)
		if err != nil || !bytes.HasPrefix(data, []byte(prefix)) {
			t.Errorf("%s: %v %q", kind, err, data[:min(len(data), 20)])
		}
	}
}
