package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateLicences = flag.Bool("update-licences", false, "write assets/licences/third-party.txt anew from the module cache")

// thirdPartyFile is where the licences of the Go modules built into
// Runsheet are kept, embedded in the binary and shipped beside it.
const thirdPartyFile = "assets/licences/third-party.txt"

// shippedFor are the platforms Runsheet is built for; a module any of them
// builds in is listed.
var shippedFor = []string{"linux", "windows", "darwin"}

// The licences shipped are those of exactly the modules built in, on every
// platform shipped, each as its module has it. After changing go.mod:
//
//	go test -tags migrated_fynedo -run ThirdPartyLicences -update-licences .
func TestThirdPartyLicencesAreCurrent(t *testing.T) {
	want, err := thirdPartyLicences()
	if err != nil {
		t.Fatal(err)
	}
	if *updateLicences {
		if err := os.WriteFile(thirdPartyFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(thirdPartyFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of step with the modules built in; write it anew with\n  go test -tags migrated_fynedo -run ThirdPartyLicences -update-licences .", thirdPartyFile)
	}
}

// thirdPartyLicences lists every module the app's binary is built from,
// on each platform shipped, with the licence files at its root.
func thirdPartyLicences() (string, error) {
	dirs := map[string]string{} // "path version" → directory
	for _, goos := range shippedFor {
		cmd := exec.Command("go", "list", "-deps", "-tags", "migrated_fynedo,release",
			"-f", "{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}}\t{{.Dir}}{{end}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("go list for %s: %v\n%s", goos, err, stderr.String())
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if mod, dir, ok := strings.Cut(line, "\t"); ok {
				dirs[mod] = dir
			}
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %v", err)
	}
	dirs["Go, its standard library and runtime"] = strings.TrimSpace(string(goroot))
	mods := make([]string, 0, len(dirs))
	for m := range dirs {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	var b strings.Builder
	b.WriteString("Runsheet is built with the Go modules below. Each one's licence follows,\nas the module ships it.\n")
	rule := strings.Repeat("=", 72)
	for _, m := range mods {
		texts, err := licenceFiles(dirs[m])
		if err != nil {
			return "", err
		}
		if len(texts) == 0 {
			return "", fmt.Errorf("%s has no licence file at its root (%s)", m, dirs[m])
		}
		fmt.Fprintf(&b, "\n%s\n%s\n%s\n", rule, m, rule)
		for _, text := range texts {
			b.WriteString("\n" + strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) + "\n")
		}
	}
	return b.String(), nil
}

// licenceFiles reads a module's licence and notice files.
func licenceFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var texts []string
	for _, e := range entries {
		name := strings.ToUpper(e.Name())
		if e.IsDir() || !(strings.HasPrefix(name, "LICENSE") || strings.HasPrefix(name, "LICENCE") || strings.HasPrefix(name, "COPYING") || strings.HasPrefix(name, "NOTICE")) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(data))
	}
	return texts, nil
}
