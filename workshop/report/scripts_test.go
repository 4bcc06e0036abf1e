package report

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"runsheet/workshop/plans"
	"runsheet/workshop/typeset"
)

// extracted normalises text read back from a PDF: Arabic comes back in
// its presentation forms (NFKC maps them to letters) and right-to-left
// runs between the marks pdftotext puts around them.
func extracted(text string) string {
	text = strings.Map(func(r rune) rune {
		switch r {
		case '\u202A', '\u202B', '\u202C', '\u200E', '\u200F':
			return -1
		}
		return r
	}, norm.NFKC.String(text))
	flat := []rune(strings.Join(strings.Fields(text), " "))
	// A line may break between two Chinese or Japanese characters; the
	// space that joining lines puts there is not in the text.
	var out []rune
	for i, r := range flat {
		if r == ' ' && i > 0 && i+1 < len(flat) && breakable(flat[i-1]) && breakable(flat[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// Every script a participant's name or a plan may hold prints with the
// embedded fonts alone — in headings, body text, tables and footers — and
// reads back as written.
func TestEveryScriptReadsBack(t *testing.T) {
	samples := map[string]string{
		"Latin":    "Zażółć gęślą jaźń, Ærøskøbing, Đặng Thị",
		"Greek":    "Ἀθῆναι Ελληνικά",
		"Cyrillic": "Съешь же ещё",
		"Chinese":  "领导力与管理",
		"Japanese": "リーダーシップ",
		"Korean":   "리더십과 관리",
		"Arabic":   "القيادة والإدارة",
		"Hebrew":   "מנהיגות וניהול",
	}
	plan := plans.Builtin()
	var all []string
	for _, name := range []string{"Latin", "Greek", "Cyrillic", "Chinese", "Japanese", "Korean", "Arabic", "Hebrew"} {
		all = append(all, samples[name])
	}
	plan.Title = "Führung 领导 리더 قيادة מנהיגות"
	plan.Exercises[0].Brief = strings.Join(all, ". ")
	plan.Exercises[0].Title = "Team أحمد, 2026"
	plan.Exercises[2].Items[0].Text = samples["Korean"] + " " + samples["Arabic"]
	var warnings []string
	opts := Options{Created: created, Warn: func(rs []rune) { warnings = append(warnings, CodePoints(rs)) }}
	path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, plan, opts) })
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils) is needed: %v", err)
	}
	flat := extracted(string(text))
	for name, s := range samples {
		if !strings.Contains(flat, s) {
			t.Errorf("%s does not read back: %q", name, s)
		}
	}
	// UAX #9 sets "أحمد, 2026" as one right-to-left run (the comma and the
	// number between Arabic and a number take its direction); pdftotext
	// gives that run back as drawn, the number first.
	for _, s := range []string{"Team 2026 ,أحمد", "Führung 领导 리더 قيادة מנהיגות"} {
		if !strings.Contains(flat, s) {
			t.Errorf("%q does not read back", s)
		}
	}
	if len(warnings) > 0 {
		t.Errorf("characters left out: %v", warnings)
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"utf8noto", "utf8notoB", "utf8arabic", "utf8arabicB", "utf8hebrew", "utf8hangul", "utf8cjk"} {
		if !strings.Contains(string(fonts), f+" ") {
			t.Errorf("font %s not embedded:\n%s", f, fonts)
		}
	}
	info, _ := exec.Command("pdfinfo", "-enc", "UTF-8", path).Output()
	if !strings.Contains(string(info), "Title:           Participant handout · "+plan.Title) {
		t.Errorf("the title metadata does not name the handout and the plan:\n%s", info)
	}
}

// A session whose group, facilitator and notes are in other scripts prints
// them in the summary, with correct title and author metadata.
func TestSummaryInEveryScript(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	sess.Group = "مجموعة أحمد"
	sess.Facilitator = "王小明"
	sess.State.Notes[2] = "Заметки: שלום, 리더십, Ἀθῆναι"
	var warnings []string
	path := pdfFile(t, func(b *bytes.Buffer) error {
		return Summary(b, sess, Options{Created: created, Warn: func(rs []rune) { warnings = append(warnings, CodePoints(rs)) }})
	})
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := extracted(string(text))
	for _, want := range []string{"Group: مجموعة أحمد", "Facilitator: 王小明", "Заметки: שלום, 리더십, Ἀθῆναι"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	info, _ := exec.Command("pdfinfo", "-enc", "UTF-8", path).Output()
	if !strings.Contains(string(info), "Author:          王小明") {
		t.Errorf("author metadata:\n%s", info)
	}
	if len(warnings) > 0 {
		t.Errorf("characters left out: %v", warnings)
	}
}

func TestArabicIsShapedAndRightToLeftRunsAreOrdered(t *testing.T) {
	// ب at the start, middle and end of a word, and lam-alef.
	if got := shapeArabic("ببب لا"); got != "\uFE91\uFE92\uFE90 \uFEFB" {
		t.Errorf("shaped %q", got)
	}
	if got := typeset.Visual("Team אבג, 2026", typeset.LeftToRight); got != "Team 2026 ,גבא" {
		t.Errorf("visual order %q", got)
	}
	if got := typeset.Visual("אבג (1) דה", typeset.RightToLeft); got != "הד (1) גבא" {
		t.Errorf("right-to-left line %q", got)
	}
	// A time keeps its colon between its digits: "1:30", not "30:1".
	if got := typeset.Visual("אבג 1:30 דה 3,5", typeset.RightToLeft); got != "3,5 הד 1:30 גבא" {
		t.Errorf("numbers with separators %q", got)
	}
}

// An answer that is only emoji prints them, in outline, rather than an
// empty line: phones send emoji, with the invisible selectors and joiners
// that colour and combine them, which print as nothing.
func TestSummaryPrintsEmoji(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	sess.State.Notes[2] = "👍\uFE0F 🎉 ❤\uFE0F ☕ 🤝 👨\u200D👩 👩🏽\u200D💻 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"
	var warnings []string
	path := pdfFile(t, func(b *bytes.Buffer) error {
		return Summary(b, sess, Options{Created: created, Warn: func(rs []rune) { warnings = append(warnings, CodePoints(rs)) }})
	})
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := extracted(string(text))
	for _, want := range []string{"👍", "🎉", "❤", "☕", "🤝", "👨👩", "👩💻", "🏴"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if len(warnings) > 0 {
		t.Errorf("characters left out: %v", warnings)
	}
}
