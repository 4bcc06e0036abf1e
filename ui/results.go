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
	shell   resultsHost
	sess    *workshop.Session
	content fyne.CanvasObject
	page    *keyScroll
}

func newResults(s resultsHost, sess *workshop.Session) *results {
	r := &results{shell: s, sess: sess}
	r.buildUI()
	return r
}

func (r *results) buildUI() {
	sess := r.sess
	st := sess.State
	back := ringed(&ringButton{Button: widget.Button{Text: tr("Library"), Icon: theme.NavigateBackIcon(), OnTapped: r.shell.showLibrary}})
	export := ringed(&ringButton{Button: widget.Button{Text: tr("Print & export…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { r.shell.exportDialog(fixedSession(sess)) }}})
	title := &widget.Label{Text: sessionTitle(sess), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	correct := ringed(&ringButton{Button: widget.Button{Text: tr("Correct counts…"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { r.shell.showCorrections(sess) }}})
	header := container.NewBorder(nil, nil, back, container.NewHBox(correct, export), title)

	items := []fyne.CanvasObject{}
	add := func(o fyne.CanvasObject) { items = append(items, o) }
	para := func(s string, style fyne.TextStyle, size fyne.ThemeSizeName) {
		add(&widget.Label{Text: s, TextStyle: style, SizeName: size, Wrapping: fyne.TextWrapWord})
	}
	para(overviewText(sess), fyne.TextStyle{}, "")
	if len(sess.Sources) > 0 {
		para(tr("Merged from:")+"\n"+strings.Join(sess.Sources, "\n"), fyne.TextStyle{Italic: true}, "")
	}
	if !st.Corrected.IsZero() {
		para(tr("Counts corrected after the session on {{.When}}.", "When", appWords().DateAt(st.Corrected.Local())), fyne.TextStyle{Italic: true}, "")
	}
	if p := st.Profile(); p.Votes > 0 {
		para(tr("Profile"), fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
		para(profileText(p), fyne.TextStyle{}, "")
	}
	for ei, ex := range st.Plan.Exercises {
		add(widget.NewSeparator())
		c := &st.Clocks[ei]
		kind := kindName(ex.Kind)
		if ex.Added {
			kind = tr("{{.Kind}}, added on the day", "Kind", kind)
		}
		para(fmt.Sprintf("%d. %s (%s)", ei+1, ex.Title, kind), fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)
		if c.Ran() {
			para(tr("Planned {{.M}} min · actual {{.Actual}}", "M", ex.Minutes, "Actual", appWords().Duration(c.Taken()))+overUnder(c.Taken(), c.Planned), fyne.TextStyle{}, "")
		} else {
			para(tr("Planned {{.M}} min · skipped", "M", ex.Minutes), fyne.TextStyle{}, "")
		}
		if ex.TakesVotes() {
			if h := st.Votes[ei].Headcount; h > 0 {
				para(tr("Headcount: {{.N}}", "N", h), fyne.TextStyle{}, "")
			}
			for ii := range ex.Items {
				res := st.Result(ei, ii)
				para(itemHeading(ii, res), fyne.TextStyle{Bold: true}, "")
				if res.Votes == 0 {
					para(tr("No votes."), fyne.TextStyle{Italic: true}, "")
					continue
				}
				if ex.Takes(workshop.FieldAxes) {
					// A grid item: where the room placed it, not 25 bars.
					g := res.Grid()
					para(tr("across {{.X}}, up {{.Y}} ({{.Ratings}})", "X", appWords().Mean(g.X), "Y", appWords().Mean(g.Y), "Ratings", appWords().Count("room.ratings", g.N)), fyne.TextStyle{}, "")
					continue
				}
				chart := NewBarChart()
				chart.SetResult(res)
				add(container.NewGridWrap(fyne.NewSize(620, float32(len(res.Labels)+1)*34), chart))
				para(describeResult(res), fyne.TextStyle{}, "")
				if w := countWarning(res, st.Phones.Locked); w != "" {
					add(&widget.Label{Text: w + ".", TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
				}
			}
		}
		if ex.TakesAnswers() {
			// Every answer, the hidden ones marked.
			for ai, a := range st.Answers[ei].List {
				line := fmt.Sprintf("%d. %s", ai+1, a.Text)
				if a.Hidden {
					line += "  (" + tr("hidden from the room") + ")"
				}
				if a.Source == workshop.SourcePaper {
					line += "  · " + tr("paper")
				}
				para(line, fyne.TextStyle{}, "")
			}
		}
		if n := strings.TrimSpace(st.Notes[ei]); n != "" {
			para(tr("Notes: {{.Notes}}", "Notes", n), fyne.TextStyle{Italic: true}, "")
		}
	}
	// The results are text: the page itself takes the focus, so that the
	// keyboard scrolls through them.
	r.page = newKeyScroll(container.NewPadded(container.NewVBox(items...)))
	top := container.NewPadded(header)
	body := r.page.withRing()
	content := container.NewBorder(top, nil, nil, nil, body)
	// Tab walks the objects in their order, and a border puts its edges
	// after its centre: the header comes first, as it reads.
	content.Objects = []fyne.CanvasObject{top, body}
	r.content = content
}

func sessionTitle(sess *workshop.Session) string {
	t := isolated(sess.Plan.Title)
	if sess.Group != "" {
		t += " — " + isolated(sess.Group)
	}
	return t + " · " + appWords().Day(sess.Created.Local())
}

func overviewText(sess *workshop.Session) string {
	st := sess.State
	var spent time.Duration
	for i := range st.Clocks {
		spent += st.Clocks[i].Taken()
	}
	planned := time.Duration(sess.Plan.TotalMinutes()) * time.Minute
	w := appWords()
	s := tr("Planned {{.M}} min", "M", sess.Plan.TotalMinutes())
	if added := st.Plan.AddedMinutes(); added > 0 {
		s += " " + tr("(+{{.M}} min added on the day)", "M", added)
	}
	s += " · " + tr("actual {{.Actual}}", "Actual", w.Duration(spent)) + overUnder(spent, planned)
	if began := st.Began(); !began.IsZero() {
		// An unfinished session shown here (one imported) ran until its
		// last event.
		end := st.Finished
		if end.IsZero() && len(sess.Events) > 0 {
			end = sess.Events[len(sess.Events)-1].At
		}
		s += " · " + tr("ran {{.From}}–{{.To}}", "From", w.Clock(began.Local()), "To", w.Clock(end.Local()))
	}
	if sess.Facilitator != "" {
		s += " · " + tr("facilitator {{.Name}}", "Name", sess.Facilitator)
	}
	return s
}

// overUnder says how far actual time was from plan.
func overUnder(actual, planned time.Duration) string {
	return " (" + appWords().OverUnder(actual-planned) + ")"
}

func itemHeading(i int, r workshop.Result) string {
	s := fmt.Sprintf("%d. %s", i+1, r.Item.Text)
	if e := r.ExpectedLabel(); e != "" {
		s += " — " + tr("expected: {{.Answer}}", "Answer", e)
	}
	return s
}

// describeResult gives an item's votes by where they came from, and a
// scale's statistics.
func describeResult(r workshop.Result) string {
	room, paper, phone := r.BySource()
	s := tr("{{.Votes}}: room {{.Room}}, paper {{.Paper}}, phones {{.Phones}}", "Votes", trn("n_votes", r.Votes), "Room", room, "Paper", paper, "Phones", phone)
	if r.Headcount > 0 {
		s += "; " + tr("no vote {{.N}}", "N", r.NoVote)
	}
	if st := r.Scale(); r.IsScale && st.N > 0 {
		w := appWords()
		s += ". " + tr("Mean {{.Mean}}, median {{.Median}}; ratings 1–5: {{.Ratings}}", "Mean", w.Mean(st.Mean), "Median", w.Number(st.Median, medianPlaces(st.Median)),
			"Ratings", fmt.Sprintf("%d, %d, %d, %d, %d", st.Dist[0], st.Dist[1], st.Dist[2], st.Dist[3], st.Dist[4]))
	}
	return s + "."
}

// countWarning says when an item has more votes than people counted, and
// above all when the phones alone outnumber them: then, while the room is
// locked, locking it again would not help.
func countWarning(r workshop.Result, locked bool) string {
	if r.PhonesOvercounted() {
		_, _, phones := r.BySource()
		if locked {
			return tr("More phone ballots ({{.Phones}}) than {{.People}} — the room is locked: remove phones that are not in it", "Phones", phones, "People", trn("n_people", r.Headcount))
		}
		return tr("More phone ballots ({{.Phones}}) than {{.People}} — lock the room, or remove phones that are not in it", "Phones", phones, "People", trn("n_people", r.Headcount))
	}
	if !r.Overcounted() {
		return ""
	}
	return tr("{{.Votes}} but {{.People}} — check the counts", "Votes", trn("n_votes", r.Votes), "People", trn("n_people", r.Headcount))
}

func profileText(p workshop.Profile) string {
	w := appWords()
	var lines []string
	for _, sd := range p.Sides {
		line := sd.Option + ": " + trn("n_votes", sd.Votes) + " (" + w.Percent(sd.Share) + ")"
		if sd.Expected > 0 {
			line += " · " + tr("on {{.Option}} items, {{.Share}} chose {{.Option}}", "Option", sd.Option, "Share", w.Percent(sd.MatchShare))
		}
		lines = append(lines, line)
	}
	return trn("over_sorting_items", p.Items) + "\n" + strings.Join(lines, "\n")
}
