// Package words gives the room's words — what participants read on the
// projector and their phones — in the room's language. The translations
// are go-i18n JSON files in assets/lang (room.LANG.json), the form Fyne's
// lang package reads too; this package reads them with go-i18n itself, so
// that the domain never imports Fyne.
package words

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"runsheet/assets"
)

// Language is one language the room may read.
type Language struct {
	Code string // "pl"
	Name string // its own name: "Polski"
	RTL  bool   // written right to left
}

// Languages lists every language shipped, English first.
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "de", Name: "Deutsch"},
	{Code: "fr", Name: "Français"},
	{Code: "es", Name: "Español"},
	{Code: "it", Name: "Italiano"},
	{Code: "pl", Name: "Polski"},
	{Code: "pt", Name: "Português"},
	{Code: "ar", Name: "العربية", RTL: true},
}

// English is the default language, and the one every other is checked
// against.
const English = "en"

// Find returns the language with the code, and whether it is shipped.
func Find(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Codes lists the codes of the languages shipped, for messages.
func Codes() string {
	codes := make([]string, len(Languages))
	for i, l := range Languages {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}

var (
	loadOnce sync.Once
	bundle   *i18n.Bundle
	loadErr  error
)

func load() (*i18n.Bundle, error) {
	loadOnce.Do(func() {
		bundle = i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
		for _, l := range Languages {
			name := "lang/room." + l.Code + ".json"
			data, err := fs.ReadFile(assets.Lang, name)
			if err == nil {
				_, err = bundle.ParseMessageFileBytes(data, name)
			}
			if err != nil {
				loadErr = fmt.Errorf("translations %s: %w", name, err)
				return
			}
		}
	})
	return bundle, loadErr
}

// Words says the room's words in one language.
type Words struct {
	Language
	loc *i18n.Localizer
}

// For returns the words of the language with the code; a code not shipped
// gives English.
func For(code string) *Words {
	l, ok := Find(code)
	if !ok {
		l, _ = Find(English)
	}
	b, err := load()
	if err != nil {
		panic(err) // the files are embedded: a test catches a broken one
	}
	return &Words{Language: l, loc: i18n.NewLocalizer(b, l.Code)}
}

// Say returns the message id with data filled in, such as
// Say("room.code", "Code", "K7Q2") for "Room code K7Q2". data are pairs of
// a name and its value.
func (w *Words) Say(id string, data ...any) string {
	return w.say(id, nil, data)
}

// Count returns the message id in the plural form n takes in the
// language, with n as Count: Count("room.ratings", 3) for "3 ratings".
func (w *Words) Count(id string, n int, data ...any) string {
	return w.say(id, n, append([]any{"Count", n}, data...))
}

func (w *Words) say(id string, count any, data []any) string {
	td := map[string]any{}
	for i := 0; i+1 < len(data); i += 2 {
		td[fmt.Sprint(data[i])] = data[i+1]
	}
	s, err := w.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: td, PluralCount: count})
	if err != nil {
		return id // a test checks every message is there in every language
	}
	return s
}

// Messages returns the raw messages of a language whose ids start with
// prefix, as its file has them (text, or plural forms), for a page that
// fills them in itself.
func Messages(code string, prefixes ...string) (map[string]any, error) {
	data, err := fs.ReadFile(assets.Lang, "lang/room."+code+".json")
	if err != nil {
		return nil, err
	}
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	out := map[string]any{}
	for id, m := range all {
		for _, p := range prefixes {
			if strings.HasPrefix(id, p) {
				out[id] = m
			}
		}
	}
	return out, nil
}

// IDs lists the message ids of a language's file, sorted.
func IDs(code string) ([]string, error) {
	m, err := Messages(code, "")
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

// Number writes x with places decimals as the language does: "3.5",
// "3,5", "٣٫٥".
func (w *Words) Number(x float64, places int) string {
	return message.NewPrinter(language.Make(w.Code)).Sprintf("%.*f", places, x)
}
