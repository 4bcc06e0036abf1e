package workshop

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain must build without a GUI toolkit, so that it runs in tools,
// servers and tests alike.
func TestDomainDoesNotImportFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "runsheet/workshop/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "fyne.io/") {
			t.Errorf("workshop/ depends on %s", pkg)
		}
	}
	if !strings.Contains(string(out), "runsheet/workshop") {
		t.Fatalf("go list did not list the domain:\n%s", out)
	}
}
