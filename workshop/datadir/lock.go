package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrAppOpen says the data folder is in use by a running app.
//
//lint:ignore ST1005 the sentence begins with the product's name, as people read it
var ErrAppOpen = errors.New("Runsheet is already open with this data folder")

// lockFileName is the file a running app holds locked in its data folder.
const lockFileName = "runsheet.lock"

// Hold is a running app's hold on its data folder: one app per data
// folder, so that two consoles never run the same session. The lock is the
// operating system's, so it ends with the process, even after kill -9.
type Hold struct{ f *os.File }

// Lock takes the data folder for this process, or says it is in use.
func Lock(dataDir string) (*Hold, error) {
	f, err := os.OpenFile(filepath.Join(dataDir, lockFileName), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("cannot use the data folder %s: %w", dataDir, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w (%s)", ErrAppOpen, dataDir)
	}
	return &Hold{f: f}, nil
}

// Release lets the data folder go.
func (l *Hold) Release() {
	if l != nil && l.f != nil {
		unlockFile(l.f)
		l.f.Close()
	}
}
