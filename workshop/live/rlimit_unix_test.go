//go:build unix

package live

import (
	"syscall"
	"testing"
)

// The app raises its soft limit on open files to the hard one at start.
func TestRaiseFileLimit(t *testing.T) {
	var was syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &was); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &was) })
	if was.Max > 256 {
		low := was
		low.Cur = 256
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
			t.Fatal(err)
		}
	}
	got, err := RaiseFileLimit()
	if err != nil {
		t.Fatal(err)
	}
	var now syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &now)
	if now.Cur != now.Max || uint64(got) != min(now.Cur, 1<<31-1) {
		t.Errorf("soft limit %d, hard %d, reported %d", now.Cur, now.Max, got)
	}
	if p, c := parkBudget(), connBudget(); p >= c || c > got {
		t.Errorf("budgets: %d parked, %d connections, for a file limit of %d", p, c, got)
	}
}
