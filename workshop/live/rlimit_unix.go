//go:build unix

package live

import (
	"math"
	"syscall"
)

// RaiseFileLimit raises the process's soft limit on open files to its hard
// limit, where the system allows, so that a room of phones — each with an
// event stream and a vote in flight — never runs the laptop out of file
// descriptors; the phone server's own budgets are set from the result.
// It returns the soft limit in force afterwards. (Go raises it at start on
// some systems already; asking again costs nothing and does not depend on
// that.)
func RaiseFileLimit() (int, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	if lim.Cur < lim.Max {
		want := lim
		want.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
			// macOS refuses an unlimited soft limit; its own cap is OPEN_MAX.
			want.Cur = min(lim.Max, 10240)
			if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
				return softLimit(lim.Cur), err
			}
		}
		lim = want
	}
	return softLimit(lim.Cur), nil
}

// fileLimit is the soft limit on open files now.
func fileLimit() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 1024
	}
	return softLimit(lim.Cur)
}

func softLimit(n uint64) int {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(n)
}
