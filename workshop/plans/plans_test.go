package plans

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"runsheet/workshop"
)

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(filepath.Join(dir, "missing.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v", err)
	}
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, MaxBytes+10), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized file: got %v", err)
	}
	_, err := Read(filepath.Join("..", "..", "testdata", "plans", "broken.toml"))
	var pe *workshop.PlanError
	if !errors.As(err, &pe) || !strings.HasSuffix(pe.Problems[0].File, filepath.Join("testdata", "plans", "broken.toml")) {
		t.Errorf("broken fixture: got %v", err)
	}
}

func TestFolderListsSavesAndImportsWithoutOverwriting(t *testing.T) {
	f, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	plan := Builtin()
	first, err := f.Save(plan, "")
	if err != nil || filepath.Base(first) != "implementing-vs-innovating.toml" {
		t.Fatalf("save: %s %v", first, err)
	}
	second, _ := f.Save(plan, "")
	if filepath.Base(second) != "implementing-vs-innovating-2.toml" {
		t.Errorf("a second save of the same title went to %s", second)
	}
	broken, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "plans", "broken.toml"))
	if _, _, err := f.Import("broken.toml", strings.NewReader(string(broken))); err == nil {
		t.Error("a broken plan was imported")
	}
	path, got, err := f.Import("Implementing vs Innovating.toml", strings.NewReader(string(Marshal(plan))))
	if err != nil || got.Title != plan.Title || filepath.Base(path) != "implementing-vs-innovating-3.toml" {
		t.Errorf("import: %s %v", path, err)
	}
	os.WriteFile(filepath.Join(f.Dir, "zz-broken.toml"), broken, 0o644)
	list := f.List()
	if len(list) != 4 || list[0].Name != plan.Title || list[3].Err == nil || list[3].Name != "zz-broken.toml" {
		t.Errorf("list: %+v", list)
	}
	if !f.Contains(first) || f.Contains(filepath.Join(t.TempDir(), "x.toml")) {
		t.Error("Contains is wrong")
	}
	for title, want := range map[string]string{"": "plan.toml", "  Łódź: Führung / Team!  ": "łódź-führung-team.toml", strings.Repeat("ab ", 40): strings.Repeat("ab-", 20)[:59] + ".toml"} {
		if got := FileName(title); got != want {
			t.Errorf("FileName(%q) = %q, want %q", title, got, want)
		}
	}
}

// A plan file from anywhere is imported into the folder whole, and reads
// back as the plan it was, or refused with its problems and nothing
// written.
func FuzzImport(f *testing.F) {
	builtin, _ := os.ReadFile(filepath.Join("..", "..", "assets", "plans", "implementing-vs-innovating.toml"))
	f.Add(builtin)
	hostile, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.toml"))
	for _, file := range hostile {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		folder, err := Open(filepath.Join(dir, t.Name()))
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(folder.Dir)
		path, plan, err := folder.Import("fuzz.toml", bytes.NewReader(data))
		if err != nil {
			var pe *workshop.PlanError
			if !errors.As(err, &pe) && !strings.Contains(err.Error(), "larger than") {
				t.Fatalf("refused without a plan's problems: %v", err)
			}
			if list := folder.List(); len(list) != 0 {
				t.Fatalf("a refused plan was written: %v", list)
			}
			return
		}
		again, err := Read(path)
		if err != nil || !reflect.DeepEqual(again, plan) {
			t.Fatalf("the imported file reads back differently: %v", err)
		}
	})
}
