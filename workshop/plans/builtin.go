package plans

import (
	"path"

	"runsheet/assets"
	"runsheet/workshop"
)

// Builtin returns the built-in workshop, "Implementing vs Innovating".
func Builtin() *workshop.Plan { return builtin(assets.BuiltinPlan) }

// Builtins returns every built-in workshop: the English one, then the
// same workshop in other languages ("Implementieren vs. Innovieren").
func Builtins() []*workshop.Plan {
	out := make([]*workshop.Plan, len(assets.BuiltinPlans))
	for i, name := range assets.BuiltinPlans {
		out[i] = builtin(name)
	}
	return out
}

func builtin(name string) *workshop.Plan {
	data, err := assets.Plans.ReadFile(name)
	if err != nil {
		panic("built-in plan missing from the binary: " + err.Error())
	}
	p, err := Parse(path.Base(name), data)
	if err != nil {
		// A test parses the same bytes, so this cannot ship broken.
		panic("built-in plan is invalid: " + err.Error())
	}
	return p
}
