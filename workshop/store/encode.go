package store

import (
	"encoding/json"
	"strconv"
	"time"

	"runsheet/workshop"
)

// encodeEvent is json.Marshal(e), byte for byte. A phone's vote — the
// event a room sends thousands of a second — is put together without
// reflection; every other event goes through encoding/json.
func encodeEvent(e workshop.Event) ([]byte, error) {
	if !plainVote(e) {
		return json.Marshal(e)
	}
	b := make([]byte, 0, 128)
	b = append(b, `{"kind":"vote","at":"`...)
	b = e.At.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if e.Exercise != 0 {
		b = append(b, `,"exercise":`...)
		b = strconv.AppendInt(b, int64(e.Exercise), 10)
	}
	if e.Item != 0 {
		b = append(b, `,"item":`...)
		b = strconv.AppendInt(b, int64(e.Item), 10)
	}
	if e.Option != 0 {
		b = append(b, `,"option":`...)
		b = strconv.AppendInt(b, int64(e.Option), 10)
	}
	if e.Participant != "" {
		b = append(b, `,"participant":"`...)
		b = append(b, e.Participant...)
		b = append(b, '"')
	}
	return append(b, '}'), nil
}

// plainVote reports a vote with nothing but its kind, time, exercise,
// item, option and a participant id that JSON writes as it is, at a time
// encoding/json writes as RFC 3339 (a year of four digits, an offset in
// whole minutes).
func plainVote(e workshop.Event) bool {
	if e.Kind != workshop.EventVote || e.Delta != 0 || e.Text != "" || e.Source != "" ||
		e.Count != 0 || e.Room != "" || e.Key != "" || e.Close || e.Undo || e.Correction ||
		e.Added != nil || e.PerPhone || e.Members != nil || e.Request != "" {
		return false
	}
	if y := e.At.Year(); y < 0 || y > 9999 {
		return false
	}
	if _, off := e.At.Zone(); off%60 != 0 {
		return false
	}
	for i := 0; i < len(e.Participant); i++ {
		c := e.Participant[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
