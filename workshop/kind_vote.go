package workshop

import (
	"slices"
	"strings"
)

// KindVote is an exercise of items voted on against a list of options,
// such as "Implement" and "Innovate"; an item may expect one of them.
const KindVote Kind = "vote"

var voteKind = KindDef{
	Kind: KindVote, Name: "Vote", Fresh: "New vote",
	Fields: FieldItems | FieldOptions | FieldExpect | FieldPrompts | FieldCloseAtZero,
	Input:  InputOption,
	points: func(e *Exercise) int { return len(e.Options) },
	labels: func(e *Exercise) []string { return e.Options },
	check:  checkVote,
}

func checkVote(e *Exercise, c *checker) {
	if len(e.Options) < 2 {
		c.bad("options", "a vote needs at least two options, got {{.Got}}", "Got", len(e.Options))
	}
	seen := map[string]bool{}
	for j, o := range e.Options {
		switch {
		case strings.TrimSpace(o) == "":
			c.bad("options", "option {{.N}} is empty", "N", j+1)
		case seen[o]:
			c.bad("options", "option {{.Option}} appears twice; options must differ", "Option", quote(o))
		}
		seen[o] = true
	}
	checkItems(e, c, "a vote needs at least one item to vote on")
	for j, it := range e.Items {
		if it.Expect != "" && !slices.Contains(e.Options, it.Expect) {
			c.badAt("items", j+1, "item {{.N}} ({{.Text}}): expect {{.Expect}} is not one of the options {{.Options}}",
				"N", j+1, "Text", quote(it.Text), "Expect", quote(it.Expect), "Options", quoteList(e.Options))
		}
	}
}
