package live

import (
	"testing"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
)

// focusedOn says which element has the focus: its id, or its tag with
// its text or label.
const focusedJS = `(function (e) {
	if (!e || e === document.body) return "BODY";
	return e.id || e.tagName + " " + (e.getAttribute("aria-label") || e.textContent);
})(document.activeElement)`

// The focus never falls to the top of the page: not while joining, nor
// after it, nor after a vote or an answer, nor when the control that had
// it is disabled, rebuilt for the next question or hidden; it lands on
// the heading of what is on screen.
func TestPhonePageFocusNeverFallsToTheBody(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := browser(t)
	defer cancel()
	focused := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](focusedJS))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	expect := func(when, want string) {
		t.Helper()
		// The page reacts to the server's push; give it the time to.
		err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+focusedJS+`) === "`+want+`"`, pollFast...))
		if err != nil {
			t.Errorf("%s the focus is on %q, want %q", when, focused(), want)
		}
	}
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	focus := func(sel string) chromedp.Action[chromedp.Void] {
		return chromedp.Focus(chromedp.CSS(sel))
	}
	do("opening the page", chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button")))

	// Join with Enter on the button: while the laptop answers the button
	// keeps the focus; then the question's heading has it.
	do("joining", focus("#join-button"), chromedp.KeyEvent("\r"))
	if now := focused(); now != "join-button" && now != "question" {
		t.Errorf("while joining the focus is on %q", now)
	}
	do("joined", chromedp.WaitVisible(chromedp.CSS("#vote")))
	expect("after joining", "question")

	// A vote by keyboard: the focus stays on the answer chosen.
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	do("voting", chromedp.WaitVisible(chromedp.CSS("#options button")), focus("#options button:nth-child(2)"), chromedp.KeyEvent(" "), waitText("#status", "Received: Innovate"))
	expect("after voting", "BUTTON Innovate")

	// The item closes: the answers are disabled, and the focus goes to
	// the question they answered.
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
	do("closing", waitText("#status", "Voting on this question has closed."))
	expect("after the answer that had the focus was disabled", "question")

	// The next item opens while an answer has the focus: its buttons are
	// new, and the focus goes to the new question.
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 1})
	do("the next question", waitText("#question", "Plans the rota"), focus("#options button:nth-child(1)"))
	f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 1})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 2})
	do("the question after", chromedp.Poll[chromedp.Void](`document.getElementById("question").textContent !== "Plans the rota" && !document.querySelector("#options button").disabled`, pollFast...))
	expect("after the answer that had the focus was replaced", "question")

	// An open question: the Send button keeps the focus while sending
	// and after; once this phone has given all its answers the box is
	// hidden, and the focus goes to the heading.
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: open})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
	do("the open question", chromedp.WaitVisible(chromedp.CSS("#answer-send")))
	for i, text := range []string{"More innovating", "Coach Ana", "Listen first"} {
		do("typing an answer",
			chromedp.Evaluate[chromedp.Void](`(function(t){ var e = document.getElementById("answer-text"); e.value = t; e.dispatchEvent(new Event("input")); })("`+text+`")`),
			focus("#answer-send"), chromedp.KeyEvent("\r"), waitText("#sent-list", text))
		if i < 2 {
			expect("after sending an answer", "answer-send")
		}
	}
	do("all answers given", chromedp.Poll[chromedp.Void](`document.getElementById("answer").hidden`, pollFast...))
	expect("after the last answer hid the box", landingOpen)

	// A grid square chosen by keyboard keeps the focus; the reveal
	// closes the board, and the focus goes to the question.
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: grid})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
	do("the grid", chromedp.WaitVisible(chromedp.CSS("#grid-squares button")), focus(`#grid-squares [data-x="4"][data-y="2"]`), chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](`document.getElementById("status").className === "status ok" && !!document.querySelector("#grid-squares [aria-pressed=true]")`, pollFast...))
	if now := focused(); now == "BODY" {
		t.Errorf("after placing the grid item the focus is on %q", now)
	}
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 0, Close: true})
	do("the grid revealed", chromedp.Poll[chromedp.Void](`document.getElementById("grid").hidden || document.querySelector("#grid-squares button").disabled`, pollFast...))
	expect("after the reveal closed the board", "question")

	// The end: the thanks heading takes the focus.
	f.record(workshop.Event{Kind: workshop.EventFinished})
	do("the end", chromedp.WaitVisible(chromedp.CSS("#thanks")))
	expect("at the end", "thanks-title")
}

// landingOpen is where the focus lands on an open question whose box
// is gone: its heading.
const landingOpen = "question"
