package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"runsheet/workshop/words"
)

// The CSV's column names and sources are in the language asked for, with
// the source also as a keyword that is the same in every language, in
// both kinds of CSV; its lines end in CRLF (RFC 4180).
func TestCSVInTheReadersLanguage(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	for _, c := range []struct {
		lang, phone, room string
		excel             bool
	}{{"de", "Handy", "Handzeichen", false}, {"de", "Handy", "Handzeichen", true}, {"pl", "telefon", "podniesione ręce", false}, {"en", "phone", "show of hands", false}} {
		var buf bytes.Buffer
		write, sep := CSVIn, ','
		if c.excel {
			write, sep = ExcelCSV, ExcelSeparator(c.lang)
		}
		if err := write(&buf, sess, c.lang); err != nil {
			t.Fatal(err)
		}
		raw := strings.TrimPrefix(buf.String(), "\uFEFF")
		if strings.Count(raw, "\n") != strings.Count(raw, "\r\n") || !strings.HasSuffix(raw, "\r\n") {
			t.Errorf("%s: a line does not end in CRLF: %q", c.lang, raw)
		}
		r := csv.NewReader(strings.NewReader(raw))
		r.Comma = sep
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if want := csvHeader(c.lang); !slices.Equal(rows[0], want) {
			t.Errorf("%s: header %q, want %q", c.lang, rows[0], want)
		}
		seen := map[string]string{}
		for _, row := range rows[1:] {
			seen[row[len(row)-1]] = row[7]
		}
		if seen["phone"] != c.phone || seen["room"] != c.room {
			t.Errorf("%s: sources %v, want phone %q and room %q", c.lang, seen, c.phone, c.room)
		}
	}
	if h := csvHeader("de"); h[0] == csvHeader(words.English)[0] || h[7] != "Quelle" {
		t.Errorf("the German header is not German: %q", h)
	}
}
