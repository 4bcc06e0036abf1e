package ui

import "fyne.io/fyne/v2"

// projectorLayout places the room's view so that it fits any window from
// 800×600 to 4K: the type scales with the window, shrinking further when a
// view holds a lot (twelve options, long questions) but never below
// minTextShare of the window's height; the timer takes the height that is
// left and stays the largest thing on screen; the QR code shrinks before
// anything else is cut; nothing comes nearer the bottom edge than the
// margin. The join address is one line, never broken: it sits under the
// QR code where it fits there, else across the foot of the screen, smaller
// if it must. A right-to-left room reads the same screen mirrored.
type projectorLayout struct{ p *projector }

// The type sizes at 1366×768, the most common projector, before fitting.
const (
	baseHeading  = 46
	basePosition = 22
	baseBody     = 30
	baseQuestion = 40
	baseOptions  = 30
	baseJoin     = 20
)

// minTextShare is the smallest text on the projector, as a share of the
// window's height: what the back row still reads. It is the text's ink,
// capital to descender (see inkShare), not its type size.
const minTextShare = 0.025

// chartRowShare is a chart row's height for its type: the chart sets its
// text at about half a row.
const chartRowShare = 1.7

func (l *projectorLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	// Never more than the smallest projector: the window must not grow.
	return fyne.NewSize(320, 240)
}

func (l *projectorLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	v := p.room
	rtl := p.words != nil && p.words.RTL
	u := min(size.Width/1366, size.Height/768)
	// The type whose ink is minTextShare of the height, a hair above for
	// rounding and the faint edges of anti-aliased letters.
	least := size.Height * minTextShare / inkShare(fyne.TextStyle{}) * 1.04
	pad := max(8, 18*u)
	gap := pad * 0.6
	bottom := size.Height - pad
	qrOn := !p.joinQR.Hidden
	q := float32(0)
	if qrOn {
		q = min(size.Width*0.24, size.Height*0.42)
	}
	mainW := size.Width - 2*pad
	if qrOn {
		mainW -= q + pad
	}
	sz := func(base, k float32) float32 { return max(base*u*k, least) }

	// The address: under the QR code if it fits the column, else a line of
	// its own at the foot of the screen.
	urlSize, urlH, footer := float32(0), float32(0), float32(0)
	urlInColumn := false
	if p.url.Text() != "" {
		urlSize = sz(baseJoin, 1)
		w := fyne.MeasureText(p.url.Text(), urlSize, p.url.style).Width
		switch full := size.Width - 2*pad; {
		case w <= q:
			urlInColumn = true
		case w*least/urlSize <= q*0.98:
			urlSize, urlInColumn = urlSize*q*0.98/w, true
		case w > full:
			urlSize = max(urlSize*full/w, least)
		}
		urlH = p.url.lineHeight(urlSize)
		if !urlInColumn {
			footer = urlH + pad // the foot line stands apart
		}
	}
	chartRows := 0
	if v.Result != nil && !v.Private && !p.chart.Hidden {
		chartRows = len(v.Result.Labels) + 1
	}
	// A word cloud, a wall or a grid takes what the type leaves, but
	// never less than a third of the screen.
	picShare := float32(0)
	if !p.picture.Hidden {
		picShare = 0.62
	}
	p.picture.minText = least
	p.chart.minText = least
	p.timer.minCaption = least

	var hPos, hHead, hBody, hQuest, hOpts, hChart, hPic, hAns, hJoin float32
	heights := func(k float32) float32 {
		hPos = p.position.heightFor(mainW, sz(basePosition, k))
		hHead = p.heading.heightFor(mainW, sz(baseHeading, k))
		hBody = p.body.heightFor(mainW, sz(baseBody, k))
		hQuest = p.question.heightFor(mainW, sz(baseQuestion, k))
		hOpts = p.options.heightFor(mainW, sz(baseOptions, k))
		hChart = float32(chartRows) * max(baseOptions*u*k, least) * chartRowShare
		hPic = size.Height * picShare * k
		hAns = p.answer.heightFor(mainW, sz(baseOptions, k))
		hJoin = 0
		if !qrOn {
			hJoin = p.join.heightFor(mainW, sz(baseJoin, k))
		}
		total := 2*pad + footer + hPos + hHead
		if hPos > 0 && hHead > 0 {
			total += gap / 2 // between the two, as placed below
		}
		for _, h := range []float32{hBody, hQuest, hOpts, hChart, hPic, hAns} {
			if h > 0 {
				total += gap + h
			}
		}
		if hJoin > 0 {
			total += pad + hJoin // the foot line stands apart
		}
		return total
	}
	minTimer := size.Height * 0.2
	var k float32
	for k = 1; k > 0.3; k *= 0.92 {
		if heights(k)+gap+minTimer <= size.Height {
			break
		}
	}
	k = max(k, 0.3)
	if heights(k)+gap+minTimer > size.Height {
		minTimer = size.Height * 0.17 // a full view gives some of the timer up
	}
	rest := size.Height - heights(k) - gap
	timerH := min(max(rest, minTimer), size.Height*0.5)
	// What still does not fit at the smallest type is cut, in this order.
	over := heights(k) + gap + timerH - size.Height
	for _, b := range []struct {
		blk *textBlock
		h   *float32
	}{{p.body, &hBody}, {p.question, &hQuest}, {p.heading, &hHead}, {p.options, &hOpts}} {
		b.blk.maxLines = 0
		if over <= 0 || *b.h == 0 {
			continue
		}
		lh := b.blk.lineHeight(b.blk.textSize)
		keep := max(1, int((*b.h-over)/lh))
		if float32(keep)*lh >= *b.h {
			continue
		}
		cut := *b.h - float32(keep)*lh
		b.blk.maxLines = keep
		*b.h -= cut
		over -= cut
	}
	if over > 0 && hChart > 0 {
		// Then the chart's rows close up, its type kept.
		least := float32(chartRows) * least * 1.4
		cut := min(over, hChart-least)
		if cut > 0 {
			hChart -= cut
			over -= cut
		}
	}
	if over > 0 && hPic > 0 {
		cut := min(over, hPic-size.Height*0.3)
		if cut > 0 {
			hPic -= cut
			over -= cut
		}
	}
	if over > 0 {
		timerH = max(timerH-over, size.Height*0.16)
	}
	if hPic > 0 && over <= 0 && timerH > minTimer {
		// A cloud, a wall or a grid is what the room looks at now: it
		// takes what the timer would have.
		hPic += timerH - minTimer
		timerH = minTimer
	}

	// place puts o in the main column, from the top; in a right-to-left
	// room the columns swap sides.
	mirror := func(o fyne.CanvasObject, x, y, w, h float32) {
		if rtl {
			x = size.Width - x - w
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
	}
	y := pad
	place := func(o fyne.CanvasObject, h float32) {
		if h <= 0 {
			o.Resize(fyne.NewSize(0, 0))
			return
		}
		mirror(o, pad, y, mainW, h)
		y += h + gap
	}
	p.position.textSize = sz(basePosition, k)
	p.heading.textSize = sz(baseHeading, k)
	p.body.textSize = sz(baseBody, k)
	p.question.textSize = sz(baseQuestion, k)
	p.options.textSize = sz(baseOptions, k)
	p.answer.textSize = sz(baseOptions, k)
	p.join.textSize = sz(baseJoin, k)
	p.url.textSize = urlSize
	place(p.position, hPos)
	if hPos > 0 && hHead > 0 {
		y -= gap / 2 // the heading stands close under the line above it
	}
	place(p.heading, hHead)
	place(p.timer, timerH)
	place(p.body, hBody)
	place(p.question, hQuest)
	place(p.options, hOpts)
	place(p.chart, hChart)
	place(p.picture, hPic)
	place(p.answer, hAns)
	if !qrOn {
		// The small join line sits at the foot of the screen.
		mirror(p.join, pad, bottom-footer-hJoin, mainW, hJoin)
		p.joinQR.Resize(fyne.NewSize(0, 0))
	} else {
		// The QR code and the words under it fill the side column, the
		// code shrinking to leave the words room.
		x := size.Width - pad - q
		p.join.textSize = sz(baseJoin, 1)
		hJoin = p.join.heightFor(q, p.join.textSize)
		under := hJoin + gap
		if urlInColumn {
			under += urlH + gap
		}
		top := pad + hPos
		side := max(min(q, bottom-footer-top-under), 0)
		mirror(p.joinQR, x+(q-side)/2, top, side, side)
		mirror(p.join, x, top+side+gap, q, hJoin)
		if urlInColumn {
			mirror(p.url, x, top+side+gap+hJoin+gap, q, urlH)
		}
	}
	if urlH > 0 && !urlInColumn {
		mirror(p.url, pad, bottom-urlH, size.Width-2*pad, urlH)
	}
	if urlH == 0 {
		p.url.Resize(fyne.NewSize(0, 0))
	}
	for _, b := range p.blocks() {
		b.Refresh()
	}
	if p.timer.Visible() {
		p.back.around(size, p.timer.Position(), p.timer.Size(), timerRadius()+1)
	} else {
		p.back.around(size, fyne.Position{}, fyne.Size{}, 0)
	}
}
