package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// drawnWithoutRace skips a test that walks or measures every screen when
// the race detector is on. Such a test draws hundreds of frames in
// software, which the detector slows tenfold (about nine of the package's
// fourteen minutes), while its goroutines are the ones the other tests
// already run under the detector. make test runs these tests once more
// without it: UI_DRAWN in the Makefile names them.
func drawnWithoutRace(t *testing.T) {
	t.Helper()
	if underRace {
		t.Skip("drawn and measured without the race detector: make test runs it so (UI_DRAWN)")
	}
}

// Every test that skips under the race detector is named in the Makefile's
// UI_DRAWN, which make test runs without it, and UI_DRAWN names no other:
// a test left out would never run at all.
func TestDrawnTestsRunWithoutTheRaceDetector(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^UI_DRAWN := \^\(([A-Za-z0-9|]+)\)\$\$$`).FindSubmatch(makefile)
	if m == nil {
		t.Fatal("the Makefile has no line UI_DRAWN := ^(TestA|TestB)$$")
	}
	listed := map[string]bool{}
	for _, name := range strings.Split(string(m[1]), "|") {
		listed[name] = true
	}
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	marked := map[string]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "drawnWithoutRace" {
						marked[fn.Name.Name] = true
					}
				}
				return true
			})
		}
	}
	if len(marked) == 0 {
		t.Fatal("no test calls drawnWithoutRace: UI_DRAWN has nothing to run")
	}
	for name := range marked {
		if !listed[name] {
			t.Errorf("%s skips under the race detector but UI_DRAWN does not name it, so it never runs", name)
		}
	}
	for name := range listed {
		if !marked[name] {
			t.Errorf("UI_DRAWN names %s, which does not call drawnWithoutRace (or does not exist)", name)
		}
	}
}
