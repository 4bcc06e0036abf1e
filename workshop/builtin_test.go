package workshop

import (
	"go/build"
	"strings"
	"testing"
)

// builtins gives the built-in workshops, fresh at each call, for the
// domain's own tests. Only the plan codec reads them, and package plans
// imports the domain, so the domain's tests cannot import it: the tests
// of package workshop_test, which can, set this (builtin_plans_test.go).
var builtins func() []*Plan

// SetBuiltins gives the domain's tests the built-in workshops.
func SetBuiltins(f func() []*Plan) { builtins = f }

// BuiltinPlan is the built-in workshop for the domain's own tests, as
// plans.Builtin gives it.
func BuiltinPlan() *Plan { return builtins()[0] }

// The domain imports nothing of the project's but its words, on every
// system it builds for: plan files, the built-in plans, the store and the
// screens are its clients, never the reverse. Nor does it import a
// library of a file format (TOML, YAML): reading and writing plan files
// is package plans' work, and the only other library it uses is
// golang.org/x/text.
func TestDomainImportsOnlyWords(t *testing.T) {
	for _, goos := range []string{"linux", "windows", "darwin"} {
		ctx := build.Default
		ctx.GOOS = goos
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatal(err)
		}
		if pkg.ImportPath != "." && pkg.Name != "workshop" {
			t.Fatalf("read the wrong package: %s", pkg.Name)
		}
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, "runsheet/") && imp != "runsheet/workshop/words" {
				t.Errorf("on %s the domain imports %s", goos, imp)
			}
			if formatLibrary(imp) {
				t.Errorf("on %s the domain imports the file format library %s", goos, imp)
			}
		}
		if len(pkg.Imports) == 0 {
			t.Errorf("on %s no imports were read", goos)
		}
	}
}

// formatLibrary reports whether an import path is a library that reads
// or writes a file format, or any library but the standard one,
// golang.org/x/text and the project's own.
func formatLibrary(path string) bool {
	low := strings.ToLower(path)
	for _, f := range []string{"toml", "yaml"} {
		if strings.Contains(low, f) {
			return true
		}
	}
	first, _, _ := strings.Cut(path, "/")
	thirdParty := strings.Contains(first, ".")
	return thirdParty && !strings.HasPrefix(path, "golang.org/x/text/")
}

func TestFormatLibrary(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/BurntSushi/toml":      true,
		"github.com/pelletier/go-toml/v2": true,
		"gopkg.in/yaml.v3":                true,
		"github.com/some/codec":           true,
		"golang.org/x/text/cases":         false,
		"runsheet/workshop/words":         false,
		"encoding/hex":                    false,
		"strings":                         false,
	} {
		if got := formatLibrary(path); got != want {
			t.Errorf("formatLibrary(%q) = %v, want %v", path, got, want)
		}
	}
}
