package workshop

import "testing"

// A marker whose place is under a word drawn on the grid moves to the
// nearest place clear of it; one whose place is clear stays there.
func TestPlaceMarkersKeepOffWords(t *testing.T) {
	box := [4]float64{0, 0, 100, 100}
	word := [4]float64{0, 52, 30, 60}
	got := PlaceMarkers([][2]float64{{10, 55}, {80, 20}}, 3, 0.5, box, word)
	if got[1] != [2]float64{80, 20} {
		t.Errorf("the clear marker moved to %v", got[1])
	}
	x, y := got[0][0], got[0][1]
	if x+3 > word[0] && x-3 < word[2] && y+3 > word[1] && y-3 < word[3] {
		t.Errorf("the marker at %v covers the word %v", got[0], word)
	}
	if x < box[0] || x > box[2] || y < box[1] || y > box[3] {
		t.Errorf("the marker at %v left the grid", got[0])
	}
}
