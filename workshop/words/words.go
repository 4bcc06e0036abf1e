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
	"strconv"
	"strings"
	"sync"
	"time"

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
	shipped  map[string]*Words // by code
	loadErr  error
)

// load reads every language's file once, and makes each language's words.
func load() (*i18n.Bundle, error) {
	loadOnce.Do(func() {
		bundle = i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
		shipped = map[string]*Words{}
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
			// Latin digits everywhere, as the counts beside them are
			// written; the separators are the language's.
			shipped[l.Code] = &Words{Language: l, loc: i18n.NewLocalizer(bundle, l.Code), numbers: language.Make(l.Code + "-u-nu-latn")}
		}
	})
	return bundle, loadErr
}

// Words says the room's words in one language. It is safe for concurrent
// use: it only reads.
type Words struct {
	Language
	loc     *i18n.Localizer
	numbers language.Tag
}

// For returns the words of the language with the code; a code not shipped
// gives English. Every language's words are made once, on first use.
func For(code string) *Words {
	if _, err := load(); err != nil {
		panic(err) // the files are embedded: a test catches a broken one
	}
	if w, ok := shipped[code]; ok {
		return w
	}
	return shipped[English]
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
	s, err := w.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: Data(data...), PluralCount: count})
	if err != nil {
		return id // a test checks every message is there in every language
	}
	return s
}

// Data makes the values a message fills in from pairs of a name and its
// value: Data("Round", 2, "Rounds", 3).
func Data(pairs ...any) map[string]any {
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return m
}

// Fill writes a message's English text with its values, as the domain
// does for the command line: "{{.Name}}" becomes the value of Name.
func Fill(text string, data map[string]any) string {
	for name, v := range data {
		text = strings.ReplaceAll(text, "{{."+name+"}}", fmt.Sprint(v))
	}
	return text
}

// Messages returns the raw messages of a language whose ids start with
// prefix, as its file has them (text, or plural forms), for a page that
// fills them in itself.
func Messages(code string, prefixes ...string) (map[string]any, error) {
	all, err := File(Room, code)
	if err != nil {
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

// The two sets of words: what the room reads, and the app's own words for
// the facilitator (read by the app through Fyne's lang).
const (
	Room = "room"
	App  = "app"
)

// AppLanguages lists the languages the app itself speaks, English first.
var AppLanguages = []string{"en", "de", "fr", "es", "it", "pl", "pt"}

// File returns every message of a set of words in a language, as its file
// has them: id to text, or id to plural forms.
func File(set, code string) (map[string]any, error) {
	data, err := fs.ReadFile(assets.Lang, "lang/"+set+"."+code+".json")
	if err != nil {
		return nil, err
	}
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("lang/%s.%s.json: %w", set, code, err)
	}
	return all, nil
}

// Number writes x with places decimals as the language does: "3.5",
// "3,5", "3٫5".
func (w *Words) Number(x float64, places int) string {
	return message.NewPrinter(w.numbers).Sprintf("%.*f", places, x)
}

// MeanPlaces is how many decimals a scale's mean is written with, in every
// view: the projector, the console, the phones, the results and paper.
const MeanPlaces = 1

// Mean writes a scale's mean as every view writes it: "3.4", "3,4".
func (w *Words) Mean(x float64) string { return w.Number(x, MeanPlaces) }

// RoundMean rounds a mean to the places every view shows, for the phones'
// API: to the number Mean writes, which rounds the mean's exact value (a
// mean of 3.05 is stored a little under it, and written 3.0), where
// scaling and rounding it gave 3.1.
func RoundMean(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', MeanPlaces, 64), 64)
	if err != nil { // not a finite number
		return x
	}
	return r
}

// Percent writes a share out of 100, rounded, as the language does: "73%",
// "73 %".
func (w *Words) Percent(x float64) string {
	return w.Say("num.percent", "N", w.Number(x, 0))
}

// Date writes a day in full: "Tuesday 10 March 2026", "Dienstag, 10. März
// 2026".
func (w *Words) Date(t time.Time) string {
	return w.Say("date.long", "Weekday", w.Say(fmt.Sprintf("weekday.%d", t.Weekday())),
		"Day", t.Day(), "Month", w.Say(fmt.Sprintf("month.%d", t.Month())), "Year", t.Year())
}

// Day writes a day without its weekday: "11 March 2026".
func (w *Words) Day(t time.Time) string {
	return w.Say("date.short", "Day", t.Day(), "Month", w.Say(fmt.Sprintf("month.%d", t.Month())), "Year", t.Year())
}

// DateAt writes a day without its weekday, and a time of day: "11 March
// 2026 at 09:03".
func (w *Words) DateAt(t time.Time) string {
	return w.Say("date.at", "Date", w.Day(t), "Time", w.Clock(t))
}

// Clock writes a time of day on the clock the language uses: "14:05" on
// the 24-hour clock, "2:05 م" on the 12-hour one ("time.clock" says which).
func (w *Words) Clock(t time.Time) string {
	if w.Say("time.clock") != "12" {
		return t.Format("15:04")
	}
	half := "time.am"
	if t.Hour() >= 12 {
		half = "time.pm"
	}
	return t.Format("3:04") + " " + w.Say(half)
}

// Duration writes a length of time in minutes and seconds: "12 min",
// "12 min 30 s".
func (w *Words) Duration(d time.Duration) string {
	m, s := int(d/time.Minute), int(d/time.Second)%60
	if s == 0 {
		return w.Say("num.min", "M", m)
	}
	return w.Say("num.min_s", "M", m, "S", s)
}

// OverUnder says how far a time was from its plan, to the minute: "+3
// min", "−2 min", "on time".
func (w *Words) OverUnder(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m > 0:
		return w.Say("num.plus_min", "M", m)
	case m < 0:
		return w.Say("num.minus_min", "M", -m)
	}
	return w.Say("num.on_time")
}
