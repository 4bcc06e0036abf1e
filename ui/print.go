package ui

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/report"
)

// paperChoice is the paper size picker used by every print dialog: two
// buttons, the chosen one blue and ticked, each ringed when focused
// (Fyne's radio buttons showed their focus at 1.2:1).
func paperChoice() *choice {
	r := newChoice([]string{"A4", tr("US Letter")}, nil)
	r.SetSelected("A4")
	return r
}

// paperPicker starts at the preferred paper.
func (s *Shell) paperPicker() *choice {
	r := paperChoice()
	if s.defaultPaper() == report.Letter {
		r.SetSelected(tr("US Letter"))
	}
	return r
}

func paperOf(r *choice) report.Paper {
	if r.Selected == tr("US Letter") {
		return report.Letter
	}
	return report.A4
}

// missingText says which characters no font could print.
func missingText(rs []rune) string {
	return tr("No font can print these characters, so they are left out: {{.Chars}} ({{.Codes}})", "Chars", string(rs), "Codes", report.CodePoints(rs))
}

// printOptions are the report options for a document made now.
func (s *Shell) printOptions(paper report.Paper, warnings *[]string) report.Options {
	return report.Options{Paper: paper, Created: s.opts.Clock.Now(), Warn: func(rs []rune) { *warnings = append(*warnings, missingText(rs)) }}
}

// saveBytes makes a document in memory first, so that a failure never
// leaves a half-written file, then asks where to save it.
func (s *Shell) saveBytes(name string, exts []string, make func() ([]byte, []string, error)) {
	data, warnings, err := make()
	if err != nil {
		s.showError(tr("Cannot make the document"), err)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(tr("Cannot save the document"), err)
			return
		}
		if w == nil {
			return
		}
		_, werr := w.Write(data)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			s.showError(tr("Cannot save the document"), werr)
		}
	}, s.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if len(warnings) == 0 {
		d.Show()
		return
	}
	// Characters no font can print are said before saving, not after.
	for _, m := range warnings {
		fyne.LogError("printing "+name, fmt.Errorf("%s", m))
	}
	s.confirm(tr("Some characters cannot be printed"), strings.Join(warnings, "\n")+"\n\n"+tr("Save the document without them?"),
		func(ok bool) {
			if ok {
				d.Show()
			}
		})
}

// printPlan asks for the paper (and, for the guide, the start time) and
// saves the participant handout or facilitator guide of a plan.
func (s *Shell) printPlan(plan *workshop.Plan, guide bool) {
	paper := s.paperPicker()
	start := ringedEntry(&ringEntry{Entry: widget.Entry{Text: s.defaultStart()}})
	items := []*widget.FormItem{widget.NewFormItem(tr("Paper"), paper.box)}
	title := tr("Print handout")
	if guide {
		title = tr("Print facilitator guide")
		items = append(items, widget.NewFormItem(tr("Starts at"), start))
	}
	var ask func()
	ask = func() {
		s.askForm(title, tr("Save PDF…"), tr("Cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			if guide {
				// A start time refused brings the form back as typed.
				if _, err := report.ParseStart(start.Text); err != nil {
					s.showErrorThen(title, err, ask)
					return
				}
			}
			s.savePlanDocument(plan, guide, paperOf(paper), start.Text)
		})
	}
	ask()
}

func (s *Shell) savePlanDocument(plan *workshop.Plan, guide bool, paper report.Paper, startText string) {
	file := "handout.pdf"
	if guide {
		file = "facilitator-guide.pdf"
	}
	s.saveBytes(file, []string{".pdf"}, func() ([]byte, []string, error) {
		return s.planDocument(plan, guide, paper, startText)
	})
}

// planDocument makes a plan's handout or guide in memory.
func (s *Shell) planDocument(plan *workshop.Plan, guide bool, paper report.Paper, startText string) ([]byte, []string, error) {
	var buf bytes.Buffer
	var warnings []string
	opts := s.printOptions(paper, &warnings)
	if !guide {
		err := report.Handout(&buf, plan, opts)
		return buf.Bytes(), warnings, err
	}
	start, err := report.ParseStart(startText)
	if err != nil {
		return nil, nil, err
	}
	err = report.Guide(&buf, plan, start, opts)
	return buf.Bytes(), warnings, err
}

// exportDialog offers a session's summary PDF, CSV and JSON. load gives
// the whole session, history included.
func (s *Shell) exportDialog(load func() (*workshop.Session, error)) {
	paper := s.paperPicker()
	var d dialog.Dialog
	pick := func(kind string) func() {
		return func() {
			d.Hide()
			s.exportSessionAs(load, kind, paperOf(paper))
		}
	}
	content := widget.NewForm(
		widget.NewFormItem(tr("Paper"), paper.box),
		widget.NewFormItem("", primaryButton(tr("Summary PDF…"), nil, pick("summary"))),
		widget.NewFormItem("", ringed(&ringButton{Button: widget.Button{Text: tr("CSV of every vote…"), OnTapped: pick("csv")}})),
		widget.NewFormItem("", ringed(&ringButton{Button: widget.Button{Text: tr("CSV for Excel…"), OnTapped: pick("excel")}})),
		widget.NewFormItem("", ringed(&ringButton{Button: widget.Button{Text: tr("Session file (JSON)…"), OnTapped: pick("json")}})),
		widget.NewFormItem("", ringed(&ringButton{Button: widget.Button{Text: tr("Facilitator guide of the agenda as run…"), OnTapped: pick("guide")}})),
	)
	d = newCloseDialog(tr("Export the session"), content, s.win)
	s.keyed(d, d.Hide, d.Hide)
	d.Show()
}

func (s *Shell) exportSessionAs(load func() (*workshop.Session, error), kind string, paper report.Paper) {
	sess, err := load()
	if err != nil {
		s.showError(tr("Cannot export the session"), err)
		return
	}
	id := sess.ID
	names := map[string]string{"summary": "summary", "csv": "votes", "excel": "votes-excel", "json": "session", "guide": "guide"}
	exts := map[string]string{"summary": ".pdf", "csv": ".csv", "excel": ".csv", "json": ".json", "guide": ".pdf"}
	s.saveBytes(id+"-"+names[kind]+exts[kind], []string{exts[kind]}, func() ([]byte, []string, error) {
		return s.sessionDocument(sess, kind, paper)
	})
}

// sessionDocument makes a session's summary, CSV, JSON or guide in memory.
// The guide is of the agenda as run, exercises added on the day included,
// timed from the session's start.
func (s *Shell) sessionDocument(sess *workshop.Session, kind string, paper report.Paper) ([]byte, []string, error) {
	var buf bytes.Buffer
	var warnings []string
	var err error
	switch kind {
	case "summary":
		err = report.Summary(&buf, sess, s.printOptions(paper, &warnings))
	case "csv":
		err = report.CSV(&buf, sess)
	case "excel":
		// The app's language stands for the regional settings of the
		// Excel that opens the file on this computer.
		err = report.ExcelCSV(&buf, sess, appLanguage())
	case "guide":
		start := sess.State.Started
		if start.IsZero() {
			start = sess.Created
		}
		start = start.Local()
		since := time.Duration(start.Hour())*time.Hour + time.Duration(start.Minute())*time.Minute
		err = report.Guide(&buf, sess.State.Plan, since, s.printOptions(paper, &warnings))
	default:
		err = report.WriteJSON(&buf, sess)
	}
	return buf.Bytes(), warnings, err
}

// fixedSession gives a session that no longer changes, such as a finished one.
func fixedSession(sess *workshop.Session) func() (*workshop.Session, error) {
	return func() (*workshop.Session, error) { return sess, nil }
}

// storedSession gives a recorded session as the store holds it now,
// its whole history included.
func (s *Shell) storedSession(id string) func() (*workshop.Session, error) {
	return func() (*workshop.Session, error) { return s.opts.Store.Load(id) }
}
