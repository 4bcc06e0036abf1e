package workshop

import (
	"path"

	"runsheet/assets"
)

// BuiltinPlan returns the built-in workshop, "Implementing vs Innovating".
func BuiltinPlan() *Plan {
	data, err := assets.Plans.ReadFile(assets.BuiltinPlan)
	if err != nil {
		panic("built-in plan missing from the binary: " + err.Error())
	}
	p, err := ParsePlan(path.Base(assets.BuiltinPlan), data)
	if err != nil {
		// A test parses the same bytes, so this cannot ship broken.
		panic("built-in plan is invalid: " + err.Error())
	}
	return p
}
