package report

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// catalog reads a PDF's document catalog with qpdf, which also checks the
// whole file's structure.
func catalog(t *testing.T, path string) map[string]any {
	t.Helper()
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	object := func(id string) map[string]any {
		out, err := exec.Command("qpdf", "--json=2", "--json-key=qpdf", "--json-object="+id, path).Output()
		if err != nil {
			t.Fatalf("qpdf --json-object=%s: %v", id, err)
		}
		var doc struct {
			QPDF []json.RawMessage `json:"qpdf"`
		}
		var objs map[string]struct {
			Value map[string]any `json:"value"`
		}
		if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
			t.Fatalf("qpdf's JSON for %s: %v", id, err)
		}
		if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
			t.Fatalf("qpdf's JSON for %s: %v", id, err)
		}
		for _, o := range objs {
			return o.Value
		}
		return nil
	}
	root, _ := object("trailer")["/Root"].(string) // "39 0 R"
	if cat := object(strings.TrimSuffix(root, " R")); cat != nil {
		return cat
	}
	t.Fatalf("no catalog in %s", path)
	return nil
}

// Every document carries its language and its title, for a screen reader
// and a reader's title bar, and its text comes out in the order it reads
// on the page: its content is written top to bottom, so a reader that
// follows the content (pdftotext -raw) meets the lines in the order the
// page shows them (pdftotext -layout).
func TestDocumentsCarryLanguageTitleAndReadingOrder(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	start, err := ParseStart("09:00")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "pl", "ar"} {
		plan := plans.Builtin()
		plan.Language = lang
		w := words.For(lang)
		docs := []struct {
			name, title, kind string
			write             func(*bytes.Buffer) error
		}{
			{"handout", plan.Title, w.Say("doc.handout"), func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) }},
			{"guide", plan.Title, w.Say("doc.guide"), func(b *bytes.Buffer) error { return Guide(b, plan, start, Options{Created: created}) }},
			{"summary", sess.Plan.Title, w.Say("sum.title"), func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created, Language: lang}) }},
		}
		for _, d := range docs {
			path := pdfFile(t, d.write)
			cat := catalog(t, path)
			if cat["/Lang"] != "u:"+lang && cat["/Lang"] != lang {
				t.Errorf("%s %s: /Lang is %v, want %s", lang, d.name, cat["/Lang"], lang)
			}
			if vp, _ := cat["/ViewerPreferences"].(map[string]any); vp["/DisplayDocTitle"] != true {
				t.Errorf("%s %s: the title bar would not show the title: %v", lang, d.name, cat["/ViewerPreferences"])
			}
			info, err := exec.Command("pdfinfo", path).CombinedOutput()
			if err != nil {
				t.Fatal(err)
			}
			// The document's kind too: the three of one plan are told apart.
			if m := regexp.MustCompile(`(?m)^Title:\s+(.*)$`).FindStringSubmatch(string(info)); m == nil || !strings.Contains(m[1], d.title) || !strings.Contains(m[1], d.kind) {
				t.Errorf("%s %s: title %v, want it to name %q and %q", lang, d.name, m, d.kind, d.title)
			}
			if lang == "ar" {
				continue // pdftotext sets right-to-left lines in its own order in each mode
			}
			layout, _ := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", "-l", "1", path, "-").Output()
			raw, _ := exec.Command("pdftotext", "-enc", "UTF-8", "-raw", "-l", "1", path, "-").Output()
			flat := strings.Join(strings.Fields(string(raw)), " ")
			at := 0
			for _, line := range strings.Split(string(layout), "\n") {
				// A line of the layout may hold side-by-side columns; its
				// first run of words is what must come next.
				first := strings.Join(strings.Fields(regexp.MustCompile(`\s{3,}`).Split(strings.TrimSpace(line), 2)[0]), " ")
				if first == "" {
					continue
				}
				i := strings.Index(flat[at:], first)
				if i < 0 {
					t.Errorf("%s %s: %q is read out of the page's order (after %q)", lang, d.name, first, flat[max(0, at-60):at])
					break
				}
				at += i + len(first)
			}
		}
	}
}
