//go:build !unix

package live

// RaiseFileLimit does nothing where there is no limit on open files to
// raise (Windows counts handles, without a per-process soft limit of the
// Unix kind); it returns the budget the phone server assumes.
func RaiseFileLimit() (int, error) { return fileLimit(), nil }

// fileLimit is the number of connections Windows is assumed to bear.
func fileLimit() int { return 16384 }
