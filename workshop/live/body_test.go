package live

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// The page's own spelling of a vote is read without reflection, and reads
// as Go's decoder reads it.
func TestPageVotesAreReadQuickly(t *testing.T) {
	for _, body := range []string{
		`{"room":"ABCDEF","name":"","exercise":2,"item":0,"option":1}`,
		`{"room":"abcdef","name":"Zoë Ångström","exercise":0,"item":199,"option":3}`,
		`{"room":"ABCDEF","name":"李小龍 مريم","exercise":-1,"item":-0,"option":123456789012345678}`,
		" {\n\t\"option\" : 1 , \"room\":\"X\" }\r\n",
		`{}`,
	} {
		var quick, slow voteRequest
		if !quick.readQuick([]byte(body)) {
			t.Errorf("not read quickly: %s", body)
			continue
		}
		if err := json.Unmarshal([]byte(body), &slow); err != nil {
			t.Fatal(err)
		}
		if !sameVote(quick, slow) {
			t.Errorf("read %+v, Go's decoder %+v: %s", quick, slow, body)
		}
	}
}

// Anything but the page's plain spelling is left to the thorough reading,
// which accepts what is JSON spelt another way and refuses the rest.
func TestOtherSpellingsAreReadThoroughly(t *testing.T) {
	for _, c := range []struct {
		body string
		ok   bool
		name string
	}{
		{`{"room":"ABCDEF","name":"Jo \"JJ\" Doe","exercise":2,"item":0,"option":1}`, true, `Jo "JJ" Doe`},
		{`{"room":"ABCDEF","name":"\u00e9\ud83d\ude00","exercise":2,"item":0,"option":1}`, true, "é😀"},
		{`{"room":"ABCDEF","name":null,"exercise":2,"item":0,"option":1}`, true, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1,"option":0}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"Option":1}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1.0}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1e0}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":01}`, false, ""},
		{`{"room":"ABCDEF","exercise":"2","item":0,"option":1}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":99999999999999999999}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1,"admin":true}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1}{}`, false, ""},
		{`{"room":"ABCDEF","exercise":2,"item":0,"option":1,}`, false, ""},
		{"{\"room\":\"AB\tC\",\"exercise\":2,\"item\":0,\"option\":1}", false, ""},
	} {
		var quick voteRequest
		if quick.readQuick([]byte(c.body)) {
			t.Errorf("read quickly: %s", c.body)
		}
		req := httptest.NewRequest("POST", "/vote", strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		var got voteRequest
		err := readBody(httptest.NewRecorder(), req, &got, voteKeys)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want accepted %v", c.body, err, c.ok)
		}
		if c.ok && got.Name != c.name {
			t.Errorf("%s: name %q, want %q", c.body, got.Name, c.name)
		}
	}
}
