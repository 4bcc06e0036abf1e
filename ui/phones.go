package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"runsheet/workshop/live"
)

// phonePanel is the console's control of phone voting: the switch, where
// phones join, and the phones that have.
type phonePanel struct {
	c       *console
	content fyne.CanvasObject
	server  *live.Server

	toggle *widget.Check
	url    *widget.Label
	qr     *canvas.Image
	count  *widget.Label
	list   *widget.List
	phones []live.Phone
}

func newPhonePanel(c *console) *phonePanel {
	p := &phonePanel{c: c}
	p.toggle = &widget.Check{Text: "Phone voting", OnChanged: p.onToggle}
	p.url = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	p.qr = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.qr.SetMinSize(fyne.NewSize(160, 160))
	p.qr.Hide()
	p.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	p.list = &widget.List{
		Length: func() int { return len(p.phones) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, &widget.Button{Text: "Remove", Icon: theme.DeleteIcon()}, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			ph := p.phones[id]
			name := ph.Name
			if name == "" {
				name = "phone " + ph.ID[:6]
			}
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s — last seen %s ago", name, ago(time.Since(ph.LastSeen))))
			row.Objects[1].(*widget.Button).OnTapped = func() { p.remove(ph.ID) }
		},
	}
	top := container.NewVBox(p.toggle, p.url, p.count)
	p.content = container.NewBorder(top, nil, nil, p.qr, p.list)
	p.refresh()
	return p
}

func ago(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min", int(d.Minutes()))
}

// start begins phone voting on addr ("" for the default port).
func (p *phonePanel) start(addr string) error {
	if p.server != nil {
		return nil
	}
	srv := live.New(p.c.model.rec)
	if err := srv.Start(addr); err != nil {
		return err
	}
	p.c.model.rec.OnChange(srv.Changed)
	p.server = srv
	urls := srv.URLs()
	if png, err := qrcode.Encode(urls[0], qrcode.Medium, 512); err == nil {
		res := fyne.NewStaticResource("join-qr.png", png)
		p.qr.Resource = res
		p.qr.Show()
		p.qr.Refresh()
		p.c.projector.showJoin(urls[0], srv.Room(), res)
	}
	p.toggle.SetChecked(true)
	p.refresh()
	return nil
}

// stop ends phone voting; votes already made stay.
func (p *phonePanel) stop() {
	if p.server == nil {
		return
	}
	p.server.Stop()
	p.server = nil
	p.qr.Hide()
	p.c.projector.showJoin("", "", nil)
	p.toggle.SetChecked(false)
	p.refresh()
}

func (p *phonePanel) onToggle(on bool) {
	switch {
	case on && p.server == nil:
		if err := p.start(p.c.shell.opts.Phones); err != nil {
			p.toggle.SetChecked(false)
			p.c.shell.showError("Cannot start phone voting", err)
		}
	case !on && p.server != nil:
		p.stop()
	}
}

func (p *phonePanel) remove(id string) {
	if p.server != nil {
		p.server.Remove(id)
		p.refresh()
	}
}

// refresh redraws the address and the list of phones.
func (p *phonePanel) refresh() {
	if p.server == nil {
		p.url.SetText("Off. Turn it on to let the room vote from their phones over this laptop's network; no internet or accounts needed.")
		p.count.SetText("")
		p.phones = nil
		p.list.Refresh()
		return
	}
	urls := p.server.URLs()
	p.url.SetText(fmt.Sprintf("Room code %s — phones open %s", p.server.Room(), urls[0]))
	p.phones = p.server.Phones()
	connected := 0
	for _, ph := range p.phones {
		if time.Since(ph.LastSeen) < time.Minute {
			connected++
		}
	}
	p.count.SetText(fmt.Sprintf("%d phones connected, %d seen", connected, len(p.phones)))
	p.list.Refresh()
}
