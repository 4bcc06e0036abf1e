package ui

import (
	"fmt"
	"strings"

	"runsheet/workshop"
)

// showVotes fills the vote panel and the room-facing question line.
func (c *console) showVotes(sn *snapshot) {
	if sn.votes == nil {
		c.lower.DisableItem(c.votesTab)
		if c.lower.Selected() == c.votesTab {
			c.lower.SelectIndex(1)
		}
		c.question.SetText(roundText(sn.room))
		c.question.Hidden = c.question.Text == ""
		c.question.Refresh()
		return
	}
	c.lower.EnableItem(c.votesTab)
	c.votes.show(sn)
	r := sn.votes.results[sn.votes.active]
	c.question.SetText(questionText(sn.plan.Exercises[sn.current], sn.votes.active, r))
	c.question.Show()
}

// roundText is a discussion round as the console shows it.
func roundText(v workshop.RoomView) string {
	if v.Rounds == 0 {
		return ""
	}
	return fmt.Sprintf("Round %d of %d: %s", v.Round, v.Rounds, v.Prompts[0])
}

// questionText is what the room may see of an item: the question and its
// options, and the results only once revealed.
func questionText(ex workshop.Exercise, item int, r workshop.Result) string {
	q := fmt.Sprintf("%d. %s", item+1, r.Item.Text)
	if !r.Revealed {
		if l := ex.ScaleLabel(); l != "" {
			return q + " — " + l
		}
		return q + " — " + strings.Join(r.Labels, " / ")
	}
	if ex.Kind == workshop.KindScale {
		st := r.Scale()
		return fmt.Sprintf("%s — mean %.1f, median %g of %d ratings", q, st.Mean, st.Median, st.N)
	}
	parts := make([]string, len(r.Labels))
	for i, l := range r.Labels {
		parts[i] = fmt.Sprintf("%s %d (%.0f%%)", l, r.Total[i], r.Percent(i))
	}
	line := q + " — " + strings.Join(parts, " · ")
	if e := r.ExpectedLabel(); e != "" {
		line += " — expected: " + e
	}
	return line
}

func detailText(ex workshop.Exercise) string {
	var b strings.Builder
	switch ex.Kind {
	case workshop.KindVote:
		fmt.Fprintf(&b, "Options: %s\n", strings.Join(ex.Options, " · "))
		for i, it := range ex.Items {
			fmt.Fprintf(&b, "\n%d. %s", i+1, it.Text)
			if it.Expect != "" {
				fmt.Fprintf(&b, "  → %s", it.Expect)
			}
		}
	case workshop.KindScale:
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
	s := fmt.Sprintf("Exercise %d of %d · %s · %d min planned", sn.current+1, len(sn.plan.Exercises), ex.Kind.Title(), ex.Minutes)
	switch r := sn.room; {
	case r.Item >= 0:
		s += fmt.Sprintf(" · item %d of %d", r.Item+1, r.Items)
	case r.Rounds > 0:
		s += fmt.Sprintf(" · round %d of %d", r.Round, r.Rounds)
	}
	return s
}
