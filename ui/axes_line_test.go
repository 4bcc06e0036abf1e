package ui

import (
	"strings"
	"testing"

	"runsheet/workshop"
	"runsheet/workshop/typeset"
)

// The grid's axis line reads as a sentence of the room: in an Arabic room
// with English end names each "1 = name" pair stays together, read from
// the right (the names left to right inside it); in an English room the
// line is the plain text, with nothing invisible added.
func TestGridAxisLineReadsInTheRoomsDirection(t *testing.T) {
	axes := [][]string{{"Implement", "Innovate"}, {"Systems", "People"}}
	ar := roomOptions(workshop.RoomView{Language: "ar", Item: 0, Axes: axes})
	seen := typeset.Visual(ar, typeset.RightToLeft)
	for _, want := range []string{"Innovate = 5 … Implement = 1", "People = 5 … Systems = 1"} {
		if !strings.Contains(seen, want) {
			t.Errorf("the Arabic room's axis line shows %q, want it to hold %q", seen, want)
		}
	}
	if a, b := strings.Index(seen, "People"), strings.Index(seen, "Innovate"); a < 0 || b < 0 || a > b {
		t.Errorf("the Arabic room's up axis is not left of the across axis: %q", seen)
	}
	en := roomOptions(workshop.RoomView{Language: "en", Item: 0, Axes: axes})
	if en != "Across: 1 = Implement … 5 = Innovate   ·   Up: 1 = Systems … 5 = People" {
		t.Errorf("the English room's axis line is %q", en)
	}
}
