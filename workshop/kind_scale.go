package workshop

import (
	"fmt"
	"strconv"
	"strings"
)

// KindScale is an exercise of items rated 1–5 between two labels.
const KindScale Kind = "scale"

var scaleKind = KindDef{
	Kind: KindScale, Name: "Scale", Fresh: "New scale",
	Fields: FieldItems | FieldScale | FieldPrompts | FieldCloseAtZero | FieldPrivate,
	Input:  InputRating,
	Scan:   "room.scan_rate",
	Rating: true,
	points: func(*Exercise) int { return ScalePoints },
	labels: func(*Exercise) []string { return ratingLabels },
	check:  checkScale,
}

// ratingLabels name the points of a scale: "1" to "5".
var ratingLabels = func() []string {
	out := make([]string, ScalePoints)
	for i := range out {
		out[i] = strconv.Itoa(i + 1)
	}
	return out
}()

func checkScale(e *Exercise, c *checker) {
	if len(e.Scale) != 2 {
		c.bad("scale", `needs exactly two labels, for 1 and 5 (e.g. ["Rarely", "Always"]), got {{.Got}}`, "Got", len(e.Scale))
	}
	for j, s := range e.Scale {
		if strings.TrimSpace(s) == "" {
			c.bad("scale", "label {{.N}} is empty", "N", j+1)
		}
	}
	checkItems(e, c, "a scale needs at least one item to rate")
}

// ScaleLabel says what the ends of a scale mean, as the app and the
// documents print it: "1 = Rarely … 5 = Always"; empty without labels.
func (e *Exercise) ScaleLabel() string {
	if !e.Takes(FieldScale) || len(e.Scale) != 2 {
		return ""
	}
	return fmt.Sprintf("1 = %s … 5 = %s", e.Scale[0], e.Scale[1])
}
