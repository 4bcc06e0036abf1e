package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"runsheet/workshop/plans"
)

// A guide whose agenda runs past midnight says on which day it ends.
func TestGuideSaysTheDayPastMidnight(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"Long\"\n")
	for range 5 {
		b.WriteString("[[exercise]]\nkind = \"talk\"\ntitle = \"Talk\"\nminutes = 240\n")
	}
	plan, err := plans.Parse("long.toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	// 09:00 + 20 h = 05:00 the next day.
	text, _, _ := pdfText(t, func(w *bytes.Buffer) error { return Guide(w, plan, 9*time.Hour, Options{Created: created}) })
	expectAll(t, "guide", text, []string{"09:00 to 05:00 (+1 day)", "to 01:00 (+1 day)", "ends 05:00 (+1 day)"})
}

// An exercise with a single prompt prints it without a number; one with
// several numbers them.
func TestGuideNumbersOnlySeveralPrompts(t *testing.T) {
	plan, err := plans.Parse("prompts.toml", []byte(`title = "Prompts"
[[exercise]]
kind = "reflect"
title = "One"
minutes = 5
prompts = ["Lonelyprompt stands alone"]
[[exercise]]
kind = "reflect"
title = "Two"
minutes = 5
prompts = ["Firstprompt here", "Secondprompt here"]
`))
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := pdfText(t, func(w *bytes.Buffer) error { return Guide(w, plan, 9*time.Hour, Options{Created: created}) })
	flat := strings.Join(strings.Fields(text), " ")
	if strings.Contains(flat, "1. Lonelyprompt") || !strings.Contains(flat, "Lonelyprompt stands alone") {
		t.Errorf("the single prompt is numbered or missing:\n%s", text)
	}
	expectAll(t, "guide", flat, []string{"1. Firstprompt here", "2. Secondprompt here"})
}
