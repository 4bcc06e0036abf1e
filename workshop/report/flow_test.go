package report

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"runsheet/workshop"
)

// A long first brief starts on the first page, under the title, and runs
// on; a page is never left with the title alone.
func TestLongFirstBriefStartsOnPageOne(t *testing.T) {
	for _, paras := range []int{5, 7, 12} {
		brief := strings.TrimSpace(strings.Repeat(strings.Repeat("Good facilitation depends on preparation, timing and listening. ", 6)+"\n\n", paras))
		plan, err := workshop.ParsePlan("brief.toml", []byte(`title = "Brief"
[[exercise]]
kind = "talk"
title = "Opening"
minutes = 10
brief = """`+brief+`"""
[[exercise]]
kind = "reflect"
title = "Close"
minutes = 5
prompts = ["What will you do?"]
`))
		if err != nil {
			t.Fatal(err)
		}
		path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) })
		out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "1. Opening") || !strings.Contains(string(out), "Good facilitation") {
			t.Errorf("%d paragraphs: the first page does not start the brief:\n%s", paras, out)
		}
	}
}
