package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// projector is the room's window: the exercise, the brief, the timer, the
// open question and, once revealed, its results. Nothing private is ever
// put on it. It shows what the console shows, from the same snapshot.
type projector struct {
	c       *console
	win     fyne.Window
	content fyne.CanvasObject

	title    *widget.Label
	brief    *widget.Label
	timer    *Timer
	question *widget.Label
	chart    *BarChart
	answer   *widget.Label
	join     *widget.Label
	joinQR   *canvas.Image
	cover    *canvas.Rectangle // shown while the projector is blanked
	blanked  *canvas.Text

	shown bool
}

func newProjector(c *console) *projector {
	p := &projector{c: c}
	p.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Wrapping: fyne.TextWrapWord}
	p.brief = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.timer = NewTimer()
	p.question = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	p.chart = NewBarChart()
	p.answer = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.join = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	p.join.Hide()
	p.joinQR = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.joinQR.SetMinSize(fyne.NewSize(220, 220))
	p.joinQR.Hide()
	p.cover = canvas.NewRectangle(color.Black)
	p.cover.Hide()
	p.blanked = canvas.NewText("", color.Black)

	top := container.NewBorder(p.title, nil, nil, nil, p.timer)
	bottom := container.NewBorder(container.NewVBox(p.question, p.answer), p.join, nil, p.joinQR,
		container.NewStack(container.NewVScroll(p.brief), p.chart))
	body := container.NewPadded(container.NewGridWithRows(2, top, bottom))
	p.content = container.NewStack(
		container.NewThemeOverride(body, projectorTheme{}),
		p.cover,
	)
	return p
}

// open shows the projector window, creating it the first time. It goes
// full screen on the second display where there is one.
func (p *projector) open() {
	if p.win == nil {
		a := p.c.shell.app
		p.win = a.NewWindow("Runsheet — Projector")
		p.win.SetContent(p.content)
		p.win.Resize(fyne.NewSize(1024, 640))
		p.win.SetCloseIntercept(p.onCloseRequest)
		p.c.bindKeysTo(p.win.Canvas())
	}
	p.win.Show()
	p.shown = true
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
	if p.cover.Visible() {
		p.cover.Hide()
	} else {
		p.cover.Show()
	}
	p.cover.Refresh()
}

// showJoin shows where phones join, or hides it when url is empty.
func (p *projector) showJoin(url, room string, qr fyne.Resource) {
	if url == "" {
		p.join.Hide()
		p.joinQR.Hide()
		return
	}
	p.join.SetText(fmt.Sprintf("Vote on your phone: scan the code, or open %s — room code %s", url, room))
	p.join.Show()
	p.joinQR.Resource = qr
	p.joinQR.Show()
	p.joinQR.Refresh()
}

// isBlank reports whether the projector is blanked.
func (p *projector) isBlank() bool { return p.cover.Visible() }

func (p *projector) close() {
	if p.win != nil {
		p.win.SetCloseIntercept(nil)
		p.win.Close()
		p.win = nil
	}
}

// show draws the room's view of a snapshot.
func (p *projector) show(sn *snapshot) {
	ex := sn.plan.Exercises[sn.current]
	p.title.SetText(ex.Title)
	p.brief.SetText(ex.Brief)
	p.question.Hide()
	p.answer.Hide()
	p.chart.Hide()
	p.brief.Show()
	if v := sn.votes; v != nil {
		r := v.results[v.active]
		p.question.SetText(roomQuestion(ex, v.active, r))
		p.question.Show()
		if r.Revealed {
			p.brief.Hide()
			p.chart.SetResult(r)
			p.chart.Show()
			if r.Expect >= 0 {
				p.answer.SetText("Expected answer: " + r.Labels[r.Expect])
				p.answer.Show()
			}
		}
	}
	p.showTime(sn)
}

// showTime redraws the timer.
func (p *projector) showTime(sn *snapshot) {
	p.timer.Set(p.c.timer.Text(), roomCaption(p.c.timer.Caption()), p.c.timer.Phase())
	p.timer.SetInverted(p.c.timer.Inverted())
}

// roomCaption keeps the console's instructions off the room's screen.
func roomCaption(c string) string {
	if strings.HasPrefix(c, "Press") {
		return ""
	}
	return c
}

// roomQuestion is the open question as the room reads it.
func roomQuestion(ex workshop.Exercise, item int, r workshop.Result) string {
	q := fmt.Sprintf("%d/%d  %s", item+1, len(ex.Items), r.Item.Text)
	if ex.Kind == workshop.KindScale && len(ex.Scale) == 2 {
		return fmt.Sprintf("%s\n1 = %s … 5 = %s", q, ex.Scale[0], ex.Scale[1])
	}
	return q + "\n" + strings.Join(r.Labels, "  ·  ")
}

// projectorTheme is the room's theme: dark, high contrast, type roughly
// twice the console's so that the back row can read it.
type projectorTheme struct{}

func (projectorTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return color.Black
	case theme.ColorNameForeground:
		return color.White
	}
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

func (projectorTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (projectorTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (projectorTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 28
	case theme.SizeNameSubHeadingText:
		return 40
	case theme.SizeNameHeadingText:
		return 56
	}
	return theme.DefaultTheme().Size(n)
}
