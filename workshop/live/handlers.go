package live

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"runsheet/assets"
	"runsheet/workshop"
	"runsheet/workshop/words"
)

// State is what a phone is told: where the workshop is, the question on
// screen and the phone's own vote on it, and — once the facilitator has
// revealed them, if the app is set to share them — the item's results. It
// never carries other people's votes, counts before reveal, or notes.
type State struct {
	Room     string `json:"room"`
	Version  int64  `json:"version"`
	Workshop string `json:"workshop"`
	Finished bool   `json:"finished"`
	// Exercise is the exercise on screen; Item the item on screen, or -1.
	Exercise int    `json:"exercise"`
	Item     int    `json:"item"`
	Open     bool   `json:"open"`
	Revealed bool   `json:"revealed"`
	Kind     string `json:"kind,omitempty"`
	// Input is the control the phone shows for the item: "options" or
	// "scale"; Pause is set during a break.
	Input string `json:"input,omitempty"`
	Pause bool   `json:"pause,omitempty"`
	Title string `json:"title,omitempty"`
	// BackAt is when a running break ends, as the projector shows it ("10:45").
	BackAt string `json:"backAt,omitempty"`
	// Round and Rounds number a discussion's round on screen, from 1.
	Round  int `json:"round,omitempty"`
	Rounds int `json:"rounds,omitempty"`
	// Prompts are the prompts the room sees: a discussion round's, or all
	// of a reflection's, so that the back of the room can read them.
	Prompts  []string `json:"prompts,omitempty"`
	Question string   `json:"question,omitempty"`
	Options  []string `json:"options,omitempty"`
	Scale    []string `json:"scale,omitempty"`
	YourVote *int     `json:"yourVote"`
	// Results are the revealed item's totals, one per option; a private
	// scale's are never sent, only its Votes, Mean and Median.
	Results  []Share `json:"results,omitempty"`
	Votes    int     `json:"votes,omitempty"`
	Expected string  `json:"expected,omitempty"`
	Mean     float64 `json:"mean,omitempty"`
	Median   float64 `json:"median,omitempty"`
	// Axes are a grid's two axes, each with its low and high end.
	Axes [][]string `json:"axes,omitempty"`
	// Answering is set while an open question takes answers; MaxRunes is
	// the longest answer, AnswersLeft how many more this phone may send,
	// and YourAnswers what it sent.
	Answering   bool     `json:"answering,omitempty"`
	MaxRunes    int      `json:"maxRunes,omitempty"`
	AnswersLeft int      `json:"answersLeft,omitempty"`
	YourAnswers []string `json:"yourAnswers,omitempty"`
	// Points are a grid's revealed items, each at the room's means; Words
	// are an open question's revealed answers' most frequent words, at
	// most MaxWords: what the room's screen draws, as text.
	Points []GridMean  `json:"points,omitempty"`
	Words  []WordShare `json:"words,omitempty"`
}

// GridMean is one revealed grid item: the room's mean across and up, and
// how many rated it.
type GridMean struct {
	Item   string  `json:"item"`
	Across float64 `json:"across"`
	Up     float64 `json:"up"`
	Count  int     `json:"count"`
}

// WordShare is one word of an open question's revealed answers, and in
// how many of them it stands.
type WordShare struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

// MaxWords is how many of the revealed answers' words a phone is sent.
const MaxWords = 10

// Share is one option's part of a revealed result.
type Share struct {
	Option  string  `json:"option"`
	Count   int     `json:"count"`
	Percent float64 `json:"percent"`
}

// showResults reports whether revealed results go to phones.
func (s *Server) showResults() bool { return s.opts.ShowResults != nil && s.opts.ShowResults() }

// state describes what a participant's phone shows, from the session's
// room view: the same projection the projector draws.
func (s *Server) state(participant string) State {
	s.mu.Lock()
	st := State{Room: s.room, Version: s.version}
	s.mu.Unlock()
	results := s.showResults()
	// The results as last seen by Changed, the shown answers' digest
	// among them: the key of the words counted once for every phone.
	s.pushMu.Lock()
	shown := s.pushed.results
	s.pushMu.Unlock()
	s.rec.View(func(sess *workshop.Session) {
		v := sess.State.Room()
		st.Workshop, st.Finished = v.Title, v.Finished
		st.Exercise, st.Item = v.Exercise, v.Item
		st.Kind, st.Title, st.Pause = string(v.Kind), v.Heading, v.Pause
		if !v.BackAt.IsZero() {
			st.BackAt = words.For(sess.State.Language).Clock(v.BackAt)
		}
		st.Round, st.Rounds = v.Round, v.Rounds
		st.Prompts = v.Prompts
		if v.Input == workshop.InputText {
			// An open question: this phone's own answers, never the room's.
			mine := sess.State.Answers[v.Exercise].From(participant)
			st.Input, st.Revealed, st.YourAnswers = string(v.Input), v.Revealed, mine
			if !v.Finished {
				st.Answering, st.MaxRunes = v.Answering, v.AnswerRunes
				st.AnswersLeft = max(0, v.AnswersPerPhone-len(mine))
			}
			if results && v.Revealed {
				st.Words = s.words.of(shown, &v)
			}
			return
		}
		if v.Finished || v.Item < 0 {
			return
		}
		st.Open, st.Revealed, st.Input = v.Open, v.Revealed, string(v.Input)
		st.Question, st.Options, st.Scale, st.Axes = v.Question, v.Options, v.Scale, v.Axes
		if opt, ok := sess.State.Votes[v.Exercise].Items[v.Item].Ballot(participant); ok {
			st.YourVote = &opt
		}
		if r := v.Result; results && r != nil {
			st.Votes, st.Expected = r.Votes, v.Expected
			// A private self-rating shows only its aggregate: in a
			// small room, the count of each number tells who chose it.
			// A grid's 25 points say nothing on a phone; its place is on
			// the room's screen.
			if !v.Private && v.Input != workshop.InputPoint {
				st.Results = make([]Share, len(r.Labels))
				for i, l := range r.Labels {
					st.Results[i] = Share{Option: l, Count: r.Total[i], Percent: math.Round(r.Percent(i)*10) / 10}
				}
			}
			if r.IsScale {
				sc := r.Scale()
				st.Mean, st.Median = words.RoundMean(sc.Mean), sc.Median
			}
		}
		if results {
			st.Points = gridMeans(v.Points)
		}
	})
	return st
}

// gridMeans is a grid's revealed items as phones are sent them.
func gridMeans(points []workshop.GridPoint) []GridMean {
	var out []GridMean
	for _, p := range points {
		out = append(out, GridMean{Item: p.Label, Across: words.RoundMean(p.Stats.X), Up: words.RoundMean(p.Stats.Y), Count: p.Stats.N})
	}
	return out
}

// wordsCache is an open question's top words for the answers it was
// shown, known by the digest Changed keeps of them (viewKey).
type wordsCache struct {
	mu       sync.Mutex
	shown    string
	exercise int
	words    []WordShare
	set      bool
}

// of is the room view's top words, counted anew only when the shown
// answers' digest or the exercise differs from the last count. The slice
// is shared by every phone's state, which only reads it.
func (c *wordsCache) of(shown string, v *workshop.RoomView) []WordShare {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.set || c.shown != shown || c.exercise != v.Exercise {
		c.words, c.shown, c.exercise, c.set = topWords(v.Cloud()), shown, v.Exercise, true
	}
	return c.words
}

// topWords is the most frequent words of a word cloud, at most MaxWords.
func topWords(cloud []workshop.WordCount) []WordShare {
	var out []WordShare
	for _, c := range cloud[:min(len(cloud), MaxWords)] {
		out = append(out, WordShare{Word: c.Word, Count: c.Count})
	}
	return out
}

// viewKey is what every phone sees alike; a push is due when it changes.
type viewKey struct {
	exercise, item, round    int
	open, revealed, finished bool
	results                  string
	backAt                   time.Time
}

func (k viewKey) withoutResults() viewKey { k.results = ""; return k }

// viewKey sums up what phones see now.
func (s *Server) viewKey() viewKey {
	var k viewKey
	results := s.showResults()
	s.rec.View(func(sess *workshop.Session) {
		v := sess.State.Room()
		k = viewKey{exercise: v.Exercise, item: v.Item, round: v.Round, open: v.Open || v.Answering, revealed: v.Revealed, finished: v.Finished, backAt: v.BackAt}
		if !results {
			return
		}
		if r := v.Result; r != nil {
			k.results = fmt.Sprint(r.Total)
		}
		if len(v.Points) > 0 {
			k.results += fmt.Sprint(gridMeans(v.Points))
		}
		if v.Revealed && len(v.Answers) > 0 {
			// The answers shown, summed up: counting their words on
			// every change would cost more.
			h := fnv.New64a()
			for _, a := range v.Answers {
				h.Write([]byte(a))
				h.Write([]byte{0})
			}
			k.results += fmt.Sprintf("answers %x", h.Sum64())
		}
	})
	return k
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	var lang string
	var perPhone bool
	s.rec.View(func(sess *workshop.Session) { lang, perPhone = sess.State.Language, sess.State.PerPhone })
	page, err := phonePage(lang, perPhone)
	if err != nil {
		writeError(w, fail(http.StatusInternalServerError, "phone.err.not_recorded"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(page)
}

// phonePages holds the phone page made for each room language.
var phonePages sync.Map // "pl" or "pl+" (each phone's own) → []byte

// phonePage is the phone page in the room's language: its lang and dir set,
// and the room's words put in for the page to fill in — every language's,
// when each phone may use its own.
func phonePage(lang string, perPhone bool) ([]byte, error) {
	key := lang
	if perPhone {
		key += "+"
	}
	if p, ok := phonePages.Load(key); ok {
		return p.([]byte), nil
	}
	l, ok := words.Find(lang)
	if !ok {
		l, _ = words.Find(words.English)
	}
	give := []words.Language{l}
	if perPhone {
		give = words.Languages
	}
	payload := struct {
		Lang     string                    `json:"lang"`
		PerPhone bool                      `json:"perPhone"`
		RTL      []string                  `json:"rtl"`
		Words    map[string]map[string]any `json:"words"`
	}{Lang: l.Code, PerPhone: perPhone, RTL: []string{}, Words: map[string]map[string]any{}}
	for _, g := range words.Languages {
		if g.RTL {
			payload.RTL = append(payload.RTL, g.Code)
		}
	}
	for _, g := range give {
		m, err := words.Messages(g.Code, "room.", "phone.")
		if err != nil {
			return nil, err
		}
		payload.Words[g.Code] = m
	}
	data, err := json.Marshal(payload) // escapes <, > and &: safe inside a script element
	if err != nil {
		return nil, err
	}
	dir := "ltr"
	if l.RTL {
		dir = "rtl"
	}
	page := string(assets.PhonePage)
	page = strings.Replace(page, `<html lang="en" dir="auto">`, fmt.Sprintf(`<html lang="%s" dir="%s">`, l.Code, dir), 1)
	page = strings.Replace(page, "</head>", `<script id="words" type="application/json">`+string(data)+"</script>\n</head>", 1)
	phonePages.Store(key, []byte(page))
	return []byte(page), nil
}

type joinRequest struct {
	Room  string `json:"room"`
	Name  string `json:"name"`
	Token string `json:"token"`
}

type joinResponse struct {
	Token       string `json:"token"`
	Participant string `json:"participant"`
	Name        string `json:"name"`
}

// handleJoin lets a phone into the room: it checks the room code and
// hands out a signed token, remembering nothing, so that joins cannot fill
// anything. A device that already holds a token this room issued — sent
// back in the body, the header or its cookie — rejoins as the same
// participant, even when the room is locked if the phone was in it; a
// removed phone's token is refused. While the room is locked, no new token
// is issued, and a token of a phone that was not in the room is refused.
func (s *Server) handleJoin(w http.ResponseWriter, r *http.Request) {
	if !s.joins.allow(limitKey(clientAddr(r)), s.clock()) {
		tarpit(r)
		writeError(w, fail(http.StatusTooManyRequests, "phone.err.joining_rush"))
		return
	}
	var req joinRequest
	if err := readBody(w, r, &req, joinKeys); err != nil {
		writeError(w, err)
		return
	}
	if err := s.checkRoom(r, req.Room); err != nil {
		writeError(w, err)
		return
	}
	token := req.Token
	id, ok := s.verify(token)
	if !ok {
		token = requestToken(r)
		id, ok = s.verify(token)
	}
	switch {
	case ok:
		if err := s.refused(id); err != nil {
			writeError(w, err)
			return
		}
	case s.Locked():
		writeError(w, fail(http.StatusForbidden, "phone.err.locked"))
		return
	default:
		token = s.newToken()
		id = Participant(token)
	}
	name := cleanName(req.Name)
	for _, c := range []*http.Cookie{{Name: "runsheet_token", Value: token}, {Name: "runsheet_name", Value: url.QueryEscape(name)}} {
		c.Path, c.MaxAge, c.HttpOnly, c.SameSite = "/", int((12 * time.Hour).Seconds()), true, http.SameSiteStrictMode
		http.SetCookie(w, c)
	}
	writeJSON(w, http.StatusOK, joinResponse{Token: token, Participant: id, Name: name})
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, err := s.caller(r, q.Get("room"), q.Get("name"), nil)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.state(id))
}

// handleEvents streams the state to a phone whenever it changes.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	if t := r.URL.Query().Get("token"); t != "" && r.Header.Get("X-Runsheet-Token") == "" {
		// EventSource cannot send headers; the token may come in the URL.
		r.Header.Set("X-Runsheet-Token", t)
	}
	q := r.URL.Query()
	st := &stream{kick: make(chan struct{}), addr: limitKey(clientAddr(r))}
	id, err := s.caller(r, q.Get("room"), q.Get("name"), st)
	if err != nil {
		writeError(w, err)
		return
	}
	defer s.release(id, st)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	if s.subs == nil {
		s.mu.Unlock()
		return
	}
	s.subs[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	// send writes the state; false ends the stream: the phone is gone, or
	// the session has ended and the phone has been told.
	send := func() bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		now := s.state(id)
		if err := writeEvent(w, now); err != nil {
			return false
		}
		return rc.Flush() == nil && !now.Finished
	}
	if !send() {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-st.kick:
			return // closed: a newer stream of the phone, its removal, or a crowded room
		case _, ok := <-ch:
			if !ok || !send() {
				return
			}
		case <-tick.C:
			rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
			s.touch(id)
		}
	}
}

func writeEvent(w http.ResponseWriter, st State) error {
	data, err := jsonLine(st)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: state\ndata: %s\n\n", data)
	return err
}

// touch records that a phone is still there.
func (s *Server) touch(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.phones[id]; p != nil {
		p.LastSeen = s.clock()
	}
}

// voteRequest is a phone's vote. Its numbers are pointers so that one
// missing or null is refused rather than read as 0, the first option or
// a grid's bottom-left corner.
type voteRequest struct {
	Room     string `json:"room"`
	Name     string `json:"name"`
	Exercise *int   `json:"exercise"`
	Item     *int   `json:"item"`
	Option   *int   `json:"option"`
}

// readQuick reads a vote as the phone page spells it (see flatFields):
// each of its keys at most once, the room and name as strings, the
// numbers as numbers.
func (v *voteRequest) readQuick(body []byte) bool {
	var out voteRequest
	var seen uint64
	var nums [3]int
	ok := flatFields(body, func(key, text []byte, num int64, isText bool) bool {
		k := matchKey(key, voteKeys)
		if k < 0 || seen&(1<<k) != 0 {
			return false
		}
		seen |= 1 << k
		var n *int
		switch {
		case string(key) == "room" && isText:
			out.Room = string(text)
		case string(key) == "name" && isText:
			out.Name = string(text)
		case isText:
			return false
		case string(key) == "exercise":
			n, out.Exercise = &nums[0], &nums[0]
		case string(key) == "item":
			n, out.Item = &nums[1], &nums[1]
		case string(key) == "option":
			n, out.Option = &nums[2], &nums[2]
		default:
			return false
		}
		if n != nil {
			if int64(int(num)) != num {
				return false
			}
			*n = int(num)
		}
		return true
	})
	if ok {
		*v = out
	}
	return ok
}

type voteResponse struct {
	Received bool `json:"received"`
	Exercise int  `json:"exercise"`
	Item     int  `json:"item"`
	Option   int  `json:"option"`
}

// writeVoted answers an acknowledged vote: what writeJSON writes for its
// voteResponse, byte for byte, put together without reflection — the
// answer every vote gets.
func writeVoted(w http.ResponseWriter, exercise, item, option int) {
	b := make([]byte, 0, 80)
	b = append(b, `{"received":true,"exercise":`...)
	b = strconv.AppendInt(b, int64(exercise), 10)
	b = append(b, `,"item":`...)
	b = strconv.AppendInt(b, int64(item), 10)
	b = append(b, `,"option":`...)
	b = strconv.AppendInt(b, int64(option), 10)
	b = append(b, "}\n"...)
	hd := w.Header()
	hd["Content-Type"] = jsonType
	hd["Cache-Control"] = noStore
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// handleVote records a phone's vote and answers only once it is durable.
func (s *Server) handleVote(w http.ResponseWriter, r *http.Request) {
	var req voteRequest
	if err := readBody(w, r, &req, voteKeys); err != nil {
		writeError(w, err)
		return
	}
	if req.Exercise == nil || req.Item == nil || req.Option == nil {
		writeError(w, fail(http.StatusBadRequest, "phone.err.unreadable"))
		return
	}
	exercise, item, option := *req.Exercise, *req.Item, *req.Option
	id, err := s.caller(r, req.Room, req.Name, nil)
	if err != nil {
		writeError(w, err)
		return
	}
	p := s.allow(id)
	if p == nil {
		writeError(w, fail(http.StatusTooManyRequests, "phone.err.votes_rush"))
		return
	}
	err = s.rec.Record(workshop.Event{Kind: workshop.EventVote, At: s.clock(),
		Exercise: exercise, Item: item, Option: option, Participant: id})
	switch {
	case err == nil:
		p.voted.Store(true)
		writeVoted(w, exercise, item, option)
	case errors.Is(err, workshop.ErrItemClosed):
		writeError(w, fail(http.StatusConflict, "phone.err.closed"))
	case errors.Is(err, workshop.ErrFinished):
		writeError(w, fail(http.StatusConflict, "phone.err.ended"))
	case errors.Is(err, workshop.ErrNotSaved):
		writeError(w, fail(http.StatusServiceUnavailable, "phone.err.not_saved"))
	default:
		writeError(w, fail(http.StatusBadRequest, "phone.err.no_question"))
	}
}

type answerRequest struct {
	Room     string `json:"room"`
	Name     string `json:"name"`
	Exercise int    `json:"exercise"`
	Text     string `json:"text"`
	// ID is the page's id for this answer, the same on every retry of
	// it; optional.
	ID string `json:"id"`
}

type answerResponse struct {
	Received bool   `json:"received"`
	Exercise int    `json:"exercise"`
	Text     string `json:"text"`
	// Repeated says the answer was recorded before, with this id: the
	// phone's list of answers already has it.
	Repeated bool `json:"repeated,omitempty"`
}

// handleAnswer records a phone's open answer, cleaned of what a person's
// text may not hold, refusing one longer than the exercise allows, and
// answers only once it is durable, with the text as recorded. An answer
// sent again with the id it was first sent with is answered as the first
// time, and not recorded again.
func (s *Server) handleAnswer(w http.ResponseWriter, r *http.Request) {
	var req answerRequest
	if err := readBody(w, r, &req, answerKeys); err != nil {
		writeError(w, err)
		return
	}
	if req.ID != "" && !workshop.ValidRequest(req.ID) {
		writeError(w, fail(http.StatusBadRequest, "phone.err.unreadable"))
		return
	}
	id, err := s.caller(r, req.Room, req.Name, nil)
	if err != nil {
		writeError(w, err)
		return
	}
	p := s.allow(id)
	if p == nil {
		writeError(w, fail(http.StatusTooManyRequests, "phone.err.votes_rush"))
		return
	}
	limit := 0
	s.rec.View(func(sess *workshop.Session) {
		if x := req.Exercise; x >= 0 && x < len(sess.State.Plan.Exercises) {
			limit = sess.State.Plan.Exercises[x].AnswerRunes()
		}
	})
	text := workshop.CleanAnswer(req.Text, limit)
	if text == "" && limit > 0 {
		writeError(w, fail(http.StatusBadRequest, "phone.err.empty_answer"))
		return
	}
	if limit > 0 && workshop.AnswerLength(req.Text) > limit {
		// Refused whole, never cut: the phone keeps the text to shorten.
		writeError(w, fail(http.StatusUnprocessableEntity, "phone.err.answer_too_long"))
		return
	}
	err = s.rec.Record(workshop.Event{Kind: workshop.EventAnswer, At: s.clock(),
		Exercise: req.Exercise, Source: workshop.SourcePhone, Text: text, Participant: id, Request: req.ID})
	switch {
	case err == nil:
		p.voted.Store(true)
		writeJSON(w, http.StatusOK, answerResponse{Received: true, Exercise: req.Exercise, Text: text})
	case errors.Is(err, workshop.ErrAnswerRepeated):
		// A retry of an answer that arrived, its reply lost: the reply
		// it should have had, and nothing recorded again.
		var first workshop.Answer
		s.rec.View(func(sess *workshop.Session) {
			first, _ = sess.State.Answers[req.Exercise].Repeated(id, req.ID)
		})
		writeJSON(w, http.StatusOK, answerResponse{Received: true, Exercise: req.Exercise, Text: first.Text, Repeated: true})
	case errors.Is(err, workshop.ErrAnswerLimit):
		writeError(w, fail(http.StatusConflict, "phone.err.answer_limit"))
	case errors.Is(err, workshop.ErrAnswersClosed):
		writeError(w, fail(http.StatusConflict, "phone.answers_closed"))
	case errors.Is(err, workshop.ErrAnswersFull):
		writeError(w, fail(http.StatusConflict, "phone.err.answers_full"))
	case errors.Is(err, workshop.ErrFinished):
		writeError(w, fail(http.StatusConflict, "phone.err.ended"))
	case errors.Is(err, workshop.ErrNotSaved):
		writeError(w, fail(http.StatusServiceUnavailable, "phone.err.not_saved"))
	default:
		writeError(w, fail(http.StatusBadRequest, "phone.err.no_question"))
	}
}

// jsonLine encodes v on one line, as an event's data field needs.
func jsonLine(v any) ([]byte, error) { return json.Marshal(v) }

// tarpitDelay holds back the answer to a client over a per-address limit.
// Waiting costs the server nothing but a parked goroutine, and it slows a
// flooding client to the pace of its own connections instead of letting it
// spend the laptop's processor on refusals.
const tarpitDelay = time.Second

func tarpit(r *http.Request) {
	t := time.NewTimer(tarpitDelay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
