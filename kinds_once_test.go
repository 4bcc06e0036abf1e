package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// kindConstant matches the names of the exercise kinds (KindVote, KindGrid…).
var kindConstant = regexp.MustCompile(`^Kind[A-Z][a-z]+$`)

// A kind is defined once: outside its own file in the domain
// (workshop/kind_*.go), no code compares an exercise's kind with a kind's
// name, in an if or a switch; it asks the kind's definition instead. Tests
// may pick exercises by kind.
func TestNoCodeComparesKindNames(t *testing.T) {
	fset := token.NewFileSet()
	isKind := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			return kindConstant.MatchString(x.Sel.Name)
		case *ast.Ident:
			return kindConstant.MatchString(x.Name)
		}
		return false
	}
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "dist") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if ok, _ := filepath.Match("workshop/kind*.go", filepath.ToSlash(path)); ok {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BinaryExpr:
				if (x.Op == token.EQL || x.Op == token.NEQ) && (isKind(x.X) || isKind(x.Y)) {
					t.Errorf("%s compares a kind's name; ask the kind's definition instead", fset.Position(x.Pos()))
				}
			case *ast.CaseClause:
				for _, e := range x.List {
					if isKind(e) {
						t.Errorf("%s switches on a kind's name; ask the kind's definition instead", fset.Position(e.Pos()))
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d Go files checked: the walk missed the tree", checked)
	}
}
