package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"

	"runsheet/workshop/atomicfile"
)

// prefsFile keeps the preferences in the data folder, so that --data
// separates everything: two data folders never share a facilitator's name.
// A missing file is a first start, not an error.
type prefsFile struct {
	path string

	mu     sync.Mutex
	values map[string]any
}

// prefsFileName is the preferences' file in the data folder.
const prefsFileName = "preferences.json"

func loadPrefs(dataDir string) *prefsFile {
	p := &prefsFile{path: filepath.Join(dataDir, prefsFileName), values: map[string]any{}}
	data, err := os.ReadFile(p.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		fyne.LogError("Cannot read the preferences; using the defaults", err)
	default:
		if err := json.Unmarshal(data, &p.values); err != nil {
			fyne.LogError("The preferences file is damaged; using the defaults", fmt.Errorf("%s: %w", p.path, err))
			p.values = map[string]any{}
		}
	}
	return p
}

// String is a text preference, or "".
func (p *prefsFile) String(key string) string { return p.StringWithFallback(key, "") }

// StringWithFallback is a text preference, or fallback when unset.
func (p *prefsFile) StringWithFallback(key, fallback string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(string); ok {
		return v
	}
	return fallback
}

// BoolWithFallback is a yes-or-no preference, or fallback when unset.
func (p *prefsFile) BoolWithFallback(key string, fallback bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(bool); ok {
		return v
	}
	return fallback
}

// SetString stores a text preference.
func (p *prefsFile) SetString(key, value string) { p.set(key, value) }

// SetBool stores a yes-or-no preference.
func (p *prefsFile) SetBool(key string, value bool) { p.set(key, value) }

func (p *prefsFile) set(key string, value any) {
	p.mu.Lock()
	p.values[key] = value
	data, err := json.MarshalIndent(p.values, "", "  ")
	p.mu.Unlock()
	if err == nil {
		err = atomicfile.WriteBytes(p.path, append(data, '\n'))
	}
	if err != nil {
		fyne.LogError("Cannot save the preferences", err)
	}
}
