package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWritePreviews writes the page images in docs/previews when
// RUNSHEET_PREVIEWS names that folder (make previews): the English
// handout, guide and 40-person summary, the German handout and guide, and
// a ballot of a plan in Arabic.
func TestWritePreviews(t *testing.T) {
	dir := os.Getenv("RUNSHEET_PREVIEWS")
	if dir == "" {
		t.Skip("RUNSHEET_PREVIEWS is not set")
	}
	plans := matrixPlans()
	opts := Options{Paper: A4, Created: created}
	docs := []struct {
		name  string
		write func(*bytes.Buffer) error
		pages map[string]string // image name → page number, or text its page holds
	}{
		{"handout", func(b *bytes.Buffer) error { return Handout(b, plans["en"], opts) },
			map[string]string{"handout-1": "1", "handout-2": "2", "handout-ballot": "Ballot sheet 2 of"}},
		{"guide", func(b *bytes.Buffer) error { return Guide(b, plans["en"], 9*time.Hour, opts) },
			map[string]string{"guide-1": "1"}},
		{"summary", func(b *bytes.Buffer) error { return Summary(b, matrixSession(t, plans["en"]), opts) },
			map[string]string{"summary-1": "1", "summary-2": "2", "summary-3": "3"}},
		{"handout-de", func(b *bytes.Buffer) error { return Handout(b, plans["de"], opts) },
			map[string]string{"handout-de-1": "1"}},
		{"guide-de", func(b *bytes.Buffer) error { return Guide(b, plans["de"], 9*time.Hour, opts) },
			map[string]string{"guide-de-1": "1", "guide-de-2": "2"}},
		{"handout-ar", func(b *bytes.Buffer) error { return Handout(b, plans["ar"], opts) },
			map[string]string{"handout-ar-ballot": "7"}},
	}
	tmp := t.TempDir()
	for _, d := range docs {
		var b bytes.Buffer
		if err := d.write(&b); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(tmp, d.name+".pdf")
		if err := os.WriteFile(pdf, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for img, page := range d.pages {
			if !strings.ContainsAny(page[:1], "0123456789") {
				page = pageHolding(t, pdf, page)
			}
			out := filepath.Join(tmp, img)
			if err := exec.Command("pdftoppm", "-png", "-r", "60", "-singlefile", "-f", page, "-l", page, pdf, out).Run(); err != nil {
				t.Fatalf("pdftoppm: %v", err)
			}
			data, err := os.ReadFile(out + ".png")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, img+".png"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// pageHolding is the number of the first page of a PDF whose text holds s.
func pageHolding(t *testing.T, pdf, s string) string {
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for i, page := range strings.Split(string(out), "\f") {
		if strings.Contains(page, s) {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatalf("no page of %s holds %q", pdf, s)
	return ""
}
