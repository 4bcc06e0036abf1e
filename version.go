package main

import (
	_ "embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

// fyneApp is the app's metadata, the one place its version is kept; the
// packaging tool reads it too.
//
//go:embed FyneApp.toml
var fyneApp string

// versionText is the app's name, version and build number, as --version
// and the About dialog give them: "Runsheet 0.1.0 (build 1)".
func versionText() string {
	var meta struct {
		Details struct {
			Name    string
			Version string
			Build   int
		}
	}
	if _, err := toml.Decode(fyneApp, &meta); err != nil || meta.Details.Version == "" {
		return "Runsheet (version unknown)"
	}
	return fmt.Sprintf("%s %s (build %d)", meta.Details.Name, meta.Details.Version, meta.Details.Build)
}
