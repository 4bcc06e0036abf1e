//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentProcess is AttachConsole's ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// attachConsole lets a command started from a console print to it. The
// app is built as a GUI program, so that a double click opens only its
// window; Windows then gives it no standard output. When a console started
// it, its output and errors go to that console, unless they were already
// redirected to a file or a pipe. Started by a double click, it does
// nothing.
func attachConsole() {
	if ok, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); ok == 0 {
		return
	}
	for _, s := range []struct {
		std  uint32
		file **os.File
		name string
	}{
		{windows.STD_OUTPUT_HANDLE, &os.Stdout, "/dev/stdout"},
		{windows.STD_ERROR_HANDLE, &os.Stderr, "/dev/stderr"},
	} {
		if h, err := windows.GetStdHandle(s.std); err == nil && h != 0 && h != windows.InvalidHandle {
			continue // redirected: leave it where it goes
		}
		name, _ := windows.UTF16PtrFromString("CONOUT$")
		h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
		if err != nil {
			continue
		}
		_ = windows.SetStdHandle(s.std, h)
		*s.file = os.NewFile(uintptr(h), s.name)
	}
}
