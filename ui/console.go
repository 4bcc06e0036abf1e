package ui

import (
	"errors"
	"sync"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/control"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noteDelay is how long typing must pause before notes are saved.
const noteDelay = 800 * time.Millisecond

// console is the facilitator's screen while a session runs.
type console struct {
	shell   consoleHost
	model   *sessionModel
	content fyne.CanvasObject

	heading    *widget.Label
	status     *widget.Label
	blanked    *widget.Label // says the projector is blanked, and how to bring it back
	notice     *widget.Label // says a dialog holds the keys, after a clicker key
	hideNotice func()
	header     *fyne.Container
	agenda     *clickerList
	position   *widget.Label
	title      *widget.Label
	brief      *widget.Label
	detail     *widget.Label
	private    *widget.Label
	endNotice  *widget.Label
	timer      *Timer
	notes      *clickerEntry
	back       *ringButton
	startPause *ringButton
	plus       *ringButton
	minus      *ringButton
	prev       *ringButton
	next       *ringButton
	finish     *ringButton
	export     *ringButton
	addBreak   *ringButton
	addOther   *ringButton
	help       *ringButton

	votes *votePanel
	// answers runs an open question, in answersTab.
	answers    *answerPanel
	answersTab *container.TabItem
	question   *widget.Label // the room-facing line: the open question, results once revealed
	lower      *container.AppTabs
	votesTab   *container.TabItem

	projector *projector
	phones    *phonePanel
	showProj  *ringButton
	coach     *widget.Label

	snap        *snapshot // what the console shows now
	unsubscribe func()
	shown       int  // the exercise whose notes the notes box holds
	finishArmed bool // Next at the end was pressed once; again finishes

	mu         sync.Mutex // guards the notes timer, which fires off the UI goroutine
	cancelNote func()
	closed     bool
}

func newConsole(s consoleHost, m *sessionModel) *console {
	c := &console{shell: s, model: m, shown: -1}
	c.buildUI()
	c.projector = newProjector(s, m, c.keys())
	c.projector.onBlank = func(on bool) {
		c.blanked.Hidden = !on
		c.header.Refresh() // lays the header out again around the notice
	}
	c.refresh()
	c.unsubscribe = m.subscribe(c.onNotice)
	return c
}

// onNotice redraws what the session's change or tick moved: everything
// after an event, the time alone after a tick.
func (c *console) onNotice(n control.Notice) {
	c.report(n.TickError)
	switch {
	case n.Changed:
		c.refresh()
	case n.Ticked:
		c.refreshTime()
	}
}

func (c *console) buildUI() {
	c.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	c.status = &widget.Label{Alignment: fyne.TextAlignTrailing}
	c.blanked = &widget.Label{Text: tr("PROJECTOR BLANKED — press B"), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance}
	c.blanked.Hide()
	c.notice = &widget.Label{Text: tr("A dialog is open: Return confirms it, Esc cancels it"), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.WarningImportance}
	c.notice.Hide()
	c.back = ringed(&ringButton{Button: widget.Button{Text: tr("Library"), Icon: theme.NavigateBackIcon(), OnTapped: c.onBack}})
	c.finish = ringed(&ringButton{Button: widget.Button{Text: tr("Finish"), Icon: theme.MediaStopIcon(), OnTapped: c.onFinish}})
	c.export = ringed(&ringButton{Button: widget.Button{Icon: theme.DocumentPrintIcon(), OnTapped: func() { c.flushNotes(); c.shell.exportDialog(c.shell.storedSession(c.model.rec.ID())) }}})
	c.showProj = ringed(&ringButton{Button: widget.Button{Text: tr("Projector"), Icon: theme.ComputerIcon(), OnTapped: func() { c.projector.open() }}})
	c.help = ringed(&ringButton{Button: widget.Button{Icon: theme.HelpIcon(), OnTapped: c.showKeys}})
	c.header = container.NewBorder(nil, nil, c.back, container.NewHBox(c.notice, c.blanked, c.status, c.showProj, c.export, c.help, c.finish), c.heading)

	c.agenda = newClickerList(c, &clickerList{List: widget.List{
		Length:     func() int { return len(c.snapAgenda()) },
		CreateItem: newAgendaRow,
		UpdateItem: c.updateAgendaRow,
		OnSelected: c.onAgendaSelected,
	}})
	c.coach = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	c.coach.Hide()
	c.addBreak = ringed(&ringButton{Button: widget.Button{Text: tr("Insert break…"), Icon: theme.ContentAddIcon(), OnTapped: func() { c.onInsertBreak() }}})
	c.addOther = ringed(&ringButton{Button: widget.Button{Text: tr("Insert exercise…"), Icon: theme.ContentAddIcon(), OnTapped: func() { c.onInsertExercise() }}})
	agendaBox := container.NewBorder(agendaHeader(), container.NewVBox(c.coach, container.NewGridWithColumns(2, c.addBreak, c.addOther)), nil, nil, c.agenda.withRing())

	c.position = &widget.Label{}
	c.title = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	c.question = &widget.Label{SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	c.endNotice = &widget.Label{Text: tr("End of the workshop: press Next again to finish the session."), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	c.endNotice.Hide()
	c.timer = NewTimer()
	c.timer.SetHighContrast(c.shell.highContrast())
	c.timer.SetSteady(c.shell.noFlashing())
	c.prev = ringed(&ringButton{Button: widget.Button{Text: tr("Previous"), Icon: theme.MediaSkipPreviousIcon(), OnTapped: c.onPrevious}})
	c.startPause = primaryButton(tr("Start"), theme.MediaPlayIcon(), c.onStartPause)
	c.minus = ringed(&ringButton{Button: widget.Button{Text: tr("−1 min"), OnTapped: func() { c.adjust(-time.Minute) }}})
	c.plus = ringed(&ringButton{Button: widget.Button{Text: tr("+1 min"), OnTapped: func() { c.adjust(time.Minute) }}})
	c.next = ringed(&ringButton{Button: widget.Button{Text: tr("Next"), Icon: theme.MediaSkipNextIcon(), IconPlacement: widget.ButtonIconTrailingText, OnTapped: c.onNext}})
	controls := container.New(&shareLayout{}, c.prev, c.minus, c.startPause, c.plus, c.next)
	timerBox := container.NewBorder(container.NewVBox(c.position, c.title, c.question, c.endNotice), controls, nil, nil, c.timer)

	c.brief = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.private = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	exercise := container.NewVScroll(container.NewVBox(
		sectionLabel(tr("Brief for the room")), c.brief,
		c.detail,
		sectionLabel(tr("Your private notes")), c.private,
	))
	c.votes = newVotePanel(c)
	c.votesTab = container.NewTabItem(tr("Votes"), c.votes.content)
	c.answers = newAnswerPanel(c)
	// The lower tabs scroll on a small screen rather than making the
	// console taller or wider than the screen.
	c.answersTab = container.NewTabItem(tr("Answers"), container.NewScroll(c.answers.content))
	c.phones = newPhonePanel(c)
	c.phones.tab = container.NewTabItemWithIcon(tr("Phones"), theme.ComputerIcon(), container.NewScroll(c.phones.content))
	c.lower = container.NewAppTabs(c.votesTab, c.answersTab, container.NewTabItem(tr("Brief & notes"), exercise), c.phones.tab)
	c.lower.OnSelected = func(tab *container.TabItem) {
		if tab != c.answersTab {
			c.answers.leaveBox() // the box is out of sight
		}
		if tab == c.phones.tab {
			c.phones.refresh() // the list is read while in sight only
		}
	}

	c.notes = newClickerEntry(c, true)
	c.notes.MultiLine, c.notes.Wrapping = true, fyne.TextWrapWord
	c.notes.PlaceHolder = tr("What the room said, decisions, follow-ups… (Esc leaves the box)")
	c.notes.OnChanged = c.onNotesChanged
	notesBox := container.NewBorder(sectionLabel(tr("Session notes for this exercise")), nil, nil, nil, c.notes)

	lower := container.NewHSplit(c.lower, notesBox)
	lower.Offset = 0.68
	centre := container.NewVSplit(container.NewPadded(timerBox), lower)
	centre.Offset = 0.5
	// The agenda scrolls sideways on a small screen, its columns whole.
	main := container.NewHSplit(container.NewHScroll(agendaBox), centre)
	main.Offset = 0.3
	top := container.NewPadded(c.header)
	content := container.NewBorder(top, nil, nil, nil, main)
	// Tab walks the objects in their order, and a border puts its edges
	// after its centre: the header comes first, as it reads.
	content.Objects = []fyne.CanvasObject{top, main}
	c.content = content
}

// leaveLowerTabs takes the focus from a control of the lower tabs as the
// workshop moves to another exercise: out of sight, or rebuilt for the
// next, it kept the keys (a grid's switch went on taking the timer's
// Space on the next exercise). The agenda, the header, the timer's
// buttons and the notes keep it.
func (c *console) leaveLowerTabs() {
	cv := c.shell.window().Canvas()
	f := cv.Focused()
	if f == nil {
		return
	}
	for _, keep := range []fyne.Focusable{c.agenda, c.notes, c.back, c.showProj, c.export, c.help, c.finish,
		c.prev, c.minus, c.startPause, c.plus, c.next, c.addBreak, c.addOther} {
		if f == keep {
			return
		}
	}
	cv.Unfocus()
}

// setLabel shows text on l, refreshing it only when the text changed.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// setButton gives b its text and icon, refreshing it only when either changed.
func setButton(b *ringButton, text string, icon fyne.Resource) {
	if b.Text != text || b.Icon != icon {
		b.Text, b.Icon = text, icon
		b.Refresh()
	}
}

// sectionLabel is a heading in the console: bold, in the text's own
// colour, as the theme's blue stands under 4.5:1 on the dark background.
func sectionLabel(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
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
	// A vote changes none of these: only what changed is laid out and
	// drawn again (an exercise's detail lists every item).
	setLabel(c.heading, heading)
	setLabel(c.position, positionText(sn))
	setLabel(c.title, ex.Title)
	setLabel(c.brief, orDash(ex.Brief))
	setLabel(c.detail, detailText(ex))
	c.detail.Hidden = c.detail.Text == ""
	setLabel(c.private, orDash(ex.Notes))

	if c.shown != sn.current {
		c.flushNotes()
		c.answers.forget()
		c.leaveLowerTabs()
		c.shown = sn.current
		c.setNotesQuietly(sn.note)
		if sn.votes != nil {
			c.lower.Select(c.votesTab)
		}
		if sn.answers != nil {
			c.lower.Select(c.answersTab)
		}
	}
	c.showVotes(sn)

	finished := sn.isFinished()
	for _, b := range []fyne.Disableable{c.startPause, c.plus, c.minus, c.prev, c.next, c.finish, c.addBreak, c.addOther} {
		setEnabled(b, !finished)
	}
	if finished {
		c.notes.Disable()
		c.finishArmed = false
	}
	if sn.current == 0 && sn.room.Item <= 0 && sn.room.Round <= 1 {
		c.prev.Disable()
	}
	if !sn.atEnd {
		c.finishArmed = false
	}
	if c.endNotice.Hidden != !c.finishArmed {
		c.endNotice.Hidden = !c.finishArmed
		c.endNotice.Refresh()
	}
	switch {
	case sn.running:
		setButton(c.startPause, tr("Pause"), theme.MediaPauseIcon())
	case sn.started.IsZero():
		setButton(c.startPause, tr("Start"), theme.MediaPlayIcon())
	default:
		setButton(c.startPause, tr("Resume"), theme.MediaPlayIcon())
	}
	c.showTimeOf(sn)
	c.agenda.Refresh()
	if finished {
		// Phone voting ends with the session: the phones are told, and
		// thanked, before the server stops.
		c.phones.finish()
	}
	c.phones.refresh()
}

// do records events and shows any refusal, then redraws at once: the
// facilitator's own action never waits for the coalesced redraw.
func (c *console) do(events ...workshop.Event) {
	c.report(c.model.recordAll(events))
	c.refresh()
}

// report shows a failed action; an event that was not saved is said plainly.
func (c *console) report(err error) {
	switch {
	case err == nil:
	case errors.Is(err, workshop.ErrNotSaved):
		c.shell.showError(tr("Not saved"), err)
	default:
		c.shell.showError(tr("Cannot do that now"), err)
	}
}

func (c *console) onStartPause() {
	if c.snap.isFinished() {
		return
	}
	c.finishArmed = false
	c.report(c.model.toggle())
	c.refresh()
}

// onNext takes one step forward through the workshop. At the very end the
// first press says so; the second finishes the session, so that a clicker
// alone can end it but not by accident.
func (c *console) onNext() {
	if c.snap.isFinished() {
		return
	}
	c.flushNotes()
	var step []workshop.Event
	var atEnd bool
	reveal := c.shell.revealBeforeNext()
	c.model.view(func(s *workshop.State) { step, atEnd = s.Next(reveal), s.AtEnd() })
	if len(step) == 0 {
		if atEnd && c.finishArmed {
			c.finishNow()
			return
		}
		c.finishArmed = atEnd
		c.refresh()
		return
	}
	c.finishArmed = false
	c.do(step...)
}

// onPrevious takes one step back through the workshop.
func (c *console) onPrevious() {
	if c.snap.isFinished() {
		return
	}
	c.flushNotes()
	c.finishArmed = false
	var step []workshop.Event
	c.model.view(func(s *workshop.State) { step = s.Previous() })
	c.do(step...)
}

// onAgendaSelected jumps to an exercise, where it was left.
func (c *console) onAgendaSelected(id widget.ListItemID) {
	c.agenda.UnselectAll()
	if id == c.snap.current || c.snap.isFinished() {
		return
	}
	c.flushNotes()
	var step []workshop.Event
	c.model.view(func(s *workshop.State) { step = s.MoveTo(id, -1) })
	c.do(step...)
}

func (c *console) adjust(d time.Duration) {
	if c.snap.isFinished() {
		return
	}
	c.do(workshop.Event{Kind: workshop.EventAdjusted, Delta: d})
}

func (c *console) onFinish() {
	c.shell.confirm(tr("Finish the session?"),
		tr("The timer stops and the session is closed for changes."),
		func(ok bool) {
			if ok {
				c.finishNow()
			}
		})
}

func (c *console) finishNow() {
	c.flushNotes()
	c.finishArmed = false
	c.do(workshop.Event{Kind: workshop.EventFinished})
}

func (c *console) onBack() {
	if c.snap.started.IsZero() || c.snap.isFinished() {
		c.shell.showLibrary()
		return
	}
	c.shell.confirm(tr("Leave the running session?"),
		tr("The session is saved as it is now; resume it from the library's Sessions."),
		func(ok bool) {
			if ok {
				c.shell.showLibrary()
			}
		})
}

// onUndo takes back the last change to a count, headcount, or an item's
// being open or revealed, back to the start of the exercise.
func (c *console) onUndo() {
	if c.snap.isFinished() {
		return
	}
	var step []workshop.Event
	c.model.view(func(s *workshop.State) { step = s.UndoEvents() })
	if len(step) > 0 {
		c.do(step...)
	}
}

// toggleReveal shows the active item's results to the room, or hides them.
func (c *console) toggleReveal() {
	if a := c.snap.answers; a != nil && !c.snap.isFinished() {
		e := workshop.Event{Kind: workshop.EventRevealed, Exercise: c.snap.current, Close: true}
		if a.Revealed {
			e = workshop.Event{Kind: workshop.EventHidden, Exercise: c.snap.current}
		}
		c.do(e)
		return
	}
	v := c.snap.votes
	if v == nil || c.snap.isFinished() {
		return
	}
	// Revealing closes voting on the item: nobody changes a vote with the
	// results on the wall. Hiding them again does not reopen it; the vote
	// panel's Reopen voting does.
	e := workshop.Event{Kind: workshop.EventRevealed, Exercise: v.exercise, Item: v.active, Close: true}
	if v.results[v.active].Revealed {
		e = workshop.Event{Kind: workshop.EventHidden, Exercise: v.exercise, Item: v.active}
	}
	c.do(e)
}

// close stops the console's timers and detaches it from the session.
func (c *console) close() {
	c.flushNotes()
	c.stopTimers()
	c.phones.stop(false)
	c.projector.close()
}

// stopTimers stops every background redraw and save for good. It may be
// called from any goroutine, including a signal handler while the app quits.
func (c *console) stopTimers() {
	c.unsubscribe()
	c.projector.stopTimers()
	c.model.close()
	if c.hideNotice != nil {
		c.hideNotice()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.cancelNote != nil {
		c.cancelNote()
	}
}
