package control

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"runsheet/workshop/datadir"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// Opening a data folder holds it, opens its store and runs sessions on
// it; a second opening is refused while the first holds it; a damaged
// store is said, not fatal, and a fresh one can take its place.
func TestOpenDeskHoldsTheFolderAndItsStore(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDesk(dir, Runner{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Store == nil || d.StoreErr != nil || d.Runner.Store != d.Store {
		t.Fatalf("the store is not open for the runner: %v", d.StoreErr)
	}
	if _, err := OpenDesk(dir, Runner{}); !errors.Is(err, datadir.ErrAppOpen) {
		t.Errorf("a second opening of the same folder: %v", err)
	}
	sess, err := d.Runner.Create(plans.Builtin(), "G", "", RoomLanguage{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := d.Runner.Run(sess)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Toggle(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	d.Close()

	again, err := OpenDesk(dir, Runner{})
	if err != nil {
		t.Fatalf("the folder was not let go: %v", err)
	}
	defer again.Close()
	back, err := again.Runner.Load(sess.ID)
	if err != nil || back.State.Started.IsZero() {
		t.Errorf("the session did not come back started: %v", err)
	}

	damaged := t.TempDir()
	if err := os.WriteFile(filepath.Join(damaged, store.FileName), []byte("not a database, just words"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad, err := OpenDesk(damaged, Runner{})
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if bad.Store != nil || !errors.Is(bad.StoreErr, store.ErrNotDatabase) {
		t.Fatalf("a damaged store: %v", bad.StoreErr)
	}
	if _, err := store.MoveAside(filepath.Join(damaged, store.FileName), start); err != nil {
		t.Fatal(err)
	}
	fresh, err := store.Open(filepath.Join(damaged, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	bad.UseStore(fresh)
	if bad.Runner.Store != fresh || bad.StoreErr != nil {
		t.Error("the fresh store is not used")
	}
}
