package workshop

import (
	"go/build"
	"path"
	"strings"
	"testing"

	"runsheet/assets"
)

// BuiltinPlan is the built-in workshop for the domain's own tests, read
// from the same embedded file as plans.Builtin (which the domain cannot
// import: plans imports the domain).
func BuiltinPlan() *Plan { return builtinPlans()[0] }

// BuiltinPlans is every built-in workshop, as plans.Builtins gives them.
func BuiltinPlans() []*Plan { return builtinPlans() }

func builtinPlans() []*Plan {
	out := make([]*Plan, len(assets.BuiltinPlans))
	for i, name := range assets.BuiltinPlans {
		data, err := assets.Plans.ReadFile(name)
		if err != nil {
			panic(err)
		}
		if out[i], err = ParsePlan(path.Base(name), data); err != nil {
			panic(err)
		}
	}
	return out
}

// The domain imports nothing of the project's but its words, on every
// system it builds for: plan files, the built-in plans, the store and the
// screens are its clients, never the reverse.
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
		}
		if len(pkg.Imports) == 0 {
			t.Errorf("on %s no imports were read", goos)
		}
	}
}
