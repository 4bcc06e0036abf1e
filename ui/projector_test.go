package ui

import (
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"net/http"
	"os"
	"path/filepath"
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

func TestProjectorStaysInStepAndAnswersTheClicker(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	c := startBuiltin(t, s, w, "Room")
	p := c.projector
	if p.win == nil || !p.shown {
		t.Fatal("starting a session did not open the projector")
	}
	pw := p.win
	key(pw, fyne.KeySpace) // from the projector window
	clk.Advance(90*time.Second + 10*time.Millisecond)
	if p.timer.Text() != c.timer.Text() || p.timer.Text() != "08:30" || p.heading.Text() != c.title.Text {
		t.Errorf("windows out of step: %q/%q %q/%q", p.timer.Text(), c.timer.Text(), p.heading.Text(), c.title.Text)
	}
	if strings.Contains(allText(p.content), "Keep it short") {
		t.Error("private notes on the projector")
	}
	c.agenda.Select(sortingExercise)
	clk.Advance(redrawGap)
	if p.heading.Text() != "Sort the behaviours" || p.question.Text() != "Sets next quarter's objectives" ||
		!strings.Contains(p.position.Text(), "question 1 of 12") || p.options.Text() != "Implement   ·   Innovate" {
		t.Fatalf("on the sorting vote: %q %q %q", p.heading.Text(), p.question.Text(), p.position.Text())
	}
	test.Tap(c.votes.rows[0].room.plus)
	clk.Advance(redrawGap)
	if p.chart.Visible() || p.answer.Text() != "" {
		t.Error("results on the projector before reveal")
	}
	key(pw, fyne.KeyR)
	clk.Advance(redrawGap)
	if !p.chart.Visible() || p.answer.Text() != "Expected answer: Implement" || p.chart.Result().Total[0] != 1 {
		t.Errorf("after R: chart %v answer %q", p.chart.Visible(), p.answer.Text())
	}
	key(w, fyne.KeyB)
	if !p.isBlank() || !c.blanked.Visible() {
		t.Error("B from the console did not blank the projector, or the console does not say so")
	}
	key(pw, fyne.KeyEscape)
	if p.isBlank() || c.blanked.Visible() {
		t.Error("Escape did not bring the projector back")
	}
	p.onCloseRequest() // the room's window closed by accident
	if p.shown || s.console != c {
		t.Error("closing the projector ended something it should not")
	}
	test.Tap(c.showProj)
	if !p.shown {
		t.Error("the console could not reopen the projector")
	}

	// A scale item shows its mean and median once revealed; the built-in
	// self-rating is private, so the room never sees how many chose each
	// number.
	c.agenda.Select(6)
	for opt, n := range []int{0, 1, 2, 3, 1} {
		if n > 0 {
			c.votes.rows[opt].room.entry.SetText(fmt.Sprint(n))
			c.votes.rows[opt].room.entry.OnSubmitted(fmt.Sprint(n))
		}
	}
	key(w, fyne.KeyR)
	clk.Advance(redrawGap)
	if got := p.answer.Text(); got != "Mean 3.6  ·  median 4  ·  7 ratings" {
		t.Errorf("revealed scale item: %q", got)
	}
	if p.chart.Visible() {
		t.Error("a private self-rating's counts on the projector")
	}

	// Discussion rounds and reflections reach the room, large.
	c.agenda.Select(3)
	clk.Advance(redrawGap)
	if !strings.Contains(p.position.Text(), "round 1 of 3") || !strings.HasPrefix(p.question.Text(), "Implement or innovate") {
		t.Errorf("discussion: %q %q", p.position.Text(), p.question.Text())
	}
	key(w, fyne.KeyPageDown)
	clk.Advance(redrawGap)
	if !strings.Contains(p.position.Text(), "round 2 of 3") || !strings.HasPrefix(p.question.Text(), "Systems or individuals") {
		t.Errorf("second round: %q %q", p.position.Text(), p.question.Text())
	}
	c.agenda.Select(7)
	clk.Advance(redrawGap)
	if !strings.HasPrefix(p.question.Text(), "1. Next month I will use more of") || !strings.Contains(p.question.Text(), "3. Who will notice") {
		t.Errorf("reflection prompts: %q", p.question.Text())
	}
}

func TestCloseAtZeroFlashAndAFailedSaveDoNotStopTheTimer(t *testing.T) {
	s, clk, w := newTestShell(t, laptop)
	plan := &workshop.Plan{Title: "Quick", Exercises: []workshop.Exercise{{
		Kind: workshop.KindVote, Title: "Yes or no", Minutes: 1, CloseAtZero: true,
		Options: []string{"Yes", "No"}, Items: []workshop.Item{{Text: "Ready?"}, {Text: "Steady?"}},
	}}}
	if err := s.StartSession(plan, "G"); err != nil {
		t.Fatal(err)
	}
	c := s.console
	key(w, fyne.KeyPageDown) // starts, and opens the first item
	clk.Advance(59 * time.Second)
	if !c.snap.votes.results[0].Open || c.timer.Inverted() {
		t.Fatal("closed or flashing before zero")
	}
	clk.Advance(1200 * time.Millisecond)
	if state(c).Votes[0].Items[0].Open {
		t.Error("voting still open after the timer reached zero")
	}
	if !c.timer.Inverted() || !c.projector.timer.Inverted() || c.timer.Text() != "+00:00" {
		t.Errorf("the timer did not flash at zero on both windows: %q", c.timer.Text())
	}
	clk.Advance(10 * time.Second)
	if c.timer.Inverted() || c.timer.Phase() != workshop.PhaseOvertime || c.timer.Text() != "+00:10" {
		t.Errorf("the timer should stop flashing and stay red, counting: %q", c.timer.Text())
	}

	// The next item opens; then the store fails just before zero comes
	// round again. The failure is shown and the countdown carries on.
	key(w, fyne.KeyPageDown) // reveal
	key(w, fyne.KeyPageDown) // the second item, open
	test.Tap(c.minus)
	storeOf(s).Close()
	clk.Advance(3 * time.Second)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.ToLower(allText(top)), "not saved") {
		t.Error("a failed save at zero was not shown")
	}
	before := c.timer.Text()
	clk.Advance(2 * time.Second)
	if c.timer.Text() == before || c.projector.timer.Text() != c.timer.Text() {
		t.Errorf("the countdown stopped after a failed save: %q then %q", before, c.timer.Text())
	}
}

// stressPlan holds what strains a projector: twelve options, forty-word
// items, long prompts.
func stressPlan() *workshop.Plan {
	long := strings.TrimSpace(strings.Repeat("Which of these long and winding considerations matters most to the way your team decides on priorities? ", 3))
	opts := make([]string, 12)
	for i := range opts {
		opts[i] = fmt.Sprintf("Option number %d with words", i+1)
	}
	return &workshop.Plan{Title: "Stress", Exercises: []workshop.Exercise{
		{Kind: workshop.KindTalk, Title: "A rather long title for a talk that goes on and on about things", Minutes: 5, Brief: strings.Repeat(long+"\n", 4)},
		{Kind: workshop.KindVote, Title: "Twelve options", Minutes: 5, Options: opts, Items: []workshop.Item{{Text: long, Expect: opts[3]}, {Text: "Short?"}}},
		{Kind: workshop.KindScale, Title: "Rate", Minutes: 5, Scale: []string{"Not at all, never", "Completely, always"}, Items: []workshop.Item{{Text: long}}},
		{Kind: workshop.KindDiscuss, Title: "Talk it over", Minutes: 5, Prompts: []string{long, long + " " + long}},
		{Kind: workshop.KindReflect, Title: "Reflect", Minutes: 5, Brief: long, Prompts: []string{long, long, long}},
	}}
}

var projectorSizes = []fyne.Size{
	fyne.NewSize(800, 600), fyne.NewSize(1024, 768), fyne.NewSize(1280, 720),
	fyne.NewSize(1366, 768), fyne.NewSize(1920, 1080), fyne.NewSize(3840, 2160),
}

// The projector fits every screen it may get, from 800×600 to 4K, through
// the whole workshop; in every room language at the smallest and the
// largest.
func TestProjectorFitsEveryScreen(t *testing.T) {
	drawnWithoutRace(t)
	type run struct {
		plan *workshop.Plan
		size fyne.Size
		room string
	}
	var runs []run
	for _, plan := range []*workshop.Plan{plans.Builtin(), stressPlan()} {
		for _, size := range projectorSizes {
			runs = append(runs, run{plan, size, ""})
		}
	}
	for _, l := range words.Languages[1:] {
		for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[len(projectorSizes)-1]} {
			runs = append(runs, run{plans.Builtin(), size, l.Code})
		}
	}
	// A right-to-left room, mirrored, with a plan in its own language:
	// the smallest, the commonest and the largest screen.
	arabic, err := os.ReadFile(filepath.Join("..", "testdata", "plans", "arabic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	arPlan, err := plans.Parse("arabic.toml", arabic)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[3], projectorSizes[5]} {
		runs = append(runs, run{arPlan, size, "ar"})
	}
	for _, r := range runs {
		plan, size := r.plan, r.size
		s, clk, w := newTestShell(t, laptop)
		s.opts.Phones = "127.0.0.1:0"
		if err := s.StartSessionIn(plan, "A group", RoomLanguage{Code: r.room}); err != nil {
			t.Fatal(err)
		}
		c := s.console
		if err := c.phones.start(s.opts.Phones); err != nil {
			t.Fatal(err)
		}
		p := c.projector
		p.win.Resize(size)
		pausedOnce := false
		for step := 0; step < 200 && !c.snap.isFinished(); step++ {
			where := fmt.Sprintf("%s (%s) at %v, step %d (%s)", plan.Title, r.room, size, step, p.position.Text())
			if got := p.win.Canvas().Size(); got != size {
				t.Fatalf("%s: the projector resized itself to %v", where, got)
			}
			if min := p.content.MinSize(); min.Width > size.Width || min.Height > size.Height {
				t.Fatalf("%s: the projector asks for %v", where, min)
			}
			if bad := outside(p.content, fyne.NewPos(0, 0), size); bad != "" {
				t.Fatalf("%s: %s", where, bad)
			}
			if bad := edgeProblem(p, size); bad != "" {
				t.Errorf("%s: %s", where, bad)
			}
			if bad := uncovered(p, size); bad != "" {
				t.Errorf("%s: %s", where, bad)
			}
			if rtl := words.For(r.room).RTL; rtl && (!p.heading.rtl || p.joinQR.Visible() && p.joinQR.Position().X > size.Width/2) {
				t.Errorf("%s: a right-to-left room's screen is not mirrored (QR at %v)", where, p.joinQR.Position())
			}
			if r := c.snap.room; r.Result != nil && r.Result.IsScale && !strings.Contains(p.options.Text(), r.Scale[0]) {
				t.Errorf("%s: the revealed scale lost its end labels (%q)", where, p.options.Text())
			}
			if r := c.snap.room; r.Result != nil && c.snap.running && !pausedOnce {
				pausedOnce = true
				// Paused with the results up: the caption stays, in the room's words.
				key(w, fyne.KeySpace)
				clk.Advance(redrawGap)
				if want := words.For(r.Language).Say("room.paused"); p.timer.Caption() != want {
					t.Errorf("%s: paused with results, the caption is %q", where, p.timer.Caption())
				}
				if bad := edgeProblem(p, size); bad != "" {
					t.Errorf("%s, paused: %s", where, bad)
				}
				key(w, fyne.KeySpace)
			}
			if th := p.timer.Size().Height; th < size.Height*0.15 {
				t.Errorf("%s: the timer is only %v high", where, th)
			}
			if c.snap.room.VotingOpen() && (!p.joinQR.Visible() || p.joinQR.Size().Width < 80) {
				t.Errorf("%s: the QR code is hidden or tiny (%v)", where, p.joinQR.Size())
			}
			key(w, fyne.KeyPageDown)
			clk.Advance(redrawGap)
		}
		if !c.snap.isFinished() {
			t.Errorf("%s at %v: PageDown never reached the end", plan.Title, size)
		}
		c.phones.stop(false)
	}
}

// outside reports the first visible object under o that lies outside the
// canvas, or text drawn wider than its box; "" when everything fits.
func outside(o fyne.CanvasObject, at fyne.Position, canvas fyne.Size) string {
	bad := outsideIn(o, at, canvas)
	return bad
}

func outsideIn(o fyne.CanvasObject, at fyne.Position, canvas fyne.Size) string {
	if !o.Visible() {
		return ""
	}
	pos := at.Add(o.Position())
	sz := o.Size()
	const slack = 1
	if sz.Width > 0 && sz.Height > 0 &&
		(pos.X < -slack || pos.Y < -slack || pos.X+sz.Width > canvas.Width+slack || pos.Y+sz.Height > canvas.Height+slack) {
		desc := fmt.Sprintf("%T", o)
		if t, ok := o.(*canvasText); ok {
			desc += fmt.Sprintf(" %q", t.Text)
		}
		return fmt.Sprintf("%s at %v size %v lies outside %v", desc, pos, sz, canvas)
	}
	if t, ok := o.(*canvasText); ok && t.Text != "" {
		if w := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle).Width; w > sz.Width+slack {
			return fmt.Sprintf("text %q is %v wide in a box of %v", t.Text, w, sz.Width)
		}
	}
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		if bad := outsideIn(k, pos, canvas); bad != "" {
			return fmt.Sprintf("%T > %s", o, bad)
		}
	}
	return ""
}

type canvasText = canvas.Text

// allText collects the text of every label, rich text and canvas text
// under o, one per line.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(v.String() + "\n")
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return b.String()
}

// phoneState asks the phone server what a phone sees now.
func phoneState(t *testing.T, url, token string) map[string]any {
	t.Helper()
	base, query, _ := strings.Cut(url, "/?")
	req, _ := http.NewRequest("GET", base+"/state?"+query, nil)
	req.Header.Set("X-Runsheet-Token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("state: %d %v", resp.StatusCode, err)
	}
	return out
}

func TestProjectorAndPhonesAgreeAfterEveryEvent(t *testing.T) {
	// Record a whole workshop, as a clicker runs it, with votes on the way.
	recorded, err := workshop.NewSession(plans.Builtin(), "", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	inserted := false
	for range 300 {
		if st := recorded.State; !inserted && !st.Started.IsZero() {
			e := st.InsertEvent(workshop.Break(5, words.For(words.English))) // a break added on the day
			e.At = now
			if err := recorded.Record(e); err != nil {
				t.Fatal(err)
			}
			inserted = true
		}
		step := recorded.State.Next(true)
		if len(step) == 0 {
			break
		}
		for _, e := range step {
			e.At = now
			if err := recorded.Record(e); err != nil {
				t.Fatal(err)
			}
			if v := recorded.State.Room(); v.VotingOpen() && !v.Revealed {
				recorded.Record(workshop.Event{Kind: workshop.EventTally, At: now, Exercise: v.Exercise, Item: v.Item, Source: workshop.SourceRoom, Count: 3})
			}
		}
	}

	// Replay it, event by event, into a console with phones on.
	s, clk, _ := newTestShell(t, laptop)
	s.opts.Phones = "127.0.0.1:0"
	if err := s.StartSession(recorded.Plan, ""); err != nil {
		t.Fatal(err)
	}
	c := s.console
	if err := c.phones.start(s.opts.Phones); err != nil {
		t.Fatal(err)
	}
	url := c.phones.server.URLs()[0]
	_, joined := phoneCall(t, "POST", url, "/join", "", fmt.Sprintf(`{"room":%q}`, c.phones.server.Room()))
	_, rest, _ := strings.Cut(joined, `"token":"`)
	token, _, _ := strings.Cut(rest, `"`)
	p := c.projector
	sawBreak := false
	for i, e := range recorded.Events {
		if err := c.model.record(e); err != nil {
			t.Fatalf("event %d: %v", i+1, err)
		}
		clk.Advance(200 * time.Millisecond) // the coalesced redraw
		st := phoneState(t, url, token)
		item := int(st["item"].(float64))
		where := fmt.Sprintf("after event %d (%s)", i+1, e.Kind)
		title, _ := st["title"].(string)
		if back, ok := st["backAt"].(string); ok {
			title += " — back at " + back
		}
		if int(st["exercise"].(float64)) != c.snap.current || title != p.heading.Text() {
			t.Fatalf("%s: phones on %v %q, projector on %q", where, st["exercise"], title, p.heading.Text())
		}
		sawBreak = sawBreak || st["backAt"] != nil
		onProjector := strings.Contains(p.position.Text(), fmt.Sprintf("question %d of", item+1))
		if (item >= 0) != onProjector || (item >= 0 && st["question"] != p.question.Text()) {
			t.Fatalf("%s: phones see item %d %q, the projector %q %q", where, item, st["question"], p.position.Text(), p.question.Text())
		}
		// The QR code and address show whenever phones can answer: a
		// vote, a grid or an open question.
		if open := st["open"] == true || st["answering"] == true; open != p.joinQR.Visible() || open != (p.url.Text() != "") {
			t.Fatalf("%s: phones open=%v, projector QR shown=%v, address %q", where, open, p.joinQR.Visible(), p.url.Text())
		}
		// Both show a revealed result: the counts, or a private
		// self-rating's mean and median alone.
		// A grid keeps its revealed items plotted while the next is open.
		grid := st["input"] == "grid"
		shown := p.chart.Visible() || p.answer.Text() != "" || p.picture.Visible()
		if revealed := st["revealed"] == true; !grid && revealed != shown || grid && revealed && !p.picture.Visible() {
			t.Fatalf("%s: phones revealed=%v, projector chart shown=%v, answer %q", where, revealed, p.chart.Visible(), p.answer.Text())
		}
		if shares := st["results"] != nil; shares != p.chart.Visible() {
			t.Fatalf("%s: phones given the counts=%v, projector chart shown=%v", where, shares, p.chart.Visible())
		}
	}
	if !sawBreak {
		t.Error("the phones were never told when the break ends")
	}
}

// uncovered says where the projector's black leaves the window bare: every
// point is under one of the backdrop's strips or inside the timer, whose
// own fill covers what they leave.
func uncovered(p *projector, size fyne.Size) string {
	in := func(o fyne.CanvasObject, x, y, inset float32) bool {
		at, sz := o.Position(), o.Size()
		return o.Visible() && x >= at.X+inset && x < at.X+sz.Width-inset && y >= at.Y+inset && y < at.Y+sz.Height-inset
	}
	for y := float32(0.5); y < size.Height; y += 5 {
		for x := float32(0.5); x < size.Width; x += 5 {
			covered := in(p.timer, x, y, timerRadius())
			for _, s := range p.back.strips {
				covered = covered || in(s, x, y, 0)
			}
			if !covered {
				return fmt.Sprintf("the black leaves (%.0f, %.0f) bare (timer at %v, %v)", x, y, p.timer.Position(), p.timer.Size())
			}
		}
	}
	return ""
}

// The room's screen is black to its edges and round the timer's corners,
// drawn round the timer rather than beneath it: every pixel is opaque, in
// every phase of the timer, left to right and right to left.
func TestProjectorBlackReachesEveryCorner(t *testing.T) {
	drawnWithoutRace(t)
	for _, room := range []string{"", "ar"} {
		for _, size := range []fyne.Size{projectorSizes[0], projectorSizes[3]} {
			s, clk, w := newTestShell(t, laptop)
			if err := s.StartSessionIn(plans.Builtin(), "A group", RoomLanguage{Code: room}); err != nil {
				t.Fatal(err)
			}
			p := s.console.projector
			p.win.Resize(size)
			key(w, fyne.KeyPageDown)
			seen := map[workshop.Phase]bool{}
			for step := 0; step < 100 && !seen[workshop.PhaseOvertime]; step++ {
				clk.Advance(time.Minute)
				ph := p.timer.Phase()
				if seen[ph] {
					continue
				}
				seen[ph] = true
				img := p.win.Canvas().Capture()
				rgba := image.NewNRGBA(img.Bounds())
				draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
				bare := 0
				for i := 3; i < len(rgba.Pix); i += 4 {
					if rgba.Pix[i] != 0xFF {
						bare++
					}
				}
				if bare > 0 {
					t.Errorf("room %q, %v, phase %v: %d pixels are not covered", room, size, ph, bare)
				}
			}
			if len(seen) < 3 {
				t.Errorf("room %q, %v: the timer showed only the phases %v", room, size, seen)
			}
		}
	}
}
