package workshop

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// KindGrid is the 2×2 matrix: each item is rated on two axes, 1–5 on
// each, and the room's mean places it in one of four quadrants.
const KindGrid Kind = "grid"

// EventGridView chooses what the room sees of a grid (Text): each item at
// its mean ("means"), or every rating as well ("points").
const EventGridView EventKind = "grid-view"

// The views of a grid.
const (
	ViewMeans  = "means"
	ViewPoints = "points"
)

// GridPoints is how many answers a grid item has: every pair of ratings,
// the option index being (up−1)×5 + (across−1).
const GridPoints = ScalePoints * ScalePoints

// InputPoint is a pair of ratings, across and up, given on the phone.
const InputPoint Input = "grid"

var gridKind = KindDef{
	Kind: KindGrid, Name: "Grid", Fresh: "New grid",
	Fields: FieldItems | FieldAxes | FieldQuadrants | FieldPrompts | FieldCloseAtZero,
	Input:  InputPoint,
	Scan:   "room.scan_rate",
	points: func(*Exercise) int { return GridPoints },
	labels: func(*Exercise) []string { return gridLabels },
	check:  checkGrid,
}

// gridLabels name the answers of a grid item: "1/1" (across 1, up 1) to
// "5/5", as the CSV heads their columns.
var gridLabels = func() []string {
	out := make([]string, GridPoints)
	for i := range out {
		x, y := GridRatings(i)
		out[i] = fmt.Sprintf("%d/%d", x, y)
	}
	return out
}()

// GridOption is the option index of ratings across and up, each 1–5.
func GridOption(x, y int) int { return (y-1)*ScalePoints + (x - 1) }

// GridRatings are the ratings across and up of an option index.
func GridRatings(option int) (x, y int) { return option%ScalePoints + 1, option/ScalePoints + 1 }

func checkGrid(e *Exercise, c *checker) {
	if len(e.Axes) != 2 || len(e.Axes[0]) != 2 || len(e.Axes[1]) != 2 {
		c.bad("axes", `needs two axes, each with its two ends: [["Implement", "Innovate"], ["Systems", "People"]]`)
	} else {
		names := []string{"axis 1 (across)", "axis 2 (up)"}
		for a, ax := range e.Axes {
			lo, hi := strings.TrimSpace(ax[0]) == "", strings.TrimSpace(ax[1]) == ""
			switch {
			case lo && hi:
				c.bad("axes", "{{.Axis}}: both ends are empty", "Axis", names[a])
			case lo:
				c.bad("axes", "{{.Axis}}: its low end is empty", "Axis", names[a])
			case hi:
				c.bad("axes", "{{.Axis}}: its high end is empty", "Axis", names[a])
			case sameName(ax[0], ax[1]):
				c.bad("axes", "{{.Axis}}: both ends say {{.Text}}; an axis runs between two different ends", "Axis", names[a], "Text", quote(strings.TrimSpace(ax[0])))
			}
		}
	}
	if len(e.Quadrants) != 0 && len(e.Quadrants) != 4 {
		c.bad("quadrants", "needs four names (top left, top right, bottom left, bottom right) or none, got {{.Got}}", "Got", len(e.Quadrants))
	}
	for j, q := range e.Quadrants {
		if strings.TrimSpace(q) == "" {
			c.badAt("quadrants", j+1, "quadrant {{.N}} is empty; name it or remove every quadrant name", "N", j+1)
		} else if k := slices.IndexFunc(e.Quadrants[:j], func(o string) bool { return sameName(o, q) }); k >= 0 {
			c.badAt("quadrants", j+1, "quadrant {{.N}} has the name of quadrant {{.First}}, {{.Text}}; quadrants must differ", "N", j+1, "First", k+1, "Text", quote(strings.TrimSpace(q)))
		}
	}
	checkItems(e, c, "a grid needs at least one item to place")
	// The room's picture labels each item by its text: two alike would
	// be two points no one could tell apart.
	for j, it := range e.Items {
		if strings.TrimSpace(it.Text) == "" {
			continue
		}
		if k := slices.IndexFunc(e.Items[:j], func(o Item) bool { return sameName(o.Text, it.Text) }); k >= 0 {
			c.badAt("items", j+1, "item {{.N}} ({{.Text}}) has the text of item {{.First}}; a grid places each item once", "N", j+1, "Text", quote(strings.TrimSpace(it.Text)), "First", k+1)
		}
	}
}

// sameName reports whether two names read the same: alike but for case
// and the spaces around them.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// GridStats sum up the ratings of one grid item.
type GridStats struct {
	N int
	// X and Y are the mean ratings across and up.
	X, Y float64
	// Cells counts the ratings at each point, [up−1][across−1].
	Cells [ScalePoints][ScalePoints]int
}

// Grid sums up the item's votes as grid ratings.
func (r Result) Grid() GridStats {
	var g GridStats
	sx, sy := 0, 0
	for o := 0; o < GridPoints && o < len(r.Total); o++ {
		n := r.Total[o]
		x, y := GridRatings(o)
		g.Cells[y-1][x-1] = n
		g.N += n
		sx += x * n
		sy += y * n
	}
	if g.N > 0 {
		g.X, g.Y = float64(sx)/float64(g.N), float64(sy)/float64(g.N)
	}
	return g
}

// Quadrant is the quadrant a point falls in: 0 top left, 1 top right,
// 2 bottom left, 3 bottom right; the middle (3) counts as the high side.
func Quadrant(x, y float64) int {
	q := 0
	if x >= 3 {
		q++
	}
	if y < 3 {
		q += 2
	}
	return q
}

// AxisLabel says what an axis's ends mean: "1 = Implement … 5 = Innovate".
func (e *Exercise) AxisLabel(axis int) string {
	if axis < 0 || axis >= len(e.Axes) || len(e.Axes[axis]) != 2 {
		return ""
	}
	return fmt.Sprintf("1 = %s … 5 = %s", e.Axes[axis][0], e.Axes[axis][1])
}

// GridPoint is one grid item as the room sees it once revealed.
type GridPoint struct {
	Item  int
	Label string
	Stats GridStats
}

// PlaceMarkers returns where to draw a grid's markers, squares of side 2r
// that belong at the places at, in order, inside box (left, top, right,
// bottom): each at its place when nothing drawn before it is there, else
// at the nearest free place on rings around it, inside box while there
// is room. No two markers come closer than gap, and none comes within gap
// of a rectangle in avoid (left, top, right, bottom: the words drawn on
// the grid). The summary and the projector both place markers so.
func PlaceMarkers(at [][2]float64, r, gap float64, box [4]float64, avoid ...[4]float64) [][2]float64 {
	step := 2*r + gap
	free := func(placed [][2]float64, x, y float64) bool {
		for _, p := range placed {
			// A hair's slack: a place one step away counts as free
			// whatever the rounding of its sine.
			if math.Abs(p[0]-x) < step-1e-9 && math.Abs(p[1]-y) < step-1e-9 {
				return false
			}
		}
		for _, a := range avoid {
			if x+r+gap > a[0] && x-r-gap < a[2] && y+r+gap > a[1] && y-r-gap < a[3] {
				return false
			}
		}
		return true
	}
	inside := func(x, y float64) bool {
		return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]
	}
	var placed [][2]float64
	for _, p := range at {
		x, y := p[0], p[1]
		for ring := 1; !free(placed, x, y); ring++ {
			// Past this many rings the square is full: a marker may
			// stand outside it rather than on another.
			outside := ring > 40
			if ring > 80 {
				break // nowhere free at all: on its own place
			}
			n := 8 * ring
			found := false
			for k := 0; k < n && !found; k++ {
				a := 2 * math.Pi * float64(k) / float64(n)
				cx, cy := p[0]+float64(ring)*step*math.Cos(a), p[1]-float64(ring)*step*math.Sin(a)
				if (outside || inside(cx, cy)) && free(placed, cx, cy) {
					x, y, found = cx, cy, true
				}
			}
		}
		placed = append(placed, [2]float64{x, y})
	}
	return placed
}
