package live

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// axeSource is axe-core, the accessibility engine, as its npm package ships
// it (testdata/axe-core/README says how to update it).
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// The exercises of the built-in plan the phone states below walk through,
// found by kind so that a new exercise in the plan does not move them.
var discussion, scale, open, grid = exerciseOf(workshop.KindDiscuss), exerciseOf(workshop.KindScale), exerciseOf(workshop.KindOpen), exerciseOf(workshop.KindGrid)

// reflectionHere is a reflection of two prompts, inserted after the
// exercise on screen: the built-in plan has none of its own.
var reflectionHere = workshop.Exercise{Kind: workshop.KindReflect, Title: "Commitment", Minutes: 5, Prompts: []string{"What will you do on Monday?", "Who will notice?"}}

// phoneRoom is one room walked through every phone state: its server, the
// tab of the phone that joined, a second phone in a browser context of its
// own (its own storage, so a newcomer), and the room's language.
type phoneRoom struct {
	t      *testing.T
	f      *fixture
	lang   string
	url    string
	phone  context.Context // the phone that joins and stays
	other  context.Context // a newcomer, for refusals at the door
	events func(get func(s *workshop.State) []workshop.Event)
}

// phoneState is one state a phone can be in: how the room and the page
// get there from the state before, and a script that is true once the
// page shows it. A new exercise kind on the phone is one more entry.
type phoneState struct {
	name string
	// other says the state is on the newcomer's phone.
	other bool
	enter func(r *phoneRoom) error
	shows string
}

// said is a script giving the page's own text for a message id, in the
// language the page chose.
func said(id string) string {
	return fmt.Sprintf(`(JSON.parse(document.getElementById("words").textContent).words[document.documentElement.lang] || {})[%q]`, id)
}

// phoneStates is every state a phone can be in, in the order one room walks
// them: at the door, refused at it, in, voting, reading results, following
// the room's other steps, turned away, and at the end.
var phoneStates = []phoneState{
	{name: "join", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, chromedp.Navigate(r.url), chromedp.WaitVisible(chromedp.CSS("#join-button")))
	}, shows: `!document.getElementById("join").hidden`},
	{name: "refused: wrong code", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, setValue("#room", "WRONG1"), click("#join-button"))
	}, shows: `document.getElementById("join-status").textContent === ` + said("phone.err.wrong_code")},
	{name: "refused: too many wrong codes", enter: func(r *phoneRoom) error {
		// Spend the rest of this address's budget of wrong codes (the state
		// before took one), then try once more from the page.
		for i := 0; i < wrongCodeBurst-1; i++ {
			r.f.call("POST", "/join", "", map[string]string{"room": "WRONG1"})
		}
		return chromedp.Do(r.phone, click("#join-button"))
	}, shows: `document.getElementById("join-status").textContent === ` + said("phone.err.wrong_codes")},
	{name: "waiting", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, setValue("#room", r.f.srv.Room()), setValue("#name", "Ann"), click("#join-button"))
	}, shows: `!document.getElementById("vote").hidden && document.getElementById("question").textContent === ` + said("phone.waiting")},
	{name: "open vote", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
		return nil
	}, shows: `document.querySelectorAll("#options button:not([disabled])").length === 2`},
	{name: "vote received", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, click(`#options button:nth-child(2)`))
	}, shows: `document.getElementById("status").className === "status ok" && !!document.querySelector("#options [aria-pressed=true]")`},
	{name: "refused: voting closed", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventClosed, Exercise: sorting, Item: 0})
		return nil
	}, shows: `document.getElementById("status").textContent === ` + said("phone.closed")},
	{name: "revealed results", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventTally, Exercise: sorting, Item: 0, Option: 0, Source: workshop.SourceRoom, Count: 3})
		r.f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: sorting, Item: 0})
		return nil
	}, shows: `!document.getElementById("results").hidden && document.querySelectorAll("#shares li.expected").length === 1`},
	{name: "scale", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(scale, 0) })
		return nil
	}, shows: `document.getElementById("options").className === "scale" && document.querySelectorAll("#options button:not([disabled])").length === 5`},
	{name: "scale voted and revealed", enter: func(r *phoneRoom) error {
		if err := chromedp.Do(r.phone, click(`#options button:nth-child(4)`), chromedp.Poll[chromedp.Void](`!!document.querySelector("#options [aria-pressed=true]")`, pollFast...)); err != nil {
			return err
		}
		r.events(func(s *workshop.State) []workshop.Event { return s.Next(true) })
		return nil
	}, shows: `!document.getElementById("results").hidden`},
	{name: "open answer", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(open, -1) })
		r.f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: open})
		return nil
	}, shows: `!document.getElementById("answer").hidden && !document.getElementById("answer-send").disabled`},
	{name: "open answer sent", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone,
			chromedp.Evaluate[chromedp.Void](`(function(){ var t = document.getElementById("answer-text"); t.value = "More innovating"; t.dispatchEvent(new Event("input")); })()`),
			click("#answer-send"))
	}, shows: `!document.getElementById("sent").hidden && document.getElementById("sent-list").textContent.indexOf("More innovating") >= 0`},
	{name: "open answers revealed", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: open})
		return nil
	}, shows: `!document.getElementById("results").hidden && !document.getElementById("results-note").hidden && document.querySelectorAll("#shares li").length > 0`},
	{name: "grid", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(grid, -1) })
		r.f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: grid, Item: 0})
		return nil
	}, shows: `!document.getElementById("grid").hidden && document.querySelectorAll("#grid-squares button:not([disabled])").length === 25 && document.querySelectorAll("#grid-x button:not([disabled]), #grid-y button:not([disabled])").length === 10`},
	{name: "grid placed", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, click("#grid-x button:nth-child(4)"), click("#grid-y button:nth-child(2)"))
	}, shows: `document.getElementById("status").className === "status ok" && document.querySelectorAll("#grid [aria-pressed=true]").length === 3 && document.querySelector("#grid-squares [aria-pressed=true]").getAttribute("data-x") === "4"`},
	{name: "grid square tapped", enter: func(r *phoneRoom) error {
		return chromedp.Do(r.phone, click(`#grid-squares [data-x="2"][data-y="5"]`))
	}, shows: `document.getElementById("status").className === "status ok" && document.querySelector("#grid-squares [aria-pressed=true]").getAttribute("data-y") === "5" && document.querySelector("#grid-x [aria-pressed=true]").textContent === "2"`},
	{name: "grid revealed", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventRevealed, Exercise: grid, Item: 0, Close: true})
		return nil
	}, shows: `!document.getElementById("results").hidden && document.querySelectorAll("#shares li").length === 1`},
	{name: "discussion round", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(discussion, -1) })
		return nil
	}, shows: `!document.getElementById("prompts").hidden && !document.getElementById("question").hidden`},
	{name: "reflection", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event { return []workshop.Event{s.InsertEvent(reflectionHere)} })
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(s.Current+1, -1) })
		return nil
	}, shows: `!document.getElementById("prompts").hidden && document.getElementById("question").hidden`},
	{name: "break", enter: func(r *phoneRoom) error {
		r.events(func(s *workshop.State) []workshop.Event {
			return []workshop.Event{s.InsertEvent(workshop.Break(10, words.For(r.lang)))}
		})
		r.events(func(s *workshop.State) []workshop.Event { return s.MoveTo(s.Current+1, -1) })
		return nil
	}, shows: `document.getElementById("prompts").hidden && document.getElementById("question").textContent.indexOf(` + said("room.break") + `) === 0`},
	{name: "refused: room locked", other: true, enter: func(r *phoneRoom) error {
		if err := r.f.srv.SetLocked(true); err != nil {
			return err
		}
		return chromedp.Do(r.other, chromedp.Navigate(r.url), chromedp.WaitVisible(chromedp.CSS("#join-button")), click("#join-button"))
	}, shows: `document.getElementById("join-status").textContent === ` + said("phone.err.locked")},
	{name: "refused: removed", other: true, enter: func(r *phoneRoom) error {
		if err := r.f.srv.SetLocked(false); err != nil {
			return err
		}
		if err := chromedp.Do(r.other, click("#join-button"), chromedp.WaitVisible(chromedp.CSS("#vote"))); err != nil {
			return err
		}
		token, err := chromedp.Run(r.other, chromedp.Evaluate[string](`localStorage.getItem("runsheet_token")`))
		if err != nil {
			return err
		}
		if err := r.f.srv.Remove(Participant(token)); err != nil {
			return err
		}
		// A removed phone learns it when it next asks, as on a reload.
		return chromedp.Do(r.other, chromedp.Navigate(r.url))
	}, shows: `document.getElementById("join-status").textContent === ` + said("phone.err.removed")},
	{name: "the end", enter: func(r *phoneRoom) error {
		r.f.record(workshop.Event{Kind: workshop.EventFinished})
		return nil
	}, shows: `!document.getElementById("thanks").hidden && document.getElementById("vote").hidden`},
}

var pollFast = []chromedp.PollOption{chromedp.WithPollingInterval(20 * time.Millisecond), chromedp.WithPollingTimeout(15 * time.Second)}

// setValue replaces a field's text, as typing over it would.
func setValue(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.SetValue(chromedp.CSS(sel), v)
}

// look is one way of looking at the phone page: a width of the screen in
// CSS pixels, a zoom, and the media features the phone asks for.
type look struct {
	name     string
	lang     string
	width    int64
	zoom     float64 // browser zoom: 2 is 200%
	features []*emulation.MediaFeature
	// target is the least width and height a control may have, in CSS px.
	target float64
	// system says the system's colours replace the page's (forced
	// colours): contrast is then the system's, and is not measured.
	system bool
}

// looks are the walks of the test below: every language at the narrowest
// width WCAG asks pages to reflow to (320 CSS px), then every language at
// 200% zoom on that 320-px phone (a viewport 160 CSS px wide, at a device
// scale factor of 2), English in dark mode with less motion, and in forced
// colours. (The page has one scheme, dark, whatever the phone prefers.)
func looks() []look {
	var out []look
	for _, l := range words.Languages {
		out = append(out, look{name: l.Code, lang: l.Code, width: 320, zoom: 1, target: 44})
	}
	for _, l := range words.Languages {
		// At 200% a CSS pixel is two of the phone's: 24 CSS px, the
		// minimum of WCAG 2.5.8, are 48 of the phone's pixels, more than
		// the 44 asked of the page unzoomed.
		out = append(out, look{name: l.Code + " zoomed 200", lang: l.Code, width: 160, zoom: 2, target: 24})
	}
	return append(out,
		look{name: "en dark, reduced motion", lang: "en", width: 390, zoom: 1, target: 44, features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: "dark"}, {Name: "prefers-reduced-motion", Value: "reduce"},
		}},
		look{name: "en forced colours", lang: "en", width: 390, zoom: 1, target: 44, system: true, features: []*emulation.MediaFeature{
			{Name: "forced-colors", Value: "active"},
		}},
	)
}

// The phone page meets WCAG 2.2 A and AA in every state a phone can be in,
// in every room language, at 320 px and at 200% zoom, in dark mode, light
// mode and forced colours: axe-core finds no violation, and the page's
// own measures hold — no sideways scrolling, controls big enough to touch,
// text contrast at least 4.5:1, and nothing moving for those who asked.
func TestPhonePageAccessibleInEveryStateAndLanguage(t *testing.T) {
	// Each look has a minute of its own: on a busy machine one shared
	// deadline ran out for the looks at the end of the list.
	lks := looks()
	ctx, cancel := browserFor(t, time.Duration(len(lks))*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	for _, lk := range lks {
		t.Run(lk.name, func(t *testing.T) {
			lctx, cancelLook := context.WithTimeout(ctx, time.Minute)
			defer cancelLook()
			walkPhoneStates(lctx, t, lk)
		})
	}
}

// walkPhoneStates walks one room through every phone state, looked at lk's
// way, and checks each.
func walkPhoneStates(browserCtx context.Context, t *testing.T, lk look) {
	// The rate limits' clock stands still, so that spent budgets stay spent.
	now := time.Now()
	f := newFixtureWith(t, Options{ShowResults: func() bool { return true }, Clock: func() time.Time { return now }})
	f.record(workshop.Event{Kind: workshop.EventLanguage, Text: lk.lang})
	r := &phoneRoom{t: t, f: f, lang: lk.lang, url: f.web.URL + "/?room=" + f.srv.Room()}
	r.events = func(get func(s *workshop.State) []workshop.Event) {
		var evs []workshop.Event
		f.rec.View(func(sess *workshop.Session) { evs = get(sess.State) })
		for _, e := range evs {
			f.record(e)
		}
	}
	// Each phone in a browser context of its own: its own storage, so the
	// second is a newcomer to the room.
	var cancels []context.CancelFunc
	defer func() {
		for _, c := range cancels {
			c()
		}
	}()
	for _, tab := range []*context.Context{&r.phone, &r.other} {
		c, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
		cancels = append(cancels, cancel)
		*tab = c
		err := chromedp.Do(c, chromedp.EmulateViewport(lk.width, int64(640/lk.zoom), chromedp.EmulateScale(lk.zoom)))
		if err == nil && lk.features != nil {
			_, err = chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: lk.features})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range phoneStates {
		tab := r.phone
		if st.other {
			tab = r.other
		}
		if err := st.enter(r); err != nil {
			t.Fatalf("%s: getting there: %v", st.name, err)
		}
		if err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](st.shows, pollFast...)); err != nil {
			seen, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("join-status").textContent + " | " + document.getElementById("question").textContent + " | " + document.getElementById("status").textContent`))
			t.Fatalf("%s: the page did not show it (%s), it shows %q: %v", st.name, st.shows, seen, err)
		}
		for _, problem := range axeViolations(tab, t, lk) {
			t.Errorf("%s: axe: %s", st.name, problem)
		}
		for _, problem := range pageMeasures(tab, t, lk) {
			t.Errorf("%s: %s", st.name, problem)
		}
		shoot(tab, fmt.Sprintf("a11y-%s-%s.png", strings.ReplaceAll(lk.name, " ", "_"), strings.NewReplacer(" ", "_", ":", "").Replace(st.name)))
	}
}

// axeViolations runs axe-core on the page for WCAG 2.0, 2.1 and 2.2 at
// levels A and AA and returns each violation with the elements at fault.
func axeViolations(tab context.Context, t *testing.T, lk look) []string {
	t.Helper()
	loaded, err := chromedp.Run(tab, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if err == nil && !loaded {
		_, err = chromedp.Run(tab, chromedp.Evaluate[bool](axeSource+";true"))
	}
	if err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	// Under forced colours the browser paints the system's colours, but
	// axe reads the page's own: its contrast figures would be the page's,
	// not what is on screen.
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, rules: {"color-contrast": {enabled: %t}}, resultTypes: ["violations"]})
		.then(function (r) { return r.violations.map(function (v) {
			return v.id + " (" + v.impact + "): " + v.help + " — " + v.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary.replace(/\s+/g, " "); }).join("; ");
		}); })`, !lk.system)
	out, err := chromedp.Run(tab, chromedp.Evaluate[[]string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return out
}

// measuresJS checks what axe cannot see or does not measure as asked: no
// sideways scrolling, every control at least the target size, no word
// broken across lines that would fit on a line of its own, the text
// of every element at least 4.5:1 against the colour behind it (the
// colours the browser computed, after dark mode or forced colours), and,
// when less motion is asked for, nothing animated.
const measuresJS = `(function (target, system) {
	var out = [];
	var de = document.scrollingElement;
	if (de.scrollWidth > de.clientWidth) out.push("scrolls sideways: " + de.scrollWidth + " px wide in " + de.clientWidth);
	function visible(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; }
	function name(el) { return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " “" + (el.textContent || el.value || "").trim().slice(0, 30) + "”"; }
	var controls = document.querySelectorAll("button, input, a[href], select, textarea");
	for (var i = 0; i < controls.length; i++) {
		var c = controls[i], r = c.getBoundingClientRect();
		if (!visible(c)) continue;
		if (r.width < target - 0.5 || r.height < target - 0.5) out.push("target " + name(c) + " is " + r.width.toFixed(0) + "×" + r.height.toFixed(0) + " px");
		if (r.right > de.clientWidth + 1 || r.left < -1) out.push(name(c) + " runs off the screen");
	}
	// A word's pieces on more than one line: broken, unless the word alone
	// is wider than the line it is in.
	var pen = document.createElement("canvas").getContext("2d");
	var texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (var tn = texts.nextNode(); tn; tn = texts.nextNode()) {
		var host = tn.parentElement;
		if (!host || !visible(host) || host.closest(".visually-hidden, script, style")) continue;
		var block = host;
		while (block.parentElement && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
		var bs = getComputedStyle(block), line = block.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
		pen.font = getComputedStyle(host).font;
		var words = /[^\s\-\u2010\u2013\u2014\/\u00ad]+/g, w;
		while ((w = words.exec(tn.data))) {
			var rg = document.createRange();
			rg.setStart(tn, w.index);
			rg.setEnd(tn, w.index + w[0].length);
			var lines = {};
			var rs = rg.getClientRects();
			for (var q = 0; q < rs.length; q++) if (rs[q].width > 0) lines[Math.round(rs[q].bottom)] = true;
			if (Object.keys(lines).length > 1 && pen.measureText(w[0]).width <= line) out.push("the word “" + w[0] + "” is broken in " + name(host));
		}
	}
	function rgba(s) { var m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; }
	function lum(c) { var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
	function over(top, under) { var a = top[3]; return [0, 1, 2].map(function (k) { return top[k] * a + under[k] * (1 - a); }).concat([1]); }
	function behind(el) {
		var layers = [];
		for (var e = el; e; e = e.parentElement) { var b = rgba(getComputedStyle(e).backgroundColor); if (b[3] > 0) layers.push(b); if (b[3] >= 1) break; }
		var c = [255, 255, 255, 1];
		for (var k = layers.length - 1; k >= 0; k--) c = over(layers[k], c);
		return c;
	}
	var all = document.body.querySelectorAll("*");
	for (var j = 0; j < all.length; j++) {
		var el = all[j], own = "";
		for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) own += n.textContent;
		if (!own.trim() && !(el.tagName === "INPUT" && el.value)) continue;
		if (system || !visible(el) || el.closest(".visually-hidden")) continue;
		var bg = behind(el), fg = over(rgba(getComputedStyle(el).color), bg);
		var l1 = lum(fg), l2 = lum(bg), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		if (ratio < 4.5) out.push("contrast of " + name(el) + " is " + ratio.toFixed(2) + ":1");
	}
	if (matchMedia("(prefers-reduced-motion: reduce)").matches) {
		if (document.getAnimations && document.getAnimations().length) out.push(document.getAnimations().length + " animations running though less motion was asked for");
		for (var m = 0; m < all.length; m++) {
			var cs = getComputedStyle(all[m]);
			if (parseFloat(cs.transitionDuration) > 0 || cs.animationName !== "none") out.push(name(all[m]) + " moves though less motion was asked for");
		}
	}
	return out;
})`

// pageMeasures runs measuresJS on the page.
func pageMeasures(tab context.Context, t *testing.T, lk look) []string {
	t.Helper()
	out, err := chromedp.Run(tab, chromedp.Evaluate[[]string](fmt.Sprintf("%s(%g, %t)", measuresJS, lk.target, lk.system)))
	if err != nil {
		t.Fatalf("measuring the page: %v", err)
	}
	return out
}

// axNode is a node of Chromium's accessibility tree, as a screen reader
// gets it.
type axNode struct {
	role, name, description string
	props                   map[string]string
}

// axTree reads the page's accessibility tree, skipping ignored nodes.
func axTree(ctx context.Context, t *testing.T) []axNode {
	t.Helper()
	res, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		var s any
		json.Unmarshal(v.Value, &s)
		return fmt.Sprint(s)
	}
	var out []axNode
	for _, n := range res.Nodes {
		if n.Ignored {
			continue
		}
		a := axNode{role: str(n.Role), name: str(n.Name), description: str(n.Description), props: map[string]string{}}
		for _, p := range n.Properties {
			a.props[string(p.Name)] = str(p.Value)
		}
		out = append(out, a)
	}
	return out
}

// find returns the nodes of role, named name when name is not empty.
func find(tree []axNode, role, name string) []axNode {
	var out []axNode
	for _, n := range tree {
		if n.role == role && (name == "" || n.name == name) {
			out = append(out, n)
		}
	}
	return out
}

// The phone page by keyboard and screen reader alone: Tab walks the join
// form in order and Enter joins; the answers are a group of buttons named
// by the question, each named by its answer, the chosen one pressed; Space
// votes; a new question and a recorded vote are said through live
// regions while the focus stays put; the focus is plainly outlined.
func TestPhonePageByKeyboardAndScreenReader(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := browser(t)
	defer cancel()
	active := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function (e) { return (e.id || e.tagName) + (e.tagName === "BUTTON" && !e.id ? " " + e.textContent : ""); })(document.activeElement)`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(f.web.URL+"/?room="+f.srv.Room()), chromedp.WaitVisible(chromedp.CSS("#join-button"))); err != nil {
		t.Fatal(err)
	}
	var order []string
	for range 3 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		order = append(order, strings.Fields(active())[0])
	}
	if strings.Join(order, " ") != "room name join-button" {
		t.Errorf("Tab walks the join form as %v, want room, name, join-button", order)
	}
	// The join button has the keyboard's focus: it is outlined, plainly.
	outline, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () { var s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + parseFloat(s.outlineWidth); })()`))
	if err != nil || !strings.HasPrefix(outline, "solid ") || outline < "solid 3" {
		t.Errorf("the focused join button's outline: %q %v; want solid, at least 3 px", outline, err)
	}
	// Back to the name, type it, and join with Enter.
	if err := chromedp.Do(ctx,
		chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)),
		chromedp.KeyEvent("Ann"),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS("#vote")),
	); err != nil {
		t.Fatalf("joining by keyboard: %v", err)
	}
	// The form is gone: the focus went to the question, not to the top.
	if now := active(); now != "question" {
		t.Errorf("after joining the focus is on %q, want the question", now)
	}
	// The focus stays where it was when the question opens; the question
	// is said through the live region.
	before := active()
	f.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	if err := chromedp.Do(ctx, waitText("#announce", "Sets next quarter's objectives")); err != nil {
		t.Fatalf("the new question was not said through the live region: %v", err)
	}
	if now := active(); now != before {
		t.Errorf("the new question moved the focus from %q to %q", before, now)
	}
	tree := axTree(ctx, t)
	if len(find(tree, "status", "")) < 2 {
		t.Errorf("the page has %d status regions, want the vote's and the announcer", len(find(tree, "status", "")))
	}
	if g := find(tree, "group", "Sets next quarter's objectives"); len(g) != 1 {
		t.Errorf("no group of answers named by the question: %v", g)
	}
	for _, name := range []string{"Implement", "Innovate"} {
		b := find(tree, "button", name)
		if len(b) != 1 || b[0].props["pressed"] != "false" {
			t.Errorf("answer %q in the accessibility tree: %v, want one button, not pressed", name, b)
		}
	}

	// Tab from the question reaches the answers; Space on the second
	// votes, the focus stays on it, and the status says so.
	var answers []string
	for range 2 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		answers = append(answers, active())
	}
	if strings.Join(answers, ", ") != "BUTTON Implement, BUTTON Innovate" {
		t.Errorf("Tab through the answers: %v", answers)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(" "), waitText("#status", "Received: Innovate")); err != nil {
		t.Fatalf("voting with Space: %v", err)
	}
	if now := active(); now != "BUTTON Innovate" {
		t.Errorf("after voting the focus is on %q, want the answer voted for", now)
	}
	tree = axTree(ctx, t)
	if b := find(tree, "button", "Innovate"); len(b) != 1 || b[0].props["pressed"] != "true" {
		t.Errorf("the answer voted for, to a screen reader: %v; want pressed", b)
	}
	if s := find(tree, "status", ""); len(s) == 0 {
		t.Error("no status region")
	}
	found := false
	for _, s := range find(tree, "status", "") {
		found = found || s.props["live"] == "polite"
	}
	if !found {
		t.Errorf("the status regions are not polite live regions: %v", find(tree, "status", ""))
	}
	if v, _ := f.ballots()[f.srv.Phones()[0].ID]; v != 1 {
		t.Errorf("the vote by keyboard counted as %d", v)
	}
	shoot(ctx, "a11y-keyboard.png")
}
