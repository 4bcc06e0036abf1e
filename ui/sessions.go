package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/report"
	"runsheet/workshop/store"
)

// sessionList is the library's list of recorded sessions: open one, compare
// or merge several, export and import.
type sessionList struct {
	shell   sessionsHost
	content fyne.CanvasObject

	summaries []store.Summary
	checked   map[string]bool
	selected  int

	list     *tickList
	empty    *widget.Label
	open     *ringButton
	compare  *ringButton
	merge    *ringButton
	export   *ringButton
	importer *ringButton
	aside    *ringButton
}

func newSessionList(s sessionsHost) *sessionList {
	l := &sessionList{shell: s, checked: map[string]bool{}, selected: -1}
	l.buildUI()
	return l
}

func (l *sessionList) buildUI() {
	l.list = &tickList{onReturn: l.toggleSelected}
	l.list.List = widget.List{
		Length:     func() int { return len(l.summaries) },
		CreateItem: newCheckRow,
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*listRow)
			sum := l.summaries[id]
			row.label.SetText(summaryText(sum))
			row.check.OnChanged = nil
			row.check.SetChecked(l.checked[sum.ID])
			row.check.OnChanged = func(on bool) { l.setChecked(sum.ID, on) }
		},
		OnSelected: func(id widget.ListItemID) {
			l.selected = id
			l.updateButtons()
		},
	}
	l.list.ExtendBaseWidget(l.list)
	l.empty = &widget.Label{Text: tr("No sessions yet. Start one from Plans, or import one."), Importance: widget.MediumImportance}
	l.open = primaryButton(tr("Open"), theme.FolderOpenIcon(), l.onOpen)
	l.compare = ringed(&ringButton{Button: widget.Button{Text: tr("Compare ticked"), Icon: theme.ViewRestoreIcon(), OnTapped: l.onCompare}})
	l.merge = ringed(&ringButton{Button: widget.Button{Text: tr("Merge ticked…"), Icon: theme.ContentAddIcon(), OnTapped: l.onMerge}})
	l.export = ringed(&ringButton{Button: widget.Button{Text: tr("Print & export…"), Icon: theme.DocumentPrintIcon(), OnTapped: l.onExport}})
	l.importer = ringed(&ringButton{Button: widget.Button{Text: tr("Import JSON…"), Icon: theme.DownloadIcon(), OnTapped: l.onImport}})
	l.aside = ringed(&ringButton{Button: widget.Button{Text: tr("Set aside…"), Icon: theme.WarningIcon(), OnTapped: l.onSetAside}})
	l.aside.Hide()
	buttons := container.NewHBox(l.open, l.export, l.compare, l.merge, l.aside, layoutSpacer(), l.importer)
	l.content = container.NewBorder(nil, container.NewPadded(buttons), nil, nil, container.NewStack(l.list.withRing(), l.empty))
}

// toggleSelected ticks or unticks the selected session: Return in the list.
func (l *sessionList) toggleSelected() {
	if l.selected < 0 || l.selected >= len(l.summaries) {
		return
	}
	id := l.summaries[l.selected].ID
	l.setChecked(id, !l.checked[id])
	l.list.Refresh()
}

func summaryText(s store.Summary) string {
	var state string
	switch s.Progress() {
	case "damaged":
		state = tr("damaged, cannot be opened: {{.Problem}}", "Problem", s.Problem)
	case "finished":
		state = tr("finished")
	case "in progress": // words: a value of Progress
		state = tr("in progress — resume")
		if s.Imported {
			state = tr("imported unfinished: results only")
		}
	default:
		state = tr("not started")
	}
	w := appWords()
	parts := []string{w.Day(s.Created.Local()) + " " + w.Clock(s.Created.Local()), groupName(s.Group), s.PlanTitle}
	// People: the headcount where one was entered, else the phones that
	// voted, said as such.
	switch {
	case s.Headcount > 0:
		parts = append(parts, trn("n_people", s.Headcount))
	case s.Phones > 0:
		parts = append(parts, trn("n_phones_voted", s.Phones))
	}
	parts = append(parts, trn("n_votes", s.Votes), state)
	if s.Sources > 0 {
		parts = append(parts, trn("merged_from", s.Sources))
	}
	for i := range parts {
		parts[i] = isolated(parts[i])
	}
	return strings.Join(parts, " · ")
}

// groupName is a session's group, or says it has none.
func groupName(group string) string {
	if group == "" {
		return tr("(no group name)")
	}
	return group
}

// reload reads the list from the store.
func (l *sessionList) reload() {
	sums, err := l.shell.sessions().List()
	if err != nil {
		l.shell.showError(tr("Cannot list sessions"), err)
	}
	l.summaries = sums
	keep := map[string]bool{}
	for _, s := range sums {
		if l.checked[s.ID] {
			keep[s.ID] = true
		}
	}
	l.checked = keep
	if l.selected >= len(sums) {
		l.selected = -1
	}
	l.empty.Hidden = len(sums) > 0
	l.list.Refresh()
	l.updateButtons()
}

func (l *sessionList) setChecked(id string, on bool) {
	if on {
		l.checked[id] = true
	} else {
		delete(l.checked, id)
	}
	l.updateButtons()
}

func (l *sessionList) updateButtons() {
	one := l.selected >= 0 && l.selected < len(l.summaries)
	setEnabled(l.open, one)
	setEnabled(l.export, one)
	l.aside.Hidden = !one || l.summaries[l.selected].Problem == ""
	l.aside.Refresh()
	many := len(l.checked) >= 2
	setEnabled(l.compare, many)
	setEnabled(l.merge, many)
}

func (l *sessionList) onOpen() {
	if l.selected < 0 || l.selected >= len(l.summaries) {
		return
	}
	if err := l.shell.OpenSession(l.summaries[l.selected].ID); err != nil {
		l.shell.showError(tr("Cannot open the session"), err)
	}
}

// onSetAside moves the selected damaged session out of the store into a
// file in the data folder, once the facilitator agrees.
func (l *sessionList) onSetAside() {
	if l.selected < 0 || l.selected >= len(l.summaries) || l.summaries[l.selected].Problem == "" {
		return
	}
	sum := l.summaries[l.selected]
	dir := filepath.Join(l.shell.dataDir(), store.SetAsideDir)
	msg := tr("Session {{.ID}} ({{.Plan}}) cannot be opened:", "ID", sum.ID, "Plan", sum.PlanTitle) + "\n" + sum.Problem + "\n\n" +
		tr("Setting it aside moves it out of the list into this folder, with everything it held, to mend or send on:") + "\n" + dir
	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	box := container.NewVScroll(text)
	box.SetMinSize(fyne.NewSize(520, 200))
	l.shell.ask(tr("Set the damaged session aside?"), tr("Set aside"), tr("Keep it"), box, func(ok bool) {
		if ok {
			l.setAside(sum, dir)
		}
	})
}

func (l *sessionList) setAside(sum store.Summary, dir string) {
	path, err := l.shell.sessions().SetAside(sum.ID, dir, sum.Problem)
	if err != nil {
		l.shell.showError(tr("Cannot set the session aside"), err)
		return
	}
	l.selected = -1
	l.list.UnselectAll()
	l.reload()
	dialog.ShowInformation(tr("Session set aside"), tr("Everything the session held is in this file:")+"\n"+path, l.shell.window())
}

func (l *sessionList) onExport() {
	if l.selected < 0 || l.selected >= len(l.summaries) {
		return
	}
	sess, err := l.shell.sessions().Load(l.summaries[l.selected].ID)
	if err != nil {
		l.shell.showError(tr("Cannot export"), err)
		return
	}
	l.shell.exportDialog(fixedSession(sess))
}

// tickedSessions loads the ticked sessions, oldest first, and checks that
// they ran the same plan.
func (l *sessionList) tickedSessions() ([]*workshop.Session, error) {
	var out []*workshop.Session
	for i := len(l.summaries) - 1; i >= 0; i-- {
		if !l.checked[l.summaries[i].ID] {
			continue
		}
		s, err := l.shell.sessions().Load(l.summaries[i].ID)
		if err != nil {
			return nil, err
		}
		if len(out) > 0 && !s.Plan.Same(out[0].Plan) {
			return nil, fmt.Errorf("%w: %s", workshop.ErrMerge, tr("{{.A}} and {{.B}} ran different plans; tick sessions of one plan", "A", strconv.Quote(out[0].Plan.Title), "B", strconv.Quote(s.Plan.Title)))
		}
		out = append(out, s)
	}
	return out, nil
}

func (l *sessionList) onCompare() {
	sessions, err := l.tickedSessions()
	if err != nil {
		l.shell.showError(tr("Cannot compare"), err)
		return
	}
	l.shell.showCompare(sessions)
}

func (l *sessionList) onMerge() {
	name := ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("e.g. All breakout rooms")}})
	items := []*widget.FormItem{widget.NewFormItem(tr("Group name"), name)}
	var ask func()
	ask = func() {
		l.shell.askForm(tr("Merge the ticked sessions"), tr("Merge"), tr("Cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			// A name refused brings the form back as typed.
			if _, err := workshop.CleanName(workshop.GroupField, name.Text); err != nil && strings.TrimSpace(name.Text) != "" {
				l.shell.showErrorThen(tr("Cannot merge"), errors.New(errorText(err)), ask)
				return
			}
			l.mergeAs(name.Text)
		})
	}
	ask()
}

// mergeAs stores a new session combining the ticked ones.
func (l *sessionList) mergeAs(group string) {
	sessions, err := l.tickedSessions()
	if err == nil {
		var merged *workshop.Session
		if merged, err = workshop.Merge(sessions, group, l.shell.now()); err == nil {
			err = l.shell.sessions().Create(merged)
		}
	}
	if err != nil {
		l.shell.showError(tr("Cannot merge"), err)
		return
	}
	l.checked = map[string]bool{}
	l.reload()
}

func (l *sessionList) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			l.shell.showError(tr("Cannot import"), err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		l.importFrom(r.URI().Name(), r)
	}, l.shell.window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// importFrom adds a session from an export file; a bad or duplicate file is
// refused with the reason and nothing changes.
func (l *sessionList) importFrom(name string, r interface{ Read([]byte) (int, error) }) {
	sess, err := report.ReadJSON(r)
	if err == nil {
		err = l.shell.sessions().Create(sess)
		if errors.Is(err, store.ErrExists) {
			err = fmt.Errorf("%s: %w", tr("{{.File}} was imported before", "File", name), err)
		}
	}
	if err != nil {
		l.shell.showError(tr("Cannot import {{.File}}", "File", name), err)
		return
	}
	l.reload()
}
