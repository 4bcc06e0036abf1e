package ui

import (
	"fmt"
	"image/color"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	qrcode "github.com/skip2/go-qrcode"

	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/live"
	"runsheet/workshop/typeset"
	"runsheet/workshop/words"
)

// projector is the room's window: a projection of the session, drawn from
// its room view and timer view alone, never from the console's widgets.
// Nothing private is ever put on it. Its type scales with the window, and
// it never asks for more room than the window has.
type projector struct {
	shell   projectorHost
	model   *sessionModel
	win     fyne.Window
	content fyne.CanvasObject
	keys    consoleKeys
	// onBlank tells the console that the projector was blanked or unblanked.
	onBlank func(bool)

	position *textBlock
	heading  *textBlock
	timer    *Timer
	body     *textBlock // the brief, or a reflection's prompts
	question *textBlock // the item or the round's prompt
	options  *textBlock
	chart    *BarChart
	picture  *RoomPicture // a word cloud, a wall of answers or a grid
	answer   *textBlock
	join     *textBlock
	url      *textBlock // the join address: one line, never broken
	joinQR   *canvas.Image
	cover    *canvas.Rectangle // shown while the projector is blanked
	back     *backdrop         // the black round the timer
	screen   *fyne.Container

	room    workshop.RoomView
	words   *words.Words // the room's language
	addr    string       // the phone server's address drawn
	drawn   bool
	qrURL   string
	unwatch func() // stops the session's notices
	shown   bool
}

// Projector colours: white on black for contrast on a washed-out screen,
// amber for the answer the plan expects (which its words name too). Each
// is at least 7:1 against the black.
var (
	roomText   = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	roomMuted  = color.NRGBA{R: 0xC8, G: 0xD8, B: 0xDC, A: 0xFF}
	roomAnswer = color.NRGBA{R: 0xF5, G: 0xC0, B: 0x4A, A: 0xFF}
)

// roomPalette is the projector's text colours: the main text, the quieter
// lines (where the room is, the answers, the join code) and the expected
// answer.
type roomPalette struct{ text, muted, answer color.Color }

var (
	standardRoom = roomPalette{text: roomText, muted: roomMuted, answer: roomAnswer}
	// highContrastRoom is white on black throughout, the answer in pure
	// yellow.
	highContrastRoom = roomPalette{text: pureWhite, muted: pureWhite, answer: color.NRGBA{R: 0xFF, G: 0xFF, A: 0xFF}}
)

func newProjector(s projectorHost, m *sessionModel, keys consoleKeys) *projector {
	p := &projector{shell: s, model: m, keys: keys}
	p.position = newTextBlock(fyne.TextStyle{}, roomMuted)
	p.heading = newTextBlock(fyne.TextStyle{Bold: true}, roomText)
	p.timer = NewTimer()
	p.timer.SetSurround(color.Black)
	p.body = newTextBlock(fyne.TextStyle{}, roomText)
	p.question = newTextBlock(fyne.TextStyle{Bold: true}, roomText)
	// A prompt or item, and the brief, read in the direction of their own
	// words, whatever the room's language.
	p.question.ownDirection = true
	p.body.ownDirection = true
	p.options = newTextBlock(fyne.TextStyle{}, roomMuted)
	p.chart = NewBarChart()
	p.picture = NewRoomPicture()
	p.picture.turner = m.sched
	p.answer = newTextBlock(fyne.TextStyle{Bold: true}, roomAnswer)
	p.join = newTextBlock(fyne.TextStyle{Bold: true}, roomMuted)
	p.url = newTextBlock(fyne.TextStyle{Bold: true}, roomMuted)
	p.joinQR = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.cover = canvas.NewRectangle(color.Black)
	p.cover.Hide()

	p.chart.ink = roomText
	p.setHighContrast(s != nil && s.highContrast())
	p.screen = container.New(&projectorLayout{p: p},
		p.position, p.heading, p.timer, p.body, p.question, p.options, p.chart, p.picture, p.answer, p.join, p.url, p.joinQR)
	p.back = newBackdrop(color.Black)
	// Every colour is set on the objects themselves: a theme override here
	// would load the fonts afresh on every redraw.
	p.content = container.NewStack(p.back.content, p.screen, p.cover)

	p.refresh()
	p.unwatch = m.subscribe(func(n control.Notice) {
		if n.Changed {
			p.refresh()
		} else {
			p.refreshTime()
		}
	})
	return p
}

// setHighContrast draws the room's screen in its high-contrast colours, or
// in its usual ones.
func (p *projector) setHighContrast(on bool) {
	pal := standardRoom
	if on {
		pal = highContrastRoom
	}
	for b, c := range map[*textBlock]color.Color{
		p.position: pal.muted, p.heading: pal.text, p.body: pal.text, p.question: pal.text,
		p.options: pal.muted, p.answer: pal.answer, p.join: pal.muted, p.url: pal.muted,
	} {
		b.colour = c
		b.Refresh()
	}
	p.chart.ink = pal.text
	p.picture.setPalette(pal)
	p.chart.SetHighContrast(on)
	p.timer.SetHighContrast(on)
	p.timer.SetSteady(p.shell != nil && p.shell.noFlashing())
}

// projectorSize is the projector window's size when it first opens; after
// that only the facilitator or the display changes it.
var projectorSize = fyne.NewSize(1024, 640)

// open shows the projector window, creating it the first time. It goes
// full screen on the second display where there is one.
func (p *projector) open() {
	if p.win == nil {
		// The title bar shows until the window goes full screen: the room
		// reads it too.
		p.win = p.shell.newWindow(p.words.Say("room.window_title"))
		// Black to the window's edges: a padded window framed the room's
		// screen in the console's background colour.
		p.win.SetPadded(false)
		p.win.SetContent(p.content)
		p.win.Resize(projectorSize)
		p.win.SetCloseIntercept(p.onCloseRequest)
		bindKeysTo(p.win.Canvas(), p.keys)
	}
	p.win.Show()
	p.shown = true
	// A window shown takes the keyboard; the facilitator's keys belong
	// to the console, where its dialogs open. Left with the projector,
	// Return in a console dialog went to the wrong window (under X, a key
	// sent to the console while another window is active can be dropped).
	p.shell.window().RequestFocus()
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && d.HasSecondaryDisplay() {
		if w, ok := p.win.(desktop.Window); ok {
			w.RequestFullScreenSecondary()
		}
	}
}

// onCloseRequest answers the window's close button: closing the room's
// window does not end the session; it hides, and the console can show it again.
func (p *projector) onCloseRequest() {
	p.shown = false
	p.win.Hide()
}

// toggleFullScreen switches the projector between a window and full screen.
func (p *projector) toggleFullScreen() {
	if p.win == nil || !p.shown {
		p.open()
		return
	}
	p.win.SetFullScreen(!p.win.FullScreen())
}

// toggleBlank hides everything behind black, or brings it back.
func (p *projector) toggleBlank() {
	p.cover.Hidden = !p.cover.Hidden
	p.cover.Refresh()
	if p.onBlank != nil {
		p.onBlank(!p.cover.Hidden)
	}
}

// escape unblanks the projector, or else leaves full screen.
func (p *projector) escape() {
	switch {
	case p.isBlank():
		p.toggleBlank()
	case p.win != nil && p.win.FullScreen():
		p.win.SetFullScreen(false)
	}
}

// isBlank reports whether the projector is blanked.
func (p *projector) isBlank() bool { return p.cover.Visible() }

func (p *projector) stopTimers() { p.unwatch() }

func (p *projector) close() {
	p.stopTimers()
	p.picture.stopTurning()
	if p.win != nil {
		p.win.SetCloseIntercept(nil)
		p.win.Close()
		p.win = nil
	}
}

// refresh redraws the room's view of the session, if it changed: a vote
// before reveal changes nothing the room sees, and redraws nothing.
func (p *projector) refresh() {
	var v workshop.RoomView
	var addr string
	p.model.view(func(s *workshop.State) { v, addr = s.Room(), s.Phones.Addr })
	if p.drawn && addr == p.addr && reflect.DeepEqual(v, p.room) {
		// A pause or a minute added changes only the timer: its caption
		// must not wait for the next tick.
		p.refreshTime()
		return
	}
	p.room, p.addr, p.drawn = v, addr, true
	w := words.For(v.Language)
	if p.words == nil || p.words.Code != w.Code {
		p.words = w
		p.chart.SetWords(w)
		// A right-to-left room reads a mirrored screen.
		for _, b := range p.blocks() {
			b.rtl = w.RTL
		}
		p.url.rtl = false // an address reads left to right in any room
		p.chart.rtl = w.RTL
		if p.win != nil {
			p.win.SetTitle(w.Say("room.window_title"))
		}
	}
	p.position.SetText(roomPosition(v, w))
	p.heading.SetText(roomHeading(v, w))
	p.body.SetText(roomBody(v))
	p.question.SetText(roomQuestion(v))
	p.options.SetText(roomOptions(v))
	p.answer.SetText(roomAnswerText(v, w))
	if v.Result != nil {
		p.chart.SetResult(*v.Result)
	}
	// A private self-rating shows the room its mean and median only; a
	// grid shows its picture instead of bars.
	p.chart.Hidden = v.Result == nil || v.Private || len(v.Axes) > 0
	p.picture.minText = p.position.textSize
	p.picture.rtl = w.RTL
	p.picture.SetView(v)
	p.picture.Hidden = !p.picture.Showing()
	p.showJoin(v, w)
	p.refreshTime()
	p.screen.Refresh()
}

// refreshTime redraws the timer, from the same timer view as the console's.
func (p *projector) refreshTime() {
	var tv workshop.TimerView
	now := p.model.clock.Now()
	p.model.view(func(s *workshop.State) { tv = s.Timer(now) })
	if p.words == nil {
		p.words = words.For(words.English)
	}
	showTimer(p.timer, tv, p.words, false)
}

// showJoin shows the join code, QR code and address while phones can
// answer (a vote, a grid or an open question), and the code small otherwise.
func (p *projector) showJoin(v workshop.RoomView, w *words.Words) {
	urls := live.JoinURLs(p.addr, v.Room)
	p.url.SetText("")
	if !v.Phones || len(urls) == 0 {
		p.join.SetText("")
		p.joinQR.Hide()
		return
	}
	url := urls[0]
	if !v.VotingOpen() && !v.Answering {
		p.join.SetText(w.Say("room.phones_code", "Code", v.Room))
		p.joinQR.Hide()
		return
	}
	p.join.SetText(w.Say(v.Kind.Def().ScanCaption()) + "\n" + w.Say("room.code", "Code", v.Room))
	p.url.SetText(url)
	if url != p.qrURL {
		if png, err := qrcode.Encode(url, qrcode.Medium, 512); err == nil {
			p.joinQR.Resource = fyne.NewStaticResource("join-qr.png", png)
			p.qrURL = url
			p.joinQR.Refresh()
		}
	}
	p.joinQR.Show()
}

// blocks are the projector's text blocks.
func (p *projector) blocks() []*textBlock {
	return []*textBlock{p.position, p.heading, p.body, p.question, p.options, p.answer, p.join, p.url}
}

// roomHeading is the exercise's title; a running break also tells the
// room when to be back.
func roomHeading(v workshop.RoomView, w *words.Words) string {
	if v.Pause && !v.BackAt.IsZero() {
		return w.Say("room.back_at", "Title", v.Heading, "Time", w.Clock(v.BackAt))
	}
	return v.Heading
}

// roomPosition says where the room is in the workshop.
func roomPosition(v workshop.RoomView, w *words.Words) string {
	s := fmt.Sprintf("%d / %d", v.Exercise+1, v.Exercises)
	switch {
	case v.Item >= 0:
		s += "  ·  " + w.Say("room.question_of", "Item", v.Item+1, "Items", v.Items)
	case v.Rounds > 0:
		s += "  ·  " + w.Say("room.round_of", "Round", v.Round, "Rounds", v.Rounds)
	}
	return s
}

// roomBody is the running text: the brief, and a reflection's prompts.
func roomBody(v workshop.RoomView) string {
	if v.Item >= 0 || v.Rounds > 0 {
		return ""
	}
	return strings.TrimSpace(v.Brief)
}

// roomQuestion is the large line: the item voted on, the round's prompt,
// or a reflection's prompts, numbered when there are several.
func roomQuestion(v workshop.RoomView) string {
	switch {
	case v.Item >= 0:
		return v.Question
	case v.Rounds > 0 || len(v.Prompts) == 1:
		return v.Prompts[0]
	case len(v.Prompts) > 0:
		lines := make([]string, len(v.Prompts))
		for i, pr := range v.Prompts {
			lines[i] = fmt.Sprintf("%d. %s", i+1, pr)
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

// roomOptions lists the answers before the results are shown; a scale's
// ends stay with its results, which count ratings 1 to 5.
func roomOptions(v workshop.RoomView) string {
	if v.Item < 0 {
		return ""
	}
	if len(v.Scale) == 2 {
		ex := workshop.Exercise{Kind: v.Kind, Scale: v.Scale}
		return ex.ScaleLabel()
	}
	if len(v.Axes) == 2 {
		w := words.For(v.Language)
		// Each end's name is a unit of its own direction: in an Arabic
		// room, English names would otherwise pull the numbers and the
		// "=" between them into their own left-to-right run.
		end := func(s string) string {
			if w.RTL || typeset.HasRightToLeft(s) {
				return typeset.Isolate(s)
			}
			return s
		}
		return w.Say("phone.grid_across", "Low", end(v.Axes[0][0]), "High", end(v.Axes[0][1])) + "   ·   " +
			w.Say("phone.grid_up", "Low", end(v.Axes[1][0]), "High", end(v.Axes[1][1]))
	}
	if v.Result != nil {
		return ""
	}
	return strings.Join(v.Options, "   ·   ")
}

// roomAnswerText is the line under revealed results: the expected answer,
// or a scale's mean and median.
func roomAnswerText(v workshop.RoomView, w *words.Words) string {
	r := v.Result
	switch {
	case r == nil:
		return ""
	case r.IsScale:
		st := r.Scale()
		if st.N == 0 {
			return w.Say("room.no_ratings")
		}
		return w.Say("room.scale_stats", "Mean", w.Mean(st.Mean), "Median", w.Number(st.Median, medianPlaces(st.Median)), "Ratings", w.Count("room.ratings", st.N))
	case v.Expected != "":
		return w.Say("room.expected", "Answer", v.Expected)
	}
	return ""
}

// medianPlaces shows a median as a whole number, or with its half.
func medianPlaces(m float64) int {
	if m == float64(int(m)) {
		return 0
	}
	return 1
}
