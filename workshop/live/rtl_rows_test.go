package live

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// newPlanFixture is newFixture with the built-in plan changed by edit.
func newPlanFixture(t *testing.T, edit func(*workshop.Plan)) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	plan := plans.Builtin()
	edit(plan)
	sess, err := workshop.NewSession(plan, "Room", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Create(sess); err != nil {
		t.Fatal(err)
	}
	rec := workshop.NewRecorder(sess, st)
	srv := New(rec, Options{ShowResults: func() bool { return true }})
	rec.OnChange(srv.Changed)
	web := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { web.Close(); srv.Stop() })
	f := &fixture{t: t, rec: rec, srv: srv, web: web}
	f.record(workshop.Event{Kind: workshop.EventStarted})
	return f
}

// In an Arabic room a revealed scale's rows ("1: 0 (0٪)", no letters of
// either direction) read right to left like the page and its mean row,
// not left to right as a browser's auto direction would set them.
func TestPhoneResultRowsFollowTheRoomsDirection(t *testing.T) {
	f := newPlanFixture(t, func(p *workshop.Plan) { p.Exercises[selfRating].Private = false })
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: "ar"})
	f.record(workshop.Event{Kind: workshop.EventMoved, Exercise: selfRating})
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: selfRating, Item: 0})
	ctx, cancel := browser(t)
	defer cancel()
	url := f.web.URL + "/?room=" + f.srv.Room()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS("#join-button")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Huda"),
		click("#join-button"),
		chromedp.WaitVisible(chromedp.CSS("#options button")),
	); err != nil {
		t.Fatalf("joining an Arabic room: %v", err)
	}
	f.record(workshop.Event{Kind: workshop.EventTally, Exercise: selfRating, Item: 0, Option: 3, Source: workshop.SourceRoom, Count: 2})
	f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: selfRating, Item: 0})
	rows := `Array.from(document.querySelectorAll("#shares li")).map(function (li) { return getComputedStyle(li).direction + " " + li.textContent; }).join("\n")`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("#shares li").length > 5`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the revealed scale did not reach the phone: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](rows))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range strings.Split(got, "\n") {
		if !strings.HasPrefix(row, "rtl ") {
			t.Errorf("in an Arabic room the row %q", row)
		}
	}
	shoot(ctx, "phone-ar-scale.png")
}
