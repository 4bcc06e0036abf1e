// Command runsheet runs live workshops from plans of timed exercises.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"runsheet/assets"
	"runsheet/ui"
	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

const appID = "app.runsheet.desktop"

const usage = `Usage: runsheet [--data DIR] [COMMAND ...]

  runsheet                          open the app
  runsheet run PLAN.toml [--group G] [--phones [ADDR]]
                                    open the app straight into a new session,
                                    with phone voting on (default port 8737)
  runsheet check PLAN.toml          validate a plan; exit 1 listing its problems
  runsheet sessions                 list recorded sessions
  runsheet export SESSION -o F.json export a session (SESSION: id or unique id prefix)
  runsheet import F.json            add a session exported elsewhere
  runsheet merge SESSION SESSION... [--group G]
                                    combine sessions of one plan into a new one
  runsheet handout PLAN.toml -o F.pdf [--paper a4|letter]
                                    the participant handout
  runsheet guide PLAN.toml -o F.pdf [--paper a4|letter] [--start 09:00]
                                    the facilitator guide, clock times from --start
  runsheet summary SESSION -o F.pdf [--paper a4|letter]
                                    the session summary
  runsheet csv SESSION -o F.csv     every tally and vote, for spreadsheets

  --data DIR   the data folder (default: the app's storage folder)
`

func main() {
	// A workshop runs for hours with thousands of phones connected: a
	// tighter garbage-collection target keeps the laptop's memory flat
	// (see docs/performance.md) for a little processor time.
	debug.SetGCPercent(50)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches the command line and returns the exit code: 0 on success,
// 1 when the command failed, 2 when it was used wrongly.
func run(args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("runsheet", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dataDir := global.String("data", "", "the data folder")
	if err := global.Parse(args); err != nil {
		return usageError(stderr, err)
	}
	args = global.Args()
	if len(args) == 0 {
		return openApp(*dataDir, nil, "", phoneOptions{}, stdout, stderr)
	}
	switch args[0] {
	case "check":
		if len(args) != 2 {
			return usageError(stderr, errors.New("check takes one plan file"))
		}
		return check(args[1], stdout, stderr)
	case "run":
		fs := flag.NewFlagSet("run", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		group := fs.String("group", "", "the group's name")
		rest, phones := takePhones(args[1:])
		if err := fs.Parse(interleave(rest)); err != nil {
			return usageError(stderr, err)
		}
		if fs.NArg() != 1 {
			return usageError(stderr, errors.New("run takes one plan file"))
		}
		plan, err := plans.Read(fs.Arg(0))
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if _, err := workshop.CleanName("the group name", *group); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return openApp(*dataDir, plan, *group, phones, stdout, stderr)
	case "handout", "guide":
		return planDocument(args, stdout, stderr)
	case "sessions", "export", "import", "merge", "summary", "csv":
		return storeCommand(*dataDir, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		return usageError(stderr, fmt.Errorf("unknown command %q", args[0]))
	}
}

// phoneOptions say whether to start phone voting, and where.
type phoneOptions struct {
	on   bool
	addr string
}

// takePhones removes --phones and its optional address from args: the
// address is the next argument when it is not a flag or a plan file.
func takePhones(args []string) ([]string, phoneOptions) {
	var out []string
	var p phoneOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "phones"); ok && strings.HasPrefix(a, "-") && (v == "" || v[0] == '=') {
			p.on = true
			if v != "" {
				p.addr = v[1:]
			} else if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && !strings.HasSuffix(args[i+1], ".toml") {
				p.addr = args[i+1]
				i++
			}
			continue
		}
		out = append(out, a)
	}
	return out, p
}

// interleave moves flags before positional arguments, so that both
// "run plan.toml --group G" and "run --group G plan.toml" work.
func interleave(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if i+1 < len(args) && !strings.Contains(a, "=") {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}

func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "runsheet: %v\n\n%s", err, usage)
	return 2
}

func check(path string, stdout, stderr io.Writer) int {
	plan, err := plans.Read(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok: %q, %d exercises, %d minutes\n", path, plan.Title, len(plan.Exercises), plan.TotalMinutes())
	return 0
}

// defaultDataDir is the app's storage folder, where Fyne keeps its
// preferences: the same place whether the app or a command asks.
func defaultDataDir() string {
	return app.NewWithID(appID).Storage().RootURI().Path()
}

// openApp opens the app's window on the data folder, and into a new
// session of plan when one is given. Every start — a fresh or a damaged
// store, a resumed session, run PLAN — goes through the same steps.
func openApp(dataDir string, plan *workshop.Plan, group string, phones phoneOptions, stdout, stderr io.Writer) int {
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if dataDir == "" {
		dataDir = a.Storage().RootURI().Path()
	}
	if err := os.MkdirAll(filepath.Join(dataDir, "plans"), 0o755); err != nil {
		fmt.Fprintf(stderr, "cannot use the data folder %s: %v\n", dataDir, err)
		return 1
	}
	w := a.NewWindow("Runsheet")
	w.Resize(fyne.NewSize(1280, 760))
	w.SetMaster()
	opts := ui.Options{
		DataDir: dataDir, Phones: phones.addr, StartPhones: phones.on,
		// Scripts and tests find the room on standard output.
		Announce: func(url string) { fmt.Fprintln(stdout, url) },
	}
	var st *store.Store
	start := func(opened *store.Store) {
		st, opts.Store = opened, opened
		shell := ui.Create(a, w, opts)
		stopOnSignal(shell, w)
		if plan != nil {
			if err := shell.StartSession(plan, group); err != nil {
				fmt.Fprintln(stderr, err)
				shell.ShowError("Cannot start the session", err)
			}
		}
	}
	opened, err := store.Open(filepath.Join(dataDir, store.FileName))
	if err != nil {
		fmt.Fprintln(stderr, err)
		ui.ShowStoreProblem(a, w, err, start)
	} else {
		start(opened)
	}
	w.ShowAndRun()
	if st == nil {
		return 1
	}
	st.Close()
	return 0
}

// stopOnSignal stops the screens' timers before Fyne quits on SIGINT or
// SIGTERM or the window closes, so that none fires into a window that is gone.
func stopOnSignal(shell *ui.Shell, w fyne.Window) {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		shell.Stop()
	}()
	w.SetOnClosed(shell.Stop)
}
