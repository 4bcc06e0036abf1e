package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// results shows a finished session, read-only: time per exercise, every
// vote with its chart and split by source, scale statistics, the group's
// profile and the notes.
type results struct {
	shell   *Shell
	sess    *workshop.Session
	content fyne.CanvasObject
}

func newResults(s *Shell, sess *workshop.Session) *results {
	r := &results{shell: s, sess: sess}
	r.buildUI()
	return r
}

func (r *results) buildUI() {
	sess := r.sess
	st := sess.State
	back := &widget.Button{Text: "Library", Icon: theme.NavigateBackIcon(), OnTapped: r.shell.showLibrary}
	export := &widget.Button{Text: "Print & export…", Icon: theme.DocumentPrintIcon(), OnTapped: func() { r.shell.exportDialog(fixedSession(sess)) }}
	title := &widget.Label{Text: sessionTitle(sess), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	correct := &widget.Button{Text: "Correct counts…", Icon: theme.DocumentCreateIcon(), OnTapped: func() { r.shell.showCorrections(sess) }}
	header := container.NewBorder(nil, nil, back, container.NewHBox(correct, export), title)

	items := []fyne.CanvasObject{}
	add := func(o fyne.CanvasObject) { items = append(items, o) }
	para := func(s string, style fyne.TextStyle, size fyne.ThemeSizeName) {
		add(&widget.Label{Text: s, TextStyle: style, SizeName: size, Wrapping: fyne.TextWrapWord})
	}
	para(overviewText(sess), fyne.TextStyle{}, "")
	if len(sess.Sources) > 0 {
		para("Merged from:\n"+strings.Join(sess.Sources, "\n"), fyne.TextStyle{Italic: true}, "")
	}
	if !st.Corrected.IsZero() {
		para("Counts corrected after the session on "+st.Corrected.Local().Format("2 January 2006 at 15:04")+".", fyne.TextStyle{Italic: true}, "")
	}
	if p := st.Profile(); p.Votes > 0 {
		para("Profile", fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
		para(profileText(p), fyne.TextStyle{}, "")
	}
	for ei, ex := range st.Plan.Exercises {
		add(widget.NewSeparator())
		c := &st.Clocks[ei]
		para(fmt.Sprintf("%d. %s (%s)", ei+1, ex.Title, ex.KindText()), fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
		if c.Started() {
			para(fmt.Sprintf("Planned %d min · actual %s%s", ex.Minutes, workshop.FormatDuration(c.Spent), overUnder(c.Spent, c.Planned)), fyne.TextStyle{}, "")
		} else {
			para(fmt.Sprintf("Planned %d min · skipped", ex.Minutes), fyne.TextStyle{}, "")
		}
		if ex.TakesVotes() {
			if h := st.Votes[ei].Headcount; h > 0 {
				para(fmt.Sprintf("Headcount: %d", h), fyne.TextStyle{}, "")
			}
			for ii := range ex.Items {
				res := st.Result(ei, ii)
				para(itemHeading(ii, res), fyne.TextStyle{Bold: true}, "")
				if res.Votes == 0 {
					para("No votes.", fyne.TextStyle{Italic: true}, "")
					continue
				}
				chart := NewBarChart()
				chart.SetResult(res)
				add(container.NewGridWrap(fyne.NewSize(620, float32(len(res.Labels)+1)*34), chart))
				para(res.Describe(), fyne.TextStyle{}, "")
				if w := res.CountWarning(); w != "" {
					add(&widget.Label{Text: w + ".", TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
				}
			}
		}
		if n := strings.TrimSpace(st.Notes[ei]); n != "" {
			para("Notes: "+n, fyne.TextStyle{Italic: true}, "")
		}
	}
	r.content = container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(items...))))
}

func sessionTitle(sess *workshop.Session) string {
	t := sess.Plan.Title
	if sess.Group != "" {
		t += " — " + sess.Group
	}
	return t + " · " + sess.Created.Local().Format("2 Jan 2006")
}

func overviewText(sess *workshop.Session) string {
	st := sess.State
	var spent time.Duration
	for i := range st.Clocks {
		spent += st.Clocks[i].Spent
	}
	planned := time.Duration(sess.Plan.TotalMinutes()) * time.Minute
	s := fmt.Sprintf("Planned %d min", sess.Plan.TotalMinutes())
	if added := st.Plan.AddedMinutes(); added > 0 {
		s += fmt.Sprintf(" (+%d min added on the day)", added)
	}
	s += fmt.Sprintf(" · actual %s%s", workshop.FormatDuration(spent), overUnder(spent, planned))
	if !st.Started.IsZero() {
		s += fmt.Sprintf(" · ran %s–%s", workshop.ClockText(st.Started.Local()), workshop.ClockText(st.Finished.Local()))
	}
	if sess.Facilitator != "" {
		s += " · facilitator " + sess.Facilitator
	}
	return s
}

// overUnder says how far actual time was from plan, in the domain's words.
func overUnder(actual, planned time.Duration) string {
	return " (" + workshop.FormatOverUnder(actual-planned) + ")"
}

func itemHeading(i int, r workshop.Result) string {
	s := fmt.Sprintf("%d. %s", i+1, r.Item.Text)
	if e := r.ExpectedLabel(); e != "" {
		s += " — expected: " + e
	}
	return s
}

func profileText(p workshop.Profile) string {
	var lines []string
	for _, sd := range p.Sides {
		line := fmt.Sprintf("%s: %d votes (%.0f%%)", sd.Option, sd.Votes, sd.Share)
		if sd.Expected > 0 {
			line += fmt.Sprintf(" · on %s items, %.0f%% chose %s", sd.Option, sd.MatchShare, sd.Option)
		}
		lines = append(lines, line)
	}
	return fmt.Sprintf("Over %d sorting items:\n%s", p.Items, strings.Join(lines, "\n"))
}
