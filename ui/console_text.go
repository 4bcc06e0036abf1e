package ui

import (
	"fmt"
	"strings"

	"runsheet/workshop"
)

// showVotes fills the vote panel and the room-facing question line.
func (c *console) showVotes(sn *snapshot) {
	if sn.answers == nil {
		c.lower.DisableItem(c.answersTab)
		if c.lower.Selected() == c.answersTab {
			c.lower.SelectIndex(2)
		}
	} else {
		c.lower.EnableItem(c.answersTab)
		c.answers.show(sn)
	}
	if sn.votes == nil {
		c.lower.DisableItem(c.votesTab)
		if c.lower.Selected() == c.votesTab {
			c.lower.SelectIndex(2)
		}
		c.question.SetText(roundText(sn.room))
		c.question.Hidden = c.question.Text == ""
		c.question.Refresh()
		return
	}
	c.lower.EnableItem(c.votesTab)
	c.votes.show(sn)
	r := sn.votes.results[sn.votes.active]
	setLabel(c.question, questionText(sn.plan.Exercises[sn.current], sn.votes.active, r))
	c.question.Show()
}

// roundText is a discussion round as the console shows it.
func roundText(v workshop.RoomView) string {
	if v.Rounds == 0 {
		return ""
	}
	return tr("Round {{.Round}} of {{.Rounds}}: {{.Prompt}}", "Round", v.Round, "Rounds", v.Rounds, "Prompt", v.Prompts[0])
}

// questionText is what the room may see of an item: the question and its
// options, and the results only once revealed.
func questionText(ex workshop.Exercise, item int, r workshop.Result) string {
	q := fmt.Sprintf("%d. %s", item+1, isolated(r.Item.Text))
	if ex.Takes(workshop.FieldAxes) {
		// A grid item: where the room places it so far, across and up.
		g := r.Grid()
		w := appWords()
		if g.N == 0 {
			// Means of nothing are no place on the grid.
			return q + " — " + w.Say("room.no_ratings")
		}
		return q + " — " + tr("across {{.X}}, up {{.Y}} ({{.Ratings}})", "X", w.Mean(g.X), "Y", w.Mean(g.Y), "Ratings", w.Count("room.ratings", g.N))
	}
	if !r.Revealed {
		if l := ex.ScaleLabel(); l != "" {
			return q + " — " + l
		}
		return q + " — " + strings.Join(r.Labels, " / ")
	}
	if r.IsScale {
		st := r.Scale()
		w := appWords()
		return q + " — " + trn("scale_summary", st.N, "Mean", w.Mean(st.Mean), "Median", w.Number(st.Median, medianPlaces(st.Median)))
	}
	parts := make([]string, len(r.Labels))
	for i, l := range r.Labels {
		parts[i] = fmt.Sprintf("%s %d (%s)", isolated(l), r.Total[i], appWords().Percent(r.Percent(i)))
	}
	line := q + " — " + strings.Join(parts, " · ")
	if e := r.ExpectedLabel(); e != "" {
		line += " — " + tr("expected: {{.Answer}}", "Answer", e)
	}
	return line
}

func detailText(ex workshop.Exercise) string {
	var b strings.Builder
	switch {
	case ex.Takes(workshop.FieldOptions):
		b.WriteString(tr("Options: {{.Options}}", "Options", strings.Join(ex.Options, " · ")) + "\n")
		for i, it := range ex.Items {
			fmt.Fprintf(&b, "\n%d. %s", i+1, it.Text)
			if it.Expect != "" {
				fmt.Fprintf(&b, "  → %s", it.Expect)
			}
		}
	case ex.Takes(workshop.FieldItems):
		if l := ex.ScaleLabel(); l != "" {
			b.WriteString(l + "\n")
		}
		for i, it := range ex.Items {
			fmt.Fprintf(&b, "\n%d. %s", i+1, it.Text)
		}
	}
	for i, p := range ex.Prompts {
		if i > 0 || b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if len(ex.Prompts) == 1 {
			b.WriteString(p) // one prompt: no number
			continue
		}
		fmt.Fprintf(&b, "%d. %s", i+1, p)
	}
	return b.String()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// positionText says where the walk is: the exercise, and the item or
// round inside it.
func positionText(sn *snapshot) string {
	ex := sn.plan.Exercises[sn.current]
	s := tr("Exercise {{.N}} of {{.Of}} · {{.Kind}} · {{.M}} min planned", "N", sn.current+1, "Of", len(sn.plan.Exercises), "Kind", kindName(ex.Kind), "M", ex.Minutes)
	switch r := sn.room; {
	case r.Item >= 0:
		s += " · " + tr("item {{.N}} of {{.Of}}", "N", r.Item+1, "Of", r.Items)
	case r.Rounds > 0:
		s += " · " + tr("round {{.N}} of {{.Of}}", "N", r.Round, "Of", r.Rounds)
	}

	return s
}
