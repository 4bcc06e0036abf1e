package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
	"runsheet/workshop/datadir"
	"runsheet/workshop/plans"
	"runsheet/workshop/words"
)

// planEntry is one plan the library offers: the built-in one, a file in the
// data folder, or a file opened from elsewhere.
type planEntry struct {
	name string
	path string // empty for the built-in plan
	plan *workshop.Plan
	err  error
}

// library is the first screen: pick a plan, name the group, start.
type library struct {
	shell   libraryHost
	content fyne.CanvasObject

	entries  []planEntry
	selected int

	list     *ringList
	title    *widget.Label
	summary  *widget.Label
	outline  *widget.Label
	problems *widget.Label
	group    *ringEntry
	language *ringSelect // the room's language, the plan's unless chosen
	perPhone *ringCheck  // each phone in its own language
	start    *ringButton
	open     *ringButton
	handout  *ringButton
	guide    *ringButton

	newPlan   *ringButton
	duplicate *ringButton
	edit      *ringButton
	prefs     *ringButton
	about     *ringButton

	tabs        *container.AppTabs
	sessions    *sessionList
	sessionsTab *container.TabItem
}

func newLibrary(s libraryHost) *library {
	l := &library{shell: s}
	l.buildUI()
	return l
}

// plans is the data folder's plans folder.
func (l *library) plans() *plans.Folder {
	return &plans.Folder{Dir: filepath.Join(l.shell.dataDir(), "plans")}
}

func (l *library) buildUI() {
	l.list = &ringList{List: widget.List{
		Length:     func() int { return len(l.entries) },
		CreateItem: func() fyne.CanvasObject { return newIconRow(theme.DocumentIcon()) },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*listRow)
			e := l.entries[id]
			row.label.SetText(e.name)
			switch {
			case e.err != nil:
				row.icon.SetResource(theme.ErrorIcon())
			case e.path == "":
				row.icon.SetResource(theme.HomeIcon())
			default:
				row.icon.SetResource(theme.DocumentIcon())
			}
		},
		OnSelected: l.onSelect,
	}}
	l.list.ExtendBaseWidget(l.list)
	l.open = ringed(&ringButton{Button: widget.Button{Text: tr("Import plan file…"), Icon: theme.FolderOpenIcon(), OnTapped: l.onOpen}})
	l.newPlan = ringed(&ringButton{Button: widget.Button{Text: tr("New"), Icon: theme.ContentAddIcon(), OnTapped: l.onNew}})
	l.duplicate = ringed(&ringButton{Button: widget.Button{Text: tr("Duplicate"), Icon: theme.ContentCopyIcon(), OnTapped: l.onDuplicate}})
	l.edit = ringed(&ringButton{Button: widget.Button{Text: tr("Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: l.onEdit}})
	l.prefs = ringed(&ringButton{Button: widget.Button{Text: tr("Preferences…"), Icon: theme.SettingsIcon(), OnTapped: l.shell.showPreferences}})
	l.about = ringed(&ringButton{Button: widget.Button{Text: tr("About"), Icon: theme.InfoIcon(), OnTapped: func() { l.shell.showAbout() }}})
	left := container.NewBorder(
		&widget.Label{Text: tr("Plans"), TextStyle: fyne.TextStyle{Bold: true}},
		container.NewVBox(container.NewGridWithColumns(3, l.newPlan, l.duplicate, l.edit), l.open, container.NewGridWithColumns(2, l.prefs, l.about)), nil, nil, l.list.withRing())

	l.title = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	l.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	l.outline = &widget.Label{Wrapping: fyne.TextWrapWord}
	l.problems = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.group = ringedEntry(&ringEntry{Entry: widget.Entry{PlaceHolder: tr("Group name, e.g. Sales leads, Berlin")}})
	l.group.OnSubmitted = func(string) { l.onStart() }
	l.start = primaryButton(tr("Start session"), theme.MediaPlayIcon(), l.onStart)
	names := make([]string, len(words.Languages))
	for i, lang := range words.Languages {
		names[i] = lang.Name
	}
	l.language = newRingSelect(names, nil)
	l.language.SetSelectedIndex(0)
	l.perPhone = newRingCheck(tr("Each phone in its own language"), nil)

	details := container.NewVScroll(container.NewVBox(l.title, l.summary, l.problems, widget.NewSeparator(), l.outline))
	l.handout = ringed(&ringButton{Button: widget.Button{Text: tr("Print handout…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { l.printSelected(false) }}})
	l.guide = ringed(&ringButton{Button: widget.Button{Text: tr("Print facilitator guide…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { l.printSelected(true) }}})
	startRow := container.NewVBox(
		container.NewHBox(l.handout, l.guide),
		container.NewHBox(widget.NewLabel(tr("The room reads")), l.language, l.perPhone),
		container.NewBorder(nil, nil, widget.NewLabel(tr("Group")), l.start, l.group))
	right := container.NewBorder(nil, container.NewPadded(startRow), nil, nil, details)

	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.3
	l.sessions = newSessionList(l.shell)
	l.sessionsTab = container.NewTabItemWithIcon(tr("Sessions"), theme.HistoryIcon(), l.sessions.content)
	l.tabs = container.NewAppTabs(container.NewTabItemWithIcon(tr("Plans"), theme.DocumentIcon(), split), l.sessionsTab)
	l.content = l.tabs
}

// bindTabKeys lets the keyboard switch the Plans and Sessions tabs, which
// Fyne's tabs do not take the focus for: Ctrl+PageDown and Ctrl+PageUp,
// as in a browser; with the About dialog open, its tabs.
func (l *library) bindTabKeys(cv fyne.Canvas) {
	for _, k := range []fyne.KeyName{fyne.KeyPageDown, fyne.KeyPageUp} {
		cv.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if cv.Content() != l.content {
				return
			}
			step := 1
			if k == fyne.KeyPageUp {
				step = -1
			}
			if a := l.shell.openAbout(); a != nil {
				a.switchTab(step)
				return
			}
			l.switchTab(step)
		})
	}
}

// switchTab moves step tabs along, round from the last to the first.
func (l *library) switchTab(step int) {
	n := len(l.tabs.Items)
	l.tabs.SelectIndex(((l.tabs.SelectedIndex()+step)%n + n) % n)
}

// reload lists the built-in plan, the data folder's plans and any opened
// files, keeping the selection where it can.
func (l *library) reload() {
	var keep planEntry
	if l.selected < len(l.entries) {
		keep = l.entries[l.selected]
	}
	l.entries = nil
	for _, p := range plans.Builtins() {
		l.entries = append(l.entries, planEntry{name: tr("{{.Title}} (built-in)", "Title", p.Title), plan: p})
	}
	l.entries = append(l.entries, l.dataPlans()...)
	l.list.Refresh()
	l.selected = 0
	for i, e := range l.entries {
		if e.path == keep.path && e.name == keep.name {
			l.selected = i
		}
	}
	l.list.Select(l.selected)
	l.onSelect(l.selected)
	l.sessions.reload()
}

// dataPlans lists the plan files in the data folder, broken ones with
// their problems, so they can be fixed.
func (l *library) dataPlans() []planEntry {
	var out []planEntry
	for _, e := range l.plans().List() {
		out = append(out, planEntry{path: e.Path, name: e.Name, plan: e.Plan, err: e.Err})
	}
	return out
}

func (l *library) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(l.entries) {
		return
	}
	l.selected = id
	e := l.entries[id]
	l.problems.SetText("")
	l.problems.Hide()
	l.outline.SetText("")
	l.summary.SetText("")
	if e.err != nil {
		l.title.SetText(e.name)
		msg := e.err.Error()
		var pe *workshop.PlanError
		if errors.As(e.err, &pe) {
			msg = problemsText(pe)
		}
		l.problems.SetText(tr("This plan cannot be used until these are fixed:") + "\n" + msg)
		l.problems.Show()
		l.start.Disable()
		l.handout.Disable()
		l.guide.Disable()
		l.duplicate.Disable()
		l.edit.Enable()
		return
	}
	l.handout.Enable()
	l.guide.Enable()
	l.duplicate.Enable()
	// The built-in plan is read-only: duplicate it to change it.
	setEnabled(l.edit, e.path != "" && l.inDataFolder(e.path))
	l.title.SetText(e.plan.Title)
	l.summary.SetText(e.plan.Summary)
	l.outline.SetText(outlineText(e.plan))
	l.start.Enable()
	l.language.SetSelectedIndex(languageIndex(e.plan.Language))
	l.perPhone.SetChecked(false)
}

// languageIndex is the place of a language among those shipped; English
// for none.
func languageIndex(code string) int {
	for i, lang := range words.Languages {
		if lang.Code == code {
			return i
		}
	}
	return 0
}

// outlineText lists a plan's exercises with their kinds and minutes.
func outlineText(p *workshop.Plan) string {
	var b strings.Builder
	b.WriteString(trn("n_exercises", len(p.Exercises)) + " · " + trn("n_minutes", p.TotalMinutes()) + "\n\n")
	for i, e := range p.Exercises {
		b.WriteString(tr("{{.N}}.  {{.Kind}} — {{.Title}} ({{.M}} min)", "N", i+1, "Kind", kindName(e.Kind), "Title", e.Title, "M", e.Minutes) + "\n")
	}
	return b.String()
}

func (l *library) inDataFolder(path string) bool { return l.plans().Contains(path) }

func (l *library) onNew() {
	l.shell.showEditor(&workshop.Plan{Title: tr("New workshop")}, "", true)
}

func (l *library) onDuplicate() {
	if l.selected >= len(l.entries) || l.entries[l.selected].plan == nil {
		return
	}
	p := l.entries[l.selected].plan.Clone()
	p.Title = tr("{{.Title}} (copy)", "Title", p.Title)
	l.shell.showEditor(p, "", true)
}

// onEdit opens a plan from the data folder in the editor. A broken file is
// opened as far as it could be read, with its problems shown.
func (l *library) onEdit() {
	if l.selected >= len(l.entries) {
		return
	}
	e := l.entries[l.selected]
	plan := e.plan
	if plan == nil {
		plan = &workshop.Plan{Title: e.name}
	}
	l.shell.showEditor(plan, e.path, false)
}

func (l *library) printSelected(guide bool) {
	if l.selected >= len(l.entries) || l.entries[l.selected].plan == nil {
		return
	}
	l.shell.printPlan(l.entries[l.selected].plan, guide)
}

func (l *library) onStart() {
	if l.selected >= len(l.entries) || l.entries[l.selected].plan == nil || l.entries[l.selected].err != nil {
		return
	}
	room := RoomLanguage{Code: words.Languages[max(l.language.SelectedIndex(), 0)].Code, PerPhone: l.perPhone.Checked}
	if err := l.shell.StartSessionIn(l.entries[l.selected].plan, l.group.Text, room); err != nil {
		l.shell.showError(tr("Cannot start the session"), err)
	}
}

func (l *library) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			l.shell.showError(tr("Cannot open the plan"), err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		l.openPlan(r.URI().Name(), r)
	}, l.shell.window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml"}))
	d.Show()
}

// openPlan imports a plan chosen by the user into the data folder, under
// a name no other plan uses. A broken plan is refused with every problem
// shown; the library is left as it was.
func (l *library) openPlan(name string, r io.Reader) {
	if err := os.MkdirAll(l.plans().Dir, datadir.DirMode); err != nil {
		l.shell.showError(tr("Cannot import the plan"), err)
		return
	}
	dest, plan, err := l.plans().Import(name, r)
	var pe *workshop.PlanError
	switch {
	case errors.As(err, &pe):
		l.shell.showError(tr("This plan has problems"), err)
		return
	case err != nil:
		l.shell.showError(tr("Cannot import the plan"), err)
		return
	}
	l.shell.showInfo(tr("Plan imported"), tr("{{.Title}} was copied into the data folder as {{.File}}.", "Title", strconv.Quote(plan.Title), "File", filepath.Base(dest)))
	l.reload()
	for i, e := range l.entries {
		if e.path == dest {
			l.list.Select(i)
		}
	}
}
