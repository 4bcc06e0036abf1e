package workshop

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func openPlan() *Plan {
	return &Plan{Title: "T", Exercises: []Exercise{
		{Kind: KindTalk, Title: "Intro", Minutes: 5},
		{Kind: KindOpen, Title: "One word", Minutes: 5, Prompts: []string{"One word for today"}, MaxRunes: 20, PerPhone: 2},
	}}
}

// Phones answer while answering is open, up to their number of answers;
// the room sees nothing until the answers are revealed, and never a
// hidden one, which the record keeps, marked.
func TestOpenAnswersHiddenUntilRevealed(t *testing.T) {
	sess, err := NewSession(openPlan(), "", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(who, text string) error {
		return sess.Record(Event{Kind: EventAnswer, At: t0, Exercise: 1, Source: SourcePhone, Participant: who, Text: text})
	}
	if err := answer("p1", "early"); !errors.Is(err, ErrRefused) {
		t.Fatalf("an answer before answering opened: %v", err)
	}
	walk(t, sess, t0, sess.State.Next(false)) // start
	walk(t, sess, t0, sess.State.Next(false)) // to the open exercise, which opens
	if v := sess.State.Room(); !v.Answering || v.Revealed || v.Answers != nil || v.AnswerRunes != 20 || v.AnswersPerPhone != 2 {
		t.Fatalf("arriving: %+v", v)
	}
	for _, a := range []struct{ who, text string }{{"p1", "Calm"}, {"p1", "calm"}, {"p2", "Busy"}} {
		if err := answer(a.who, a.text); err != nil {
			t.Fatalf("%s %q: %v", a.who, a.text, err)
		}
	}
	if err := answer("p1", "third"); !errors.Is(err, ErrAnswerLimit) {
		t.Errorf("a third answer from a phone allowed two: %v", err)
	}
	if err := answer("p2", strings.Repeat("x", 21)); !errors.Is(err, ErrBadEvent) {
		t.Errorf("an answer over the length: %v", err)
	}
	if err := answer("p2", "a\u202eb"); !errors.Is(err, ErrBadEvent) {
		t.Errorf("an answer with a bidi override recorded raw: %v", err)
	}
	if v := sess.State.Room(); v.Answers != nil {
		t.Fatalf("answers shown before reveal: %v", v.Answers)
	}
	walk(t, sess, t0, []Event{{Kind: EventAnswerHidden, Exercise: 1, Item: 2}})
	walk(t, sess, t0, sess.State.Next(true)) // reveals, closing answering
	v := sess.State.Room()
	if !v.Revealed || v.Answering || !reflect.DeepEqual(v.Answers, []string{"Calm", "calm"}) {
		t.Fatalf("revealed: %+v", v)
	}
	if got := v.Cloud(); !reflect.DeepEqual(got, []WordCount{{"calm", 2}}) {
		t.Errorf("cloud %v, want calm ×2 merged whatever the case", got)
	}
	if a := sess.State.Answers[1].List[2]; !a.Hidden || a.Text != "Busy" {
		t.Errorf("the hidden answer is not kept, marked: %+v", a)
	}
	// Undo shows the hidden answer again… no: undo takes back the reveal
	// first, then the hiding.
	walk(t, sess, t0, sess.State.UndoEvents())
	if v := sess.State.Room(); v.Revealed || !v.Answering {
		t.Errorf("undoing the reveal: %+v", v)
	}
	walk(t, sess, t0, sess.State.UndoEvents())
	if sess.State.Answers[1].List[2].Hidden {
		t.Error("undoing the hiding left the answer hidden")
	}
	// The record replays to the same answers.
	again, err := Replay(sess.Plan, sess.Events)
	if err != nil || !reflect.DeepEqual(again.Answers, sess.State.Answers) {
		t.Errorf("replay: %v\n%+v\n%+v", err, again.Answers, sess.State.Answers)
	}
	// After the session, paper answers are typed in as corrections.
	walk(t, sess, t0, []Event{{Kind: EventFinished}})
	if err := sess.Record(Event{Kind: EventAnswer, At: t0, Exercise: 1, Source: SourcePaper, Text: "Tired", Correction: true}); err != nil {
		t.Fatalf("paper answer after the session: %v", err)
	}
	if err := answer("p3", "late"); err == nil {
		t.Error("a phone answer after the session was recorded")
	}
}

// A hostile answer is cleaned before it is recorded: no control or
// bidirectional characters, spaces collapsed, cut to the limit.
func TestCleanAnswer(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  plain   words ", "plain words"},
		{"a\u202eevil\u202c b", "aevil b"},
		{"line\nbreak\ttab\x00nul", "line break tab nul"},
		{"<script>alert(1)</script>", "<script>alert(1)</script>"}, // markup stays text; every screen draws it as text
		{strings.Repeat("é", 10_000), strings.Repeat("é", 140)},
		{"\u200b\u2066", ""},
	} {
		if got := CleanAnswer(c.in, DefaultAnswerRunes); got != c.want {
			t.Errorf("CleanAnswer(%.30q) = %.40q, want %.40q", c.in, got, c.want)
		}
	}
}

// The cloud merges case, leaves out the language's common words and
// numbers, and lists the same answers the same way every time.
func TestWordsOfAnswers(t *testing.T) {
	stop := StopWords("the and of")
	texts := []string{"The Team and the plan", "team spirit", "TEAM of 2026", "plan"}
	want := []WordCount{{"team", 3}, {"plan", 2}, {"spirit", 1}}
	for range 5 {
		if got := Words(texts, stop); !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// The grid rates every item on two axes: the option index holds both
// ratings, and the stats give the means and the counts per point.
func TestGridRatings(t *testing.T) {
	p := &Plan{Title: "T", Exercises: []Exercise{{Kind: KindGrid, Title: "G", Minutes: 5,
		Axes: [][]string{{"Implement", "Innovate"}, {"Systems", "People"}}, Items: []Item{{Text: "A"}, {Text: "B"}}}}}
	if probs := Validate(p); len(probs) != 0 {
		t.Fatal(probs)
	}
	sess, _ := NewSession(p, "", "", t0)
	walk(t, sess, t0, sess.State.Next(false))
	for who, xy := range map[string][2]int{"a": {1, 5}, "b": {3, 5}, "c": {5, 2}} {
		walk(t, sess, t0, []Event{{Kind: EventVote, Exercise: 0, Item: 0, Option: GridOption(xy[0], xy[1]), Participant: who}})
	}
	walk(t, sess, t0, []Event{{Kind: EventTally, Exercise: 0, Item: 0, Source: SourcePaper, Option: GridOption(3, 3), Count: 1}})
	g := sess.State.Result(0, 0).Grid()
	if g.N != 4 || g.X != 3 || g.Y != 15.0/4 || g.Cells[4][0] != 1 || g.Cells[2][2] != 1 {
		t.Errorf("stats %+v", g)
	}
	if q := Quadrant(g.X, g.Y); q != 1 {
		t.Errorf("quadrant %d, want top right", q)
	}
	if err := sess.Record(Event{Kind: EventVote, At: t0, Exercise: 0, Item: 0, Option: GridPoints, Participant: "d"}); !errors.Is(err, ErrBadEvent) {
		t.Errorf("a rating off the grid: %v", err)
	}
}

// A grid's axes and quadrants, and an open question's limits, are checked
// with the field at fault.
func TestGridAndOpenProblems(t *testing.T) {
	for _, c := range []struct {
		ex    Exercise
		field string
	}{
		{Exercise{Kind: KindGrid, Title: "G", Minutes: 5, Items: []Item{{Text: "A"}}}, "axes"},
		{Exercise{Kind: KindGrid, Title: "G", Minutes: 5, Items: []Item{{Text: "A"}}, Axes: [][]string{{"a", "b"}, {"c"}}}, "axes"},
		{Exercise{Kind: KindGrid, Title: "G", Minutes: 5, Items: []Item{{Text: "A"}}, Axes: [][]string{{"a", "b"}, {"c", "d"}}, Quadrants: []string{"x"}}, "quadrants"},
		{Exercise{Kind: KindOpen, Title: "O", Minutes: 5}, "prompts"},
		{Exercise{Kind: KindOpen, Title: "O", Minutes: 5, Prompts: []string{"?"}, MaxRunes: 281}, "max"},
		{Exercise{Kind: KindOpen, Title: "O", Minutes: 5, Prompts: []string{"?"}, PerPhone: 11}, "answers"},
		{Exercise{Kind: KindVote, Title: "V", Minutes: 5, Options: []string{"a", "b"}, Items: []Item{{Text: "A"}}, MaxRunes: 10}, "max"},
		{Exercise{Kind: KindScale, Title: "S", Minutes: 5, Scale: []string{"a", "b"}, Items: []Item{{Text: "A"}}, Axes: [][]string{{"a", "b"}}}, "axes"},
	} {
		probs := ValidateExercise(&Plan{Title: "T", Exercises: []Exercise{c.ex}}, 0)
		if len(probs) != 1 || probs[0].Field != c.field {
			t.Errorf("%s: got %v, want one problem with %s", c.ex.Kind, probs, c.field)
		}
	}
}

// Merging rooms keeps every room's answers, hidden ones hidden, and each
// room's grid ratings.
func TestMergeKeepsAnswers(t *testing.T) {
	var rooms []*Session
	for r, texts := range [][]string{{"Calm", "Busy"}, {"Tired"}} {
		sess, _ := NewSession(openPlan(), fmt.Sprint("Room ", r), "", t0)
		walk(t, sess, t0, sess.State.Next(false))
		walk(t, sess, t0, sess.State.Next(false))
		for i, text := range texts {
			walk(t, sess, t0, []Event{{Kind: EventAnswer, Exercise: 1, Source: SourcePhone, Participant: fmt.Sprint("p", i), Text: text, Request: fmt.Sprint("r", i)}})
		}
		walk(t, sess, t0, []Event{{Kind: EventAnswerHidden, Exercise: 1, Item: 0}})
		rooms = append(rooms, sess)
	}
	m, err := Merge(rooms, "Both", t0)
	if err != nil {
		t.Fatal(err)
	}
	a := m.State.Answers[1]
	if len(a.List) != 3 || !a.List[0].Hidden || a.List[1].Hidden || !a.List[2].Hidden || a.List[2].Text != "Tired" {
		t.Errorf("merged answers %+v", a.List)
	}
	// Each answer keeps the id its phone sent it with, under its room's
	// participant: the two rooms' "r0" stay two answers.
	if a.List[0].Request != "r0" || a.List[2].Request != "r0" || a.List[0].Participant == a.List[2].Participant {
		t.Errorf("merged request ids %+v", a.List)
	}
	if x, ok := a.Repeated(a.List[2].Participant, "r0"); !ok || x.Text != "Tired" {
		t.Errorf("the merged answer is not known by its id: %+v %v", x, ok)
	}
}

// A word counts once an answer, however often the answer repeats it;
// case is folded fully, so that "Straße" and "STRASSE" are one word; a
// soft hyphen neither splits a word nor stays in a recorded answer.
func TestWordsCountOnceAnAnswerAndFoldCase(t *testing.T) {
	texts := []string{strings.Repeat("word ", 56), "word again", "Straße", "STRASSE", "strasse", "Ver\u00adant\u00adwor\u00adtung", "Verantwortung"}
	got := Words(texts, nil)
	want := []WordCount{{"strasse", 3}, {"Verantwortung", 2}, {"word", 2}, {"again", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if a := CleanAnswer("Ver\u00adant\u00adwor\u00adtung", 100); a != "Verantwortung" {
		t.Errorf("cleaned to %q", a)
	}
}

// An answer recorded with a soft hyphen, before they were removed, still
// replays: nothing saved is lost.
func TestAnswerWithSoftHyphenStillReplays(t *testing.T) {
	sess, err := NewSession(openPlan(), "", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	walk(t, sess, t0, sess.State.Next(false))
	walk(t, sess, t0, sess.State.Next(false))
	walk(t, sess, t0, []Event{{Kind: EventAnswer, Exercise: 1, Source: SourcePhone, Participant: "p1", Text: "Ver\u00adantwortung"}})
	if got := sess.State.Answers[1].List; len(got) != 1 {
		t.Fatalf("answers %v", got)
	}
	if w := Words(sess.State.Answers[1].Shown(), nil); len(w) != 1 || w[0].Word != "Verantwortung" {
		t.Errorf("words %v", w)
	}
}

// Chinese and Japanese answers, written without spaces, count each run of
// their characters as one term, apart from punctuation and from words in
// other scripts.
func TestWordsOfChineseAndJapaneseAnswers(t *testing.T) {
	got := Words([]string{"チームを信頼する。AIを使う", "团队合作很重要，信任团队", "信任团队"}, nil)
	want := []WordCount{{"信任团队", 2}, {"AI", 1}, {"を使う", 1}, {"チームを信頼する", 1}, {"团队合作很重要", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words %v, want %v", got, want)
	}
}

// Undo takes back a paper answer typed in by mistake: it is withdrawn,
// gone from the answers, and the record replays (also through JSON, as
// exports are) to the same answers. A phone's answer is not the
// facilitator's to undo: undo passes over it, and it can only be hidden.
func TestUndoWithdrawsAPaperAnswerButNeverAPhones(t *testing.T) {
	sess, err := NewSession(openPlan(), "", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	walk(t, sess, t0, sess.State.Next(false)) // start
	walk(t, sess, t0, sess.State.Next(false)) // to the open exercise, which opens
	paper := func(text string) {
		t.Helper()
		walk(t, sess, t0, []Event{{Kind: EventAnswer, Exercise: 1, Source: SourcePaper, Text: text}})
	}
	phone := func(who, text string) {
		t.Helper()
		walk(t, sess, t0, []Event{{Kind: EventAnswer, Exercise: 1, Source: SourcePhone, Participant: who, Text: text}})
	}
	texts := func() []string {
		var out []string
		for _, a := range sess.State.Answers[1].List {
			out = append(out, a.Text)
		}
		return out
	}
	paper("Calm")
	phone("p1", "Busy")
	paper("Tirde") // a typo
	phone("p2", "Late")
	walk(t, sess, t0, []Event{{Kind: EventAnswerHidden, Exercise: 1, Item: 3}})

	walk(t, sess, t0, sess.State.UndoEvents()) // the hiding
	walk(t, sess, t0, sess.State.UndoEvents()) // the typo, passing over p2's answer
	if got, want := texts(), []string{"Calm", "Busy", "Late"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after undoing the typo: %q, want %q", got, want)
	}
	if a := sess.State.Answers[1]; !a.Open || a.List[2].Hidden {
		t.Errorf("undoing the typo changed more: %+v", a)
	}
	paper("Tired")
	walk(t, sess, t0, []Event{{Kind: EventAnswerHidden, Exercise: 1, Item: 2}}) // Late, moved up
	if a := sess.State.Answers[1].List; !a[2].Hidden || a[2].Text != "Late" {
		t.Errorf("hiding the answer that moved up: %+v", a)
	}
	// Undo: the hiding, "Tired", "Calm", then opening — never a phone's answer.
	for range 3 {
		walk(t, sess, t0, sess.State.UndoEvents())
	}
	if got, want := texts(), []string{"Busy", "Late"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing every paper answer: %q, want %q", got, want)
	}
	walk(t, sess, t0, sess.State.UndoEvents())
	if a := sess.State.Answers[1]; a.Open || len(a.List) != 2 {
		t.Errorf("undo after the paper answers did not take back the opening, or took a phone's answer: %+v", a)
	}
	if sess.State.CanUndo() {
		t.Error("undo reaches before the exercise opened")
	}

	// A phone's answer is refused withdrawal, and so is an answer that is not there.
	for _, e := range []Event{{Kind: EventAnswerWithdrawn, Exercise: 1, Item: 0}, {Kind: EventAnswerWithdrawn, Exercise: 1, Item: 5}} {
		if err := sess.Record(e); !errors.Is(err, ErrBadEvent) {
			t.Errorf("withdrawing answer %d: %v", e.Item+1, err)
		}
	}

	var back []Event
	if data, err := json.Marshal(sess.Events); err != nil {
		t.Fatal(err)
	} else if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, err := Replay(sess.Plan, back)
	if err != nil || !reflect.DeepEqual(again.Answers, sess.State.Answers) {
		t.Errorf("replay: %v\n%+v\n%+v", err, again.Answers, sess.State.Answers)
	}
	withdrawn := 0
	for _, e := range back {
		if e.Kind == EventAnswerWithdrawn {
			withdrawn++
		}
	}
	if withdrawn != 3 {
		t.Errorf("the record holds %d withdrawals, want 3", withdrawn)
	}
}

// Spellings of one word that differ only in Unicode's forms are one word:
// "é" typed as one character or as "e" and an accent, fullwidth letters,
// ligatures, Arabic with or without vowel marks and tatweel. The word
// shown is the spelling most often written, in the letters every font
// has.
func TestWordsMergeUnicodeForms(t *testing.T) {
	for _, c := range []struct {
		name  string
		texts []string
		want  []WordCount
	}{
		{"composed and decomposed", []string{"café", "cafe\u0301", "cafe\u0301 bar"}, []WordCount{{"café", 3}, {"bar", 1}}},
		{"decomposed shown composed", []string{"cafe\u0301"}, []WordCount{{"café", 1}}},
		{"fullwidth", []string{"Ａｂｃ", "abc", "ABC"}, []WordCount{{"abc", 3}}},
		{"fullwidth alone", []string{"Ａｂｃ"}, []WordCount{{"Abc", 1}}},
		{"ligature", []string{"ﬁne", "fine"}, []WordCount{{"fine", 2}}},
		{"ligature alone", []string{"ﬁne"}, []WordCount{{"fine", 1}}},
		{"Arabic vowel marks", []string{"التواصل", "التَّواصُل", "التَّواصُل"}, []WordCount{{"التَّواصُل", 3}}},
		{"Arabic tatweel and superscript alef", []string{"الرحمن", "الرحمٰن", "الرحمن", "التـواصل"}, []WordCount{{"الرحمن", 3}, {"التـواصل", 1}}},
		{"stop word in another form", []string{"Ｔｈｅ team", "the team"}, []WordCount{{"team", 2}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Words(c.texts, StopWords("the")); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// A room's cloud leaves out its own language's common words and, in a
// room of another language, English's, which answers mix in; not the
// room language's words in another room.
func TestCloudLeavesOutCommonWordsOfTheRoomAndEnglish(t *testing.T) {
	answers := []string{"الثقة في الفريق", "the team and الثقة", "trust the team"}
	v := RoomView{Language: "ar", Answers: answers}
	got := map[string]int{}
	for _, w := range v.Cloud() {
		got[w.Word] = w.Count
	}
	want := map[string]int{"الثقة": 2, "الفريق": 1, "team": 2, "trust": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Arabic room's cloud %v, want %v", got, want)
	}
	// An English room does not leave out Arabic's "في".
	v.Language = "en"
	found := false
	for _, w := range v.Cloud() {
		found = found || w.Word == "في"
	}
	if !found {
		t.Error("an English room left out an Arabic word")
	}
	de := CommonWords("de")
	for _, w := range []string{"und", "the", "and"} {
		if !de[wordKey(w)] {
			t.Errorf("a German room keeps %q", w)
		}
	}
}

// A lone letter of an alphabet is no word for a cloud — the "b" of
// "<b>", an initial — where a single Chinese character or Hangul
// syllable is.
func TestCloudLeavesOutLoneLetters(t *testing.T) {
	got := map[string]int{}
	for _, w := range Words([]string{"<b>bold</b> plan B", "J. Smith 好 한"}, nil) {
		got[w.Word] = w.Count
	}
	want := map[string]int{"bold": 1, "plan": 1, "Smith": 1, "好": 1, "한": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words %v, want %v", got, want)
	}
}
