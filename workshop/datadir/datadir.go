// Package datadir keeps Runsheet's data folder private to the person whose
// account runs it. The folder holds every session, with the names of
// groups and the key that signs phones' tokens: another user of the same
// computer must not read it. On Unix the folder and the folders in it are
// 0700 and Runsheet's files 0600; what an older Runsheet left open is
// tightened at start. On Windows a user's application data folder is
// private already, and nothing is changed.
package datadir

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// Modes of the data folder and its files on Unix.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// Folders of the data folder that hold Runsheet's files.
var folders = []string{"plans", "set-aside"}

// Prepare creates the data folder and its plans folder, private, and
// tightens the folder and Runsheet's files in it where they are open to
// other users. Only Runsheet's own files are touched, never the others a
// folder given with --data may hold.
func Prepare(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "plans"), DirMode); err != nil {
		return fmt.Errorf("cannot use the data folder %s: %w", dir, err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	if err := tighten(dir, DirMode); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot use the data folder %s: %w", dir, err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && slices.Contains(folders, e.Name()):
			if err := tightenFolder(path); err != nil {
				return err
			}
		case e.Type().IsRegular() && ours(e.Name()):
			if err := tighten(path, FileMode); err != nil {
				return err
			}
		}
	}
	return nil
}

// ours reports Runsheet's files in the data folder: the store and its
// log, set-aside copies of a damaged store, the lock and the preferences.
func ours(name string) bool {
	return strings.HasPrefix(name, "runsheet.") || name == "preferences.json" || strings.HasPrefix(name, ".runsheet.")
}

// tightenFolder makes a folder of Runsheet's, and the files in it, private.
func tightenFolder(dir string) error {
	if err := tighten(dir, DirMode); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot use %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			if err := tighten(filepath.Join(dir, e.Name()), FileMode); err != nil {
				return err
			}
		}
	}
	return nil
}

// tighten takes away what mode does not grant: a file or folder is never
// opened wider than it was, only closed to the group and others.
func tighten(path string, mode fs.FileMode) error {
	info, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("cannot use %s: %w", path, err)
	}
	perm := info.Mode().Perm()
	if perm&^mode == 0 {
		return nil
	}
	if err := os.Chmod(path, perm&mode); err != nil {
		return fmt.Errorf("cannot make %s private to you (mode %04o): %w", path, mode, err)
	}
	return nil
}

// CreatePrivate creates path, empty and private, if it does not exist,
// so that what is later written into it (by SQLite, say, which gives its
// log files the mode of the database) is private from the first byte.
func CreatePrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	if os.IsExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}
