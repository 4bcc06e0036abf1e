package live

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

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

// FuzzReadBody holds readBody to Go's own decoder: whatever it accepts,
// the decoder (unknown keys refused, nothing after the object) accepts
// and reads alike; whatever the decoder refuses, it refuses; and where it
// refuses what the decoder accepts, the body has a reason to be refused:
// not an object, a key not spelt as the request's, a key given twice, an
// escape, or bytes that are not UTF-8.
func FuzzReadBody(f *testing.F) {
	for _, b := range []string{
		`{"room":"ABCDEF","exercise":2,"item":0,"option":1}`,
		`{"room":"ABCDEF","exercise":2,"item":0,"option":1,"option":0}`,
		`{"room":"ABCDEF","Option":1}`,
		`{"room":"A\"B","name":"\u00e9\\","exercise":-0,"item":1e2,"option":01}`,
		`{"\u0072oom":"ABCDEF"}`,
		`{"room":"ABCDEF","x":{"option":[1,{"a":"}"}]}}`,
		` {"name":null} `,
		`null`,
		`[]`,
		`{} {}`,
		"\ufeff{}",
		`{"room":"ABCDEF","name":"Zoë","exercise":2,"item":0,"option":1}`,
		` { "room" : "abc" , "option" : -0 , "item" : 123456789012345678 } `,
		`{"room":"ABCDEF","exercise":1234567890123456789,"item":0,"option":1}`,
		`{"room":"ABCDEF","exercise":2.0,"item":1E1,"option":-}`,
		`{"room":"ABCDEF","room":"ABCDEF"}`,
		`{"room":1,"exercise":"2"}`,
		`{"room":"AB` + "\t" + `C"}`,
		`{"room":"ABCDEF",}`,
		`{"option":1}x`,
		"{\"name\":\"Jos\xe9\"}",
		`{"room":"` + strings.Repeat("x", MaxBodyBytes) + `"}`,
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/vote", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var got voteRequest
		err := readBody(httptest.NewRecorder(), req, &got, voteKeys)
		if len(body) > MaxBodyBytes {
			var ae *apiError
			if !errors.As(err, &ae) || ae.status != http.StatusRequestEntityTooLarge {
				t.Fatalf("a body of %d bytes: %v", len(body), err)
			}
			return
		}
		dec := json.NewDecoder(strings.NewReader(body))
		dec.DisallowUnknownFields()
		var want voteRequest
		refErr := dec.Decode(&want)
		if refErr == nil {
			if _, end := dec.Token(); !errors.Is(end, io.EOF) {
				refErr = errors.New("something after the object")
			}
		}
		if err == nil && !utf8.ValidString(body) {
			t.Fatalf("accepted bytes that are not UTF-8: %q", body)
		}
		var quick voteRequest
		if utf8.ValidString(body) && quick.readQuick([]byte(body)) {
			var slow voteRequest
			if json.Unmarshal([]byte(body), &slow) != nil || !plainKeys([]byte(body), voteKeys) {
				t.Fatalf("read quickly what Unmarshal and plainKeys refuse: %q", body)
			}
			if !sameVote(quick, slow) {
				t.Fatalf("read quickly %+v where Unmarshal reads %+v: %q", quick, slow, body)
			}
		}
		switch {
		case err == nil && refErr != nil:
			t.Fatalf("accepted what the decoder refuses (%v): %q", refErr, body)
		case err == nil:
			if !sameVote(got, want) {
				t.Fatalf("read %+v where the decoder reads %+v: %q", got, want, body)
			}
		case refErr == nil && !oddBody(body):
			t.Fatalf("refused (%v) a plain object the decoder accepts: %q", err, body)
		}
	})
}

// sameVote reports whether two readings of a vote agree in every field.
func sameVote(a, b voteRequest) bool {
	return a.Room == b.Room && a.Name == b.Name && sameInt(a.Exercise, b.Exercise) &&
		sameInt(a.Item, b.Item) && sameInt(a.Option, b.Option)
}

func sameInt(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// oddBody reports whether a body the decoder accepts still has something
// readBody refuses: it is not an object, or has a key not spelt as a
// vote's, a key twice, a backslash anywhere, or bytes that are not UTF-8.
func oddBody(body string) bool {
	if strings.Contains(body, `\`) || !utf8.ValidString(body) {
		return true
	}
	dec := json.NewDecoder(strings.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return true
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return true
		}
		key := tok.(string)
		if seen[key] || !slices.Contains(voteKeys, key) {
			return true
		}
		seen[key] = true
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return true
		}
	}
	return false
}
