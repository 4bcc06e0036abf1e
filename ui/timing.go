package ui

import (
	"math"
	"strings"
	"time"
)

// refreshTime redraws what changes with the clock, on each tick.
func (c *console) refreshTime() {
	if c.snap == nil {
		return
	}
	c.snap = c.model.snapshot()
	c.showTimeOf(c.snap)
	c.agenda.RefreshItem(c.snap.current)
	c.phones.refresh()
}

// showTimeOf draws the timer, the coach and the status line.
func (c *console) showTimeOf(sn *snapshot) {
	w := appWords()
	showTimer(c.timer, sn.timer, w, true)
	c.showCoach(sn)
	switch {
	case sn.isFinished():
		setLabel(c.status, tr("Finished {{.Time}}", "Time", w.Clock(sn.finished)))
	case sn.started.IsZero():
		setLabel(c.status, tr("{{.M}} min planned · would end {{.Time}}", "M", sn.plan.TotalMinutes(), "Time", w.Clock(sn.ends)))
	default:
		left := int((sn.timeLeft + time.Minute - 1) / time.Minute)
		setLabel(c.status, tr("{{.Drift}} · {{.M}} min left · ends {{.Time}}", "Drift", driftText(sn.drift), "M", left, "Time", w.Clock(sn.ends)))
	}
}

// driftText says how far the session is behind or ahead of its plan.
func driftText(d time.Duration) string {
	m := int(math.Round(d.Minutes()))
	switch {
	case m > 0:
		return tr("{{.M}} min behind", "M", m)
	case m < 0:
		return tr("{{.M}} min ahead", "M", -m)
	}
	return tr("on time")
}

// showCoach suggests which exercises to shorten when running behind.
func (c *console) showCoach(sn *snapshot) {
	if len(sn.cuts) == 0 {
		c.coach.Hide()
		return
	}
	parts := make([]string, len(sn.cuts))
	for i, cut := range sn.cuts {
		parts[i] = tr("{{.N}}. {{.Title}} by {{.M}} min", "N", cut.Exercise+1, "Title", sn.plan.Exercises[cut.Exercise].Title, "M", int(cut.By/time.Minute))
	}
	text := closeSentence(tr("To finish on time, shorten {{.Exercises}}.", "Exercises", strings.Join(parts, "; ")))
	if sn.short > 0 {
		text += " " + tr("Even so, {{.M}} min over.", "M", int(sn.short/time.Minute))
	}

	setLabel(c.coach, text)
	c.coach.Show()
}
