package ui

import (
	"regexp"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/report"
)

// pdfLanguage is the language a PDF's document catalogue names (/Lang).
func pdfLanguage(t *testing.T, pdf []byte) string {
	t.Helper()
	m := regexp.MustCompile(`/Type /Catalog\n(?:.*\n)*?/Lang \(([^)]*)\)`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("the PDF's catalogue names no language")
	}
	return string(m[1])
}

// The documents the app prints, the handout, the guide and a session's
// summary, tell a screen reader the plan's or the session's language, not
// the language the app speaks: a German and an Arabic plan, printed from
// an app in French.
func TestPrintedDocumentsCarryThePlansLanguage(t *testing.T) {
	speakEnglishAfter(t)
	s, _, _ := newTestShell(t, laptop)
	choosePreferredLanguage(t, s, "fr")
	for _, code := range []string{"de", "ar"} {
		plan := plans.Builtin()
		plan.Language = code
		for _, guide := range []bool{false, true} {
			data, _, err := s.planDocument(plan, guide, report.A4, "09:00")
			if err != nil {
				t.Fatal(err)
			}
			if got := pdfLanguage(t, data); got != code {
				t.Errorf("a %s plan's document (guide %v) says it is in %q", code, guide, got)
			}
		}
		sess, err := workshop.NewSession(plan, "Room", "", time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"summary", "guide"} {
			data, _, err := s.sessionDocument(sess, kind, report.A4)
			if err != nil {
				t.Fatal(err)
			}
			if got := pdfLanguage(t, data); got != code {
				t.Errorf("a %s session's %s says it is in %q", code, kind, got)
			}
		}
	}
}
