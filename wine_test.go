package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// The Windows build, run under Wine: .ci/wine builds it, prepares a Wine
// prefix and runs this test with RUNSHEET_EXE (the built runsheet.exe) and
// WINEPREFIX set, under Xvfb. Without RUNSHEET_EXE there is nothing to test.
func TestWindowsBuildUnderWine(t *testing.T) {
	exe := os.Getenv("RUNSHEET_EXE")
	if exe == "" {
		t.Skip("RUNSHEET_EXE is not set: run .ci/wine (make test-windows)")
	}
	exe, _ = filepath.Abs(exe)
	if _, err := exec.LookPath("wine"); err != nil {
		t.Fatal("wine is needed: .ci/deps wine installs it")
	}
	work := t.TempDir()
	for _, f := range []string{"assets/plans/implementing-vs-innovating.toml", "testdata/plans/broken.toml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a GUI program with its icon and version", func(t *testing.T) {
		checkWindowsExe(t, exe)
	})

	t.Run("commands print and exit as on Linux", func(t *testing.T) {
		t.Chdir(work)
		for _, args := range [][]string{
			{"--version"},
			{"check", "implementing-vs-innovating.toml"},
			{"check", "broken.toml"},
			{"check", "missing.toml"},
			{"frobnicate"},
		} {
			var lout, lerr bytes.Buffer
			lcode := run(args, &lout, &lerr)
			wout, werr, wcode := wine(t, work, exe, args...)
			if wcode != lcode || wout != lout.String() || !sameErrors(werr, lerr.String()) {
				t.Errorf("runsheet %s:\nWindows: exit %d\n%s%s\nLinux: exit %d\n%s%s",
					strings.Join(args, " "), wcode, wout, werr, lcode, lout.String(), lerr.String())
			}
		}
	})

	t.Run("the handout is a valid PDF", func(t *testing.T) {
		out, errs, code := wine(t, work, exe, "handout", "implementing-vs-innovating.toml", "-o", "handout.pdf")
		if code != 0 {
			t.Fatalf("handout: exit %d\n%s%s", code, out, errs)
		}
		check, err := exec.Command("qpdf", "--check", filepath.Join(work, "handout.pdf")).CombinedOutput()
		if err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, check)
		}
		pages, _ := exec.Command("qpdf", "--show-npages", filepath.Join(work, "handout.pdf")).Output()
		var linux bytes.Buffer
		if code := run([]string{"handout", filepath.Join(work, "implementing-vs-innovating.toml"), "-o", filepath.Join(work, "linux.pdf")}, &linux, &linux); code != 0 {
			t.Fatalf("Linux handout: %s", linux.String())
		}
		linuxPages, _ := exec.Command("qpdf", "--show-npages", filepath.Join(work, "linux.pdf")).Output()
		if strings.TrimSpace(string(pages)) != strings.TrimSpace(string(linuxPages)) {
			t.Errorf("the Windows handout has %s pages, the Linux one %s", pages, linuxPages)
		}
	})

	t.Run("the window opens on the library, with its data in AppData", func(t *testing.T) {
		if os.Getenv("DISPLAY") == "" {
			t.Skip("no display: .ci/wine runs this under Xvfb")
		}
		prefix := os.Getenv("WINEPREFIX")
		user := os.Getenv("USER")
		if user == "" {
			user = "root"
		}
		data := filepath.Join(prefix, "drive_c", "users", user, "AppData", "Roaming", "fyne", "app.runsheet.desktop")
		os.RemoveAll(data)
		cmd := exec.Command("wine", exe)
		cmd.Dir = work
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			exec.Command("wineserver", "-k").Run()
			cmd.Wait()
		}()
		if !waitFor(60*time.Second, func() bool {
			out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Runsheet$").Output()
			return len(bytes.TrimSpace(out)) > 0
		}) {
			t.Fatalf("no Runsheet window within a minute; its output:\n%s", log.String())
		}
		time.Sleep(3 * time.Second) // let it draw
		shot := filepath.Join(os.Getenv("RUNSHEET_SHOTS"), "windows-library.png")
		if os.Getenv("RUNSHEET_SHOTS") == "" {
			shot = filepath.Join(work, "windows-library.png")
		}
		if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		colours, err := exec.Command("convert", shot, "-format", "%k", "info:").Output()
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.TrimSpace(string(colours)); n == "1" || n == "2" {
			t.Errorf("the screenshot has %s colours: the window drew nothing", n)
		}
		if _, err := os.Stat(filepath.Join(data, "plans")); err != nil {
			t.Errorf("the data folder is not in AppData\\Roaming: %v", err)
		}
		if strings.Contains(log.String(), "panic") {
			t.Errorf("the app panicked:\n%s", log.String())
		}
	})
}

// wine runs the Windows build in dir and returns what it printed and its
// exit code.
func wine(t *testing.T, dir, exe string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("wine", append([]string{exe}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WINEDEBUG=-all")
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return out.String(), errs.String(), exit.ExitCode()
	} else if err != nil {
		t.Fatalf("wine %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errs.String(), 0
}

// sameErrors compares error output, allowing for the system's own words
// for a file that does not exist (Windows' and Wine's).
func sameErrors(windows, linux string) bool {
	norm := func(s string) string {
		for _, notFound := range []string{"The system cannot find the file specified.", "File not found."} {
			s = strings.ReplaceAll(s, notFound, "no such file or directory")
		}
		return strings.ReplaceAll(s, "\r\n", "\n")
	}
	return norm(windows) == norm(linux)
}

func waitFor(limit time.Duration, ok func() bool) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(300 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return false
}

// checkWindowsExe checks that the executable is a GUI program (a double
// click opens no console) carrying an icon and a version resource with
// FyneApp.toml's version.
func checkWindowsExe(t *testing.T, exe string) {
	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatal("not a 64-bit Windows executable")
	}
	if opt.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the GUI subsystem (%d)", opt.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no resources: no icon, no version")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	// The root of the resource directory lists the types it holds.
	const rtIcon, rtGroupIcon, rtVersion = 3, 14, 16
	named := binary.LittleEndian.Uint16(data[12:])
	ids := binary.LittleEndian.Uint16(data[14:])
	types := map[uint32]bool{}
	for i := 0; i < int(named)+int(ids); i++ {
		types[binary.LittleEndian.Uint32(data[16+8*i:])] = true
	}
	for _, want := range []struct {
		id   uint32
		name string
	}{{rtIcon, "icon"}, {rtGroupIcon, "icon group"}, {rtVersion, "version"}} {
		if !types[want.id] {
			t.Errorf("no %s resource", want.name)
		}
	}
	version := strings.Fields(versionText())[1]
	if !bytes.Contains(data, utf16le(version)) || !bytes.Contains(data, utf16le("Runsheet")) {
		t.Errorf("the version resource does not say Runsheet %s", version)
	}
}

func utf16le(s string) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		binary.Write(&b, binary.LittleEndian, u)
	}
	return b.Bytes()
}
