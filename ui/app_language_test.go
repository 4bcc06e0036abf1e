package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// speakEnglishAfter puts the app back into the system's language, English
// under the tests, once a test that changes it ends.
func speakEnglishAfter(t *testing.T) {
	t.Cleanup(func() { setAppLanguage("") })
}

// choosePreferredLanguage picks a language in Preferences and saves them.
func choosePreferredLanguage(t *testing.T, s *Shell, code string) {
	t.Helper()
	f := s.newPreferencesForm()
	i := slices.Index(f.languages, code)
	if i < 0 {
		t.Fatalf("Preferences do not offer %q: %v", code, f.language.Options)
	}
	f.language.SetSelectedIndex(i)
	if err := s.savePreferences(f); err != nil {
		t.Fatal(err)
	}
}

// The app follows the system's language until Preferences choose another;
// the choice shows at once, is kept in the data folder for the next
// start, and reaches Fyne's own words (its dialogs' buttons) too.
func TestTheAppSpeaksTheLanguageChosenInPreferences(t *testing.T) {
	speakEnglishAfter(t)
	s, clk, w := newTestShell(t, laptop)
	f := s.newPreferencesForm()
	if f.language.Selected != "As the system (English)" || appLanguage() != "en" {
		t.Fatalf("a first start speaks %q, offering %q", appLanguage(), f.language.Selected)
	}
	if got := allText(s.library.content); !strings.Contains(got, "Start session") {
		t.Fatalf("the library in English: %q", got)
	}

	choosePreferredLanguage(t, s, "de")
	got := allText(w.Content())
	for _, want := range []string{"Sitzung starten", "Pläne", "Sitzungen", "Handout drucken…", "Der Raum liest"} {
		if !strings.Contains(got, want) {
			t.Errorf("the library after choosing German lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "Start session") {
		t.Error("the library still says Start session")
	}
	if lang.L("Cancel") != "Abbrechen" || lang.L("Yes") != "Ja" {
		t.Errorf("Fyne's own words stay %q, %q", lang.L("Cancel"), lang.L("Yes"))
	}
	c := startBuiltin(t, s, w, "Köln")
	clk.Advance(redrawGap)
	if pos := c.position.Text; !strings.HasPrefix(pos, "Übung 1 von 8 · Vortrag") {
		t.Errorf("the console's position in German: %q", pos)
	}
	if got := allText(c.content); !strings.Contains(got, "Leertaste oder Bild ab drücken, um zu starten") || !strings.Contains(got, "Ihre privaten Notizen") {
		t.Errorf("the console in German: %q", got)
	}

	// A name that cannot be used is refused in German too.
	s.showLibrary()
	s.library.list.Select(0)
	s.library.group.SetText(strings.Repeat("x", 10000))
	test.Tap(s.library.start)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(allText(top), "Der Gruppenname ist 10000 Zeichen lang; bitte höchstens 120") ||
		!strings.Contains(allText(top), "Die Sitzung lässt sich nicht starten") {
		t.Errorf("a too long group name in German: %q", allText(top))
	} else {
		w.Canvas().Overlays().Remove(top)
	}

	// A new start on the same data folder speaks German from the first screen.
	s2, _, st := openShell(t, s.opts.DataDir, clk, laptop)
	defer st.Close()
	if got := allText(s2.library.content); !strings.Contains(got, "Sitzung starten") {
		t.Errorf("the next start forgets the language: %q", got)
	}
	data, err := os.ReadFile(filepath.Join(s.opts.DataDir, prefsFileName))
	if err != nil || !strings.Contains(string(data), `"language": "de"`) {
		t.Errorf("preferences.json: %s %v", data, err)
	}

	choosePreferredLanguage(t, s2, "")
	if appLanguage() != "en" || !strings.Contains(allText(s2.library.content), "Start session") {
		t.Errorf("back to the system's language: %q", appLanguage())
	}
}

// Plurals, numbers, dates and times follow the app's language, whatever
// the system's: Polish has three forms of "votes".
func TestTheAppsCountsAndDatesInItsLanguage(t *testing.T) {
	speakEnglishAfter(t)
	setAppLanguage("pl")
	for n, want := range map[int]string{1: "1 głos", 2: "2 głosy", 5: "5 głosów", 22: "22 głosy", 25: "25 głosów"} {
		if got := trn("n_votes", n); got != want {
			t.Errorf("%d votes in Polish: %q, want %q", n, got, want)
		}
	}
	at := time.Date(2026, 3, 10, 14, 5, 0, 0, time.Local)
	if got := appWords().DateAt(at); got != "10 marca 2026 o 14:05" {
		t.Errorf("a Polish date: %q", got)
	}
	setAppLanguage("fr")
	if got := trn("n_people", 0); got != "0 personne" {
		t.Errorf("no one in French: %q", got)
	}
	if got := tr("{{.Drift}} · {{.M}} min left · ends {{.Time}}", "Drift", driftText(3*time.Minute), "M", 12, "Time", "15:40"); got != "3 min de retard · 12 min restantes · fin à 15:40" {
		t.Errorf("the console's status in French: %q", got)
	}
	// The plan's checks, as the editor shows them, in German; their
	// English stays for the command line.
	setAppLanguage("de")
	probs := workshop.Validate(&workshop.Plan{Title: "Retro", Exercises: []workshop.Exercise{{Kind: workshop.KindVote, Options: []string{"Ja"}, Items: []workshop.Item{{Text: "A"}}}}})
	text := problemsText(&workshop.PlanError{Problems: probs, More: 7})
	for _, want := range []string{"… und 7 weitere Probleme", "Übung 1: fehlt; jede Übung braucht einen Titel", "Übung 1: muss 1–240 sein, ist 0", "Übung 1: eine Abstimmung braucht mindestens zwei Optionen, hat 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the editor's problems in German lack %q: %q", want, text)
		}
	}
	if probs[0].Message != "missing; every exercise needs a title" {
		t.Errorf("the checker's own message: %q", probs[0].Message)
	}
	setAppLanguage("en")
	if got := trn("n_votes", 1) + ", " + trn("n_votes", 3); got != "1 vote, 3 votes" {
		t.Errorf("English votes: %q", got)
	}
}

// The system's language is followed when Preferences leave it: under a
// German system the app speaks German, under one not shipped, English.
func TestTheAppFollowsTheSystemsLanguage(t *testing.T) {
	speakEnglishAfter(t)
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "de_DE.UTF-8")
	if got := setAppLanguage(""); got != "de" || tr("Start session") != "Sitzung starten" {
		t.Errorf("under a German system the app speaks %q: %q", got, tr("Start session"))
	}
	t.Setenv("LANG", "nl_NL.UTF-8")
	if got := setAppLanguage(""); got != "en" || tr("Start session") != "Start session" {
		t.Errorf("under a Dutch system the app speaks %q: %q", got, tr("Start session"))
	}
	// A preferences file naming a language not shipped, edited by hand or
	// from a later version, gives the system's.
	t.Setenv("LANG", "pl_PL.UTF-8")
	if got := setAppLanguage("tlh"); got != "pl" {
		t.Errorf("an unknown preferred language gives %q", got)
	}
	t.Setenv("LANG", "en_US.UTF-8")
}

// Every language the app ships is offered in Preferences by its own name,
// loads without an error, and changes what the library says.
func TestEveryAppLanguageLoads(t *testing.T) {
	speakEnglishAfter(t)
	_, codes := languageChoices()
	if !slices.Equal(codes[1:], words.AppLanguages) {
		t.Errorf("Preferences offer %v", codes)
	}
	seen := map[string]string{}
	for _, code := range words.AppLanguages {
		if got := setAppLanguage(code); got != code {
			t.Fatalf("%s: speaks %s", code, got)
		}
		start := tr("Start session")
		if other, ok := seen[start]; ok {
			t.Errorf("%s and %s both say %q", code, other, start)
		}
		seen[start] = code
		if code != "en" && lang.L("Cancel") == "Cancel" {
			t.Errorf("%s: Fyne's Cancel stays English", code)
		}
	}
}

// The library, the editor and a finished session's results fit a laptop's
// screen in every language the app speaks.
func TestEveryScreenFitsInEveryLanguage(t *testing.T) {
	drawnWithoutRace(t)
	speakEnglishAfter(t)
	for _, code := range words.AppLanguages {
		s, clk, w := newTestShell(t, laptop)
		choosePreferredLanguage(t, s, code)
		fits := func(screen string) {
			t.Helper()
			if min := w.Content().MinSize(); min.Width > laptop.Width || min.Height > laptop.Height {
				t.Errorf("%s: the %s needs %v", code, screen, min)
			}
		}
		s.library.list.Select(0)
		fits("library")
		s.library.tabs.SelectIndex(1)
		fits("sessions list")
		s.library.tabs.SelectIndex(0)
		s.library.list.Select(0)
		s.library.onDuplicate()
		fits("editor")
		s.showLibrary()
		c := finishedSortingVote(t, s, clk, w, "Fit", func(p *votePanel) []*ringButton {
			return []*ringButton{p.rows[0].room.plus, p.rows[1].room.plus}
		})
		s.showResults(session(c))
		fits("results")
	}
}
