package plans

import (
	"bytes"
	"testing"

	"runsheet/workshop"
)

// Plan.Same, which merging sessions asks, says two plans are the same
// exactly when their plan files are.
func TestSameAgreesWithThePlanFile(t *testing.T) {
	changes := map[string]func(p *workshop.Plan){
		"nothing":                  func(p *workshop.Plan) {},
		"title":                    func(p *workshop.Plan) { p.Title += "!" },
		"summary":                  func(p *workshop.Plan) { p.Summary = "" },
		"language":                 func(p *workshop.Plan) { p.Language = "de" },
		"an idea's point":          func(p *workshop.Plan) { p.Ideas[0].Points[0] += "." },
		"no ideas":                 func(p *workshop.Plan) { p.Ideas = nil },
		"no contrast":              func(p *workshop.Plan) { p.Contrast = nil },
		"an empty contrast":        func(p *workshop.Plan) { p.Contrast = &workshop.Contrast{} },
		"a contrast row":           func(p *workshop.Plan) { p.Contrast.Rows[0][1] += "s" },
		"minutes":                  func(p *workshop.Plan) { p.Exercises[0].Minutes++ },
		"notes":                    func(p *workshop.Plan) { p.Exercises[0].Notes += " more" },
		"kind":                     func(p *workshop.Plan) { p.Exercises[0].Kind = workshop.KindBreak },
		"an expected answer":       func(p *workshop.Plan) { setExpect(p) },
		"private":                  func(p *workshop.Plan) { p.Exercises[0].Private = !p.Exercises[0].Private },
		"close at zero":            func(p *workshop.Plan) { p.Exercises[0].CloseAtZero = !p.Exercises[0].CloseAtZero },
		"max":                      func(p *workshop.Plan) { p.Exercises[0].MaxRunes = 99 },
		"answers":                  func(p *workshop.Plan) { p.Exercises[0].PerPhone = 3 },
		"an empty axis":            func(p *workshop.Plan) { p.Exercises[0].Axes = [][]string{{}} },
		"an exercise fewer":        func(p *workshop.Plan) { p.Exercises = p.Exercises[1:] },
		"added on the day":         func(p *workshop.Plan) { p.Exercises[0].Added = true },
		"empty lists, not none":    func(p *workshop.Plan) { p.Exercises[0].Prompts, p.Exercises[0].Axes = []string{}, [][]string{} },
		"a character left out":     func(p *workshop.Plan) { p.Title += "\u202e" },
		"a character left out too": func(p *workshop.Plan) { p.Exercises[0].Brief += "\u200b" },
	}
	for name, change := range changes {
		a, b := Builtin(), Builtin()
		change(b)
		file := bytes.Equal(Marshal(a), Marshal(b))
		if got := a.Same(b); got != file {
			t.Errorf("%s: Same says %v, the plan files being equal %v", name, got, file)
		}
		if got := b.Same(a); got != file {
			t.Errorf("%s, the other way: Same says %v, the plan files being equal %v", name, got, file)
		}
	}
	all := workshop.Plan{}
	if !all.Same(&workshop.Plan{}) || all.Same(Builtin()) {
		t.Error("an empty plan is the same as an empty plan only")
	}
	builtins := Builtins()
	if builtins[0].Same(builtins[1]) {
		t.Error("the English and the German built-in plans are the same")
	}
}

// setExpect changes the first expected answer of the plan.
func setExpect(p *workshop.Plan) {
	for i := range p.Exercises {
		for j := range p.Exercises[i].Items {
			if it := &p.Exercises[i].Items[j]; it.Expect != "" {
				it.Expect = ""
				return
			}
		}
	}
}
