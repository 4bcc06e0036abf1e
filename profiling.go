package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"
)

// serveProfiles serves Go's profiles of the running app (CPU, heap,
// allocations, goroutines) on the loopback address in RUNSHEET_PPROF,
// when it is set, for measuring the app under load
// (workshop/live/loadtest -profile). Unset, as in every ordinary start,
// nothing listens. Only a loopback address is taken: the profiles are
// for the machine the app runs on.
func serveProfiles(stderr io.Writer) {
	addr := os.Getenv("RUNSHEET_PPROF")
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "RUNSHEET_PPROF=%s: profiles are served on a loopback address only, such as 127.0.0.1:6060\n", addr)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil {
			fmt.Fprintln(stderr, "RUNSHEET_PPROF:", err)
		}
	}()
}
