package live

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"runsheet/workshop"
)

// The keys each request may carry, as its type spells them; a request
// is flat (every field a string or a number), and has at most 64 keys,
// which plainKeys can track.
var (
	joinKeys   = workshop.JSONKeys(reflect.TypeFor[joinRequest]())
	voteKeys   = workshop.JSONKeys(reflect.TypeFor[voteRequest]())
	answerKeys = workshop.JSONKeys(reflect.TypeFor[answerRequest]())
)

// bodies are the buffers requests are read into, kept between requests:
// a vote is small, and a buffer of its own for each would cost the
// garbage collector more than the vote.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody decodes a small JSON object into v, whose keys are keys,
// refusing anything else: another content type, a body over MaxBodyBytes,
// bytes that are not UTF-8, anything but one object, a key not among
// keys, a key spelt in another letter case or with an escape, or given
// twice. (Go's decoder would take
// the last of two twins, and match keys whatever their case, so that a
// request could say one thing to a reader of it and another to the room.)
func readBody(w http.ResponseWriter, r *http.Request, v any, keys []string) error {
	if !jsonContent(r.Header.Get("Content-Type")) {
		return fail(http.StatusUnsupportedMediaType, "phone.err.send_json")
	}
	if r.ContentLength > MaxBodyBytes {
		// Said too large up front: refused at once, not after waiting
		// for bytes a prankster may never send.
		return fail(http.StatusRequestEntityTooLarge, "phone.err.too_large")
	}
	buf := bodies.Get().(*bytes.Buffer)
	defer bodies.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes)); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fail(http.StatusRequestEntityTooLarge, "phone.err.too_large")
		}
		return fail(http.StatusBadRequest, "phone.err.unreadable")
	}
	body := buf.Bytes()
	// Bytes that are not UTF-8 (a name typed in Latin-1, say) are
	// refused rather than read with their letters replaced. Unmarshal
	// refuses what is not JSON, a value of the wrong type and anything
	// after the object; plainKeys, given valid JSON, what Unmarshal lets
	// through.
	if !utf8.Valid(body) {
		return fail(http.StatusBadRequest, "phone.err.unreadable")
	}
	if q, ok := v.(quickReader); ok && q.readQuick(body) {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil || !plainKeys(body, keys) {
		return fail(http.StatusBadRequest, "phone.err.unreadable")
	}
	return nil
}

// jsonContent reports whether a Content-Type says JSON: application/json
// in any letter case, and if it names a charset, UTF-8, the only one JSON
// is written in.
func jsonContent(ct string) bool {
	const want = "application/json"
	if len(ct) < len(want) || !strings.EqualFold(ct[:len(want)], want) {
		return false
	}
	rest := strings.TrimLeft(ct[len(want):], " \t")
	if rest == "" {
		return true
	}
	if rest[0] != ';' {
		return false
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	cs, named := params["charset"]
	return !named || strings.EqualFold(cs, "utf-8")
}

// plainKeys reports whether body, which must be valid JSON, is an object
// whose keys are all among keys, each spelt as there, without escapes,
// and given once.
func plainKeys(body []byte, keys []string) bool {
	var seen uint64
	depth := 0
	keyDue := false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case ' ', '\t', '\r', '\n':
		case '{', '[':
			if depth == 0 && c != '{' {
				return false
			}
			depth++
			keyDue = depth == 1
		case '}', ']':
			depth--
		case ',':
			keyDue = depth == 1
		case '"':
			j, escaped := i+1, false
			for body[j] != '"' {
				if body[j] == '\\' {
					escaped = true
					j++
				}
				j++
			}
			if keyDue {
				if escaped {
					return false
				}
				k := matchKey(body[i+1:j], keys)
				if k < 0 || seen&(1<<k) != 0 {
					return false
				}
				seen |= 1 << k
				keyDue = false
			}
			i = j
		default:
			if depth == 0 {
				return false
			}
		}
	}
	return true
}

// matchKey is the index of key in keys, or -1.
func matchKey(key []byte, keys []string) int {
	for i, k := range keys {
		if string(key) == k {
			return i
		}
	}
	return -1
}

// quickReader is a request that reads the usual spelling of itself
// without reflection, for the requests a room sends thousands of a
// second. readQuick reports false, leaving the request as it was, for
// any other spelling, which readBody then reads with Go's decoder: it
// may only accept what that reading accepts, read alike (FuzzReadBody
// holds it to that).
type quickReader interface {
	readQuick(body []byte) bool
}

// flatFields reads body, valid UTF-8, as the phone page spells a request:
// one object, with spaces around its parts, whose keys are plain and
// whose values are strings without escapes or control characters, or
// whole numbers of up to 18 digits without sign or exponent other than a
// leading minus. It calls field for each key with its string (isText) or
// number, and stops when field returns false. It reports false for
// anything else, which may still be valid JSON.
func flatFields(body []byte, field func(key, text []byte, num int64, isText bool) bool) bool {
	i := skipSpace(body, 0)
	if i == len(body) || body[i] != '{' {
		return false
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == '}' {
		return skipSpace(body, i+1) == len(body)
	}
	for {
		key, next, ok := plainString(body, i)
		if !ok {
			return false
		}
		i = skipSpace(body, next)
		if i == len(body) || body[i] != ':' {
			return false
		}
		i = skipSpace(body, i+1)
		if i == len(body) {
			return false
		}
		if body[i] == '"' {
			text, next, ok := plainString(body, i)
			if !ok || !field(key, text, 0, true) {
				return false
			}
			i = next
		} else {
			num, next, ok := wholeNumber(body, i)
			if !ok || !field(key, nil, num, false) {
				return false
			}
			i = next
		}
		i = skipSpace(body, i)
		if i == len(body) {
			return false
		}
		switch body[i] {
		case ',':
			i = skipSpace(body, i+1)
		case '}':
			return skipSpace(body, i+1) == len(body)
		default:
			return false
		}
	}
}

// skipSpace is the index of the first byte at or after i that is not
// JSON's white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainString reads the string starting at b[i], its opening quote: its
// bytes, and the index after its closing quote; ok is false if it is not
// there, or holds an escape or a control character.
func plainString(b []byte, i int) (s []byte, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return b[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// wholeNumber reads the number starting at b[i]: an optional minus, then 0
// or up to 18 digits not starting with 0, and nothing of a fraction or an
// exponent after them.
func wholeNumber(b []byte, i int) (n int64, next int, ok bool) {
	neg := i < len(b) && b[i] == '-'
	if neg {
		i++
	}
	start := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int64(b[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 18 || (digits > 1 && b[start] == '0') {
		return 0, 0, false
	}
	if i < len(b) && (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
		return 0, 0, false
	}
	if neg {
		n = -n
	}
	return n, i, true
}
