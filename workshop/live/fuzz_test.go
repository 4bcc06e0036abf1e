package live

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"runsheet/workshop"
)

// fuzzServer is a phone server over a real session store for the fuzz
// targets, whose clock jumps a minute at every request so that no rate
// limit ever holds a request back (the limits have tests of their own).
func fuzzServer(f *testing.F) (*Server, http.Handler, string) {
	fx := newFixture(f)
	var mu sync.Mutex
	now := time.Now()
	srv := New(fx.rec, Options{ShowResults: func() bool { return true }, Clock: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Minute)
		return now
	}})
	fx.record(workshop.Event{Kind: workshop.EventOpened, Exercise: sorting, Item: 0})
	return srv, srv.Handler(), srv.newToken()
}

// fuzzRequest makes a request to path with the fuzzer's query, body and
// token; a token that is exactly "valid" stands for a token the server
// issued.
func fuzzRequest(method, path, query, body, token, valid string) *http.Request {
	r := httptest.NewRequest(method, "http://127.0.0.1/", strings.NewReader(body))
	r.URL = &url.URL{Path: path, RawQuery: query}
	r.Host = "127.0.0.1:8737"
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if token == "valid" {
		token = valid
	}
	if token != "" {
		r.Header.Set("X-Runsheet-Token", token)
	}
	ctx, cancel := context.WithCancel(r.Context())
	cancel() // an event stream answers once, then sees its phone gone
	return r.WithContext(ctx)
}

// checkAnswer holds every answer to the API's promises: a known status,
// and a refusal that says why, with the message's id, as JSON.
func checkAnswer(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	switch w.Code {
	case 200, 400, 401, 403, 409, 413, 415, 421, 429, 503:
	default:
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if w.Code == 200 {
		return
	}
	var e struct{ Error, Code string }
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" || !strings.HasPrefix(e.Code, "phone.err.") {
		t.Fatalf("a refusal (%d) that does not say why: %q", w.Code, w.Body)
	}
}

func FuzzJoin(f *testing.F) {
	srv, h, valid := fuzzServer(f)
	room := srv.Room()
	f.Add(`{"room":"`+room+`","name":"Ann"}`, "", "")
	f.Add(`{"room":"`+strings.ToLower(room)+`","token":"valid"}`, "", "")
	f.Add(`{"room":"`+room+`"}`, "valid", "localhost")
	f.Add(`{"room":"`+room+`","token":"`+strings.ToUpper(valid)+`"}`, "", "")
	f.Add(`{"room":"`+room+`","name":"\u202e\u0000x"}`, "", "evil.example")
	f.Add(`{"room":1}`, "", "")
	f.Fuzz(func(t *testing.T, body, token, host string) {
		body = strings.ReplaceAll(body, `"token":"valid"`, `"token":"`+valid+`"`)
		r := fuzzRequest("POST", "/join", "", body, token, valid)
		if host != "" {
			r.Host = host
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		checkAnswer(t, w)
		if w.Code == 200 {
			var out joinResponse
			if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			if id, ok := srv.verify(out.Token); !ok || id != out.Participant || len([]rune(out.Name)) > MaxNameRunes {
				t.Fatalf("joined with %+v", out)
			}
		}
	})
}

func FuzzState(f *testing.F) {
	srv, h, valid := fuzzServer(f)
	f.Add("room="+srv.Room(), "valid")
	f.Add("room="+srv.Room()+"&name=%00%E2%80%AE", "valid")
	f.Add("room=ZZZZZZ", "valid")
	f.Add("room="+srv.Room(), strings.ToUpper(valid))
	f.Add("room=%", "")
	f.Fuzz(func(t *testing.T, query, token string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, fuzzRequest("GET", "/state", query, "", token, valid))
		checkAnswer(t, w)
		if w.Code == 200 {
			var st State
			if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil || st.Room != srv.Room() {
				t.Fatalf("state %q: %v", w.Body, err)
			}
			if token != "valid" {
				t.Fatalf("state served to token %q", token)
			}
		}
	})
}

func FuzzEvents(f *testing.F) {
	srv, h, valid := fuzzServer(f)
	f.Add("room="+srv.Room()+"&token="+valid, "")
	f.Add("room="+srv.Room(), "valid")
	f.Add("room="+srv.Room()+"&token="+strings.ToUpper(valid), "")
	f.Add("room="+srv.Room()+"&token=", "x")
	f.Fuzz(func(t *testing.T, query, token string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, fuzzRequest("GET", "/events", query, "", token, valid))
		checkAnswer(t, w)
		if w.Code == 200 && !strings.HasPrefix(w.Body.String(), "event: state\ndata: {") {
			t.Fatalf("stream %q", w.Body)
		}
	})
}

func FuzzVote(f *testing.F) {
	srv, h, valid := fuzzServer(f)
	room := srv.Room()
	f.Add(`{"room":"`+room+`","exercise":2,"item":0,"option":1}`, "valid")
	f.Add(`{"room":"`+room+`","exercise":2,"item":0,"option":1}`, strings.ToUpper(valid))
	f.Add(`{"room":"`+room+`","exercise":2,"item":9,"option":-1}`, "valid")
	f.Add(`{"room":"`+room+`","exercise":-1,"item":0,"option":0}`, "valid")
	f.Add(`{"room":"`+room+`","exercise":99999999999,"item":0,"option":0}`, "valid")
	f.Add(`{"room":"`+room+`","name":"`+strings.Repeat("é", 100)+`","exercise":2,"item":0,"option":0}`, "valid")
	f.Fuzz(func(t *testing.T, body, token string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, fuzzRequest("POST", "/vote", "", body, token, valid))
		checkAnswer(t, w)
		if w.Code == 200 && token != "valid" {
			t.Fatalf("a vote accepted from token %q", token)
		}
	})
}
