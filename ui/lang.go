package ui

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// The app's own words — the library, the editor, the console, the dialogs —
// are English text looked up through Fyne's lang, which reads them from
// assets/lang/app.LANG.json, go-i18n's form, as the room's words are.
//
// Fyne's lang speaks the system's language and has no call to choose
// another, and it picks plural forms by the system language's rules. So
// the language in use is registered under the language Fyne resolves the
// system to (and under English, its fallback), replacing whatever was
// there, with each plural message also spelt out one form per id
// ("n_votes|few"); trn picks the form by the rules of the app's language
// itself. Fyne's own words (Cancel, Yes, the file dialogs) are in the same
// files, so they follow the choice too.

// speaking is the language the app speaks.
var speaking atomic.Pointer[appSpeech]

type appSpeech struct {
	code  string
	tag   language.Tag              // for its plural rules
	forms map[string]map[string]any // its plural messages' forms, by id
}

// setAppLanguage makes the app speak the language with the code, or the
// system's language when code is "" (English when that is not shipped),
// and returns the code now in use. Screens made before keep their words.
func setAppLanguage(code string) string {
	if !appSpeaks(code) {
		code = systemAppLanguage()
	}
	msgs, err := words.File(words.App, code)
	if err == nil {
		var data []byte
		data, err = json.Marshal(spellForms(msgs))
		for _, under := range []string{lang.SystemLocale().LanguageString(), words.English} {
			if err == nil {
				err = lang.AddTranslationsForLocale(data, fyne.Locale(under))
			}
		}
	}
	if err != nil {
		fyne.LogError("Cannot load the app's words for "+code, err) // a test loads every language
	}
	sp := &appSpeech{code: code, tag: language.Make(code), forms: map[string]map[string]any{}}
	for id, m := range msgs {
		if f, ok := m.(map[string]any); ok {
			sp.forms[id] = f
		}
	}
	speaking.Store(sp)
	return code
}

// speech is the language the app speaks, English before any is set.
func speech() *appSpeech {
	if sp := speaking.Load(); sp != nil {
		return sp
	}
	return &appSpeech{code: words.English, tag: language.English}
}

// appLanguage is the code of the language the app speaks.
func appLanguage() string { return speech().code }

func appSpeaks(code string) bool { return slices.Contains(words.AppLanguages, code) }

// systemAppLanguage is the shipped language closest to the system's.
func systemAppLanguage() string {
	tags := make([]language.Tag, len(words.AppLanguages))
	for i, c := range words.AppLanguages {
		tags[i] = language.Make(c)
	}
	sys, err := language.Parse(lang.SystemLocale().String())
	if err != nil {
		return words.English
	}
	_, i, conf := language.NewMatcher(tags).Match(sys)
	if conf == language.No {
		return words.English
	}
	return words.AppLanguages[i]
}

// spellForms adds, for every plural message, one message per form.
func spellForms(msgs map[string]any) map[string]any {
	out := make(map[string]any, len(msgs))
	for id, m := range msgs {
		out[id] = m
		if forms, ok := m.(map[string]any); ok {
			out[id] = forms["other"]
			for form, text := range forms {
				out[id+"|"+form] = text
			}
		}
	}
	return out
}

// tr returns English text in the app's language; data are pairs of a
// name and its value for the text's {{.Name}}s: tr("Open {{.File}}",
// "File", name).
func tr(text string, data ...any) string {
	return lang.L(text, words.Data(data...))
}

// trn returns the plural message id in the form n takes in the app's
// language, with n as Count: trn("n_votes", 3) for "3 votes".
func trn(id string, n int, data ...any) string {
	sp := speech()
	form := "other"
	switch plural.Cardinal.MatchPlural(sp.tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		form = "zero"
	case plural.One:
		form = "one"
	case plural.Two:
		form = "two"
	case plural.Few:
		form = "few"
	case plural.Many:
		form = "many"
	}
	if sp.forms[id][form] == nil {
		form = "other" // a form the file does not give: its rules never need it
	}
	count := []any{"Count", n} // words: the name a count is filled in as
	return lang.X(id+"|"+form, id, words.Data(append(count, data...)...))
}

// appWords writes dates and numbers in the app's language.
func appWords() *words.Words { return words.For(appLanguage()) }

// kindName is an exercise's kind as the app's language names it.
func kindName(k workshop.Kind) string {
	name, _ := kindWords(k)
	return name
}

// kindTexts names each kind, and a new exercise of it, in the app's
// words. The texts are written here, not taken from the kind's definition,
// so that the check of the app's words sees them; a kind missing here is
// named as its definition names it, in English (a test lists every kind).
var kindTexts = map[workshop.Kind]func() (name, fresh string){
	workshop.KindTalk:    func() (string, string) { return tr("Talk"), tr("New talk") },
	workshop.KindVote:    func() (string, string) { return tr("Vote"), tr("New vote") },
	workshop.KindScale:   func() (string, string) { return tr("Scale"), tr("New scale") },
	workshop.KindDiscuss: func() (string, string) { return tr("Discussion"), tr("New discussion") },
	workshop.KindReflect: func() (string, string) { return tr("Reflection"), tr("New reflection") },
	workshop.KindBreak:   func() (string, string) { return tr("Break"), tr("Insert a break") },
	workshop.KindOpen:    func() (string, string) { return tr("Open answers"), tr("New open question") },
	workshop.KindGrid:    func() (string, string) { return tr("Grid"), tr("New grid") },
}

// kindWords names a kind in the app's language, and a new exercise of it.
func kindWords(k workshop.Kind) (name, fresh string) {
	if !k.Known() {
		return string(k), string(k)
	}
	if texts, ok := kindTexts[k]; ok {
		return texts()
	}
	d := k.Def()
	return d.Name, d.Fresh
}

// problemText says a plan's problem in the app's language: the checks of
// the plan format keep their text with its values for this; a plan file's
// own problems (its TOML) stay as they were written.
func problemText(p workshop.Problem) string {
	if p.Text == "" {
		return p.Message
	}
	return lang.L(p.Text, p.Data)
}

// problemLine is a problem as a line of a list: with the exercise it is
// in and, for a file, where in the file.
func problemLine(p workshop.Problem) string {
	if p.File != "" {
		p.Message = problemText(p)
		return p.String()
	}
	if p.Exercise < 0 {
		return problemText(p)
	}
	return tr("Exercise {{.N}}: {{.Problem}}", "N", p.Exercise+1, "Problem", problemText(p))
}

// problemsText lists a plan's problems, one a line, and says how many
// more were found but not listed.
func problemsText(pe *workshop.PlanError) string {
	lines := make([]string, len(pe.Problems), len(pe.Problems)+1)
	for i, p := range pe.Problems {
		lines[i] = problemLine(p)
	}
	if pe.More > 0 {
		lines = append(lines, trn("more_problems_unlisted", pe.More))
	}
	return strings.Join(lines, "\n")
}

// errorText says an error in the app's language where the domain gives
// the means (a name that cannot be used); others as they are.
func errorText(err error) string {
	var ne *workshop.NameError
	if !errors.As(err, &ne) {
		return err.Error()
	}
	field := tr("the facilitator name")
	if ne.Field == workshop.GroupField {
		field = tr("the group name")
	}
	return lang.L(ne.Text, ne.Values(field))
}

// closeSentence drops the full stop a message puts after text that ends in
// punctuation of its own: "after 2. Warm-up: what does your week need?."
// reads "…need?". Any language's message may end so: the check is on the
// characters, not the words.
func closeSentence(s string) string {
	body, ok := strings.CutSuffix(s, ".")
	if !ok {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(body, "\"'’”»)"))
	if strings.ContainsRune(".?!…؟。？！", r) {
		return body
	}
	return s
}
