package control

import (
	"path/filepath"

	"runsheet/workshop/datadir"
	"runsheet/workshop/store"
)

// Desk is a data folder opened for the app: prepared, held by this
// process alone, with its session store and the runner of its sessions.
type Desk struct {
	// Dir is the data folder.
	Dir string
	// Store keeps the sessions; nil while StoreErr says why it could not
	// be opened (the app then offers to set the damaged file aside).
	Store    *store.Store
	StoreErr error
	// Runner starts and resumes sessions on Store.
	Runner *Runner

	hold *datadir.Hold
}

// OpenDesk opens the data folder dir for the app, its sessions to be run
// as run says (its Store is the folder's). An error wrapping
// datadir.ErrAppOpen says another app holds the folder; a store that
// cannot be opened is no error here, but the Desk's StoreErr.
func OpenDesk(dir string, run Runner) (*Desk, error) {
	if err := datadir.Prepare(dir); err != nil {
		return nil, err
	}
	hold, err := datadir.Lock(dir)
	if err != nil {
		return nil, err
	}
	d := &Desk{Dir: dir, Runner: &run, hold: hold}
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		d.StoreErr = err
		return d, nil
	}
	d.UseStore(st)
	return d, nil
}

// UseStore puts st in the place of the desk's store, such as a fresh one
// after a damaged file was set aside.
func (d *Desk) UseStore(st *store.Store) {
	d.Store, d.StoreErr = st, nil
	d.Runner.Store = st
}

// Close closes the store and lets the data folder go.
func (d *Desk) Close() {
	if d.Store != nil {
		d.Store.Close()
	}
	d.hold.Release()
}
