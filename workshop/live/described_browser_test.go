package live

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
)

// A refused join is tied to the room code's field: a screen reader on the
// field hears it is invalid, and why, until the code is typed again. A
// scale's end labels describe its buttons: the group by both, 1 and 5
// each by its own.
func TestPhonePageTiesErrorsAndScaleEndsToTheirControls(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(f.web.URL+"/?room=WRONG1"), chromedp.WaitVisible(chromedp.CSS("#join-button")),
		chromedp.Click(chromedp.CSS("#join-button"))); err != nil {
		t.Fatal(err)
	}
	said := joinStatus(ctx)
	if said == "" {
		t.Fatal("a wrong room code was not refused")
	}
	field := func() axNode {
		t.Helper()
		for _, n := range axTree(ctx, t) {
			if n.role == "textbox" && n.name == "Room code" {
				return n
			}
		}
		t.Fatal("no room code field")
		return axNode{}
	}
	if n := field(); n.props["invalid"] != "true" || n.description != said {
		t.Errorf("after %q the room code field is invalid %q, described %q", said, n.props["invalid"], n.description)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#room")), chromedp.KeyEvent("X")); err != nil {
		t.Fatal(err)
	}
	if n := field(); n.props["invalid"] == "true" {
		t.Error("the field stays invalid once the code is typed again")
	}

	// Join, and open the scale.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#room"), f.srv.Room()), chromedp.Click(chromedp.CSS("#join-button")),
		chromedp.WaitVisible(chromedp.CSS("#vote"))); err != nil {
		t.Fatal(err)
	}
	var evs []workshop.Event
	f.rec.View(func(sess *workshop.Session) { evs = sess.State.MoveTo(scale, 0) })
	for _, e := range evs {
		f.record(e)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#ends"))); err != nil {
		t.Fatal(err)
	}
	var low, high string
	f.rec.View(func(sess *workshop.Session) {
		ex := sess.Plan.Exercises[scale]
		low, high = ex.Scale[0], ex.Scale[1]
	})
	tree := axTree(ctx, t)
	for _, c := range []struct{ name, want string }{{"1", "1 = " + low}, {"5", "5 = " + high}} {
		b := find(tree, "button", c.name)
		if len(b) != 1 || b[0].description != c.want {
			t.Errorf("button %s: %v, want described by %q", c.name, b, c.want)
		}
	}
	found := false
	for _, g := range find(tree, "group", "") {
		found = found || strings.Contains(g.description, low) && strings.Contains(g.description, high)
	}
	if !found {
		t.Errorf("no group of the scale's buttons described by its ends: %v", find(tree, "group", ""))
	}
}

// A locked room refuses a new phone without blaming the code it typed:
// the field is not marked invalid, and the refusal is said.
func TestPhonePageLockedRoomDoesNotBlameTheCode(t *testing.T) {
	f := newFixture(t)
	if err := f.srv.SetLocked(true); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button")),
		chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), chromedp.Click(chromedp.CSS("#join-button"))); err != nil {
		t.Fatal(err)
	}
	said := joinStatus(ctx)
	if said == "" {
		t.Fatal("the locked room's refusal was not said")
	}
	for _, n := range axTree(ctx, t) {
		if n.role == "textbox" && n.name == "Room code" && (n.props["invalid"] == "true" || n.description != "") {
			t.Errorf("after %q the right code is marked invalid %q, described %q", said, n.props["invalid"], n.description)
		}
	}
}

// joinStatus is what the join form's status says once it says anything,
// waiting up to ten seconds; empty if it says nothing.
func joinStatus(ctx context.Context) string {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if said, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("join-status").textContent`)); said != "" {
			return said
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ""
}
