package ui

import "runsheet/workshop/store"

// storeOf is the real store a test's shell keeps its sessions in.
func storeOf(s *Shell) *store.Store { return s.opts.Store.(*store.Store) }
