package live

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// exerciseOf is the index of the built-in plan's exercise of a kind.
func exerciseOf(k workshop.Kind) int {
	return slices.IndexFunc(plans.Builtin().Exercises, func(e workshop.Exercise) bool { return e.Kind == k })
}

// A phone answers an open question in its own words: each answer is
// recorded cleaned, the phone sees what it sent and how many it has left,
// never anyone else's, and is refused beyond its number of answers.
func TestAnsweringFromAPhone(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	ann, bob := f.join("Ann"), f.join("Bob")
	room := "?room=" + f.srv.Room()
	answer := func(tok, text string) (int, map[string]any) {
		return f.call("POST", "/answer", tok, map[string]any{"room": f.srv.Room(), "exercise": open, "text": text})
	}
	if code, out := answer(ann, "  Delegate\u202e   more\x07 "); code != 200 || out["text"] != "Delegate more" {
		t.Fatalf("answer: %d %v", code, out)
	}
	if code, out := answer(bob, "Listen first"); code != 200 {
		t.Fatalf("answer: %d %v", code, out)
	}
	code, st := f.call("GET", "/state"+room, ann, nil)
	if code != 200 || st["input"] != "text" || st["answering"] != true || st["answersLeft"] != 2.0 || st["maxRunes"] != 200.0 {
		t.Fatalf("state: %d %v", code, st)
	}
	if sent, _ := st["yourAnswers"].([]any); len(sent) != 1 || sent[0] != "Delegate more" {
		t.Errorf("the phone sees %v, want only its own answer", st["yourAnswers"])
	}
	if code, out := answer(ann, "   "); code != 400 || out["code"] != "phone.err.empty_answer" {
		t.Errorf("an empty answer: %d %v", code, out)
	}
	answer(ann, "two")
	answer(ann, "three")
	if code, out := answer(ann, "four"); code != 409 || out["code"] != "phone.err.answer_limit" {
		t.Errorf("a fourth answer: %d %v", code, out)
	}
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: open})
	if code, out := answer(bob, "late"); code != 409 || out["code"] != "phone.answers_closed" {
		t.Errorf("an answer after closing: %d %v", code, out)
	}
	f.rec.View(func(s *workshop.Session) {
		var got []string
		for _, a := range s.State.Answers[open].List {
			got = append(got, a.Text)
		}
		if !slices.Equal(got, []string{"Delegate more", "Listen first", "two", "three"}) {
			t.Errorf("recorded %q", got)
		}
	})
}

// A hostile answer never reaches the record raw: ten thousand characters
// are refused as too large, and control characters, bidirectional
// overrides and markup in a short one are removed or kept as plain text.
func TestHostileAnswerIsRefusedOrCleaned(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	tok := f.join("Eve")
	huge := strings.Repeat("\u202e<b>x</b>\x00", 1000)
	if code, out := f.call("POST", "/answer", tok, map[string]any{"room": f.srv.Room(), "exercise": open, "text": huge}); code != 413 {
		t.Errorf("a 10,000-character answer: %d %v", code, out)
	}
	code, out := f.call("POST", "/answer", tok, map[string]any{"room": f.srv.Room(), "exercise": open,
		"text": "\u202e<script>alert(1)</script>\u2066\x1b[31m" + strings.Repeat("y", 100)})
	if code != 200 {
		t.Fatalf("a short hostile answer: %d %v", code, out)
	}
	f.rec.View(func(s *workshop.Session) {
		got := s.State.Answers[open].List[0].Text
		if strings.ContainsAny(got, "\u202e\u2066\x1b") || len([]rune(got)) > 200 || !strings.HasPrefix(got, "<script>") {
			t.Errorf("recorded %q", got)
		}
	})
}

// An answer longer than the exercise allows is refused whole, with a
// message the phone says in the room's language, never cut and recorded;
// the length counts characters as the plan does (an emoji is one, spaces
// collapsed), so an answer of exactly the maximum is recorded whole.
func TestOverLongAnswerIsRefused(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	max := plans.Builtin().Exercises[open].AnswerRunes()
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	tok := f.join("Ann")
	answer := func(text string) (int, map[string]any) {
		return f.call("POST", "/answer", tok, map[string]any{"room": f.srv.Room(), "exercise": open, "text": text})
	}
	for _, long := range []string{strings.Repeat("a", max+1), strings.Repeat("é", max) + "!", strings.Repeat("word ", max/5) + "x"} {
		code, out := answer(long)
		if code != 422 || out["code"] != "phone.err.answer_too_long" || out["error"] != words.For(words.English).Say("phone.err.answer_too_long") {
			t.Errorf("an answer of %d characters: %d %v", len([]rune(long)), code, out)
		}
	}
	whole := []string{strings.Repeat("🙂", max), "  " + strings.Repeat("b", max-2) + "    c  "}
	for _, text := range whole {
		if code, out := answer(text); code != 200 {
			t.Errorf("an answer of the maximum: %d %v", code, out)
		}
	}
	f.rec.View(func(s *workshop.Session) {
		list := s.State.Answers[open].List
		if len(list) != 2 || list[0].Text != whole[0] || list[1].Text != strings.Repeat("b", max-2)+" c" {
			t.Errorf("recorded %+v", list)
		}
	})
}

// A grid item is rated across and up in one vote; the phone gets the
// axes, and its own point back, not the room's 25 counts.
func TestRatingAGridFromAPhone(t *testing.T) {
	f := newFixture(t)
	grid := exerciseOf(workshop.KindGrid)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	tok := f.join("Ann")
	option := workshop.GridOption(4, 2)
	if code, out := f.call("POST", "/vote", tok, map[string]any{"room": f.srv.Room(), "exercise": grid, "item": 0, "option": option}); code != 200 {
		t.Fatalf("vote: %d %v", code, out)
	}
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 0, Close: true})
	code, st := f.call("GET", "/state?room="+f.srv.Room(), tok, nil)
	axes, _ := st["axes"].([]any)
	if code != 200 || st["input"] != "grid" || len(axes) != 2 || st["yourVote"] != float64(option) || st["results"] != nil {
		t.Errorf("state: %d %v", code, st)
	}
}

// A vote without its option or item, or with either null, is refused:
// read as 0 it would record the first option, or a grid's bottom-left
// corner, that the phone never chose.
func TestVoteWithoutOptionIsRefused(t *testing.T) {
	f := newFixture(t)
	grid := exerciseOf(workshop.KindGrid)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	tok := f.join("Ann")
	for _, body := range []map[string]any{
		{"room": f.srv.Room(), "exercise": grid, "item": 0},
		{"room": f.srv.Room(), "exercise": grid, "item": 0, "option": nil},
		{"room": f.srv.Room(), "exercise": grid, "option": workshop.GridOption(3, 3)},
		{"room": f.srv.Room(), "exercise": grid, "item": nil, "option": workshop.GridOption(3, 3)},
		{"room": f.srv.Room(), "item": 0, "option": workshop.GridOption(3, 3)},
	} {
		if code, out := f.call("POST", "/vote", tok, body); code != 400 {
			t.Errorf("%v: %d %v", body, code, out)
		}
	}
	f.rec.View(func(s *workshop.Session) {
		if n := s.State.Result(grid, 0).Votes; n != 0 {
			t.Errorf("%d votes recorded", n)
		}
	})
}

// Once the facilitator reveals them, a phone is sent what the room's
// screen draws, as text: a grid's revealed items at the room's means
// with how many rated each, and an open question's most frequent words
// among the answers shown, at most MaxWords; before the reveal, neither.
func TestRevealedGridAndAnswersReachPhonesAsText(t *testing.T) {
	f := newFixture(t)
	grid, open := exerciseOf(workshop.KindGrid), exerciseOf(workshop.KindOpen)
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	var toks []string
	for i, p := range [][2]int{{4, 2}, {5, 3}, {3, 1}} {
		toks = append(toks, f.join(fmt.Sprint("Phone ", i)))
		if code, out := f.call("POST", "/vote", toks[i], map[string]any{"room": f.srv.Room(), "exercise": grid, "item": 0, "option": workshop.GridOption(p[0], p[1])}); code != 200 {
			t.Fatalf("vote: %d %v", code, out)
		}
	}
	state := func() map[string]any {
		t.Helper()
		code, st := f.call("GET", "/state?room="+f.srv.Room(), toks[0], nil)
		if code != 200 {
			t.Fatalf("state: %d %v", code, st)
		}
		return st
	}
	if st := state(); st["points"] != nil {
		t.Errorf("grid points before the reveal: %v", st["points"])
	}
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 0, Close: true})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 1})
	// The next item is open: the first one's point stays on the phone.
	if got, want := fmt.Sprint(state()["points"]), "[map[across:4 count:3 item:Rolling out the new expense process up:2]]"; got != want {
		t.Errorf("grid points after the reveal: %s, want %s", got, want)
	}

	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	for i, text := range []string{"Coach more, coach often", "Coach the new lead", "Listen before I coach", "Delegate the rota"} {
		if code, out := f.call("POST", "/answer", toks[i%len(toks)], map[string]any{"room": f.srv.Room(), "exercise": open, "text": text}); code != 200 {
			t.Fatalf("answer: %d %v", code, out)
		}
	}
	// Twenty more words, once each: the phone gets the first MaxWords.
	long := ""
	for i := range 20 {
		long += fmt.Sprintf("word%c ", 'a'+rune(i))
	}
	if code, out := f.call("POST", "/answer", toks[1], map[string]any{"room": f.srv.Room(), "exercise": open, "text": long}); code != 200 {
		t.Fatalf("answer: %d %v", code, out)
	}
	if st := state(); st["words"] != nil {
		t.Errorf("words before the reveal: %v", st["words"])
	}
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: open})
	ws, _ := state()["words"].([]any)
	if len(ws) != MaxWords || fmt.Sprint(ws[0]) != "map[count:3 word:Coach]" || fmt.Sprint(ws[1]) != "map[count:1 word:before]" {
		t.Errorf("words after the reveal: %v", ws)
	}
	// Counted once for every phone, and anew after each change: a hidden
	// answer's words leave the count.
	f.record(workshop.Event{Kind: workshop.EventAnswerHidden, Exercise: open, Item: 0})
	if ws, _ := state()["words"].([]any); len(ws) == 0 || fmt.Sprint(ws[0]) != "map[count:2 word:coach]" {
		t.Errorf("words after an answer is hidden: %v", ws)
	}
}

// An answer sent again with the id the page gave it — a retry after a
// reply was lost, or a replay — is recorded once and answered as the first
// time, even once the phone has used up its answers or answering has
// closed; each new id is a new answer, up to the phone's limit; an answer
// without an id, from an older page, is recorded each time as before. The
// id is kept in the session file and known again after it is loaded.
func TestRepeatedAnswerIsRecordedOnce(t *testing.T) {
	f := newFixture(t)
	open := exerciseOf(workshop.KindOpen)
	perPhone := plans.Builtin().Exercises[open].AnswersPerPhone()
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	ann, bob := f.join("Ann"), f.join("Bob")
	answer := func(tok, id, text string) (int, map[string]any) {
		body := map[string]any{"room": f.srv.Room(), "exercise": open, "text": text}
		if id != "" {
			body["id"] = id
		}
		return f.call("POST", "/answer", tok, body)
	}
	for i := 0; i < 3; i++ {
		if code, out := answer(ann, "a1-x7Qp", "Listen  first"); code != 200 || out["received"] != true || out["text"] != "Listen first" || (out["repeated"] == true) != (i > 0) {
			t.Fatalf("send %d of the same answer: %d %v", i+1, code, out)
		}
	}
	// Sent at once, as a page and a proxy retrying might: still one.
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], _ = answer(ann, "a2-Zk9", "Trust the team") }()
	}
	wg.Wait()
	if !slices.Equal(codes, []int{200, 200, 200}) {
		t.Errorf("the same answer sent at once: %v", codes)
	}
	for i := 2; i < perPhone; i++ {
		if code, out := answer(ann, fmt.Sprintf("a%d", i+1), fmt.Sprintf("idea %d", i+1)); code != 200 {
			t.Fatalf("answer %d with its own id: %d %v", i+1, code, out)
		}
	}
	if code, out := answer(ann, "one-more", "one more"); code != 409 || out["code"] != "phone.err.answer_limit" {
		t.Errorf("an answer past the limit with a new id: %d %v", code, out)
	}
	if code, out := answer(ann, "a1-x7Qp", "Listen first"); code != 200 || out["text"] != "Listen first" {
		t.Errorf("a retry after the limit: %d %v", code, out)
	}
	if code, out := answer(ann, "bad id!", "x"); code != 400 {
		t.Errorf("an id with spaces: %d %v", code, out)
	}
	answer(bob, "", "No id")
	answer(bob, "", "No id")
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: open})
	if code, out := answer(ann, "a2-Zk9", "Trust the team"); code != 200 || out["text"] != "Trust the team" {
		t.Errorf("a retry after answering closed: %d %v", code, out)
	}
	check := func(where string, s *workshop.Session) {
		var got, ids []string
		for _, a := range s.State.Answers[open].List {
			got, ids = append(got, a.Text), append(ids, a.Request)
		}
		want := []string{"Listen first", "Trust the team"}
		for i := 2; i < perPhone; i++ {
			want = append(want, fmt.Sprintf("idea %d", i+1))
		}
		want = append(want, "No id", "No id")
		if !slices.Equal(got, want) {
			t.Errorf("%s: recorded %q, want %q", where, got, want)
		}
		if len(ids) < 2 || ids[0] != "a1-x7Qp" || ids[1] != "a2-Zk9" || ids[len(ids)-1] != "" {
			t.Errorf("%s: request ids %q", where, ids)
		}
		first := s.State.Answers[open].List[0]
		if a, ok := s.State.Answers[open].Repeated(first.Participant, "a1-x7Qp"); !ok || a.Text != "Listen first" {
			t.Errorf("%s: the first answer is not known by its id", where)
		}
	}
	var id string
	f.rec.View(func(s *workshop.Session) { id = s.ID; check("live", s) })
	loaded, err := f.st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	check("loaded from the store", loaded)
}
