package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// The CSV for Excel starts with a UTF-8 byte-order mark and parts its
// cells by the separator Excel expects in the language; read with that
// separator, it holds the same rows as the plain CSV, which keeps RFC 4180:
// no mark, commas.
func TestExcelCSV(t *testing.T) {
	sess := fixtureSessionFromFile(t)
	plain := csvRows(t, sess)
	var raw bytes.Buffer
	if err := CSV(&raw, sess); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(raw.Bytes(), []byte("\uFEFF")) {
		t.Error("the plain CSV has a byte-order mark")
	}
	for _, c := range []struct {
		lang string
		sep  rune
	}{{"en", ','}, {"de", ';'}, {"pl", ';'}, {"fr", ';'}, {"", ','}} {
		var buf bytes.Buffer
		if err := ExcelCSV(&buf, sess, c.lang); err != nil {
			t.Fatal(err)
		}
		body, ok := bytes.CutPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF})
		if !ok {
			t.Errorf("%q: no UTF-8 byte-order mark", c.lang)
		}
		if !bytes.Contains(body, []byte("Łódź")) {
			t.Errorf("%q: Łódź not in UTF-8", c.lang)
		}
		r := csv.NewReader(bytes.NewReader(body))
		r.Comma = c.sep
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", c.lang, err)
		}
		if len(rows) != len(plain) {
			t.Fatalf("%q: %d rows, the plain CSV %d", c.lang, len(rows), len(plain))
		}
		for i := range rows[1:] {
			// The source is in the reader's words; its keyword, last, is not.
			got, want := slices.Delete(slices.Clone(rows[i+1]), 7, 8), slices.Delete(slices.Clone(plain[i+1]), 7, 8)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%q row %d: %v, want %v", c.lang, i+1, rows[i+1], plain[i+1])
			}
		}
	}
}
