package workshop

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every kind the plan format lists has its own definition, and a kind the
// format lacks has none.
func TestKindsHaveDefinitions(t *testing.T) {
	seen := map[Kind]bool{}
	for _, k := range Kinds {
		if !k.Known() || k.Def().Kind != k {
			t.Errorf("kind %q: no definition of its own", k)
		}
		if k.Def().Name == "" || k.Def().Fresh == "" {
			t.Errorf("kind %q: no name for people", k)
		}
		if seen[k] {
			t.Errorf("kind %q listed twice", k)
		}
		seen[k] = true
	}
	if Kind("poll").Known() || Kind("").Known() {
		t.Error("an unknown kind has a definition")
	}
}

// Changing an exercise's kind drops what the new kind does not take, so
// that the plan stays valid.
func TestSetKindDropsFields(t *testing.T) {
	for _, from := range Kinds {
		for _, to := range Kinds {
			p := &Plan{Title: "T", Exercises: []Exercise{sampleOf(from)}}
			p.Exercises[0].SetKind(to)
			for _, prob := range ValidateExercise(p, 0) {
				if prob.Field != "kind" && !strings.Contains(prob.Message, "needs") && !strings.Contains(prob.Message, "at least") {
					t.Errorf("%s → %s: %s", from, to, prob)
				}
			}
		}
	}
}

// A field a kind does not take is refused, naming the kinds that do.
func TestFieldNotTakenNamesKinds(t *testing.T) {
	p := &Plan{Title: "T", Exercises: []Exercise{{Kind: KindTalk, Title: "x", Minutes: 5, Options: []string{"a", "b"}}}}
	probs := ValidateExercise(p, 0)
	if len(probs) != 1 || probs[0].Field != "options" || !strings.Contains(probs[0].Message, `only "vote" exercises take options`) {
		t.Fatalf("got %v", probs)
	}
}

// sampleOf is a valid exercise of kind k with every field it takes.
func sampleOf(k Kind) Exercise {
	e := Exercise{Kind: k, Title: "x", Minutes: 5, Prompts: []string{"p"}}
	d := k.Def()
	if d.Takes(FieldItems) {
		e.Items = []Item{{Text: "a"}, {Text: "b"}}
	}
	if d.Takes(FieldOptions) {
		e.Options = []string{"Yes", "No"}
		e.Items[0].Expect = "Yes"
	}
	if d.Takes(FieldScale) {
		e.Scale = []string{"low", "high"}
	}
	if d.Takes(FieldCloseAtZero) {
		e.CloseAtZero = true
	}
	if d.Takes(FieldPrivate) {
		e.Private = true
	}
	fillSample(&e, d)
	return e
}

// No code outside the kinds' own files compares an exercise's kind with a
// kind's name: it asks the kind's definition instead.
func TestNoKindComparisons(t *testing.T) {
	roots := []string{".", "report", "live", "../ui"}
	for _, root := range roots {
		files, _ := filepath.Glob(filepath.Join(root, "*.go"))
		for _, f := range files {
			base := filepath.Base(f)
			if strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "kind") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			fs := token.NewFileSet()
			file, err := parser.ParseFile(fs, f, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				var x ast.Expr
				switch n := n.(type) {
				case *ast.BinaryExpr:
					if n.Op == token.EQL || n.Op == token.NEQ {
						if isKindName(n.X) || isKindName(n.Y) {
							x = n
						}
					}
				case *ast.CaseClause:
					for _, e := range n.List {
						if isKindName(e) {
							x = e
						}
					}
				}
				if x != nil {
					t.Errorf("%s: compares a kind's name; ask its definition", fs.Position(x.Pos()))
				}
				return true
			})
		}
	}
}

// isKindName reports an expression naming an exercise kind: KindVote or
// workshop.KindVote.
func isKindName(e ast.Expr) bool {
	name := ""
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		name = e.Sel.Name
	}
	for _, k := range Kinds {
		if name == "Kind"+k.Title() {
			return true
		}
	}
	return false
}

// fillSample gives the fields of the kinds beyond the first ones.
func fillSample(e *Exercise, d *KindDef) {
	if d.Takes(FieldAxes) {
		e.Axes = [][]string{{"a", "b"}, {"c", "d"}}
	}
	if d.Takes(FieldQuadrants) {
		e.Quadrants = []string{"1", "2", "3", "4"}
	}
	if d.Takes(FieldAnswers) {
		e.MaxRunes, e.PerPhone = 100, 2
	}
}
