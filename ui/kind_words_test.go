package ui

import (
	"testing"

	"runsheet/workshop"
)

// Every kind is named in the app's words, and no two kinds share a name
// (the editor picks a kind by its name).
func TestEveryKindIsNamedInTheAppsWords(t *testing.T) {
	seen := map[string]workshop.Kind{}
	for _, k := range workshop.Kinds {
		if _, ok := kindTexts[k]; !ok {
			t.Errorf("kind %q has no name in the app's words", k)
			continue
		}
		name, fresh := kindWords(k)
		if name == "" || fresh == "" {
			t.Errorf("kind %q: name %q, new %q", k, name, fresh)
		}
		if other, ok := seen[name]; ok {
			t.Errorf("kinds %q and %q are both named %q", other, k, name)
		}
		seen[name] = k
	}
}
