package ui

import (
	"fmt"
	"strings"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/words"
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
	showTimer(c.timer, sn.timer, words.For(words.English), true)
	c.showCoach(sn)
	switch {
	case sn.isFinished():
		c.status.SetText(fmt.Sprintf("Finished %s", workshop.ClockText(sn.finished)))
	case sn.started.IsZero():
		c.status.SetText(fmt.Sprintf("%d min planned · would end %s", sn.plan.TotalMinutes(), workshop.ClockText(sn.ends)))
	default:
		left := int((sn.timeLeft + time.Minute - 1) / time.Minute)
		c.status.SetText(fmt.Sprintf("%s · %d min left · ends %s", workshop.FormatDrift(sn.drift), left, workshop.ClockText(sn.ends)))
	}
}

// showCoach suggests which exercises to shorten when running behind.
func (c *console) showCoach(sn *snapshot) {
	if len(sn.cuts) == 0 {
		c.coach.Hide()
		return
	}
	parts := make([]string, len(sn.cuts))
	for i, cut := range sn.cuts {
		parts[i] = fmt.Sprintf("%d. %s by %d min", cut.Exercise+1, sn.plan.Exercises[cut.Exercise].Title, int(cut.By/time.Minute))
	}
	text := "To finish on time, shorten " + strings.Join(parts, "; ") + "."
	if sn.short > 0 {
		text += fmt.Sprintf(" Even so, %d min over.", int(sn.short/time.Minute))
	}
	c.coach.SetText(text)
	c.coach.Show()
}
