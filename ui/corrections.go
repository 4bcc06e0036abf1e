package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// corrections is the screen for correcting a finished session: room and
// paper counts, headcounts and notes, as found afterwards — a miscounted
// paper ballot, say. Each change is recorded as a correction with its time;
// the timer and the phones' votes stay as they were.
type corrections struct {
	shell   correctionsHost
	sess    *workshop.Session
	content fyne.CanvasObject
	save    *ringButton
	fields  []*correctionField
	boxes   []*seenEntry // every box, in the order of the page
}

// correctionField is one value that can be corrected, with the event that
// records a new value.
type correctionField struct {
	entry *ringEntry
	was   string
	event func(text string) (workshop.Event, error)
	// many, where set, gives several events instead (paper answers, one
	// a line), and event is not used.
	many func(text string) ([]workshop.Event, error)
}

func newCorrections(s correctionsHost, sess *workshop.Session) *corrections {
	c := &corrections{shell: s, sess: sess}
	c.buildUI()
	return c
}

func (c *corrections) count(n int, event func(int) workshop.Event) fyne.CanvasObject {
	e := newSeenEntry(strconv.Itoa(n), "", false)
	c.boxes = append(c.boxes, e)
	e.Validator = func(s string) error { _, err := parseCount(s); return err }
	c.fields = append(c.fields, &correctionField{entry: &e.ringEntry, was: e.Text, event: func(text string) (workshop.Event, error) {
		v, err := parseCount(text)
		return event(v), err
	}})
	return e
}

func (c *corrections) buildUI() {
	st := c.sess.State
	back := ringed(&ringButton{Button: widget.Button{Text: tr("Back to the results"), Icon: theme.NavigateBackIcon(), OnTapped: func() { c.shell.showResults(c.sess) }}})
	c.save = primaryButton(tr("Save corrections"), theme.DocumentSaveIcon(), c.onSave)
	title := &widget.Label{Text: tr("Correct {{.Session}}", "Session", sessionTitle(c.sess)), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	var items []fyne.CanvasObject
	items = append(items, &widget.Label{Text: tr("Change room and paper counts, headcounts and notes found to be wrong after the session. Each change is recorded as a correction, with its time; the timer and the phones' votes stay as they were."), Wrapping: fyne.TextWrapWord})
	for ei, ex := range st.Plan.Exercises {
		items = append(items, widget.NewSeparator(), &widget.Label{Text: fmt.Sprintf("%d. %s", ei+1, ex.Title), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
		if ex.TakesVotes() {
			ei := ei
			items = append(items, container.NewBorder(nil, nil, widget.NewLabel(tr("Headcount")), nil,
				fixedWidth(100, c.count(st.Votes[ei].Headcount, func(n int) workshop.Event {
					return workshop.Event{Kind: workshop.EventHeadcount, Exercise: ei, Count: n}
				}))))
			for ii, it := range ex.Items {
				iv := &st.Votes[ei].Items[ii]
				grid := container.NewGridWithColumns(3, bold(tr("Option")), bold(tr("Room")), bold(tr("Paper")))
				for oi, label := range ex.OptionLabels() {
					ii, oi := ii, oi
					grid.Add(widget.NewLabel(label))
					grid.Add(c.count(iv.Room[oi], func(n int) workshop.Event {
						return workshop.Event{Kind: workshop.EventTally, Exercise: ei, Item: ii, Option: oi, Source: workshop.SourceRoom, Count: n}
					}))
					grid.Add(c.count(iv.Paper[oi], func(n int) workshop.Event {
						return workshop.Event{Kind: workshop.EventTally, Exercise: ei, Item: ii, Option: oi, Source: workshop.SourcePaper, Count: n}
					}))
				}
				items = append(items, &widget.Label{Text: fmt.Sprintf("%d. %s", ii+1, it.Text), Wrapping: fyne.TextWrapWord}, grid)
			}
		}
		if ex.TakesAnswers() {
			// Answers written on paper, typed in after the session.
			ei, limit := ei, ex.AnswerRunes()
			paper := newSeenEntry("", tr("Paper answers, one per line"), true)
			c.boxes = append(c.boxes, paper)
			c.fields = append(c.fields, &correctionField{entry: &paper.ringEntry, many: func(text string) ([]workshop.Event, error) {
				var out []workshop.Event
				for i, l := range lines(text) {
					// Never cut: a line too long is said, to be shortened.
					if n := workshop.AnswerLength(l); n > limit {
						return nil, errors.New(tr("entry {{.N}} is {{.Length}} characters long; keep it to {{.Max}}", "N", i+1, "Length", n, "Max", limit))
					}
					if a := workshop.CleanAnswer(l, limit); a != "" {
						out = append(out, workshop.Event{Kind: workshop.EventAnswer, Exercise: ei, Source: workshop.SourcePaper, Text: a})
					}
				}
				return out, nil
			}})
			items = append(items, widget.NewLabel(tr("{{.N}} answers, {{.Hidden}} hidden.", "N", len(st.Answers[ei].List), "Hidden", len(st.Answers[ei].List)-len(st.Answers[ei].Shown()))), paper)
		}
		notes := newSeenEntry(st.Notes[ei], tr("Notes"), true)
		c.boxes = append(c.boxes, notes)
		ei := ei
		c.fields = append(c.fields, &correctionField{entry: &notes.ringEntry, was: notes.Text, event: func(text string) (workshop.Event, error) {
			return workshop.Event{Kind: workshop.EventNoteEdited, Exercise: ei, Text: text}, nil
		}})
		items = append(items, notes)
	}
	header := container.NewBorder(nil, nil, back, c.save, title)
	top := container.NewPadded(header)
	body := container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
	for _, b := range c.boxes {
		b.page = body
	}
	content := container.NewBorder(top, nil, nil, nil, body)
	// Tab walks the objects in their order, and a border puts its edges
	// after its centre: the header comes first, as it reads.
	content.Objects = []fyne.CanvasObject{top, body}
	c.content = content
}

func bold(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}
}

// onSave records every changed value as a correction, once all are valid,
// and shows the corrected results.
func (c *corrections) onSave() {
	var events []workshop.Event
	var problems []string
	for _, f := range c.fields {
		if f.entry.Text == f.was {
			continue
		}
		if f.many != nil {
			many, err := f.many(f.entry.Text)
			if err != nil {
				problems = append(problems, tr("Paper answers: {{.Problem}}", "Problem", err))
				continue
			}
			for _, e := range many {
				e.Correction = true
				events = append(events, e)
			}
			continue
		}
		e, err := f.event(f.entry.Text)
		if err != nil {
			problems = append(problems, tr("{{.Text}} is not {{.Problem}}", "Text", strconv.Quote(f.entry.Text), "Problem", err))
			continue
		}
		e.Correction = true
		events = append(events, e)
	}
	if len(problems) > 0 {
		c.shell.showError(tr("Nothing was saved"), errors.New(strings.Join(problems, "; ")))
		return
	}
	rec := workshop.NewRecorder(c.sess, c.shell.sessions())
	for _, e := range events {
		e.At = c.shell.now()
		if err := rec.Record(e); err != nil {
			c.shell.showError(tr("Cannot save the correction"), err)
			return
		}
	}
	sess, err := c.shell.sessions().Load(c.sess.ID)
	if err != nil {
		c.shell.showError(tr("Cannot read the corrected session"), err)
		return
	}
	c.shell.showResults(sess)
}
