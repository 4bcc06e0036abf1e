package workshop

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"runsheet/workshop/words"
)

// KindOpen is an exercise answered in the participants' own words: phones
// type short answers to its prompts, hidden from the room until revealed;
// paper answers are typed in afterwards.
const KindOpen Kind = "open"

// Limits on open answers.
const (
	// MaxAnswerRunes is the longest answer a plan may allow, and
	// DefaultAnswerRunes the length allowed when it says nothing.
	MaxAnswerRunes     = 280
	DefaultAnswerRunes = 140
	// MaxAnswersPerPhone is the most answers a plan may let one phone give.
	MaxAnswersPerPhone = 10
	// MaxAnswers caps the answers one exercise keeps: beyond it an answer
	// is refused, so that a flood of phones cannot grow a session without
	// bound.
	MaxAnswers = 10_000
)

// InputText is a short text typed on the phone.
const InputText Input = "text"

var openKind = KindDef{
	Kind: KindOpen, Name: "Open answers", Fresh: "New open question",
	Fields:   FieldPrompts | FieldAnswers | FieldCloseAtZero,
	Prompted: true,
	Input:    InputText,
	Scan:     "room.scan_answer",
	check:    checkOpen,
}

func checkOpen(e *Exercise, c *checker) {
	if len(e.Prompts) == 0 {
		c.bad("prompts", "an open question needs a prompt: what the room answers")
	}
	if e.MaxRunes < 0 || e.MaxRunes > MaxAnswerRunes {
		c.bad("max", "must be 1–{{.Max}} characters, got {{.Got}}", "Max", MaxAnswerRunes, "Got", e.MaxRunes)
	}
	if e.PerPhone < 0 || e.PerPhone > MaxAnswersPerPhone {
		c.bad("answers", "must be 1–{{.Max}} answers a phone, got {{.Got}}", "Max", MaxAnswersPerPhone, "Got", e.PerPhone)
	}
}

// AnswerRunes is the longest answer the exercise takes.
func (e *Exercise) AnswerRunes() int {
	if e.MaxRunes > 0 {
		return e.MaxRunes
	}
	return DefaultAnswerRunes
}

// AnswersPerPhone is how many answers one phone may give.
func (e *Exercise) AnswersPerPhone() int {
	if e.PerPhone > 0 {
		return e.PerPhone
	}
	return 1
}

// TakesAnswers reports whether the exercise collects text answers.
func (e *Exercise) TakesAnswers() bool { return e.Def().Input == InputText }

// Answer is one open answer.
type Answer struct {
	Text string
	// Participant is the phone that sent it; empty for a paper answer.
	Participant string
	Source      Source
	At          time.Time
	// Hidden answers stay in the record, marked, but the room never sees them.
	Hidden bool
	// Request is the id the phone sent the answer with, if any.
	Request string
}

// ExerciseAnswers holds an open exercise's answers and whether the room
// may give and see them.
type ExerciseAnswers struct {
	List []Answer
	// Open is true while phones may answer; Closed once it has been closed.
	Open, Closed bool
	// Revealed is true while the room sees the answers.
	Revealed bool
	// Wall shows the answers themselves rather than their word cloud.
	Wall bool
	// given counts each phone's answers, so that its limit is checked
	// without reading every answer.
	given map[string]int
	// requests finds a phone's answer by the id it sent it with, so that
	// a retry is known; it holds no more than the answers themselves.
	requests map[requestKey]int
}

// requestKey is one phone's id for one of its answers.
type requestKey struct{ participant, request string }

// Repeated returns the answer the phone already gave with the request
// id, and whether there is one: a retry of an answer that arrived.
func (a *ExerciseAnswers) Repeated(participant, request string) (Answer, bool) {
	if request == "" {
		return Answer{}, false
	}
	i, ok := a.requests[requestKey{participant, request}]
	if !ok {
		return Answer{}, false
	}
	return a.List[i], true
}

// Shown lists the texts the room may see: every answer not hidden, in the
// order they came.
func (a *ExerciseAnswers) Shown() []string {
	var out []string
	for _, x := range a.List {
		if !x.Hidden {
			out = append(out, x.Text)
		}
	}
	return out
}

// From lists the texts one phone sent, in order.
func (a *ExerciseAnswers) From(participant string) []string {
	var out []string
	for _, x := range a.List {
		if x.Participant == participant && x.Source == SourcePhone {
			out = append(out, x.Text)
		}
	}
	return out
}

// The events of open answers. Opening, closing, revealing and hiding an
// open exercise use EventOpened, EventClosed, EventRevealed and
// EventHidden with item 0.
const (
	EventAnswer       EventKind = "answer"      // an open answer (Text) from a phone (Participant) or paper
	EventAnswerHidden EventKind = "answer-hide" // answer Item hidden from the room
	EventAnswerShown  EventKind = "answer-show" // answer Item shown to the room again
	EventAnswerView   EventKind = "answer-view" // the room sees the answers as a "cloud" or a "wall" (Text)
	// EventAnswerWithdrawn takes paper answer Item out of the session, as
	// if it had never been typed in: undoing a mistyped paper answer. The
	// answers after it move up one. A phone's answer is never withdrawn,
	// only hidden: it is what the participant sent.
	EventAnswerWithdrawn EventKind = "answer-withdraw"
)

// The views of revealed answers.
const (
	ViewCloud = "cloud"
	ViewWall  = "wall"
)

// ErrAnswerLimit refuses a phone's answer beyond the number the exercise
// lets one phone give.
var ErrAnswerLimit = fmt.Errorf("%w: this phone has given all its answers", ErrRefused)

// ErrAnswersFull refuses an answer to a question that holds MaxAnswers.
var ErrAnswersFull = fmt.Errorf("%w: this question has all the answers it can keep", ErrRefused)

// ErrAnswerRepeated refuses a phone's answer with a request id it already
// gave an answer: the answer is recorded once, and the retry gets the
// first one back.
var ErrAnswerRepeated = fmt.Errorf("%w: this answer is already recorded", ErrRefused)

// MaxRequestLen bounds the id a phone gives an answer.
const MaxRequestLen = 64

// ValidRequest reports whether id is fit to be an answer's request id:
// 1–MaxRequestLen letters, digits, '-' and '_' of ASCII.
func ValidRequest(id string) bool {
	if id == "" || len(id) > MaxRequestLen {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// ErrAnswersClosed refuses a phone's answer while answering is closed.
var ErrAnswersClosed = fmt.Errorf("%w: answering is closed", ErrRefused)

// CleanAnswer makes a participant's text fit to record: characters a
// person's text may not hold removed (controls, bidirectional overrides),
// soft hyphens, which would split one word in two in the cloud), spaces
// collapsed, and at most max characters. It returns "" for a text with
// nothing left.
func CleanAnswer(s string, max int) string {
	if len(s) > 4*MaxAnswerRunes*4 {
		s = s[:4*MaxAnswerRunes*4] // never clean more than an answer could be
	}
	s = strings.ReplaceAll(s, softHyphen, "")
	s = strings.Join(strings.Fields(CleanText(s, false)), " ")
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max])
		s = strings.TrimRightFunc(s, unicode.IsSpace)
	}
	return s
}

// AnswerLength is how many characters s counts against an exercise's
// longest answer: those of the text CleanAnswer would record.
func AnswerLength(s string) int {
	return utf8.RuneCountInString(CleanAnswer(s, math.MaxInt))
}

func (s *State) checkAnswers(e Event, ex *Exercise) error {
	a := &s.Answers[e.Exercise]
	switch e.Kind {
	case EventOpened, EventClosed, EventRevealed, EventHidden, EventReopened, EventSelected:
		if e.Item != 0 {
			return fmt.Errorf("%w: %s has no item %d", ErrBadEvent, s.Plan.Label(e.Exercise), e.Item+1)
		}
	case EventAnswer:
		// An answer recorded before soft hyphens were removed still
		// replays.
		if clean := CleanAnswer(e.Text, ex.AnswerRunes()); e.Text == "" || e.Text != clean && strings.ReplaceAll(e.Text, softHyphen, "") != clean {
			return fmt.Errorf("%w: an answer must be 1–%d characters of plain text", ErrBadEvent, ex.AnswerRunes())
		}
		switch e.Source {
		case SourcePhone:
			if e.Participant == "" || len(e.Participant) > MaxParticipantLen {
				return fmt.Errorf("%w: a phone answer needs a participant id of 1–%d characters", ErrBadEvent, MaxParticipantLen)
			}
			if e.Request != "" {
				if !ValidRequest(e.Request) {
					return fmt.Errorf("%w: an answer's request id is 1–%d letters, digits, - or _", ErrBadEvent, MaxRequestLen)
				}
				// Before the limits: the retry of a phone's last answer,
				// or of one sent just before answering closed, is the
				// answer it gave, not a new one refused.
				if _, ok := a.Repeated(e.Participant, e.Request); ok {
					return ErrAnswerRepeated
				}
			}
			if !a.Open {
				return ErrAnswersClosed
			}
			if a.given[e.Participant] >= ex.AnswersPerPhone() {
				return ErrAnswerLimit
			}
			if len(a.List) >= MaxAnswers {
				return ErrAnswersFull
			}
		case SourcePaper:
			if e.Participant != "" || e.Request != "" {
				return fmt.Errorf("%w: a paper answer has no participant or request id", ErrBadEvent)
			}
			if len(a.List) >= MaxAnswers {
				return ErrAnswersFull
			}
		default:
			return fmt.Errorf("%w: an answer comes from a phone or paper, not %q", ErrBadEvent, e.Source)
		}
	case EventAnswerHidden, EventAnswerShown:
		if e.Item < 0 || e.Item >= len(a.List) {
			return fmt.Errorf("%w: %s has no answer %d", ErrBadEvent, s.Plan.Label(e.Exercise), e.Item+1)
		}
	case EventAnswerWithdrawn:
		if e.Item < 0 || e.Item >= len(a.List) {
			return fmt.Errorf("%w: %s has no answer %d", ErrBadEvent, s.Plan.Label(e.Exercise), e.Item+1)
		}
		if a.List[e.Item].Source != SourcePaper {
			return fmt.Errorf("%w: only a paper answer is withdrawn; a phone's answer is hidden", ErrBadEvent)
		}
	case EventAnswerView:
		if e.Text != ViewCloud && e.Text != ViewWall {
			return fmt.Errorf("%w: answers show as %q or %q, not %q", ErrBadEvent, ViewCloud, ViewWall, e.Text)
		}
	default:
		return fmt.Errorf("%w: %s takes no votes", ErrBadEvent, s.Plan.Label(e.Exercise))
	}
	return nil
}

func (s *State) applyAnswers(e Event) {
	a := &s.Answers[e.Exercise]
	switch e.Kind {
	case EventOpened, EventReopened:
		a.Open, a.Closed = true, false
		if e.Kind == EventReopened {
			a.Revealed = false
		}
	case EventClosed:
		if a.Open {
			a.Open, a.Closed = false, true
		}
	case EventRevealed:
		a.Revealed = true
		if e.Close && a.Open {
			a.Open, a.Closed = false, true
		}
	case EventHidden:
		a.Revealed = false
	case EventAnswer:
		a.List = append(a.List, Answer{Text: e.Text, Participant: e.Participant, Source: e.Source, At: e.At, Request: e.Request})
		if e.Source == SourcePhone {
			if a.given == nil {
				a.given = map[string]int{}
			}
			a.given[e.Participant]++
			if e.Request != "" {
				if a.requests == nil {
					a.requests = map[requestKey]int{}
				}
				a.requests[requestKey{e.Participant, e.Request}] = len(a.List) - 1
			}
		}
	case EventAnswerHidden:
		a.List[e.Item].Hidden = true
	case EventAnswerShown:
		a.List[e.Item].Hidden = false
	case EventAnswerWithdrawn:
		// A new list: a snapshot taken before may share the old one.
		a.List = append(a.List[:e.Item:e.Item], a.List[e.Item+1:]...)
	case EventAnswerView:
		a.Wall = e.Text == ViewWall
	}
}

// undoAnswers is how to take back e on an open exercise, from the state
// before it applies; nil for what is not taken back: a phone's answer,
// which the facilitator hides but never unsends. A paper answer is
// taken back by withdrawing it; it is the last in the list when added,
// and every change above it on the undo stack is taken back first.
func (s *State) undoAnswers(e Event) undoStep {
	a := &s.Answers[e.Exercise]
	x := e.Exercise
	switch e.Kind {
	case EventAnswer:
		if e.Source != SourcePaper {
			return nil
		}
		return undoStep{{Kind: EventAnswerWithdrawn, Exercise: x, Item: len(a.List)}}
	case EventAnswerHidden, EventAnswerShown:
		back := EventAnswerShown
		if a.List[e.Item].Hidden {
			back = EventAnswerHidden
		}
		return undoStep{{Kind: back, Exercise: x, Item: e.Item}}
	case EventAnswerView:
		view := ViewCloud
		if a.Wall {
			view = ViewWall
		}
		return undoStep{{Kind: EventAnswerView, Exercise: x, Text: view}}
	case EventRevealed, EventHidden, EventOpened, EventClosed, EventReopened:
		var step undoStep
		if a.Revealed {
			step = append(step, Event{Kind: EventRevealed, Exercise: x})
		} else {
			step = append(step, Event{Kind: EventHidden, Exercise: x})
		}
		if a.Open {
			step = append(step, Event{Kind: EventOpened, Exercise: x})
		} else if a.Closed || e.Kind == EventOpened || e.Kind == EventReopened {
			step = append(step, Event{Kind: EventClosed, Exercise: x})
		}
		return step
	}
	return nil
}

// WordCount is how often a word comes in the answers.
type WordCount struct {
	Word  string
	Count int
}

// softHyphen is U+00AD, an invisible hint where a word may break.
const softHyphen = "\u00ad"

// Words counts the words of texts for a word cloud: each word once an
// answer, so that one answer repeating a word cannot fill the cloud;
// merged by wordKey, so that "Straße" and "STRASSE", "café" typed either
// way, fullwidth "Ａｂｃ" and "abc", and Arabic with and without its vowel
// marks are one word; the form most often written shown, in NFKC, so that
// a ligature or a fullwidth letter shows as the letters every font has;
// the language's common words (stop), numbers-only words and lone
// letters of alphabets ("b" of "<b>", an initial) left out;
// most frequent first, ties in alphabetical order, so that the same
// answers always give the same list.
func Words(texts []string, stop map[string]bool) []WordCount {
	type tally struct {
		count int
		forms map[string]int
	}
	all := map[string]*tally{}
	for _, t := range texts {
		seen := map[string]bool{}
		t = strings.ReplaceAll(t, softHyphen, "")
		for _, w := range answerWords(t) {
			w = strings.Trim(norm.NFKC.String(w), "'’-")
			key := wordKey(w)
			if key == "" || seen[key] || stop[key] || strings.IndexFunc(key, unicode.IsLetter) < 0 || lone(key) {
				continue
			}
			seen[key] = true
			c := all[key]
			if c == nil {
				c = &tally{forms: map[string]int{}}
				all[key] = c
			}
			c.count++
			c.forms[w]++
		}
	}
	out := make([]WordCount, 0, len(all))
	for key, c := range all {
		best := key
		forms := make([]string, 0, len(c.forms))
		for f := range c.forms {
			forms = append(forms, f)
		}
		sort.Strings(forms)
		n := 0
		for _, f := range forms {
			// On a tie the form in small letters wins: "team" over "TEAM".
			if c.forms[f] > n || c.forms[f] == n && f == strings.ToLower(f) {
				best, n = f, c.forms[f]
			}
		}
		out = append(out, WordCount{Word: best, Count: c.count})
	}
	slices.SortFunc(out, func(a, b WordCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(wordKey(a.Word), wordKey(b.Word)); c != 0 {
			return c
		}
		return strings.Compare(a.Word, b.Word)
	})
	return out
}

// wordKey is what two spellings of one word have alike: the word in NFKC
// (one form for "é" typed as one character or two, for a fullwidth letter
// and its plain one, for a ligature and its letters), folded fully for
// case, without Arabic's vowel marks (harakat, the superscript alef) and
// tatweel, which a writer may add or leave out.
func wordKey(w string) string {
	k := cases.Fold().String(norm.NFKC.String(w))
	k = strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			return -1
		}
		return r
	}, k)
	return norm.NFKC.String(k)
}

// answerWords splits an answer into the words a cloud counts: runs of
// letters, numbers and marks (with apostrophes and hyphens inside them),
// and, within those, each run of Chinese or Japanese characters apart
// from letters of other scripts ("AIを使う" is "AI" and "を使う").
//
// Chinese and Japanese are written without spaces, and splitting them
// into words takes a dictionary: UAX #29 (golang.org/x/text has none; the
// uax29 module Fyne brings in follows it) breaks between every two
// ideographs, which gives single characters, not words. No dictionary
// segmenter is at hand, so each run of CJK characters between spaces,
// punctuation and other scripts counts as one term: a short answer or a
// phrase, which the cloud shows whole.
func answerWords(t string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(t, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && r != '\'' && r != '’' && r != '-'
	}) {
		start, prev := 0, 0
		for i, r := range f {
			// A mark, an apostrophe or a hyphen goes with what it follows.
			k := prev
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				k = 1
				if isCJK(r) {
					k = 2
				}
			}
			if i > 0 && k != prev && prev != 0 {
				out = append(out, f[start:i])
				start = i
			}
			prev = k
		}
		out = append(out, f[start:])
	}
	return out
}

// lone reports whether a word is a single letter of an alphabet, which
// says nothing in a cloud; a single Chinese character or Hangul syllable
// is a word.
func lone(key string) bool {
	r, n := utf8.DecodeRuneInString(key)
	return n == len(key) && !isCJK(r) && !unicode.Is(unicode.Hangul, r)
}

// isCJK reports whether r is written without spaces between words:
// Chinese characters, and Japanese kana.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

// CommonWords is the set of words a word cloud leaves out in a room that
// reads lang: that language's common words ("room.stop_words") and,
// in a room of another language, English's too, which answers mix in
// whatever the room reads ("the" in an Arabic room's answers is as empty
// as it is in an English one's). The set is made once per language and
// shared: callers must not change it.
func CommonWords(lang string) map[string]bool {
	w := words.For(lang)
	if set, ok := commonWords.Load(w.Code); ok {
		return set.(map[string]bool)
	}
	list := w.Say("room.stop_words")
	if w.Code != words.English {
		list += " " + words.For(words.English).Say("room.stop_words")
	}
	set, _ := commonWords.LoadOrStore(w.Code, StopWords(list))
	return set.(map[string]bool)
}

// commonWords holds each room language's CommonWords, by its code.
var commonWords sync.Map

// StopWords reads a list of common words, separated by spaces, as a set.
func StopWords(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[wordKey(w)] = true
	}
	return set
}
