package ui

import (
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// cloudAnswers are answers with words of every frequency, long words and
// words in several cases.
func cloudAnswers() []string {
	var out []string
	for i := range 40 {
		out = append(out, fmt.Sprintf("Delegate more %d, coach Anna on Mondays, trust the TEAM; Verantwortungsübernahme%d", i%7, i%3))
	}
	out = append(out, "team", "Team spirit", "listen first", "ask before telling")
	// Words too wide for any screen at the cloud's sizes: they must not
	// empty it.
	for range 5 {
		out = append(out, "Donaudampfschifffahrtsgesellschaftskapitaenswitwe")
	}
	return append(out, strings.Repeat("a", 280))
}

// An open question's answers, revealed, fit the projector from 800×600
// to 4K as a word cloud and as a wall; the cloud puts the same answers in
// the same places every time; a hidden answer never shows.
func TestProjectorShowsAnswersAtEverySize(t *testing.T) {
	plan := plans.Builtin()
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[len(projectorSizes)-1]} {
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
		c.do(step...)
		var answers []workshop.Event
		for i, a := range cloudAnswers() {
			answers = append(answers, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePhone, Participant: fmt.Sprintf("p%d", i), Text: workshop.CleanAnswer(a, 200)})
		}
		answers = append(answers, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: "Secretword should stay hidden"})
		c.do(answers...)
		last := len(session(c).State.Answers[oi].List) - 1
		// Hidden from the console's list: its button is the first row's.
		test.Tap(c.answers.rows[last])
		if !session(c).State.Answers[oi].List[last].Hidden {
			t.Fatal("the console's Hide did not hide the answer")
		}
		c.toggleReveal()
		clk.Advance(redrawGap)
		where := fmt.Sprintf("cloud at %v", size)
		if !p.picture.Visible() || len(p.picture.Words()) < 10 {
			t.Fatalf("%s: %d words shown", where, len(p.picture.Words()))
		}
		if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
			t.Fatalf("%s: %s", where, bad)
		}
		shootProjector(p, fmt.Sprintf("projector-cloud-%vx%v.png", size.Width, size.Height))
		first := drawnWords(p.picture)
		// "team" is the most frequent, written TEAM most often.
		if len(first) < 10 || first[0].text != "TEAM" {
			t.Errorf("%s: drew %v", where, first)
		}
		for _, w := range first {
			if w.text == "Secretword" || w.text == "the" || w.text == "on" {
				t.Errorf("%s: the cloud shows %q", where, w.text)
			}
		}
		p.picture.Refresh()
		if again := drawnWords(p.picture); !reflect.DeepEqual(first, again) {
			t.Errorf("%s: the same answers were laid out differently", where)
		}
		c.answers.view.SetSelected(tr("Wall of answers"))
		clk.Advance(redrawGap)
		if !session(c).State.Answers[oi].Wall {
			t.Fatal("choosing the wall did not record it")
		}
		if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
			t.Fatalf("wall at %v: %s", size, bad)
		}
		shootProjector(p, fmt.Sprintf("projector-wall-%vx%v.png", size.Width, size.Height))
		for _, w := range drawnWords(p.picture) {
			if w.text == "Secretword should stay hidden" {
				t.Errorf("wall at %v: the hidden answer shows", size)
			}
		}
		// Undo takes the wall back to the cloud.
		c.onUndo()
		clk.Advance(redrawGap)
		if session(c).State.Answers[oi].Wall {
			t.Error("undo left the wall")
		}
	}
}

// A grid's revealed items are plotted at the room's means, inside the
// projector, at the smallest and largest screens.
func TestProjectorPlotsTheGrid(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[len(projectorSizes)-1]} {
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
		c.do(step...)
		for item := range plan.Exercises[gi].Items {
			c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
			for who, xy := range [][2]int{{1, 5}, {2, 4}, {item%5 + 1, 5 - item%5}} {
				c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(xy[0], xy[1]), Participant: fmt.Sprint(who)})
			}
			c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
		}
		clk.Advance(redrawGap)
		if got := len(c.snap.room.Points); got != len(plan.Exercises[gi].Items) {
			t.Fatalf("%d points, want every item", got)
		}
		if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
			t.Fatalf("grid at %v: %s", size, bad)
		}
		if bad := edgeProblem(p, size); bad != "" {
			t.Errorf("grid at %v: %s", size, bad)
		}
		texts := drawnWords(p.picture)
		// Every rating as well, on the facilitator's word; undo takes it
		// back.
		means := circles(p.picture)
		test.Tap(c.votes.every)
		clk.Advance(redrawGap)
		if !session(c).State.Votes[gi].Points || circles(p.picture) <= means {
			t.Errorf("grid at %v: every rating shown %v, %d circles (means alone %d)", size, session(c).State.Votes[gi].Points, circles(p.picture), means)
		}
		shootProjector(p, fmt.Sprintf("projector-grid-%vx%v.png", size.Width, size.Height))
		c.onUndo()
		clk.Advance(redrawGap)
		if session(c).State.Votes[gi].Points || circles(p.picture) != means {
			t.Errorf("grid at %v: undo left every rating shown", size)
		}
		for _, want := range []string{"Keep people", "People ↑", "1", "6"} {
			if !slices.ContainsFunc(texts, func(w drawnWord) bool { return w.text == want || strings.HasPrefix(w.text, want+" ") }) {
				t.Errorf("grid at %v lacks %q: %v", size, want, texts)
			}
		}
	}
}

type drawnWord struct {
	text string
	x, y float32
	size float32
}

// drawnWords lists the texts a picture draws, in drawing order.
func drawnWords(p *RoomPicture) []drawnWord {
	var out []drawnWord
	for _, o := range test.WidgetRenderer(p).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, drawnWord{t.Text, t.Position().X, t.Position().Y, t.TextSize})
		}
	}
	return out
}

// shootProjector saves the projector's picture under $RUNSHEET_SHOTS, to
// look at.
func shootProjector(p *projector, name string) {
	dir := os.Getenv("RUNSHEET_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return
	}
	defer f.Close()
	png.Encode(f, p.win.Canvas().Capture())
}

// After the session, answers written on paper are typed in on the
// corrections screen, one a line, and recorded as corrections.
func TestPaperAnswersAfterTheSession(t *testing.T) {
	s, _, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Paper")
	plan := state(c).Plan
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	c.do(workshop.Event{Kind: workshop.EventFinished})
	sess, err := s.opts.Store.Load(session(c).ID)
	if err != nil {
		t.Fatal(err)
	}
	cor := s.showCorrections(sess)
	var paper *correctionField
	for _, f := range cor.fields {
		if f.many != nil {
			paper = f
		}
	}
	if paper == nil {
		t.Fatal("no place for paper answers")
	}
	// A line longer than the question takes is not cut: nothing is
	// saved, and the message says which line and by how much.
	limit := plan.Exercises[oi].AnswerRunes()
	paper.entry.SetText("Short\n" + strings.Repeat("x", limit+1))
	cor.onSave()
	if got, err := s.opts.Store.Load(sess.ID); err != nil || len(got.State.Answers[oi].List) != 0 {
		t.Fatalf("a line too long saved %v (%v)", got.State.Answers[oi].List, err)
	}
	want := tr("entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", 2, "Length", limit+1, "Max", limit)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelsIn(top), want) {
		t.Errorf("no message %q for a line too long", want)
	} else {
		w.Canvas().Overlays().Remove(top)
	}
	paper.entry.SetText("Coach on Mondays\n\n  Ask\u202e first  \n")
	cor.onSave()
	after, err := s.opts.Store.Load(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range after.State.Answers[oi].List {
		if a.Source != workshop.SourcePaper {
			t.Errorf("answer %q from %s", a.Text, a.Source)
		}
		got = append(got, a.Text)
	}
	if !slices.Equal(got, []string{"Coach on Mondays", "Ask first"}) {
		t.Errorf("recorded %q", got)
	}
}

// A grid inserted on the day starts from the agenda's grid: its axes and
// quadrant names.
func TestInsertAGridOnTheDay(t *testing.T) {
	plan := plans.Builtin()
	var grid *insertStart
	starts := insertStarts(plan, words.For(words.English))
	for i := range starts {
		if starts[i].ex.Kind == workshop.KindGrid && starts[i].ex.Title == "" {
			grid = &starts[i]
		}
	}
	if grid == nil {
		t.Fatal("the insert form offers no new grid")
	}
	if len(grid.ex.Axes) != 2 || grid.ex.Axes[0][0] != "Implement" || len(grid.ex.Quadrants) != 4 {
		t.Errorf("a new grid starts from %+v", grid.ex)
	}
}

// circles counts the dots a picture draws.
func circles(p *RoomPicture) int {
	n := 0
	for _, o := range test.WidgetRenderer(p).Objects() {
		if _, ok := o.(*canvas.Circle); ok {
			n++
		}
	}
	return n
}

// In a right-to-left room the grid is mirrored whole, as the summary
// prints it: a point rated low across, the across axis's low end and the
// first quadrant all stand on the right; and no arrow the room's font
// lacks is drawn.
func TestArabicRoomMirrorsTheWholeGrid(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	ex := plan.Exercises[gi]
	for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[4]} {
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "غرفة", RoomLanguage{Code: "ar"}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
		c.do(step...)
		c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: 0})
		c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: 0, Option: workshop.GridOption(1, 3), Participant: "a"})
		c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: 0, Close: true})
		clk.Advance(redrawGap)
		// The grid's middle line: the legend beside the grid moves the
		// grid off the picture's middle.
		mid := float32(-1)
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			if l, ok := o.(*canvas.Line); ok && l.StrokeWidth == 1 && l.Position1.X == l.Position2.X {
				mid = l.Position1.X
			}
		}
		if mid < 0 {
			t.Fatalf("at %v the grid has no middle line", size)
		}
		var dot *canvas.Circle
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			if c, ok := o.(*canvas.Circle); ok && c.FillColor == roomAnswer {
				dot = c
			}
		}
		if dot == nil || dot.Position().X+dot.Size().Width/2 <= mid {
			t.Fatalf("at %v the point rated low across is not on the right: %v", size, dot)
		}
		texts := drawnWords(p.picture)
		side := func(want string) (float32, bool) {
			for _, w := range texts {
				if text := strings.Trim(w.text, " …"); strings.HasPrefix(text, want) || strings.HasSuffix(text, want) {
					return w.x, true
				}
			}
			return 0, false
		}
		for _, c := range []struct {
			text  string
			right bool
		}{{ex.Axes[0][0], true}, {ex.Axes[0][1], false}, {"Keep", true}, {"Lead", false}, {"Run", true}, {"Redesign", false}} {
			x, ok := side(c.text)
			if !ok {
				t.Errorf("at %v %q is not drawn: %v", size, c.text, texts)
				continue
			}
			if x+1 >= mid != c.right {
				t.Errorf("at %v %q stands at x=%v (middle %v), want right=%v", size, c.text, x, mid, c.right)
			}
		}
		for _, w := range texts {
			if strings.ContainsAny(w.text, "↑↓←→") {
				t.Errorf("at %v an arrow is drawn in %q", size, w.text)
			}
		}
	}
}

// A grid's words never cover one another, whatever the room's ratings:
// the items' texts stand in a legend, the dots carry their numbers; at
// 1080p and 4K the grid fills most of the picture's height and the
// quadrant names are whole.
func TestGridLabelsKeepOffEachOther(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	ex := plan.Exercises[gi]
	for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[4], projectorSizes[5]} {
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
		c.do(step...)
		// Items placed alike, in the middle and in the corners, where the
		// axes' ends and the quadrants' names stand.
		at := [][2]int{{3, 3}, {3, 3}, {3, 5}, {5, 5}, {1, 3}, {3, 1}}
		for item := range ex.Items {
			c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
			xy := at[item%len(at)]
			c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(xy[0], xy[1]), Participant: "a"})
			c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
		}
		clk.Advance(redrawGap)
		shootProjector(p, fmt.Sprintf("projector-grid-labels-%vx%v.png", size.Width, size.Height))
		type box struct {
			text       string
			x, y, w, h float32
		}
		var boxes []box
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			tx, ok := o.(*canvas.Text)
			if !ok || tx.Text == "" {
				continue
			}
			m := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle)
			x := tx.Position().X
			switch tx.Alignment {
			case fyne.TextAlignCenter:
				x += (tx.Size().Width - m.Width) / 2
			case fyne.TextAlignTrailing:
				x += tx.Size().Width - m.Width
			}
			// The glyphs' own height, without the line's leading.
			boxes = append(boxes, box{tx.Text, x, tx.Position().Y + m.Height*0.15, m.Width, m.Height * 0.7})
		}
		for i, a := range boxes {
			for _, b := range boxes[i+1:] {
				if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
					t.Errorf("at %v %q and %q overlap", size, a.text, b.text)
				}
			}
		}
		if size.Width < 1920 {
			continue
		}
		for _, q := range ex.Quadrants {
			if !slices.ContainsFunc(boxes, func(b box) bool { return b.text == q }) {
				t.Errorf("at %v the quadrant %q is not drawn whole", size, q)
			}
		}
		var widest float32
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			if l, ok := o.(*canvas.Line); ok {
				widest = max(widest, l.Position2.X-l.Position1.X)
			}
		}
		if widest < p.picture.Size().Height*0.8 {
			t.Errorf("at %v the grid is %v wide in a picture %v", size, widest, p.picture.Size())
		}
	}
}

// longAnswers are n answers of exactly 280 characters, each of its own
// words, numbered at its start.
func longAnswers(n int) []string {
	words := strings.Fields("we will listen before we decide and give each person on the team a real say in how the work is planned measured and changed over the coming quarter so that innovation is not only the job of managers")
	var out []string
	for i := range n {
		s := fmt.Sprintf("Answer%02d", i)
		for k := i; len([]rune(s)) < 280; k++ {
			s += " " + words[k%len(words)]
		}
		out = append(out, strings.TrimSpace(string([]rune(s)[:280])))
	}
	return out
}

// wallAnswers reads the wall back: the text of each answer's box, its
// lines joined, the least type it uses, and any line outside the boxes
// (the count of answers not shown).
func wallAnswers(p *RoomPicture) (boxes []string, least float32, notes []string) {
	least = 1e9
	in := false
	for _, o := range test.WidgetRenderer(p).Objects() {
		switch o := o.(type) {
		case *canvas.Rectangle:
			boxes = append(boxes, "")
			in = true
		case *canvas.Text:
			least = min(least, o.TextSize)
			if !in {
				notes = append(notes, o.Text)
				continue
			}
			boxes[len(boxes)-1] = strings.TrimSpace(boxes[len(boxes)-1] + " " + o.Text)
		}
	}
	return boxes, least, notes
}

// The wall shows forty answers of 280 characters at 800×600, 1080p and
// 4K: every answer it shows whole, wrapped, never in type under the
// projector's least, inside the screen. Those that do not fit one screen
// are shown in pages that turn on their own, from the first answer to
// the last and round again, each page saying which answers it holds: no
// answer is cut, and none left out.
func TestWallShowsLongAnswersWhole(t *testing.T) {
	answers := longAnswers(40)
	for _, size := range []fyne.Size{fyne.NewSize(800, 600), fyne.NewSize(1920, 1080), fyne.NewSize(3840, 2160)} {
		plan := plans.Builtin()
		oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
		plan.Exercises[oi].MaxRunes = workshop.MaxAnswerRunes
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
		c.do(step...)
		var evs []workshop.Event
		for _, a := range answers {
			evs = append(evs, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
		}
		c.do(evs...)
		c.toggleReveal()
		c.answers.view.SetSelected(tr("Wall of answers"))
		clk.Advance(redrawGap)
		if !p.picture.Visible() || !session(c).State.Answers[oi].Wall {
			t.Fatalf("at %v the wall is not up", size)
		}
		where := fmt.Sprintf("wall at %v", size)
		var seen []string
		pages := 0
		for turn := 0; ; turn++ {
			boxes, least, notes := wallAnswers(p.picture)
			if len(boxes) == 0 {
				t.Fatalf("%s: no answer shown on page %d (picture %v, least %v, notes %q)", where, turn+1, p.picture.Size(), p.picture.minText, notes)
			}
			if least < p.picture.minText {
				t.Errorf("%s: type of %v, under the least %v", where, least, p.picture.minText)
			}
			if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
				t.Errorf("%s: %s", where, bad)
			}
			if turn == 0 && len(boxes) == len(answers) {
				if len(notes) != 0 {
					t.Errorf("%s: every answer shown, yet it says %q", where, notes)
				}
				seen, pages = boxes, 1
				break
			}
			if pages == 0 {
				pages = p.picture.pages
			}
			want := fmt.Sprintf("Answers %d–%d of %d · page %d of %d", len(seen)+1, len(seen)+len(boxes), len(answers), turn+1, pages)
			if len(notes) != 1 || notes[0] != want {
				t.Errorf("%s: page %d says %q, want %q", where, turn+1, notes, want)
			}
			if turn == 0 {
				shootProjector(p, fmt.Sprintf("projector-wall-long-%vx%v.png", size.Width, size.Height))
			}
			seen = append(seen, boxes...)
			if turn+1 == pages {
				break
			}
			if turn > len(answers) {
				t.Fatalf("%s: the wall never came round", where)
			}
			// The page stays up at least eight seconds, then turns.
			clk.Advance(7 * time.Second)
			if again, _, _ := wallAnswers(p.picture); !slices.Equal(again, boxes) {
				t.Errorf("%s: page %d turned before eight seconds", where, turn+1)
			}
			clk.Advance(wallPageTime(p.picture.pageRunes) - 7*time.Second)
		}
		if !slices.Equal(seen, answers) {
			t.Errorf("%s: the pages showed %d answers, not the %d in order", where, len(seen), len(answers))
			for i := range min(len(seen), len(answers)) {
				if seen[i] != answers[i] {
					t.Errorf("answer %d reads\n%q\nwant\n%q", i+1, seen[i], answers[i])
					break
				}
			}
		}
		if pages > 1 {
			// Round again to the first page.
			clk.Advance(wallPageTime(p.picture.pageRunes))
			if first, _, _ := wallAnswers(p.picture); len(first) == 0 || first[0] != answers[0] {
				t.Errorf("%s: after the last page the wall does not start again", where)
			}
		}
		t.Logf("%s: %d answers in %d pages (least %.1f)", where, len(answers), pages, p.picture.minText)
	}
}

// Every answer, word and prompt reads in the direction of its own words
// (UAX #9), whatever the room's language: in an Arabic room an English
// answer on the wall reads left to right from its box's left, in an
// English room an Arabic one right to left from its right; a cloud's word
// and a prompt likewise.
func TestAnswersReadInTheirOwnDirection(t *testing.T) {
	const english, arabic = "Trust the team!", "نثق بالفريق!"
	const arabicWord = "مشروع-e"
	prompts := []string{"What will you try first?", "ما الذي ستجربه أولاً؟"}
	for _, room := range []string{"", "ar"} {
		plan := plans.Builtin()
		oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
		plan.Exercises[oi].Prompts = prompts
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: room}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		size := projectorSizes[4]
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
		c.do(step...)
		clk.Advance(redrawGap)
		// The prompts, line by line: the English one from the left, the
		// Arabic one from the right with its number at its right.
		var lines [][]*canvas.Text
		lastY := float32(-1)
		for _, o := range test.WidgetRenderer(p.question).Objects() {
			tx := o.(*canvas.Text)
			if tx.Position().Y != lastY {
				lines = append(lines, nil)
				lastY = tx.Position().Y
			}
			lines[len(lines)-1] = append(lines[len(lines)-1], tx)
		}
		if len(lines) != 2 {
			t.Fatalf("room %q: the prompts are drawn as %d lines", room, len(lines))
		}
		if first := lines[0][0]; first.Position().X != 0 || !strings.HasSuffix(first.Text, prompts[0]) {
			t.Errorf("room %q: the English prompt starts at x=%v with %q", room, first.Position().X, first.Text)
		}
		if first, last := lines[1][0], lines[1][len(lines[1])-1]; first.Position().X <= 0 || last.Text != "2" {
			t.Errorf("room %q: the Arabic prompt starts at x=%v and ends with %q, want its number at the right", room, first.Position().X, last.Text)
		}
		// The English brief, from the left, its full stop at its end.
		for _, o := range test.WidgetRenderer(p.body).Objects() {
			if tx := o.(*canvas.Text); tx.Position().X != 0 || strings.HasPrefix(tx.Text, ".") {
				t.Errorf("room %q: the brief has %q at x=%v", room, tx.Text, tx.Position().X)
			}
		}
		c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: english},
			workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: arabic},
			workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: arabicWord})
		// Answers that start with Latin text or signs read left to right
		// from the box's left in either room, whatever follows them.
		latin := []string{`=HYPERLINK("http://evil","click")`, "+SUM(1,2)", "-2+3", "@cmd", "FEEDBACK في الاجتماع", "<b>وسم</b>"}
		for _, a := range latin {
			c.do(workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
		}
		c.toggleReveal()
		clk.Advance(redrawGap)
		cloud := drawnWords(p.picture)
		if !slices.ContainsFunc(cloud, func(w drawnWord) bool { return w.text == "e-مشروع" }) {
			t.Errorf("room %q: the Arabic word does not read right to left in the cloud: %v", room, cloud)
		}
		if !slices.ContainsFunc(cloud, func(w drawnWord) bool { return w.text == "Trust" }) {
			t.Errorf("room %q: the English word is not in the cloud: %v", room, cloud)
		}
		c.answers.view.SetSelected(tr("Wall of answers"))
		clk.Advance(redrawGap)
		found := 0
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			tx, ok := o.(*canvas.Text)
			if !ok {
				continue
			}
			switch {
			case strings.Contains(tx.Text, "Trust"):
				found++
				if tx.Text != english || tx.Alignment != fyne.TextAlignLeading {
					t.Errorf("room %q: the English answer reads %q, aligned %v", room, tx.Text, tx.Alignment)
				}
			case strings.Contains(tx.Text, "بالفريق"):
				found++
				if tx.Text != "!نثق بالفريق" || tx.Alignment != fyne.TextAlignTrailing {
					t.Errorf("room %q: the Arabic answer reads %q, aligned %v", room, tx.Text, tx.Alignment)
				}
			}
		}
		if found != 2 {
			t.Errorf("room %q: %d of the two answers on the wall", room, found)
		}
		for _, a := range latin {
			want := drawnLine(a, false)
			if strings.HasPrefix(a, "FEEDBACK") && !strings.HasPrefix(want, "FEEDBACK ") {
				t.Fatalf("%q is drawn as %q, its space lost", a, want)
			}
			// The answer's lines, one after another, however it wraps.
			var texts []*canvas.Text
			for _, o := range test.WidgetRenderer(p.picture).Objects() {
				if tx, is := o.(*canvas.Text); is {
					texts = append(texts, tx)
				}
			}
			if strings.HasPrefix(a, "FEEDBACK") && !slices.ContainsFunc(texts, func(tx *canvas.Text) bool { return strings.HasPrefix(tx.Text, "FEEDBACK ") }) {
				t.Errorf("room %q: the answer %q is drawn without the space after FEEDBACK", room, a)
			}
			flat := strings.ReplaceAll(want, " ", "")
			ok := false
			for i := range texts {
				joined := ""
				for k := i; k < len(texts) && len(joined) < len(flat); k++ {
					joined += strings.ReplaceAll(texts[k].Text, " ", "")
					if joined == flat {
						ok = true
						for _, tx := range texts[i : k+1] {
							if tx.Alignment != fyne.TextAlignLeading {
								t.Errorf("room %q: the answer %q has %q aligned %v, want from the left", room, a, tx.Text, tx.Alignment)
							}
						}
					}
				}
			}
			if !ok {
				var drawn []string
				for _, tx := range texts {
					drawn = append(drawn, tx.Text)
				}
				t.Errorf("room %q: the answer %q is not on the wall as %q, left to right: %q", room, a, want, drawn)
			}
		}
	}
}

// Each grid item's marker is centred on the room's means, inside the
// grid; items placed alike stand side by side; no marker covers a word
// (its number aside) and no two words cover each other, from 800×600 to
// 4K, in an English and an Arabic room; every rating, when shown, is
// drawn solid.
func TestGridMarkersSitOnTheMeans(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	ex := plan.Exercises[gi]
	spread := [][2]int{{2, 4}, {4, 2}, {5, 5}, {1, 1}, {3, 3}, {3, 3}}
	// Every item where a quadrant's name stands: the markers step aside
	// from it.
	crowded := [][2]int{{2, 4}, {1, 5}, {2, 5}, {1, 4}, {2, 4}, {1, 5}}
	for _, at := range [][][2]int{spread, crowded} {
		for _, room := range []string{"", "ar"} {
			for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[4], projectorSizes[5]} {
				where := fmt.Sprintf("room %q at %v, ratings %v", room, size, at)
				s, clk, _ := newTestShell(t, laptop)
				if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: room}); err != nil {
					t.Fatal(err)
				}
				c := s.console
				p := c.projector
				p.win.Resize(size)
				var step []workshop.Event
				c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
				c.do(step...)
				for item := range ex.Items {
					c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
					xy := at[item%len(at)]
					for who := range 3 {
						c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(xy[0], xy[1]), Participant: fmt.Sprint(who)})
					}
					c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
				}
				clk.Advance(redrawGap)
				objs := test.WidgetRenderer(p.picture).Objects()
				// The grid's frame: its thick lines.
				gx0, gy0, gx1, gy1 := float32(1e9), float32(1e9), float32(-1), float32(-1)
				for _, o := range objs {
					if l, ok := o.(*canvas.Line); ok && l.StrokeWidth == 2 {
						gx0, gy0 = min(gx0, l.Position1.X, l.Position2.X), min(gy0, l.Position1.Y, l.Position2.Y)
						gx1, gy1 = max(gx1, l.Position1.X, l.Position2.X), max(gy1, l.Position1.Y, l.Position2.Y)
					}
				}
				type box struct {
					text       string
					x, y, w, h float32
				}
				var markers, words, places []box
				var leaders []*canvas.Line
				for _, o := range objs {
					switch o := o.(type) {
					case *canvas.Line:
						if o.StrokeColor == roomAnswer {
							leaders = append(leaders, o)
						}
					case *canvas.Circle:
						if o.FillColor == roomText && o.StrokeColor == color.Black {
							places = append(places, box{"", o.Position().X, o.Position().Y, o.Size().Width, o.Size().Height})
						}
						if o.FillColor == roomAnswer {
							markers = append(markers, box{"", o.Position().X, o.Position().Y, o.Size().Width, o.Size().Height})
						}
					case *canvas.Text:
						if o.Text == "" {
							continue
						}
						if o.Color == color.Black {
							// A marker's number: the marker it stands on.
							markers[len(markers)-1].text = o.Text
							continue
						}
						m := fyne.MeasureText(o.Text, o.TextSize, o.TextStyle)
						x := o.Position().X
						switch o.Alignment {
						case fyne.TextAlignCenter:
							x += (o.Size().Width - m.Width) / 2
						case fyne.TextAlignTrailing:
							x += o.Size().Width - m.Width
						}
						words = append(words, box{o.Text, x, o.Position().Y + m.Height*0.15, m.Width, m.Height * 0.7})
					}
				}
				if len(markers) != len(ex.Items) {
					t.Fatalf("%s: %d markers for %d items", where, len(markers), len(ex.Items))
				}
				overlap := func(a, b box) bool {
					return a.x < b.x+b.w-0.5 && b.x < a.x+a.w-0.5 && a.y < b.y+b.h-0.5 && b.y < a.y+a.h-0.5
				}
				for i, m := range markers {
					cx, cy := m.x+m.w/2, m.y+m.h/2
					if cx < gx0-0.5 || cx > gx1+0.5 || cy < gy0-0.5 || cy > gy1+0.5 {
						t.Errorf("%s: marker %s centred at (%v, %v), outside the grid (%v,%v)-(%v,%v)", where, m.text, cx, cy, gx0, gy0, gx1, gy1)
					}
					// Where the room's means put it: the first of items placed
					// alike stands there exactly.
					if &at[0] == &spread[0] && i < len(at)-1 {
						xy := at[i]
						fx := float32(xy[0]-1) / 4
						if room == "ar" {
							fx = 1 - fx
						}
						wx, wy := gx0+fx*(gx1-gx0), gy1-float32(xy[1]-1)/4*(gy1-gy0)
						if abs32(cx-wx) > 0.5 || abs32(cy-wy) > 0.5 {
							t.Errorf("%s: marker %s centred at (%v, %v), the means are at (%v, %v)", where, m.text, cx, cy, wx, wy)
						}
					}
					// The last, placed alike, stands aside, tied by a line to
					// the means, where the first of the two stands: no dot
					// there hides the first's number.
					if &at[0] == &spread[0] && i == len(at)-1 {
						wx, wy := gx0+(gx1-gx0)/2, gy0+(gy1-gy0)/2
						tied := slices.ContainsFunc(leaders, func(l *canvas.Line) bool {
							return abs32(l.Position1.X-wx) < 0.5 && abs32(l.Position1.Y-wy) < 0.5 && abs32(l.Position2.X-cx) < 0.5 && abs32(l.Position2.Y-cy) < 0.5
						})
						marked := slices.ContainsFunc(places, func(b box) bool {
							return abs32(b.x+b.w/2-wx) < 0.5 && abs32(b.y+b.h/2-wy) < 0.5
						})
						if !tied || marked {
							t.Errorf("%s: marker %s, moved aside to (%v, %v), is tied to its place (%v, %v) %v, a dot over the marker standing there %v", where, m.text, cx, cy, wx, wy, tied, marked)
						}
					}
					for _, o := range markers[i+1:] {
						if overlap(m, o) {
							t.Errorf("%s: markers %s and %s overlap", where, m.text, o.text)
						}
					}
					for _, w := range words {
						if overlap(m, w) {
							t.Errorf("%s: marker %s covers %q", where, m.text, w.text)
						}
					}
				}
				for i, a := range words {
					for _, b := range words[i+1:] {
						if overlap(a, b) {
							t.Errorf("%s: %q and %q overlap", where, a.text, b.text)
						}
					}
				}
				// Every marker tied to a place elsewhere: a dot marks the
				// place exactly unless another marker stands on it.
				for _, l := range leaders {
					px, py := l.Position1.X, l.Position1.Y
					covered := slices.ContainsFunc(markers, func(m box) bool {
						return abs32(m.x+m.w/2-px) < m.w/2 && abs32(m.y+m.h/2-py) < m.h/2 && math.Hypot(float64(m.x+m.w/2-px), float64(m.y+m.h/2-py)) < float64(m.w/2)
					})
					marked := slices.ContainsFunc(places, func(b box) bool {
						return abs32(b.x+b.w/2-px) < 0.5 && abs32(b.y+b.h/2-py) < 0.5
					})
					if covered == marked {
						t.Errorf("%s: the place (%v, %v) of a marker moved aside: another marker on it %v, a dot on it %v", where, px, py, covered, marked)
					}
				}
				// Every rating, solid: rings in the words' colour, opaque.
				test.Tap(c.votes.every)
				clk.Advance(redrawGap)
				rings := 0
				for _, o := range test.WidgetRenderer(p.picture).Objects() {
					if ci, ok := o.(*canvas.Circle); ok && ci.FillColor != roomAnswer && !(ci.FillColor == roomText && ci.StrokeColor == color.Black) {
						rings++
						_, _, _, a := ci.StrokeColor.RGBA()
						_, _, _, fa := ci.FillColor.RGBA()
						if a != 0xFFFF && fa != 0xFFFF || ci.StrokeWidth < 2 && fa != 0xFFFF {
							t.Errorf("%s: a rating is drawn faint: %+v", where, ci)
						}
					}
				}
				// The item on screen's: three alike, one ring.
				if rings != 1 {
					t.Errorf("%s: %d rings drawn, want the item on screen's one", where, rings)
				}
				// The legend's English items read left to right, number first.
				if !slices.ContainsFunc(words, func(w box) bool { return strings.HasPrefix(w.text, "1. Rolling") }) {
					t.Errorf("%s: the legend does not read \"1. Rolling…\": %v", where, words)
				}
				shootProjector(p, fmt.Sprintf("projector-grid-means-%s-%vx%v.png", room, size.Width, size.Height))
			}
		}
	}
}

// A long word shrinks until it fits, whole, down to the least type; a
// word wider than the screen even then (a prankster's 250 letters) is cut
// short at the least type, never drawn smaller; words that do not fit
// are counted in a line under the cloud; Chinese and Japanese answers
// reach the cloud as terms of their own. From 800×600 to 4K, in an
// English and an Arabic room.
func TestCloudFitsLongWordsAndCountsTheRest(t *testing.T) {
	long := "Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherungsanstalt"
	prank := strings.Repeat("kf", 125)
	var answers []string
	for range 4 {
		answers = append(answers, long, prank)
	}
	answers = append(answers, "团队合作很重要", "团队合作很重要", "チームを信頼する", "チームを信頼する。")
	// More words than any screen shows.
	for i := range 150 {
		answers = append(answers, fmt.Sprintf("word%c%c", 'a'+i/26, 'a'+i%26))
	}
	for _, room := range []string{"", "ar"} {
		for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[5]} {
			where := fmt.Sprintf("room %q at %v", room, size)
			plan := plans.Builtin()
			oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
			plan.Exercises[oi].MaxRunes = workshop.MaxAnswerRunes
			s, clk, _ := newTestShell(t, laptop)
			if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: room}); err != nil {
				t.Fatal(err)
			}
			c := s.console
			p := c.projector
			p.win.Resize(size)
			var step []workshop.Event
			c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
			c.do(step...)
			var evs []workshop.Event
			for _, a := range answers {
				evs = append(evs, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
			}
			c.do(evs...)
			c.toggleReveal()
			clk.Advance(redrawGap)
			pw := p.picture.Size().Width
			note := drawnLine(words.For(room).Count("room.more_words", p.picture.LeftOut()), room == "ar")
			var drawn, notes []string
			for _, o := range test.WidgetRenderer(p.picture).Objects() {
				tx, ok := o.(*canvas.Text)
				if !ok {
					continue
				}
				if tx.Text == note {
					notes = append(notes, tx.Text)
					continue
				}
				drawn = append(drawn, tx.Text)
				if strings.Contains(tx.Text, "…") && !strings.HasPrefix(prank, strings.TrimSuffix(tx.Text, "…")) {
					t.Errorf("%s: the word %q is cut", where, tx.Text)
				}
				if tx.TextSize < p.picture.minText-0.01 {
					t.Errorf("%s: %q is set at %.1f, under the least %.1f", where, tx.Text, tx.TextSize, p.picture.minText)
				}
				if w := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width; tx.Position().X < 0 || tx.Position().X+w > pw+0.5 {
					t.Errorf("%s: %q runs from %v to %v, past the picture's %v", where, tx.Text, tx.Position().X, tx.Position().X+w, pw)
				}
			}
			for _, want := range []string{long, "团队合作很重要", "チームを信頼する"} {
				if !slices.Contains(drawn, want) {
					t.Errorf("%s: %q is not in the cloud", where, want)
				}
			}
			if !slices.ContainsFunc(drawn, func(d string) bool { return strings.HasSuffix(d, "…") && len(d) > 20 }) {
				t.Errorf("%s: the 250-letter word is not in the cloud, cut short: %q", where, drawn)
			}
			all := len(c.snap.room.Cloud())
			left := all - len(drawn)
			if left <= 0 || p.picture.LeftOut() != left {
				t.Fatalf("%s: %d words drawn of %d, the picture counts %d left out", where, len(drawn), all, p.picture.LeftOut())
			}
			if len(notes) != 1 {
				t.Errorf("%s: %d words left out, and the line %q is drawn %d times", where, left, note, len(notes))
			}
			if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
				t.Errorf("%s: %s", where, bad)
			}
			shootProjector(p, fmt.Sprintf("projector-cloud-many-%s-%vx%v.png", room, size.Width, size.Height))
		}
	}
}

// labelsIn is the text of every label under o, a line each.
func labelsIn(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text + "\n"
	case *fyne.Container:
		var b strings.Builder
		for _, c := range x.Objects {
			b.WriteString(labelsIn(c))
		}
		return b.String()
	case fyne.Widget:
		var b strings.Builder
		for _, c := range test.WidgetRenderer(x).Objects() {
			b.WriteString(labelsIn(c))
		}
		return b.String()
	}
	return ""
}

// The same answers never show fewer words on a larger projector: from
// 800×600 to 4K the cloud's words grow in number or stay, and every word
// a smaller screen shows a larger one shows too.
func TestCloudNeverShowsFewerWordsOnALargerScreen(t *testing.T) {
	sets := map[string][]string{"varied": cloudAnswers()}
	var many []string
	for i := range 120 {
		many = append(many, fmt.Sprintf("word%c%c", 'a'+i/26, 'a'+i%26), fmt.Sprintf("idea%d", i%9), "teamwork")
	}
	sets["many"] = many
	for name, answers := range sets {
		var before []string
		var beforeSize fyne.Size
		for _, size := range projectorSizes {
			plan := plans.Builtin()
			oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
			s, clk, _ := newTestShell(t, laptop)
			if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
				t.Fatal(err)
			}
			c := s.console
			p := c.projector
			p.win.Resize(size)
			var step []workshop.Event
			c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
			c.do(step...)
			var evs []workshop.Event
			for _, a := range answers {
				evs = append(evs, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: workshop.CleanAnswer(a, 200)})
			}
			c.do(evs...)
			c.toggleReveal()
			clk.Advance(redrawGap)
			note := words.For("").Count("room.more_words", p.picture.LeftOut())
			var drawn []string
			for _, o := range test.WidgetRenderer(p.picture).Objects() {
				if tx, ok := o.(*canvas.Text); ok && tx.Text != note {
					drawn = append(drawn, tx.Text)
				}
			}
			if len(drawn) == 0 {
				t.Fatalf("%s at %v: no words drawn", name, size)
			}
			if len(drawn) < len(before) {
				t.Errorf("%s: %d words at %v but only %d at %v", name, len(before), beforeSize, len(drawn), size)
			}
			for _, w := range before {
				if !slices.Contains(drawn, w) {
					t.Errorf("%s: %q is shown at %v but not at %v", name, w, beforeSize, size)
				}
			}
			t.Logf("%s at %v: %d words", name, size, len(drawn))
			before, beforeSize = drawn, size
		}
	}
}

// With every rating shown, the rings are the item on screen's alone: an
// earlier item's ratings leave the grid when a later one is up, its
// mean staying.
func TestEveryRatingIsTheItemOnScreens(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	s, clk, _ := newTestShell(t, laptop)
	if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
		t.Fatal(err)
	}
	c := s.console
	p := c.projector
	p.win.Resize(projectorSizes[1])
	var step []workshop.Event
	c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
	c.do(step...)
	// The first item's ratings fall in two cells, the second's in one.
	votes := [][][2]int{{{1, 5}, {1, 4}}, {{5, 1}, {5, 1}}}
	rings := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(p.picture).Objects() {
			if ci, ok := o.(*canvas.Circle); ok && ci.FillColor == color.Transparent {
				n++
			}
		}
		return n
	}
	for item, cells := range votes {
		c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
		for who, xy := range cells {
			c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(xy[0], xy[1]), Participant: fmt.Sprint(who)})
		}
		c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
		if item == 0 {
			test.Tap(c.votes.every)
		}
		clk.Advance(redrawGap)
		if !session(c).State.Votes[gi].Points {
			t.Fatal("every rating is not shown")
		}
		if got, want := rings(), len(slices.Compact(slices.Clone(cells))); got != want {
			t.Errorf("item %d on screen: %d rings, want its own %d", item+1, got, want)
		}
		if got := len(c.snap.room.Points); got != item+1 {
			t.Errorf("item %d on screen: %d means, want every item revealed", item+1, got)
		}
	}
}

// A grid's long across ends stand beside it, outside it, each whole:
// broken between words or set smaller, never cut, never with a broken
// glyph, and no marker covers them; at 800×600, 1280×800 and 4K.
func TestLongGridEndsStandWholeBesideTheGrid(t *testing.T) {
	lo, hi := "Implementierungsverantwortlichkeit gering", "Implementierungsverantwortlichkeit hoch"
	for _, size := range []fyne.Size{projectorSizes[0], fyne.NewSize(1280, 800), projectorSizes[5]} {
		plan := plans.Builtin()
		gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
		plan.Exercises[gi].Axes = [][]string{{lo, hi}, {"Systemorientierung", "Menschenorientierung"}}
		ex := plan.Exercises[gi]
		s, clk, _ := newTestShell(t, laptop)
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		p := c.projector
		p.win.Resize(size)
		var step []workshop.Event
		c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
		c.do(step...)
		// Items at both ends of the across axis and in the middle.
		at := [][2]int{{1, 3}, {5, 3}, {1, 3}, {5, 3}, {3, 3}, {1, 2}}
		for item := range ex.Items {
			c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
			xy := at[item%len(at)]
			c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(xy[0], xy[1]), Participant: "a"})
			c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
		}
		clk.Advance(redrawGap)
		shootProjector(p, fmt.Sprintf("projector-grid-long-ends-%vx%v.png", size.Width, size.Height))
		objs := test.WidgetRenderer(p.picture).Objects()
		gx0, gy0, gx1, gy1 := float32(1e9), float32(1e9), float32(-1), float32(-1)
		for _, o := range objs {
			if l, ok := o.(*canvas.Line); ok && l.StrokeWidth == 2 {
				gx0, gy0 = min(gx0, l.Position1.X, l.Position2.X), min(gy0, l.Position1.Y, l.Position2.Y)
				gx1, gy1 = max(gx1, l.Position1.X, l.Position2.X), max(gy1, l.Position1.Y, l.Position2.Y)
			}
		}
		type box struct{ x, y, w, h float32 }
		var left, right []string
		var labels, markers []box
		for _, o := range objs {
			switch o := o.(type) {
			case *canvas.Circle:
				if o.FillColor == roomAnswer {
					markers = append(markers, box{o.Position().X, o.Position().Y, o.Size().Width, o.Size().Height})
				}
			case *canvas.Text:
				if strings.ContainsRune(o.Text, '\uFFFD') {
					t.Errorf("at %v %q has a broken glyph", size, o.Text)
				}
				m := fyne.MeasureText(o.Text, o.TextSize, o.TextStyle)
				x := o.Position().X
				switch o.Alignment {
				case fyne.TextAlignCenter:
					x += (o.Size().Width - m.Width) / 2
				case fyne.TextAlignTrailing:
					x += o.Size().Width - m.Width
				}
				b := box{x, o.Position().Y, m.Width, m.Height}
				switch {
				case o.Color != roomMuted || b.y+b.h < gy0 || b.y > gy1:
				case x+m.Width <= gx0:
					left, labels = append(left, o.Text), append(labels, b)
				case x >= gx1 && !strings.Contains(o.Text, ". "):
					right, labels = append(right, o.Text), append(labels, b)
				}
			}
		}
		if got := strings.Join(left, " "); got != lo {
			t.Errorf("at %v the left end reads %q, want %q whole", size, got, lo)
		}
		if got := strings.Join(right, " "); got != hi {
			t.Errorf("at %v the right end reads %q, want %q whole", size, got, hi)
		}
		if len(markers) != len(ex.Items) {
			t.Fatalf("at %v %d markers for %d items", size, len(markers), len(ex.Items))
		}
		for _, m := range markers {
			for _, l := range labels {
				if m.x < l.x+l.w && l.x < m.x+m.w && m.y < l.y+l.h && l.y < m.y+m.h {
					t.Errorf("at %v a marker at %v covers an axis end at %v", size, m, l)
				}
			}
		}
	}
}

// The grid's legend gives each revealed item whole, broken between words
// where its column is narrow, never cut short with "…": at 800×600 as at
// 1920×1080, in an English and an Arabic room.
func TestGridLegendGivesEachItemWhole(t *testing.T) {
	plan := plans.Builtin()
	gi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindGrid })
	ex := plan.Exercises[gi]
	for _, room := range []string{"", "ar"} {
		for _, size := range []fyne.Size{fyne.NewSize(800, 600), fyne.NewSize(1920, 1080)} {
			s, clk, _ := newTestShell(t, laptop)
			if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: room}); err != nil {
				t.Fatal(err)
			}
			c := s.console
			p := c.projector
			p.win.Resize(size)
			var step []workshop.Event
			c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(gi, -1)...) })
			c.do(step...)
			for item := range ex.Items {
				c.do(workshop.Event{Kind: workshop.EventOpened, Exercise: gi, Item: item})
				c.do(workshop.Event{Kind: workshop.EventVote, Exercise: gi, Item: item, Option: workshop.GridOption(1+item%5, 5-item%5), Participant: "a"})
				c.do(workshop.Event{Kind: workshop.EventRevealed, Exercise: gi, Item: item, Close: true})
			}
			clk.Advance(redrawGap)
			var texts []string
			for _, o := range test.WidgetRenderer(p.picture).Objects() {
				if tx, ok := o.(*canvas.Text); ok {
					texts = append(texts, tx.Text)
					if strings.Contains(tx.Text, "…") {
						t.Errorf("room %q at %v: %q is cut short", room, size, tx.Text)
					}
				}
			}
			for i, it := range ex.Items {
				want := fmt.Sprintf("%d. %s", i+1, it.Text)
				found := false
				for a := range texts {
					joined := ""
					for b := a; b < len(texts) && len(joined) < len(want); b++ {
						joined = strings.TrimSpace(joined + " " + texts[b])
					}
					if joined == want {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("room %q at %v: the legend does not give %q whole among %q", room, size, want, texts)
				}
			}
		}
	}
}

// In an Arabic room the wall's page line reads in order, each number
// with one space on either side: its runs are drawn apart, side by side,
// right to left, none with its spaces doubled.
func TestArabicWallPageLineKeepsItsSpaces(t *testing.T) {
	plan := plans.Builtin()
	oi := slices.IndexFunc(plan.Exercises, func(e workshop.Exercise) bool { return e.Kind == workshop.KindOpen })
	plan.Exercises[oi].MaxRunes = workshop.MaxAnswerRunes
	s, clk, _ := newTestShell(t, laptop)
	if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: "ar"}); err != nil {
		t.Fatal(err)
	}
	c := s.console
	p := c.projector
	p.win.Resize(fyne.NewSize(1280, 800))
	var step []workshop.Event
	c.model.view(func(st *workshop.State) { step = append(st.Next(false), st.MoveTo(oi, -1)...) })
	c.do(step...)
	var evs []workshop.Event
	for _, a := range longAnswers(45) {
		evs = append(evs, workshop.Event{Kind: workshop.EventAnswer, Exercise: oi, Source: workshop.SourcePaper, Text: a})
	}
	c.do(evs...)
	c.toggleReveal()
	c.answers.view.SetSelected(tr("Wall of answers"))
	clk.Advance(redrawGap)
	var runs []*canvas.Text
	for _, o := range test.WidgetRenderer(p.picture).Objects() {
		if _, ok := o.(*canvas.Rectangle); ok {
			break // the answers' boxes follow the line
		}
		if tx, ok := o.(*canvas.Text); ok {
			runs = append(runs, tx)
		}
	}
	if len(runs) < 3 {
		t.Fatalf("the page line is %d runs, want its words and numbers apart", len(runs))
	}
	slices.SortFunc(runs, func(a, b *canvas.Text) int { return int(a.Position().X - b.Position().X) })
	var read []string
	for i, r := range runs {
		if strings.Contains(r.Text, "  ") {
			t.Errorf("run %q has a doubled space", r.Text)
		}
		if i > 0 {
			prev := runs[i-1]
			if gap := r.Position().X - (prev.Position().X + prev.Size().Width); gap < -0.5 || gap > 0.5 {
				t.Errorf("runs %q and %q stand %.1f px apart", prev.Text, r.Text, gap)
			}
		}
		read = append([]string{strings.TrimSpace(r.Text)}, read...) // right to left
	}
	shootProjector(p, "projector-wall-ar-page-line.png")
	got := strings.ReplaceAll(strings.Join(strings.Fields(strings.Join(read, " ")), " "), " – ", "–")
	if !strings.HasPrefix(got, "الإجابات 1–") || !strings.Contains(got, "من 45 · الصفحة 1 من") {
		t.Errorf("read right to left, the line is %q", got)
	}
}
