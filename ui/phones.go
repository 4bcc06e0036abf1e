package ui

import (
	"net"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"runsheet/workshop"
	"runsheet/workshop/live"
)

// phonePanel is the console's control of phone voting: the switch, where
// phones join, and the phones that have.
type phonePanel struct {
	c       *console
	content fyne.CanvasObject
	server  *live.Server

	toggle *clickerCheck
	lock   *clickerCheck // the room locked to new phones
	locked *widget.Label // says what the lock does, while it is on
	url    *widget.Label
	qr     *canvas.Image
	count  *widget.Label
	strain *widget.Label // warns while hostile clients crowd the streams
	list   *clickerList
	tab    *container.TabItem // the console's tab that shows the panel
	phones []live.Phone
	// listedAt is when the list was last read; ages, while set, cancels
	// the next reading that keeps its "last seen" current.
	listedAt time.Time
	ages     func()
	moved    string // says the port changed on a restart
}

func newPhonePanel(c *console) *phonePanel {
	p := &phonePanel{c: c}
	p.toggle = newClickerCheck(c, tr("Phone voting"), p.onToggle)
	p.lock = newClickerCheck(c, tr("Lock the room (L)"), p.onLock)
	// Not selectable: a selected label would take the clicker's keys.
	p.url = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.locked = &widget.Label{Text: tr("Locked: phones already in keep voting; new phones cannot join."), Wrapping: fyne.TextWrapWord,
		Importance: widget.WarningImportance, TextStyle: fyne.TextStyle{Bold: true}}
	p.locked.Hide()
	p.qr = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.qr.SetMinSize(fyne.NewSize(160, 160))
	p.qr.Hide()
	p.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	p.strain = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance, TextStyle: fyne.TextStyle{Bold: true}}
	p.strain.Hide()
	p.list = newClickerList(c, &clickerList{List: widget.List{
		Length:     func() int { return len(p.phones) },
		CreateItem: func() fyne.CanvasObject { return newButtonRow(tr("Remove"), theme.DeleteIcon()) },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*listRow)
			ph := p.phones[id]
			name := phoneLabel(ph)
			row.label.SetText(tr("{{.Name}} — last seen {{.Ago}} ago", "Name", name, "Ago", ago(time.Since(ph.LastSeen))))
			row.button.OnTapped = func() { p.remove(ph.ID) }
		},
	}})
	top := container.NewVBox(container.NewHBox(p.toggle, p.lock), p.url, p.locked, p.count, p.strain)
	// Tab's order as the tab reads: the switches, the phones, the code.
	p.content = container.New(layout.NewBorderLayout(top, nil, nil, p.qr), top, p.list, p.qr)
	p.refresh()
	return p
}

func ago(d time.Duration) string {
	if d < time.Minute {
		return tr("{{.S}} s", "S", int(d.Seconds()))
	}
	return tr("{{.M}} min", "M", int(d.Minutes()))
}

// start begins phone voting on addr ("" for the default port) and shows
// where phones join; the controller records it, so that a restart brings
// phone voting back as it was.
func (p *phonePanel) start(addr string) error {
	if err := p.c.model.ctl.StartPhones(addr); err != nil {
		return err
	}
	p.sync()
	return nil
}

// sync shows the controller's phone server: started here, or brought
// back as the session had it, saying so when its port was taken.
func (p *phonePanel) sync() {
	srv := p.c.model.ctl.Phones()
	if srv == p.server {
		return
	}
	p.server = srv
	p.moved = ""
	if srv == nil {
		p.qr.Hide()
		p.toggle.SetChecked(false)
		p.refresh()
		return
	}
	if want := portOf(p.c.model.ctl.PhonesAsked()); want != "" && want != "0" && want != portOf(srv.Addr()) {
		p.moved = tr("Port {{.Wanted}} was taken, so phones now join on port {{.Port}}: they need the new address below.", "Wanted", want, "Port", portOf(srv.Addr()))
	}
	url := srv.URLs()[0]
	if png, err := qrcode.Encode(url, qrcode.Medium, 512); err == nil {
		p.qr.Resource = fyne.NewStaticResource("join-qr.png", png)
		p.qr.Show()
		p.qr.Refresh()
	}
	p.toggle.SetChecked(true)
	p.refresh()
}

func portOf(addr string) string {
	if addr == "" {
		return strconv.Itoa(live.DefaultPort)
	}
	if _, port, err := net.SplitHostPort(addr); err == nil {
		return port
	}
	return addr
}

// finish ends phone voting with the session: the controller tells every
// phone, keeps the server up a while for latecomers to be thanked, then
// stops it.
func (p *phonePanel) finish() {
	if p.server == nil {
		return
	}
	p.c.model.ctl.FinishPhones()
	p.sync()
}

// stop ends phone voting; votes already made stay. record says whether
// the facilitator switched it off (recorded, so a restart keeps it off),
// rather than the console closing or the session ending.
func (p *phonePanel) stop(record bool) {
	if p.server == nil {
		return
	}
	p.c.report(p.c.model.ctl.StopPhones(record))
	p.sync()
}

func (p *phonePanel) onToggle(on bool) {
	switch {
	case on && p.server == nil:
		if err := p.start(p.switchedOnAt()); err != nil {
			p.toggle.SetChecked(false)
			p.c.shell.showError(tr("Cannot start phone voting"), err)
		}
	case !on && p.server != nil:
		p.stop(true)
	}
}

// onLock locks the room to new phones, or opens it again; the switch
// follows the session, which records it.
func (p *phonePanel) onLock(on bool) {
	if p.server == nil || on == p.server.Locked() {
		return
	}
	p.c.report(p.server.SetLocked(on))
	p.refresh()
}

// toggleLock is the L key: it locks or unlocks the room while phone voting is on.
func (p *phonePanel) toggleLock() {
	if p.server != nil {
		p.onLock(!p.server.Locked())
	}
}

func (p *phonePanel) remove(id string) {
	if p.server != nil {
		p.c.report(p.server.Remove(id))
		p.refresh()
	}
}

// refresh redraws the address and the list of phones.
func (p *phonePanel) refresh() {
	if p.server == nil {
		p.url.SetText(tr("Off. Turn it on to let the room vote from their phones over this laptop's network; no internet or accounts needed."))
		p.lock.SetChecked(false)
		p.lock.Disable()
		p.locked.Hide()
		p.count.SetText("")
		p.strain.Hide()
		p.phones = nil
		p.list.Refresh()
		return
	}
	urls := p.server.URLs()
	locked := p.server.Locked()
	p.lock.Enable()
	p.lock.SetChecked(locked)
	if p.locked.Hidden != !locked {
		p.locked.Hidden = !locked
		p.locked.Refresh()
	}
	setLabel(p.url, strings.TrimSpace(tr("Room code {{.Code}} — phones open {{.Address}}", "Code", p.server.Room(), "Address", urls[0])+"\n"+p.moved))
	seen, connected := p.server.Counts()
	p.showStrain(p.server.Pressure())
	importance := widget.MediumImportance
	if h := p.headcount(); h > 0 && seen > h {
		importance = widget.DangerImportance
	}
	if text := phoneCountText(connected, seen, p.headcount()); p.count.Text != text || p.count.Importance != importance {
		p.count.Text, p.count.Importance = text, importance
		p.count.Refresh()
	}
	// The list, with each phone's "last seen", is read and drawn while
	// its tab is in sight: every second, a room of 2,000 phones would
	// otherwise be copied, sorted and laid out for nobody to see.
	if p.inSight() {
		p.phones = p.server.Phones()
		p.listedAt = p.c.model.clock.Now()
		p.list.Refresh()
		p.keepAges()
	}
}

// keepAges keeps each phone's "last seen" up to the second while the list
// is in sight, when no running timer's tick redraws it: a facilitator
// looks at who is connected most when the timer is paused.
func (p *phonePanel) keepAges() {
	if p.ages != nil {
		return
	}
	p.ages = p.c.model.sched.After(time.Second, func() {
		p.c.later(func() {
			p.ages = nil
			if p.server == nil || !p.inSight() {
				return
			}
			if p.c.model.clock.Now().Sub(p.listedAt) >= 900*time.Millisecond {
				p.refresh()
			} else {
				p.keepAges()
			}
		})
	})
}

// inSight reports whether the phones' tab is the one the console shows.
func (p *phonePanel) inSight() bool {
	return p.c.lower == nil || p.c.lower.Selected() == p.tab
}

// headcount is the people counted in the room for the current exercise, or 0.
func (p *phonePanel) headcount() int {
	if sn := p.c.snap; sn != nil && sn.votes != nil {
		return sn.votes.headcount
	}
	return 0
}

// phoneCountText sets the phones that joined against the people counted,
// so that a room stuffed with extra devices shows.
func phoneCountText(connected, seen, headcount int) string {
	s := trn("phones_connected", connected, "Seen", seen)
	switch {
	case headcount > 0 && seen > headcount:
		s += " — " + trn("more_phones_than_people", headcount)
	case headcount > 0:
		s += ", " + trn("of_people_counted", headcount)
	}

	return s
}

// Phones switched off and on again, streams under strain, and how a phone
// is labelled.

// switchedOnAt is where phone voting listens when switched on from the
// console: where this session's phones last were — the pages open on the
// phones and the address on the wall stay right, and a choice of loopback
// only is never widened to the network — or else the command line's.
func (p *phonePanel) switchedOnAt() string {
	var addr string
	p.c.model.view(func(s *workshop.State) { addr = s.Phones.Addr })
	if addr == "" {
		addr = p.c.shell.phoneAddr()
	}
	return addr
}

// showStrain warns the facilitator while the room's event streams are full
// and being closed to make room, naming the address that holds the most.
func (p *phonePanel) showStrain(pr live.Pressure) {
	if !pr.UnderPressure() {
		p.strain.Hide()
		return
	}
	setLabel(p.strain, tr("Under strain: {{.Streams}} of {{.Budget}} phone streams open, {{.Held}} from {{.Address}}; {{.Closed}} closed to keep room for phones. Someone may be flooding the phone server — remove phones you do not know, or lock the room.",
		"Streams", pr.Streams, "Budget", pr.Budget, "Held", pr.HeaviestHeld, "Address", pr.Heaviest, "Closed", pr.Closed))
	p.strain.Show()
}

// phoneLabel names a phone in the console: its chosen name with the first
// six of its id beside it, so that no phone can pass for another, or the
// id alone.
func phoneLabel(ph live.Phone) string {
	id := ph.ID
	if len(id) > 6 {
		id = id[:6]
	}
	if ph.Name == "" {
		return tr("phone {{.ID}}", "ID", id)
	}
	return tr("{{.Name}} ({{.ID}})", "Name", ph.Name, "ID", id)
}
