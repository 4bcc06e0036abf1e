package live

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"runsheet/assets"
	"runsheet/workshop"
)

// State is what a phone is told: the open question and the phone's own
// vote on it. It never carries counts, other people's votes or notes.
type State struct {
	Room     string   `json:"room"`
	Version  int64    `json:"version"`
	Workshop string   `json:"workshop"`
	Open     bool     `json:"open"`
	Finished bool     `json:"finished"`
	Exercise int      `json:"exercise"`
	Item     int      `json:"item"`
	Kind     string   `json:"kind,omitempty"`
	Title    string   `json:"title,omitempty"`
	Question string   `json:"question,omitempty"`
	Options  []string `json:"options,omitempty"`
	Scale    []string `json:"scale,omitempty"`
	YourVote *int     `json:"yourVote"`
}

// state describes the open question for a participant.
func (s *Server) state(participant string) State {
	s.mu.Lock()
	st := State{Room: s.room, Version: s.version}
	s.mu.Unlock()
	s.rec.View(func(sess *workshop.Session) {
		ss := sess.State
		st.Workshop = sess.Plan.Title
		st.Finished = ss.IsFinished()
		ex := sess.Plan.Exercises[ss.Current]
		if st.Finished || !ex.TakesVotes() {
			return
		}
		ev := &ss.Votes[ss.Current]
		item := -1
		if ev.Items[ev.Active].Open {
			item = ev.Active
		} else {
			for i := range ev.Items {
				if ev.Items[i].Open {
					item = i
				}
			}
		}
		if item < 0 {
			return
		}
		st.Open = true
		st.Exercise, st.Item = ss.Current, item
		st.Kind, st.Title = string(ex.Kind), ex.Title
		st.Question = ex.Items[item].Text
		st.Options = ex.OptionLabels()
		if ex.Kind == workshop.KindScale {
			st.Scale = ex.Scale
		}
		if opt, ok := ev.Items[item].Ballot(participant); ok {
			st.YourVote = &opt
		}
	})
	return st
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(assets.PhonePage)
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

// handleJoin lets a phone into the room. A phone that sends back a token it
// was given before rejoins as the same participant.
func (s *Server) handleJoin(w http.ResponseWriter, r *http.Request) {
	var req joinRequest
	if err := readBody(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	token := req.Token
	if !validToken(token) {
		token = newToken()
	}
	r.Header.Set("X-Runsheet-Token", token)
	id, err := s.caller(r, req.Room)
	if err != nil {
		writeError(w, err)
		return
	}
	name := cleanName(req.Name)
	s.mu.Lock()
	if p := s.phones[id]; p != nil && name != "" {
		p.Name = name
	}
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: "runsheet_token", Value: token, Path: "/",
		MaxAge: int((12 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
	writeJSON(w, http.StatusOK, joinResponse{Token: token, Participant: id, Name: name})
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	id, err := s.caller(r, r.URL.Query().Get("room"))
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
	id, err := s.caller(r, r.URL.Query().Get("room"))
	if err != nil {
		writeError(w, err)
		return
	}
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
	send := func() bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if err := writeEvent(w, s.state(id)); err != nil {
			return false
		}
		return rc.Flush() == nil
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

type voteRequest struct {
	Room     string `json:"room"`
	Exercise int    `json:"exercise"`
	Item     int    `json:"item"`
	Option   int    `json:"option"`
}

type voteResponse struct {
	Received bool `json:"received"`
	Exercise int  `json:"exercise"`
	Item     int  `json:"item"`
	Option   int  `json:"option"`
}

// handleVote records a phone's vote and answers only once it is durable.
func (s *Server) handleVote(w http.ResponseWriter, r *http.Request) {
	var req voteRequest
	if err := readBody(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	id, err := s.caller(r, req.Room)
	if err != nil {
		writeError(w, err)
		return
	}
	if !s.allow(id) {
		writeError(w, fail(http.StatusTooManyRequests, "Too many votes at once; wait a moment."))
		return
	}
	err = s.rec.Record(workshop.Event{Kind: workshop.EventVote, At: s.clock(),
		Exercise: req.Exercise, Item: req.Item, Option: req.Option, Participant: id})
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, voteResponse{Received: true, Exercise: req.Exercise, Item: req.Item, Option: req.Option})
	case errors.Is(err, workshop.ErrItemClosed):
		writeError(w, fail(http.StatusConflict, "Voting on this question has closed."))
	case errors.Is(err, workshop.ErrFinished):
		writeError(w, fail(http.StatusConflict, "The session has ended."))
	case errors.Is(err, workshop.ErrNotSaved):
		writeError(w, fail(http.StatusServiceUnavailable, "The laptop could not save your vote; try again."))
	default:
		writeError(w, fail(http.StatusBadRequest, "There is no such question or answer."))
	}
}

// jsonLine encodes v on one line, as an event's data field needs.
func jsonLine(v any) ([]byte, error) { return json.Marshal(v) }
