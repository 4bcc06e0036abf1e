// Command runsheet runs live workshops from plans of timed exercises.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"runsheet/assets"
	"runsheet/ui"
	"runsheet/workshop"
	"runsheet/workshop/control"
	"runsheet/workshop/datadir"
	"runsheet/workshop/live"
	"runsheet/workshop/plans"
)

const appID = "app.runsheet.desktop"

func main() {
	// Each phone holds a connection or two; a room must not run the laptop
	// out of file descriptors. Where the system refuses, the phone server
	// sizes its budgets to the limit there is.
	live.RaiseFileLimit()
	attachConsole()
	serveProfiles(os.Stderr)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches the command line and returns the exit code: 0 on success,
// 1 when the command failed, 2 when it was used wrongly.
func run(args []string, stdout, stderr io.Writer) int {
	// Nothing a command prints reaches the terminal raw: titles, names and
	// errors come from files and the store.
	stdout, stderr = &terminalWriter{w: stdout}, &terminalWriter{w: stderr}
	global := commandFlags("runsheet")
	dataDir := global.String("data", "", "the data folder")
	version := global.Bool("version", false, "print the version")
	if err := global.Parse(args); err != nil {
		return usageError(stderr, err)
	}
	if *version {
		fmt.Fprintln(stdout, versionText())
		return 0
	}
	args = global.Args()
	if len(args) == 0 {
		return openApp(*dataDir, nil, "", phoneOptions{}, stdout, stderr)
	}
	switch args[0] {
	case "check":
		if len(args) == 2 && (args[1] == "-h" || args[1] == "--help" || args[1] == "-help") {
			// Help, not a plan called "--help".
			fmt.Fprint(stdout, usage)
			return 0
		}
		if len(args) != 2 {
			return usageError(stderr, errors.New("check takes one plan file"))
		}
		return check(args[1], stdout, stderr)
	case "run":
		fs := commandFlags("run")
		group := fs.String("group", "", "the group's name")
		rest, phones := takePhones(args[1:])
		files, err := parseArgs(fs, rest)
		if err != nil {
			return usageError(stderr, err)
		}
		if len(files) != 1 {
			return usageError(stderr, errors.New("run takes one plan file"))
		}
		plan, err := plans.Read(files[0])
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if _, err := workshop.CleanName(workshop.GroupField, *group); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return openApp(*dataDir, plan, *group, phones, stdout, stderr)
	case "handout", "guide":
		return planDocument(args, stdout, stderr)
	case "sessions", "export", "import", "merge", "set-aside", "summary", "csv":
		return storeCommand(*dataDir, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		return usageError(stderr, fmt.Errorf("unknown command %q", args[0]))
	}
}

// gcPercent is the app's garbage collection target: a collection starts
// once the heap has grown by twice what was live after the last, not by
// as much (Go's default). Under a room's votes (some 4.5 KB allocated per
// vote) the default collected every 3 s, and each collection's marking
// slowed the answers of the votes around it: the slowest 1 % of answers
// at 5,000 votes a second came from those seconds. At 200 collections come
// half as often; the heap grows to about three times what is live, some
// 600 MB of RSS after long voting against 550 (docs/performance.md). GOGC
// in the environment overrides it.
const gcPercent = 200

// openApp opens the app's window on the data folder, and into a new
// session of plan when one is given.
func openApp(dataDir string, plan *workshop.Plan, group string, phones phoneOptions, stdout, stderr io.Writer) int {
	// SIGINT and SIGTERM close the app cleanly from here on, also while
	// the data folder opens, before any window is up.
	quit := make(chan os.Signal, 1)
	signal.Notify(quit, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(quit)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if dataDir == "" {
		dataDir = a.Storage().RootURI().Path()
	}
	desk, err := control.OpenDesk(dataDir, control.Runner{PhoneAddr: phones.addr, StartPhones: phones.on,
		// Scripts and tests find the room on standard output.
		Options: control.Options{Announce: func(url string) { fmt.Fprintln(stdout, url) }}})
	if errors.Is(err, datadir.ErrAppOpen) && datadir.AskToRaise(dataDir) {
		fmt.Fprintf(stderr, "%v; its window was brought to the front\n", err)
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer desk.Close()
	return ui.Run(a, desk, ui.Start{Plan: plan, Group: group, Version: versionText(), Stderr: stderr, Quit: quit})
}
