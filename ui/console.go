package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"runsheet/workshop"
)

// noteDelay is how long typing must pause before notes are saved.
const noteDelay = 800 * time.Millisecond

// console is the facilitator's screen while a session runs.
type console struct {
	shell   *Shell
	model   *sessionModel
	content fyne.CanvasObject

	heading    *widget.Label
	status     *widget.Label
	agenda     *widget.List
	position   *widget.Label
	title      *widget.Label
	brief      *widget.Label
	detail     *widget.Label
	private    *widget.Label
	timer      *Timer
	notes      *widget.Entry
	back       *widget.Button
	startPause *widget.Button
	plus       *widget.Button
	minus      *widget.Button
	prev       *widget.Button
	next       *widget.Button
	finish     *widget.Button
	export     *widget.Button

	votes    *votePanel
	question *widget.Label // the room-facing line: the open question, results once revealed
	lower    *container.AppTabs
	votesTab *container.TabItem

	projector  *projector
	phones     *phonePanel
	showProj   *widget.Button
	coach      *widget.Label
	lastPhase  workshop.Phase
	lastEx     int
	flashUntil time.Time

	snap     *snapshot // what the console shows now
	listener binding.DataListener
	redraw   *throttle
	shown    int // the exercise whose notes the notes box holds

	mu        sync.Mutex // guards the timers below, which fire off the UI goroutine
	tick      *time.Timer
	noteTimer *time.Timer
	closed    bool
}

func newConsole(s *Shell, m *sessionModel) *console {
	c := &console{shell: s, model: m, shown: -1}
	c.redraw = &throttle{interval: time.Second / maxRedrawsPerSecond, run: c.refresh, do: fyne.Do}
	c.lastEx = -1
	c.buildUI()
	c.projector = newProjector(c)
	c.refresh()
	c.listener = binding.NewDataListener(c.onChanged)
	m.version.AddListener(c.listener)
	return c
}

// maxRedrawsPerSecond caps how often votes arriving from elsewhere redraw
// the console, however fast they come.
const maxRedrawsPerSecond = 10

// onChanged redraws after an event, from whichever goroutine recorded it,
// coalesced and on the UI goroutine. Tests drive redraws themselves.
func (c *console) onChanged() {
	if c.shell.opts.Manual {
		return
	}
	c.redraw.Trigger()
}

// redrawNow redraws at once after an action on the UI goroutine, where
// tests cannot wait for the coalesced redraw.
func (c *console) redrawNow() {
	if c.shell.opts.Manual {
		c.refresh()
	}
}

func (c *console) buildUI() {
	c.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	c.status = &widget.Label{Alignment: fyne.TextAlignTrailing}
	c.back = &widget.Button{Text: "Library", Icon: theme.NavigateBackIcon(), OnTapped: c.onBack}
	c.finish = &widget.Button{Text: "Finish", Icon: theme.MediaStopIcon(), OnTapped: c.onFinish}
	c.export = &widget.Button{Icon: theme.DocumentPrintIcon(), OnTapped: func() { c.flushNotes(); c.shell.exportDialog(c.model.rec.View) }}
	c.showProj = &widget.Button{Text: "Projector", Icon: theme.ComputerIcon(), OnTapped: func() { c.projector.open() }}
	header := container.NewBorder(nil, nil, c.back, container.NewHBox(c.status, c.showProj, c.export, c.finish), c.heading)

	c.agenda = &widget.List{
		Length:     func() int { return len(c.snapAgenda()) },
		CreateItem: newAgendaRow,
		UpdateItem: c.updateAgendaRow,
		OnSelected: func(id widget.ListItemID) {
			c.agenda.UnselectAll()
			if id != c.snap.current {
				c.do(workshop.Event{Kind: workshop.EventMoved, Exercise: id})
			}
		},
	}
	c.coach = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	c.coach.Hide()
	agendaBox := container.NewBorder(agendaHeader(), c.coach, nil, nil, c.agenda)

	c.position = &widget.Label{}
	c.title = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	c.question = &widget.Label{SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	c.timer = NewTimer()
	c.prev = &widget.Button{Text: "Previous", Icon: theme.MediaSkipPreviousIcon(), OnTapped: func() { c.move(-1) }}
	c.startPause = &widget.Button{Text: "Start", Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: c.onStartPause}
	c.minus = &widget.Button{Text: "−1 min", OnTapped: func() { c.adjust(-time.Minute) }}
	c.plus = &widget.Button{Text: "+1 min", OnTapped: func() { c.adjust(time.Minute) }}
	c.next = &widget.Button{Text: "Next", Icon: theme.MediaSkipNextIcon(), IconPlacement: widget.ButtonIconTrailingText, OnTapped: func() { c.move(1) }}
	controls := container.NewGridWithColumns(5, c.prev, c.minus, c.startPause, c.plus, c.next)
	timerBox := container.NewBorder(container.NewVBox(c.position, c.title, c.question), controls, nil, nil, c.timer)

	c.brief = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.private = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	exercise := container.NewVScroll(container.NewVBox(
		sectionLabel("Brief for the room"), c.brief,
		c.detail,
		sectionLabel("Your private notes"), c.private,
	))
	c.votes = newVotePanel(c)
	c.votesTab = container.NewTabItem("Votes", c.votes.content)
	c.phones = newPhonePanel(c)
	c.lower = container.NewAppTabs(c.votesTab, container.NewTabItem("Brief & notes", exercise),
		container.NewTabItemWithIcon("Phones", theme.ComputerIcon(), c.phones.content))

	c.notes = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What the room said, decisions, follow-ups…"}
	c.notes.OnChanged = c.onNotesChanged
	notesBox := container.NewBorder(sectionLabel("Session notes for this exercise"), nil, nil, nil, c.notes)

	lower := container.NewHSplit(c.lower, notesBox)
	lower.Offset = 0.68
	centre := container.NewVSplit(container.NewPadded(timerBox), lower)
	centre.Offset = 0.47
	main := container.NewHSplit(agendaBox, centre)
	main.Offset = 0.3
	c.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, main)
}

func sectionLabel(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance}
}

// Agenda rows: a marker for the current and finished exercises, the clock
// time it is due, the title, and planned and actual minutes.
const (
	agendaDueWidth    = 56
	agendaPlanWidth   = 54
	agendaActualWidth = 62
)

func agendaColumns(marker, due, title, plan, actual fyne.CanvasObject) fyne.CanvasObject {
	left := container.NewHBox(marker, fixedWidth(agendaDueWidth, due))
	right := container.NewHBox(fixedWidth(agendaPlanWidth, plan), fixedWidth(agendaActualWidth, actual))
	return container.NewBorder(nil, nil, left, right, title)
}

func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func agendaHeader() fyne.CanvasObject {
	bold := func(s string, align fyne.TextAlign) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, Alignment: align}
	}
	marker := widget.NewIcon(nil)
	return agendaColumns(marker, bold("Due", fyne.TextAlignLeading), bold("Exercise", fyne.TextAlignLeading),
		bold("Plan", fyne.TextAlignTrailing), bold("Actual", fyne.TextAlignTrailing))
}

// agendaRow is one line of the agenda list.
type agendaRow struct {
	widget.BaseWidget
	marker                   *widget.Icon
	due, title, plan, actual *widget.Label
}

func newAgendaRow() fyne.CanvasObject {
	r := &agendaRow{
		marker: widget.NewIcon(nil),
		due:    &widget.Label{},
		title:  &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		plan:   &widget.Label{Alignment: fyne.TextAlignTrailing},
		actual: &widget.Label{Alignment: fyne.TextAlignTrailing},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *agendaRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(agendaColumns(r.marker, r.due, r.title, r.plan, r.actual))
}

func (c *console) updateAgendaRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*agendaRow)
	rows := c.snapAgenda()
	if id >= len(rows) {
		return
	}
	row := rows[id]
	r.due.SetText(clockText(row.Due))
	r.title.SetText(fmt.Sprintf("%d. %s", id+1, row.Title))
	r.plan.SetText(fmt.Sprintf("%d min", int(row.Planned/time.Minute)))
	r.title.TextStyle.Bold = row.Current
	r.title.Refresh()
	switch {
	case row.Current:
		r.marker.SetResource(theme.MediaPlayIcon())
	case !row.Began.IsZero():
		r.marker.SetResource(theme.ConfirmIcon())
	default:
		r.marker.SetResource(nil)
	}
	if row.Began.IsZero() {
		r.actual.SetText("—")
	} else {
		r.actual.SetText(spentText(row.Spent))
	}
}

// snapAgenda is the agenda as last drawn.
func (c *console) snapAgenda() []workshop.AgendaRow {
	if c.snap == nil {
		return nil
	}
	return c.snap.agenda
}

// spentText shows time spent as minutes and seconds.
func spentText(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// refresh redraws the console from the session state.
func (c *console) refresh() {
	c.snap = c.model.snapshot()
	sn := c.snap
	plan := sn.plan
	ex := plan.Exercises[sn.current]

	heading := plan.Title
	if sn.group != "" {
		heading += " — " + sn.group
	}
	c.heading.SetText(heading)
	c.position.SetText(fmt.Sprintf("Exercise %d of %d · %s · %d min planned", sn.current+1, len(plan.Exercises), kindName(ex.Kind), ex.Minutes))
	c.title.SetText(ex.Title)
	c.brief.SetText(orDash(ex.Brief))
	c.detail.SetText(detailText(ex))
	c.detail.Hidden = c.detail.Text == ""
	c.private.SetText(orDash(ex.Notes))

	if c.shown != sn.current {
		c.flushNotes()
		c.shown = sn.current
		c.setNotesQuietly(sn.note)
		if sn.votes != nil {
			c.lower.Select(c.votesTab)
		}
	}
	c.showVotes(sn)

	finished := sn.isFinished()
	for _, b := range []*widget.Button{c.startPause, c.plus, c.minus, c.prev, c.next, c.finish} {
		if finished {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if finished {
		c.notes.Disable()
	}
	if sn.current == 0 {
		c.prev.Disable()
	}
	if sn.current == len(plan.Exercises)-1 {
		c.next.Disable()
	}
	switch {
	case sn.running:
		c.startPause.SetText("Pause")
		c.startPause.SetIcon(theme.MediaPauseIcon())
	case sn.started.IsZero():
		c.startPause.SetText("Start")
		c.startPause.SetIcon(theme.MediaPlayIcon())
	default:
		c.startPause.SetText("Resume")
		c.startPause.SetIcon(theme.MediaPlayIcon())
	}
	c.refreshTime()
	c.agenda.Refresh()
	c.projector.show(sn)
	if finished {
		// Phone voting stops when the session ends.
		c.phones.stop()
	}
	c.phones.refresh()
	c.scheduleTick()
}

// showVotes fills the vote panel and the room-facing question line.
func (c *console) showVotes(sn *snapshot) {
	if sn.votes == nil {
		c.lower.DisableItem(c.votesTab)
		if c.lower.Selected() == c.votesTab {
			c.lower.SelectIndex(1)
		}
		c.question.Hide()
		return
	}
	c.lower.EnableItem(c.votesTab)
	c.votes.show(sn)
	r := sn.votes.results[sn.votes.active]
	c.question.SetText(questionText(sn.plan.Exercises[sn.current], sn.votes.active, r))
	c.question.Show()
}

// questionText is what the room may see of an item: the question and its
// options, and the results only once revealed.
func questionText(ex workshop.Exercise, item int, r workshop.Result) string {
	q := fmt.Sprintf("%d. %s", item+1, r.Item.Text)
	if !r.Revealed {
		if ex.Kind == workshop.KindScale && len(ex.Scale) == 2 {
			return fmt.Sprintf("%s — rate 1 (%s) to 5 (%s)", q, ex.Scale[0], ex.Scale[1])
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
	if r.Expect >= 0 {
		line += " — expected: " + r.Labels[r.Expect]
	}
	return line
}

// refreshTime redraws what changes with the clock: the timer and the status.
func (c *console) refreshTime() {
	sn := c.snap
	now := sn.now
	clk := &sn.clock
	caption := ""
	switch {
	case sn.isFinished():
		caption = "Session finished"
	case sn.started.IsZero():
		caption = "Press Space to start"
	case !clk.Running():
		caption = "Paused"
	case clk.Phase(now) == workshop.PhaseOvertime:
		caption = "Overtime"
	}
	phase := clk.Phase(now)
	if sn.current == c.lastEx && c.lastPhase != workshop.PhaseOvertime && phase == workshop.PhaseOvertime && clk.Running() {
		c.flashUntil = now.Add(flashFor)
	}
	c.lastEx, c.lastPhase = sn.current, phase
	c.timer.Set(workshop.FormatRemaining(clk.Remaining(now)), caption, phase)
	c.timer.SetInverted(c.flashing(now) && now.Sub(c.flashUntil.Add(-flashFor))/flashStep%2 == 0)
	c.showCoach(sn)

	switch {
	case sn.isFinished():
		c.status.SetText(fmt.Sprintf("Finished %s", clockText(sn.finished)))
	case sn.started.IsZero():
		c.status.SetText(fmt.Sprintf("%d min planned · would end %s", sn.plan.TotalMinutes(), clockText(sn.ends)))
	default:
		left := int((sn.timeLeft + time.Minute - 1) / time.Minute)
		c.status.SetText(fmt.Sprintf("%s · %d min left · ends %s", workshop.FormatDrift(sn.drift), left, clockText(sn.ends)))
	}
}

// At zero the timer flashes for a few seconds on both windows, then stays red.
const (
	flashFor  = 6 * time.Second
	flashStep = 500 * time.Millisecond
)

func (c *console) flashing(now time.Time) bool { return now.Before(c.flashUntil) }

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

// onTick redraws once a second while the timer runs, and closes voting at
// zero where the exercise asks for it.
func (c *console) onTick() {
	c.snap = c.model.snapshot()
	sn := c.snap
	if v := sn.votes; v != nil && sn.running && sn.plan.Exercises[sn.current].CloseAtZero &&
		sn.clock.Phase(sn.now) == workshop.PhaseOvertime && v.results[v.active].Open {
		c.do(workshop.Event{Kind: workshop.EventClosed, Exercise: v.exercise, Item: v.active})
		return
	}
	c.refreshTime()
	c.agenda.RefreshItem(sn.current)
	c.projector.showTime(sn)
	c.phones.refresh()
	c.scheduleTick()
}

// scheduleTick arranges the next redraw for the moment the shown second
// changes. Nothing ticks while the timer is paused.
func (c *console) scheduleTick() {
	if c.shell.opts.Manual {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tick != nil {
		c.tick.Stop()
		c.tick = nil
	}
	sn := c.snap
	if c.closed || !sn.running {
		return
	}
	now := c.model.clock.Now()
	left := sn.clock.Remaining(now)
	wait := left % time.Second
	if wait <= 0 {
		wait += time.Second
	}
	if c.flashing(now) {
		wait = min(wait, flashStep)
	}
	c.tick = c.later(wait+5*time.Millisecond, c.onTick)
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
		if len(ex.Scale) == 2 {
			fmt.Fprintf(&b, "1 = %s … 5 = %s\n", ex.Scale[0], ex.Scale[1])
		}
		for i, it := range ex.Items {
			fmt.Fprintf(&b, "\n%d. %s", i+1, it.Text)
		}
	}
	for i, p := range ex.Prompts {
		if i == 0 && b.Len() > 0 {
			b.WriteString("\n\n")
		} else if i > 0 {
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

// do records an event and shows any refusal. The console redraws when the
// session reports the change.
func (c *console) do(e workshop.Event) {
	c.report(c.model.record(e))
	c.redrawNow()
}

// report shows a failed action; an event that was not saved is said plainly.
func (c *console) report(err error) {
	switch {
	case err == nil:
	case errors.Is(err, workshop.ErrNotSaved):
		c.shell.showError("Not saved", err)
	default:
		c.shell.showError("Cannot do that now", err)
	}
}

func (c *console) onStartPause() {
	if c.snap.isFinished() {
		return
	}
	c.report(c.model.toggle())
	c.redrawNow()
}

func (c *console) move(delta int) {
	if c.snap.isFinished() {
		return
	}
	c.flushNotes()
	c.report(c.model.moveBy(delta))
	c.redrawNow()
}

func (c *console) adjust(d time.Duration) {
	if c.snap.isFinished() {
		return
	}
	c.do(workshop.Event{Kind: workshop.EventAdjusted, Delta: d})
}

// toggleReveal shows the active item's results to the room, or hides them.
func (c *console) toggleReveal() {
	v := c.snap.votes
	if v == nil || c.snap.isFinished() {
		return
	}
	kind := workshop.EventRevealed
	if v.results[v.active].Revealed {
		kind = workshop.EventHidden
	}
	c.do(workshop.Event{Kind: kind, Exercise: v.exercise, Item: v.active})
}

func (c *console) onFinish() {
	dialog.ShowConfirm("Finish the session?",
		"The timer stops and the session is closed for changes.",
		func(ok bool) {
			if ok {
				c.finishNow()
			}
		}, c.shell.win)
}

func (c *console) finishNow() {
	c.flushNotes()
	c.do(workshop.Event{Kind: workshop.EventFinished})
}

func (c *console) onBack() {
	if c.snap.started.IsZero() || c.snap.isFinished() {
		c.shell.showLibrary()
		return
	}
	dialog.ShowConfirm("Leave the running session?",
		"The session is saved as it is now; resume it from the library's Sessions.",
		func(ok bool) {
			if ok {
				c.shell.showLibrary()
			}
		}, c.shell.win)
}

// onNotesChanged saves notes once typing pauses, so that the session gets
// one event per thought rather than one per keystroke.
func (c *console) onNotesChanged(string) {
	if c.shell.opts.Manual {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if c.noteTimer != nil {
		c.noteTimer.Stop()
	}
	c.noteTimer = c.later(noteDelay, c.flushNotes)
}

// flushNotes records the notes box if it differs from the session.
func (c *console) flushNotes() {
	c.mu.Lock()
	if c.noteTimer != nil {
		c.noteTimer.Stop()
		c.noteTimer = nil
	}
	c.mu.Unlock()
	var saved string
	var finished bool
	c.model.rec.View(func(sess *workshop.Session) {
		if c.shown >= 0 {
			saved = sess.State.Notes[c.shown]
		}
		finished = sess.State.IsFinished()
	})
	if c.shown < 0 || finished || c.notes.Text == saved {
		return
	}
	c.do(workshop.Event{Kind: workshop.EventNoteEdited, Exercise: c.shown, Text: c.notes.Text})
}

// setNotesQuietly fills the notes box without treating it as typing.
func (c *console) setNotesQuietly(text string) {
	changed := c.notes.OnChanged
	c.notes.OnChanged = nil
	c.notes.SetText(text)
	c.notes.OnChanged = changed
}

// bindKeys makes the console answer the keyboard and presentation clickers,
// which send PageDown, PageUp and B.
func (c *console) bindKeys() { c.bindKeysTo(c.shell.win.Canvas()) }

// bindKeysTo gives a window's canvas the console's keys, so that either
// window answers the clicker.
func (c *console) bindKeysTo(cv fyne.Canvas) {
	cv.SetOnTypedKey(c.onKey)
	cv.SetOnTypedRune(c.onRune)
}

func (c *console) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		c.onStartPause()
	case fyne.KeyRight, fyne.KeyPageDown:
		c.move(1)
	case fyne.KeyLeft, fyne.KeyPageUp:
		c.move(-1)
	case fyne.KeyR:
		c.toggleReveal()
	case fyne.KeyB:
		c.projector.toggleBlank()
	case fyne.KeyF11:
		c.projector.toggleFullScreen()
	case fyne.KeyEscape:
		switch {
		case c.projector.isBlank():
			c.projector.toggleBlank()
		case c.projector.win != nil && c.projector.win.FullScreen():
			c.projector.win.SetFullScreen(false)
		}
	}
}

// onRune takes + and - as typed characters, whatever the keyboard layout;
// "=" is the unshifted + key on many keyboards.
func (c *console) onRune(r rune) {
	switch r {
	case '+', '=':
		c.adjust(time.Minute)
	case '-':
		c.adjust(-time.Minute)
	}
}

// close stops the console's timers and detaches it from the session.
func (c *console) close() {
	c.flushNotes()
	c.stopTimers()
	c.phones.stop()
	c.projector.close()
	c.model.version.RemoveListener(c.listener)
}

// stopTimers stops every background redraw and save for good. It may be
// called from any goroutine, including a signal handler while the app quits.
func (c *console) stopTimers() {
	c.redraw.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.tick != nil {
		c.tick.Stop()
	}
	if c.noteTimer != nil {
		c.noteTimer.Stop()
	}
}

// later runs fn on the UI goroutine after d, unless the console has been
// closed by then. The caller holds c.mu.
func (c *console) later(d time.Duration, fn func()) *time.Timer {
	return time.AfterFunc(d, func() {
		c.mu.Lock()
		closed := c.closed
		c.mu.Unlock()
		if !closed {
			fyne.Do(fn)
		}
	})
}
