package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// compare shows sessions of one plan side by side, item by item: the
// plan's own exercises, wherever exercises added on the day put them in
// each session's agenda.
type compare struct {
	shell    libraryNav
	sessions []*workshop.Session
	content  fyne.CanvasObject
}

func newCompare(s libraryNav, sessions []*workshop.Session) *compare {
	c := &compare{shell: s, sessions: sessions}
	c.buildUI()
	return c
}

func (c *compare) buildUI() {
	back := ringed(&ringButton{Button: widget.Button{Text: tr("Library"), Icon: theme.NavigateBackIcon(), OnTapped: c.shell.showLibrary}})
	plan := c.sessions[0].Plan
	title := &widget.Label{Text: trn("comparing_sessions", len(c.sessions), "Plan", plan.Title), TextStyle: fyne.TextStyle{Bold: true}}
	var items []fyne.CanvasObject
	for ei, ex := range plan.Exercises {
		if ex.TakesAnswers() {
			items = append(items, &widget.Label{Text: fmt.Sprintf("%d. %s", ei+1, ex.Title), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
			items = append(items, c.answers(ei), widget.NewSeparator())
			continue
		}
		if !ex.TakesVotes() {
			continue
		}
		items = append(items, &widget.Label{Text: fmt.Sprintf("%d. %s", ei+1, ex.Title), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
		for ii := range ex.Items {
			rows := c.table(ei, ii)
			first := c.sessions[0].State
			items = append(items, &widget.Label{Text: itemHeading(ii, first.Result(first.AgendaIndex(ei), ii)), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
			grid := container.NewGridWithColumns(len(c.sessions) + 1)
			for ri, row := range rows {
				for _, cell := range row {
					grid.Add(&widget.Label{Text: cell, TextStyle: fyne.TextStyle{Bold: ri == 0}, Truncation: fyne.TextTruncateEllipsis})
				}
			}
			items = append(items, grid, widget.NewSeparator())
		}
	}
	c.content = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, back, nil, title)), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(items...))))
}

// table lays out one item of the plan's exercise ei: a header of groups, a
// row per option with count and share, the total, and for scales the mean.
func (c *compare) table(ei, ii int) [][]string {
	ex := c.sessions[0].Plan.Exercises[ei]
	header := []string{tr("Option")}
	results := make([]workshop.Result, len(c.sessions))
	for si, s := range c.sessions {
		header = append(header, groupName(s.Group))
		results[si] = s.State.Result(s.State.AgendaIndex(ei), ii)
	}
	rows := [][]string{header}
	if ex.Takes(workshop.FieldAxes) {
		// A grid compares where each room placed the item.
		across, up, n := []string{tr("Across")}, []string{tr("Up")}, []string{tr("Votes")}
		for _, r := range results {
			g := r.Grid()
			across, up, n = append(across, appWords().Mean(g.X)), append(up, appWords().Mean(g.Y)), append(n, fmt.Sprint(g.N))
		}
		return append(rows, across, up, n)
	}
	for oi, label := range results[0].Labels {
		row := []string{label}
		for _, r := range results {
			row = append(row, fmt.Sprintf("%d (%s)", r.Total[oi], appWords().Percent(r.Percent(oi))))
		}
		rows = append(rows, row)
	}
	total := []string{tr("Votes")}
	for _, r := range results {
		total = append(total, fmt.Sprint(r.Votes))
	}
	rows = append(rows, total)
	if ex.Def().Rating {
		mean := []string{tr("Mean")}
		for _, r := range results {
			mean = append(mean, appWords().Mean(r.Scale().Mean))
		}
		rows = append(rows, mean)
	}
	return rows
}

// compareWords and compareAnswers are how many of an open question's
// frequent words, and of its answers, each session's column lists.
const (
	compareWords   = 8
	compareAnswers = 30
)

// answers lays out the plan's open exercise ei, a column a session: how
// many answers it got and how many were hidden, its frequent words, and
// the answers its room may see, each whole.
func (c *compare) answers(ei int) fyne.CanvasObject {
	cols := container.NewGridWithColumns(len(c.sessions))
	for _, col := range c.answerColumns(ei) {
		box := container.NewVBox()
		for i, text := range col {
			box.Add(&widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: i == 0}, Wrapping: fyne.TextWrapWord})
		}
		cols.Add(box)
	}
	return cols
}

// answerColumns is the text of each session's column for the plan's open
// exercise ei: the group, the count of answers and hidden ones, the
// frequent words (the room's common words left out, in the room's
// language), then the answers the room may see.
func (c *compare) answerColumns(ei int) [][]string {
	var out [][]string
	for _, s := range c.sessions {
		a := &s.State.Answers[s.State.AgendaIndex(ei)]
		shown := a.Shown()
		col := []string{groupName(s.Group), tr("{{.N}} answers, {{.Hidden}} hidden.", "N", len(a.List), "Hidden", len(a.List)-len(shown))}
		cloud := workshop.Words(shown, workshop.CommonWords(s.State.Language))
		if len(cloud) > compareWords {
			cloud = cloud[:compareWords]
		}
		if len(cloud) > 0 {
			ws := make([]string, len(cloud))
			for i, w := range cloud {
				ws[i] = fmt.Sprintf("%s (%d)", w.Word, w.Count)
			}
			col = append(col, tr("Frequent words")+": "+strings.Join(ws, ", "))
		}
		for i, text := range shown {
			if i == compareAnswers {
				col = append(col, trn("more_answers_listed", len(shown)-i))
				break
			}
			col = append(col, "• "+text)
		}
		out = append(out, col)
	}
	return out
}
