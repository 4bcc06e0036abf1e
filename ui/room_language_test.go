package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"runsheet/assets"
	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// roomWords are the words of a room language file's messages, lower case.
func roomWords(t *testing.T, lang string) map[string]bool {
	t.Helper()
	data, err := fs.ReadFile(assets.Lang, "lang/room."+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]any
	if err := json.Unmarshal(data, &msgs); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case string:
			v = regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(v, " ")
			for _, w := range wordsOf(v) {
				out[w] = true
			}
		case map[string]any:
			for _, x := range v {
				add(x)
			}
		}
	}
	for _, v := range msgs {
		add(v)
	}
	return out
}

var wordPattern = regexp.MustCompile(`\p{L}{4,}`)

// wordsOf lists the words of four letters or more in s, lower case.
func wordsOf(s string) []string { return wordPattern.FindAllString(strings.ToLower(s), -1) }

// planWords are the words the plan itself holds, in whatever language.
func planWords(p *workshop.Plan) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for _, w := range wordsOf(s) {
			out[w] = true
		}
	}
	add(p.Title)
	for _, ex := range p.Exercises {
		add(ex.Title)
		add(ex.Brief)
		for _, it := range ex.Items {
			add(it.Text)
		}
		for _, s := range append(append(append([]string{}, ex.Options...), ex.Prompts...), ex.Scale...) {
			add(s)
		}
	}
	return out
}

// A German and an Arabic room, run from start to end with clicker keys
// only (a break added on the day, a pause with results up): nothing on the
// projector or the phones is in English, the app's language.
func TestTheRoomReadsOnlyItsOwnLanguage(t *testing.T) {
	arabic, err := os.ReadFile(filepath.Join("..", "testdata", "plans", "arabic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	arPlan, err := plans.Parse("arabic.toml", arabic)
	if err != nil {
		t.Fatal(err)
	}
	var dePlan *workshop.Plan
	for _, p := range plans.Builtins() {
		if p.Language == "de" {
			dePlan = p
		}
	}
	if dePlan == nil {
		t.Fatal("no German built-in plan")
	}
	english := roomWords(t, "en")
	for _, run := range []struct {
		lang string
		plan *workshop.Plan
		// breakTitle and paused are what the room reads for a break added
		// with the dialog's default title, and for a paused timer.
		breakTitle, paused string
	}{
		{"de", dePlan, "Pause", "Zeit angehalten"},
		{"ar", arPlan, "استراحة", "المؤقت متوقف"},
	} {
		t.Run(run.lang, func(t *testing.T) {
			own := roomWords(t, run.lang)
			inPlan := planWords(run.plan)
			foreign := func(text string) []string {
				var out []string
				text = regexp.MustCompile(`https?://\S+`).ReplaceAllString(text, "") // the join address
				for _, w := range wordsOf(text) {
					if english[w] && !own[w] && !inPlan[w] {
						out = append(out, w)
					}
				}
				return out
			}
			s, clk, w := newTestShell(t, laptop)
			s.opts.Phones = "127.0.0.1:0"
			if err := s.StartSessionIn(run.plan, "Raum", RoomLanguage{Code: run.lang}); err != nil {
				t.Fatal(err)
			}
			c := s.console
			if err := c.phones.start(s.opts.Phones); err != nil {
				t.Fatal(err)
			}
			defer c.phones.stop(false)
			url := c.phones.server.URLs()[0]
			_, joined := phoneCall(t, "POST", url, "/join", "", fmt.Sprintf(`{"room":%q}`, c.phones.server.Room()))
			token := joined[strings.Index(joined, `"token":"`)+9:]
			token = token[:strings.Index(token, `"`)]

			press(w, fyne.KeyPageDown) // start
			// A break after the first exercise, from the dialog, with the
			// title it offers.
			c.onInsertBreak()
			press(w, fyne.KeyReturn)
			if got := state(c).Plan.Exercises[1]; got.Kind != workshop.KindBreak || got.Title != run.breakTitle {
				t.Fatalf("the break added: %s %q, want %q", got.Kind, got.Title, run.breakTitle)
			}
			seen := map[string]bool{}
			paused := false
			for step := 0; step < 300 && !state(c).IsFinished(); step++ {
				clk.Advance(redrawGap)
				p := c.projector
				screen := allText(p.content)
				phone := phoneState(t, url, token)
				var phoneText []string
				for _, k := range []string{"title", "question", "backAt", "expected"} {
					if s, ok := phone[k].(string); ok {
						phoneText = append(phoneText, s)
					}
				}
				for _, k := range []string{"options", "prompts", "scale"} {
					if l, ok := phone[k].([]any); ok {
						for _, x := range l {
							phoneText = append(phoneText, fmt.Sprint(x))
						}
					}
				}
				where := fmt.Sprintf("step %d (%s)", step, p.position.Text())
				if bad := foreign(screen); len(bad) > 0 {
					t.Errorf("%s: English on the projector: %v in\n%s", where, bad, screen)
				}
				if bad := foreign(strings.Join(phoneText, "\n")); len(bad) > 0 {
					t.Errorf("%s: English on the phones: %v in %v", where, bad, phoneText)
				}
				seen[string(c.snap.room.Kind)] = true
				if r := c.snap.room; r.Result != nil && !paused {
					press(w, fyne.KeyF5)
					clk.Advance(redrawGap)
					if p.timer.Caption() != run.paused {
						t.Errorf("%s: paused, the room reads %q, want %q", where, p.timer.Caption(), run.paused)
					}
					if bad := foreign(allText(p.content)); len(bad) > 0 {
						t.Errorf("%s, paused: English on the projector: %v", where, bad)
					}
					press(w, fyne.KeyF5)
					paused = true
				}
				press(w, fyne.KeyPageDown)
				clk.Advance(time.Second)
			}
			press(w, fyne.KeyPageDown) // at the end, the second press finishes
			if !state(c).IsFinished() {
				t.Fatal("the clicker did not finish the workshop")
			}
			clk.Advance(redrawGap)
			if bad := foreign(allText(c.projector.content)); len(bad) > 0 {
				t.Errorf("at the end: English on the projector: %v", bad)
			}
			for _, k := range workshop.Kinds {
				if !seen[string(k)] && slices.ContainsFunc(state(c).Plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == k }) {
					t.Errorf("the run never showed a %s", k)
				}
			}
			if !paused {
				t.Error("the run never paused with results up")
			}
		})
	}
}

// A vote or scale added on the day to a plan that has none starts from
// answers in the room's language, not the app's.
func TestAnExerciseAddedOnTheDayStartsInTheRoomsLanguage(t *testing.T) {
	newTestShell(t, laptop) // the app in English
	plan := &workshop.Plan{Title: "Nur Reden", Exercises: []workshop.Exercise{{Kind: workshop.KindTalk, Title: "Hallo", Minutes: 5}}}
	for _, s := range insertStarts(plan, words.For("de")) {
		switch s.ex.Kind {
		case workshop.KindVote:
			if strings.Join(s.ex.Options, "/") != "Ja/Nein" {
				t.Errorf("a new vote in a German room offers %v", s.ex.Options)
			}
		case workshop.KindScale:
			if strings.Join(s.ex.Scale, "/") != "Gar nicht/Voll und ganz" {
				t.Errorf("a new scale in a German room runs %v", s.ex.Scale)
			}
		}
	}
}
