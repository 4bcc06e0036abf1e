package workshop_test

import (
	"runsheet/workshop"
	"runsheet/workshop/plans"
)

// The domain's tests run on the built-in workshops as package plans reads
// them, which the domain's own test files cannot import.
func init() { workshop.SetBuiltins(plans.Builtins) }
