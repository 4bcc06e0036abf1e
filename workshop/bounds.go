package workshop

// Limits on a plan's content, which Validate checks: a plan may come from
// a stranger, and real plans stay far inside every limit. The limits on a
// plan file's form, before it is read, are package plans'.
const (
	// MaxExercises caps a plan's exercises, as MaxAgenda caps a session's.
	MaxExercises = MaxAgenda
	// MaxListLen caps each list: items, prompts, scale labels, ideas and
	// their points, and contrast rows.
	MaxListLen = 200
	// MaxOptions caps a vote's options: a phone shows them all at once.
	MaxOptions = 20
	// MaxTitleRunes caps a title: of the plan, an exercise or an idea.
	MaxTitleRunes = 200
	// MaxLineRunes caps a short text: an item, option, prompt (which may
	// span lines), scale label, point or contrast cell.
	MaxLineRunes = 1000
	// MaxTextBytes caps a long text: the summary, a brief, notes, an
	// idea's text.
	MaxTextBytes = MaxNoteBytes
)
