package workshop

import (
	"path"

	"runsheet/assets"
)

// BuiltinPlan returns the built-in workshop, "Implementing vs Innovating".
func BuiltinPlan() *Plan { return builtinPlan(assets.BuiltinPlan) }

// BuiltinPlans returns every built-in workshop: the English one, then the
// same workshop in other languages ("Implementieren vs. Innovieren").
func BuiltinPlans() []*Plan {
	out := make([]*Plan, len(assets.BuiltinPlans))
	for i, name := range assets.BuiltinPlans {
		out[i] = builtinPlan(name)
	}
	return out
}

func builtinPlan(name string) *Plan {
	data, err := assets.Plans.ReadFile(name)
	if err != nil {
		panic("built-in plan missing from the binary: " + err.Error())
	}
	p, err := ParsePlan(path.Base(name), data)
	if err != nil {
		// A test parses the same bytes, so this cannot ship broken.
		panic("built-in plan is invalid: " + err.Error())
	}
	return p
}
