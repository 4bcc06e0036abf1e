package words

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"runsheet/assets"
)

// Every language has exactly the messages English has, each with the same
// placeholders, and every plural form its language needs: both the room's
// words and the app's.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	roomCodes := make([]string, len(Languages))
	for i, l := range Languages {
		roomCodes[i] = l.Code
	}
	for set, codes := range map[string][]string{Room: roomCodes, App: AppLanguages} {
		en, err := File(set, English)
		if err != nil {
			t.Fatal(err)
		}
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("json", json.Unmarshal)
		for _, code := range codes {
			if _, err := b.LoadMessageFileFS(assets.Lang, "lang/"+set+"."+code+".json"); err != nil {
				t.Fatalf("%s.%s: %v", set, code, err)
			}
		}
		for _, code := range codes {
			msgs, err := File(set, code)
			if err != nil {
				t.Fatalf("%s.%s: %v", set, code, err)
			}
			for id := range en {
				if _, ok := msgs[id]; !ok {
					t.Errorf("%s.%s lacks %q", set, code, id)
				}
			}
			loc := i18n.NewLocalizer(b, code)
			for id, m := range msgs {
				e, ok := en[id]
				if !ok {
					t.Errorf("%s.%s has %q, which English lacks", set, code, id)
					continue
				}
				if got, want := placeholders(m), placeholders(e); !slices.Equal(got, want) {
					t.Errorf("%s.%s %q uses %v, English %v", set, code, id, got, want)
				}
				if _, plural := m.(map[string]any); !plural {
					continue
				}
				for _, n := range append(counts(), 1000000) {
					if _, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": n}}); err != nil {
						t.Errorf("%s.%s %q for %d: %v", set, code, id, n, err)
						break
					}
				}
			}
		}
	}
}

func counts() []int {
	var n []int
	for i := range 202 {
		n = append(n, i)
	}
	return n
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders lists the names a message fills in, over all its forms.
func placeholders(m any) []string {
	var texts []string
	switch v := m.(type) {
	case string:
		texts = []string{v}
	case map[string]any:
		for _, f := range v {
			texts = append(texts, fmt.Sprint(f))
		}
	}
	set := map[string]bool{}
	for _, s := range texts {
		for _, p := range placeholder.FindAllStringSubmatch(s, -1) {
			if p[1] != "Count" {
				set[p[1]] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func TestWordsInTheRoomsLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, got, want string
	}{
		{"pl", For("pl").Count("room.ratings", 1), "1 ocena"},
		{"pl", For("pl").Count("room.ratings", 3), "3 oceny"},
		{"de", For("de").Clock(time.Date(2026, 3, 10, 14, 5, 0, 0, time.UTC)), "14:05"},
		{"en", For("en").Clock(time.Date(2026, 3, 10, 9, 5, 0, 0, time.UTC)), "09:05"},
		{"ar", For("ar").Clock(time.Date(2026, 3, 10, 14, 5, 0, 0, time.UTC)), "2:05 م"},
		{"ar", For("ar").Clock(time.Date(2026, 3, 10, 0, 30, 0, 0, time.UTC)), "12:30 ص"},
		{"pl", For("pl").Count("doc.exercises", 5), "5 ćwiczeń"},
		{"pl", For("pl").Count("room.ratings", 5), "5 ocen"},
		{"pl", For("pl").Count("room.ratings", 22), "22 oceny"},
		{"pl", For("pl").Count("room.ratings", 112), "112 ocen"},
		{"de", For("de").Say("room.round_of", "Round", 2, "Rounds", 3), "Runde 2 von 3"},
		{"en", For("en").Count("room.ratings", 1), "1 rating"},
		{"ar", For("ar").Count("room.ratings", 2), "تقييمان"},
		{"xx", For("xx").Say("room.code", "Code", "K7Q2"), "Room code K7Q2"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, c.got, c.want)
		}
	}
	if !For("ar").RTL || For("fr").RTL {
		t.Error("Arabic is written right to left, French left to right")
	}
	if !strings.Contains(Codes(), "pl") {
		t.Errorf("codes %s", Codes())
	}
}

// The phones' rounded mean is the number every view writes: 61/20 is
// written 3.0 (its stored value is a little under 3.05), and sent as 3.0.
func TestRoundMeanAgreesWithTheWrittenMean(t *testing.T) {
	for _, x := range []float64{61.0 / 20, 3.25, 3.35, 2.45, 4.95, 1, 5, 3.0 / 7} {
		written := For("en").Mean(x)
		if got := fmt.Sprintf("%.1f", RoundMean(x)); got != written {
			t.Errorf("mean %v: sent %s, written %s", x, got, written)
		}
	}
}
