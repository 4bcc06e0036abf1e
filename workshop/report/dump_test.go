package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDumpMatrix(t *testing.T) {
	dir := os.Getenv("RUNSHEET_DUMP")
	if dir == "" {
		t.Skip()
	}
	for _, paper := range []Paper{A4} {
		for _, d := range matrixDocs(t, paper) {
			var b strings.Builder
			if err := d.write(&b); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, d.name+".pdf"), []byte(b.String()), 0o644)
		}
	}
}
