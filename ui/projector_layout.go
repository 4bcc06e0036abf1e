package ui

import "fyne.io/fyne/v2"

// projectorLayout places the room's view so that it fits any window from
// 800×600 to 4K: the type scales with the window, shrinking further when a
// view holds a lot (twelve options, long questions), the timer takes the
// height that is left and stays the largest thing on screen, and the QR
// code shrinks before anything else is cut.
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

func (l *projectorLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	// Never more than the smallest projector: the window must not grow.
	return fyne.NewSize(320, 240)
}

func (l *projectorLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	v := p.room
	u := min(size.Width/1366, size.Height/768)
	pad := max(8, 18*u)
	gap := pad * 0.6
	qrOn := !p.joinQR.Hidden
	q := float32(0)
	if qrOn {
		q = min(size.Width*0.24, size.Height*0.42)
	}
	mainW := size.Width - 2*pad
	if qrOn {
		mainW -= q + pad
	}
	minTimer := size.Height * 0.2
	chartRows := 0
	if v.Result != nil && !v.Private {
		chartRows = len(v.Result.Labels) + 1
	}

	var k float32
	var hPos, hHead, hBody, hQuest, hOpts, hChart, hAns, hJoin float32
	heights := func(k float32) float32 {
		hPos = p.position.heightFor(mainW, basePosition*u*k)
		hHead = p.heading.heightFor(mainW, baseHeading*u*k)
		hBody = p.body.heightFor(mainW, baseBody*u*k)
		hQuest = p.question.heightFor(mainW, baseQuestion*u*k)
		hOpts = p.options.heightFor(mainW, baseOptions*u*k)
		hChart = float32(chartRows) * baseOptions * u * k * 1.9
		hAns = p.answer.heightFor(mainW, baseOptions*u*k)
		hJoin = 0
		if !qrOn {
			hJoin = p.join.heightFor(mainW, baseJoin*u*k)
		}
		total := 2*pad + hPos + hHead
		for _, h := range []float32{hBody, hQuest, hOpts, hChart, hAns, hJoin} {
			if h > 0 {
				total += gap + h
			}
		}
		return total
	}
	for k = 1; k > 0.3; k *= 0.92 {
		if heights(k)+gap+minTimer <= size.Height {
			break
		}
	}
	k = max(k, 0.3)
	rest := size.Height - heights(k) - gap
	timerH := min(max(rest, minTimer), size.Height*0.5)
	// What still does not fit at the smallest type is cut, in this order.
	over := heights(k) + gap + timerH - size.Height
	for _, b := range []struct {
		blk *textBlock
		h   *float32
	}{{p.body, &hBody}, {p.question, &hQuest}, {p.heading, &hHead}} {
		b.blk.maxLines = 0
		if over <= 0 || *b.h == 0 {
			continue
		}
		lh := b.blk.lineHeight(b.blk.textSize)
		keep := max(1, int((*b.h-over)/lh))
		cut := *b.h - float32(keep)*lh
		b.blk.maxLines = keep
		*b.h -= cut
		over -= cut
	}

	y := pad
	place := func(o fyne.CanvasObject, h float32) {
		if h <= 0 {
			o.Resize(fyne.NewSize(0, 0))
			return
		}
		o.Move(fyne.NewPos(pad, y))
		o.Resize(fyne.NewSize(mainW, h))
		y += h + gap
	}
	setSize := func(b *textBlock, base float32) { b.textSize = base * u * k }
	setSize(p.position, basePosition)
	setSize(p.heading, baseHeading)
	setSize(p.body, baseBody)
	setSize(p.question, baseQuestion)
	setSize(p.options, baseOptions)
	setSize(p.answer, baseOptions)
	setSize(p.join, baseJoin)
	place(p.position, hPos)
	place(p.heading, hHead)
	place(p.timer, timerH)
	place(p.body, hBody)
	place(p.question, hQuest)
	place(p.options, hOpts)
	place(p.chart, hChart)
	place(p.answer, hAns)
	if !qrOn {
		// The small join line sits at the foot of the screen.
		p.join.Move(fyne.NewPos(pad, size.Height-pad-hJoin))
		p.join.Resize(fyne.NewSize(mainW, hJoin))
		p.joinQR.Resize(fyne.NewSize(0, 0))
	} else {
		// The QR code and the address under it fill the right-hand column,
		// the code shrinking to leave the address room.
		x := size.Width - pad - q
		p.join.textSize = baseJoin * u
		hJoin = p.join.heightFor(q, p.join.textSize)
		side := min(q, size.Height-2*pad-hJoin-gap)
		top := pad + hPos
		p.joinQR.Move(fyne.NewPos(x+(q-side)/2, top))
		p.joinQR.Resize(fyne.NewSize(side, side))
		p.join.Move(fyne.NewPos(x, top+side+gap))
		p.join.Resize(fyne.NewSize(q, hJoin))
	}
	for _, b := range []*textBlock{p.position, p.heading, p.body, p.question, p.options, p.answer, p.join} {
		b.Refresh()
	}
}
