package report

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// csvHeader names the columns in a language. The columns are the same in
// every language; the counts are whole numbers and the times RFC 3339, so
// no cell depends on a decimal separator. A grid's rating, which the
// option column shows as "across/up", is also in two columns of its own,
// across and up, each 1–5 (empty for other kinds), for a spreadsheet to
// average. The source is in the reader's words ("show of hands",
// "Handzeichen"); the last column holds it as a keyword that is the same
// in every language (room, paper or phone), for scripts.
func csvHeader(lang string) []string {
	w := words.For(lang)
	var out []string
	for _, id := range []string{"csv.session", "csv.group", "csv.exercise", "csv.exercise_title", "csv.item", "csv.item_text",
		"csv.option", "csv.source", "csv.participant", "csv.count", "csv.time", "csv.across", "csv.up", "csv.source_id"} {
		out = append(out, w.Say(id))
	}
	return out
}

// CSV writes every tally and every phone vote of a session, one row each,
// for spreadsheets: room and paper counts as they stand, and each phone's
// counted vote with a pseudonym in place of its token. RFC 4180, UTF-8,
// lines ending in CRLF, its words in the session's language.
func CSV(w io.Writer, sess *workshop.Session) error { return CSVIn(w, sess, "") }

// CSVIn is CSV with its column names and words in the language lang (a
// code of package words); empty is the session's language.
func CSVIn(w io.Writer, sess *workshop.Session, lang string) error {
	if lang == "" {
		lang = sess.State.Language
	}
	return writeCSV(w, sess, ',', lang)
}

// ExcelCSV writes the CSV for Excel to open on a double-click: UTF-8 with a
// byte-order mark, without which Excel on Windows reads "Łódź" as
// "ÅÃ³dÅº", and cells parted by the list separator Excel expects in the
// language (a semicolon where the decimal mark is a comma), else it puts
// each row in one cell. lang is a language code of package words; empty is
// the session's language.
func ExcelCSV(w io.Writer, sess *workshop.Session, lang string) error {
	if lang == "" {
		lang = sess.State.Language
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("cannot write the CSV: %w", err)
	}
	return writeCSV(w, sess, ExcelSeparator(lang), lang)
}

// ExcelSeparator is the list separator Excel uses in a language's usual
// regional settings: a semicolon in languages that write decimals with a
// comma, and a comma otherwise.
func ExcelSeparator(lang string) rune {
	switch words.For(lang).Code {
	case "de", "fr", "es", "it", "pl", "pt", "ar":
		return ';'
	}
	return ','
}

func writeCSV(w io.Writer, sess *workshop.Session, comma rune, lang string) error {
	type tallyKey struct {
		ex, item, opt int
		src           workshop.Source
	}
	type voteKey struct {
		ex, item    int
		participant string
	}
	tallies := map[tallyKey]workshop.Event{}
	votes := map[voteKey]workshop.Event{}
	// Replay to learn which votes counted and when each count was last set.
	st := workshop.NewState(sess.Plan)
	for _, e := range sess.Events {
		if st.Apply(e) != nil {
			continue
		}
		switch e.Kind {
		case workshop.EventInserted:
			// What was counted after the insert's place moves down one.
			tallies = shiftExercises(tallies, e.Exercise, func(k *tallyKey) *int { return &k.ex })
			votes = shiftExercises(votes, e.Exercise, func(k *voteKey) *int { return &k.ex })
		case workshop.EventTally:
			tallies[tallyKey{e.Exercise, e.Item, e.Option, e.Source}] = e
		case workshop.EventVote:
			votes[voteKey{e.Exercise, e.Item, e.Participant}] = e
		}
	}
	type row struct {
		ex, item, opt int
		src           string
		who           string
		count         int
		at            time.Time
	}
	var rows []row
	for k, e := range tallies {
		if e.Count > 0 {
			rows = append(rows, row{k.ex, k.item, k.opt, string(k.src), "", e.Count, e.At})
		}
	}
	for k, e := range votes {
		rows = append(rows, row{k.ex, k.item, e.Option, string(workshop.SourcePhone), Pseudonym(sess.ID, k.participant), 1, e.At})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.ex != b.ex {
			return a.ex < b.ex
		}
		if a.item != b.item {
			return a.item < b.item
		}
		if a.opt != b.opt {
			return a.opt < b.opt
		}
		if a.src != b.src {
			return a.src < b.src
		}
		return a.who < b.who
	})
	cw := csv.NewWriter(w)
	cw.Comma = comma
	cw.UseCRLF = true // RFC 4180
	say := words.For(lang).Say
	if err := cw.Write(csvHeader(lang)); err != nil {
		return err
	}
	for _, r := range rows {
		ex := st.Plan.Exercises[r.ex]
		labels := ex.OptionLabels()
		across, up := "", ""
		if ex.Takes(workshop.FieldAxes) {
			x, y := workshop.GridRatings(r.opt)
			across, up = strconv.Itoa(x), strconv.Itoa(y)
		}
		if err := cw.Write([]string{
			sess.ID, CSVText(sess.Group),
			strconv.Itoa(r.ex + 1), CSVText(ex.Title),
			strconv.Itoa(r.item + 1), CSVText(ex.Items[r.item].Text),
			CSVText(labels[r.opt]), say("csv.src_" + r.src), r.who, strconv.Itoa(r.count),
			r.at.UTC().Format(time.RFC3339), across, up, r.src,
		}); err != nil {
			return err
		}
	}
	// Open answers, one a row: the answer's number and text where an
	// item's are, marked when hidden from the room.
	hidden := words.For(sess.State.Language).Say("doc.hidden_answer")
	for ei, a := range st.Answers {
		ex := st.Plan.Exercises[ei]
		for ai, x := range a.List {
			who, mark := "", ""
			if x.Participant != "" {
				who = Pseudonym(sess.ID, x.Participant)
			}
			if x.Hidden {
				mark = hidden
			}
			if err := cw.Write([]string{
				sess.ID, CSVText(sess.Group),
				strconv.Itoa(ei + 1), CSVText(ex.Title),
				strconv.Itoa(ai + 1), CSVText(x.Text),
				mark, say("csv.src_" + string(x.Source)), who, "1",
				x.At.UTC().Format(time.RFC3339), "", "", string(x.Source),
			}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("cannot write the CSV: %w", err)
	}
	return nil
}

// CSVText makes a person's text safe for a spreadsheet: a cell that
// begins with =, +, -, @, a tab or a carriage return is a formula to
// Excel, LibreOffice and Google Sheets (=HYPERLINK(…) sends whoever clicks
// to a stranger's address; =cmd|… ran programs), so such a text gets a
// leading apostrophe, which spreadsheets show as text and do not display.
// The numbers Runsheet writes itself never need one. A line break is
// written as one newline, which RFC 4180's CRLF lines carry as CRLF: a
// lone carriage return would be lost.
func CSVText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// shiftExercises renumbers the keys of m for an exercise inserted at
// from: keys of exercises at from or after move down one.
func shiftExercises[K comparable](m map[K]workshop.Event, from int, exercise func(*K) *int) map[K]workshop.Event {
	out := make(map[K]workshop.Event, len(m))
	for k, e := range m {
		if ex := exercise(&k); *ex >= from {
			*ex++
		}
		out[k] = e
	}
	return out
}

// Pseudonym stands in for a phone's token in exports: stable within a
// session, so one person's votes can be followed, but not the token itself,
// which would let anyone who reads the file vote in that person's name.
func Pseudonym(session, participant string) string {
	sum := sha256.Sum256([]byte(session + "\x00" + participant))
	return "p-" + hex.EncodeToString(sum[:5])
}
