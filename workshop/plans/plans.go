// Package plans reads and writes plan files. It holds the TOML plan
// format (Parse, ParseSaved and Marshal, with the checks of a file's shape
// before it is decoded) and keeps the plans folder of a data folder: it
// lists the plan files there (broken ones with their problems), reads
// them, saves edited and imported plans under names no other plan uses,
// and exports them. Nothing else in Runsheet touches plan files; the
// domain (package workshop) knows plans only as values.
package plans

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"runsheet/workshop"
	"runsheet/workshop/atomicfile"
	"runsheet/workshop/datadir"
)

// Folder is the plans folder of a data folder.
type Folder struct {
	// Dir is the folder's path: DATA/plans.
	Dir string
}

// Open returns the plans folder of dataDir, creating it if needed.
func Open(dataDir string) (*Folder, error) {
	dir := filepath.Join(dataDir, "plans")
	if err := os.MkdirAll(dir, datadir.DirMode); err != nil {
		return nil, fmt.Errorf("cannot use the plans folder %s: %w", dir, err)
	}
	return &Folder{Dir: dir}, nil
}

// Entry is one plan file in the folder: its plan, or why it cannot be read.
type Entry struct {
	Path string
	// Name is the plan's title, or the file's name when it cannot be read.
	Name string
	Plan *workshop.Plan
	Err  error
}

// List reads every plan file in the folder, in file-name order. A broken
// file is listed with its problems rather than hidden, so it can be fixed.
func (f *Folder) List() []Entry {
	paths, _ := filepath.Glob(filepath.Join(f.Dir, "*.toml"))
	sort.Strings(paths)
	out := make([]Entry, 0, len(paths))
	for _, p := range paths {
		e := Entry{Path: p, Name: filepath.Base(p)}
		e.Plan, e.Err = Read(p)
		if e.Err == nil {
			e.Name = e.Plan.Title
		}
		out = append(out, e)
	}
	return out
}

// Contains reports whether path is a file of this folder.
func (f *Folder) Contains(path string) bool { return filepath.Dir(path) == f.Dir }

// Read reads and parses a plan file. A problem with the file itself
// (missing, unreadable, too large) is returned as a plain wrapped error; a
// problem with its content as a *workshop.PlanError naming the file and line.
func Read(path string) (*workshop.Plan, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open plan: %w", err)
	}
	defer file.Close()
	plan, _, err := ReadFrom(path, file)
	return plan, err
}

// ReadFrom reads a plan from r, named name in messages, and returns it with
// the bytes it was read from.
func ReadFrom(name string, r io.Reader) (*workshop.Plan, []byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read plan %s: %w", name, err)
	}
	if len(data) > MaxBytes {
		return nil, nil, fmt.Errorf("plan %s is larger than %d MiB (%d bytes); a plan file holds text only", name, MaxBytes>>20, MaxBytes)
	}
	plan, err := Parse(name, data)
	return plan, data, err
}

// Save writes plan to path, or, when path is empty, to a new file named
// after its title that no other plan uses. It returns the path written.
// The plan must be valid.
func (f *Folder) Save(plan *workshop.Plan, path string) (string, error) {
	if path == "" {
		path = f.freePath(plan.Title)
	}
	if err := atomicfile.WriteBytes(path, Marshal(plan)); err != nil {
		return "", err
	}
	return path, nil
}

// Import checks a plan file from elsewhere and copies it, unchanged, into
// the folder under a name no other plan uses. A broken plan is refused with
// every problem and nothing is written.
func (f *Folder) Import(name string, r io.Reader) (path string, plan *workshop.Plan, err error) {
	plan, data, err := ReadFrom(name, r)
	if err != nil {
		return "", nil, err
	}
	path = f.freePath(strings.TrimSuffix(name, filepath.Ext(name)))
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return "", nil, err
	}
	return path, plan, nil
}

// Export writes plan as a plan file to w.
func Export(w io.Writer, plan *workshop.Plan) error {
	_, err := w.Write(Marshal(plan))
	return err
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// FileName is the file name for a plan titled title: lower case, words
// joined by hyphens, at most 60 letters, ending in .toml.
func FileName(title string) string {
	return fileBase(title) + ".toml"
}

func fileBase(title string) string {
	base := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if r := []rune(base); len(r) > 60 {
		base = strings.TrimRight(string(r[:60]), "-")
	}
	if base == "" {
		base = "plan"
	}
	return base
}

// freePath is the path of FileName(title) in the folder, numbered if
// another plan already has that name, so that saving never overwrites.
func (f *Folder) freePath(title string) string {
	base := fileBase(title)
	for n := 1; ; n++ {
		name := base + ".toml"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.toml", base, n)
		}
		p := filepath.Join(f.Dir, name)
		if _, err := os.Stat(p); os.IsNotExist(err) {
			return p
		}
	}
}
