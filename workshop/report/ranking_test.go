package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"runsheet/workshop"
)

// hebrewSession is a session of a Hebrew plan in an English room: a vote
// with expected answers and a scale whose first two items tie at 3.0.
func hebrewSession(t *testing.T) *workshop.Session {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "hebrew-session.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sess, err := ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// Items whose means read the same share a rank in the summary's ranking.
func TestTiedMeansShareARank(t *testing.T) {
	path := pdfFile(t, func(b *bytes.Buffer) error { return Summary(b, hebrewSession(t), Options{Created: created}) })
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	ranks := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(\d+)\s.*(השפעה על אחרים|שקיפות)`).FindAllStringSubmatch(string(out), -1) {
		ranks[m[2]] = m[1]
	}
	if ranks["השפעה על אחרים"] != "1" || ranks["שקיפות"] != "1" {
		t.Errorf("two items with a mean of 3.0 are ranked %v, not both 1:\n%s", ranks, out)
	}
}
