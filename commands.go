package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/app"

	"runsheet/workshop"
	"runsheet/workshop/atomicfile"
	"runsheet/workshop/datadir"
	"runsheet/workshop/plans"
	"runsheet/workshop/report"
	"runsheet/workshop/store"
	"runsheet/workshop/words"
)

// storeCommand runs the commands that read or change the session store.
func storeCommand(dataDir string, args []string, stdout, stderr io.Writer) int {
	fs, out, paperFlag := fileFlags(args[0], "the file to write")
	group := fs.String("group", "", "the merged session's group name (default: the groups joined with +)")
	langFlag := fs.String("language", "", "the summary's language (default: the session's)")
	excel := fs.Bool("excel", false, "csv: a file Excel opens on a double-click (byte-order mark, the language's list separator)")
	rest, err := parseArgs(fs, args[1:])
	if err != nil {
		return usageError(stderr, err)
	}
	switch args[0] {
	case "sessions":
		if len(rest) != 0 {
			return usageError(stderr, errors.New("sessions takes no arguments"))
		}
	case "export":
		if len(rest) != 1 || *out == "" {
			return usageError(stderr, errors.New("export takes one session and -o FILE"))
		}
	case "import":
		if len(rest) != 1 {
			return usageError(stderr, errors.New("import takes one file"))
		}
	case "set-aside":
		if len(rest) != 0 {
			return usageError(stderr, errors.New("set-aside takes no arguments"))
		}
	case "merge":
		if len(rest) < 2 {
			return usageError(stderr, errors.New("merge takes two or more sessions"))
		}
	case "summary", "csv":
		if len(rest) != 1 || *out == "" {
			return usageError(stderr, fmt.Errorf("%s takes one session and -o FILE", args[0]))
		}
	}
	paper, err := report.ParsePaper(*paperFlag)
	if err != nil {
		return usageError(stderr, err)
	}
	if _, ok := words.Find(*langFlag); *langFlag != "" && !ok {
		return usageError(stderr, fmt.Errorf("unknown language %q; use one of %s", *langFlag, words.Codes()))
	}
	if dataDir == "" {
		dataDir = defaultDataDir()
	}
	if err := datadir.Prepare(dataDir); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// Commands that change the store wait for no app: while one has the
	// data folder open they refuse, and those that only read go ahead.
	if args[0] == "import" || args[0] == "merge" || args[0] == "set-aside" {
		lock, err := datadir.Lock(dataDir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer lock.Release()
	}
	path := filepath.Join(dataDir, store.FileName)
	if args[0] == "set-aside" {
		return setAside(path, dataDir, stdout, stderr)
	}
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrNotDatabase) {
			fmt.Fprintf(stderr, "To keep the old file and start a fresh, empty session store, as the app offers: runsheet --data %s set-aside\n", quoteArg(dataDir))
		}
		return 1
	}
	defer st.Close()
	if st.FoundEmpty {
		fmt.Fprintf(stderr, "note: %s was an empty file (0 bytes) and now holds an empty session store; if it held sessions before, they were lost before Runsheet opened it (a failed copy or a full disk)\n", path)
	}
	warn := missingWarning(stderr)
	switch args[0] {
	case "sessions":
		err = listSessions(st, stdout)
	case "export":
		err = exportSession(st, rest[0], *out)
	case "import":
		err = importSession(st, rest[0], stdout)
	case "merge":
		err = mergeSessions(st, rest, *group, stdout)
	case "summary", "csv":
		kind := args[0]
		if kind == "csv" && *excel {
			kind = "excel"
		}
		err = sessionDocument(st, kind, rest[0], *out, report.Options{Paper: paper, Created: time.Now(), Warn: warn, Language: *langFlag})
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

func listSessions(st *store.Store, stdout io.Writer) error {
	sums, err := st.List()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tDATE\tGROUP\tPLAN\tPEOPLE\tVOTES\tSTATE")
	for _, s := range sums {
		state := s.Progress()
		if state == "in progress" && s.Imported {
			// As the app says it: an imported session is never resumed.
			state = "imported unfinished: results only"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", s.ID, s.Created.Local().Format("2006-01-02 15:04"),
			s.Group, s.PlanTitle, people(s), s.Votes, state)
	}
	return w.Flush()
}

// people is the headcount where one was entered, else the phones that
// voted, said as such, else "-".
func people(s store.Summary) string {
	switch {
	case s.Headcount > 0:
		return fmt.Sprint(s.Headcount)
	case s.Phones == 1:
		return "1 phone"
	case s.Phones > 0:
		return fmt.Sprintf("%d phones", s.Phones)
	}
	return "-"
}

// loadSession loads the session an id or unique id prefix names.
func loadSession(st *store.Store, prefix string) (*workshop.Session, error) {
	id, err := st.Resolve(prefix)
	if err != nil {
		return nil, err
	}
	return st.Load(id)
}

func exportSession(st *store.Store, prefix, path string) error {
	sess, err := loadSession(st, prefix)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error { return report.WriteJSON(w, sess) })
}

func importSession(st *store.Store, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot import: %w", err)
	}
	defer f.Close()
	sess, err := report.ReadJSON(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := st.Create(sess); err != nil {
		if errors.Is(err, store.ErrExists) {
			return fmt.Errorf("%s was imported before: %w", path, err)
		}
		return err
	}
	fmt.Fprintf(stdout, "imported %s (%s, %s)\n", sess.ID, sess.Plan.Title, sess.Group)
	return nil
}

// setAside moves a session store that cannot be opened aside, keeping it
// untouched under a new name, and starts a fresh one: what the app offers
// as "Keep the old file and start fresh". A store that opens is left as it
// is.
func setAside(path, dataDir string, stdout, stderr io.Writer) int {
	st, err := store.Open(path)
	if err == nil {
		st.Close()
		fmt.Fprintf(stdout, "%s opens as it is; nothing was moved\n", path)
		return 0
	}
	if !errors.Is(err, store.ErrCorrupt) && !errors.Is(err, store.ErrNotDatabase) {
		fmt.Fprintln(stderr, err)
		return 1
	}
	aside, err := store.MoveAside(path, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if st, err = store.Open(path); err != nil {
		fmt.Fprintf(stderr, "the old file was kept as %s, but a fresh store could not be made: %v\n", aside, err)
		return 1
	}
	st.Close()
	fmt.Fprintf(stdout, "the old session store was kept as %s; a fresh, empty one was started\n", aside)
	return 0
}

func mergeSessions(st *store.Store, prefixes []string, group string, stdout io.Writer) error {
	var sessions []*workshop.Session
	for _, p := range prefixes {
		sess, err := loadSession(st, p)
		if err != nil {
			return err
		}
		sessions = append(sessions, sess)
	}
	merged, err := workshop.Merge(sessions, group, time.Now())
	if err != nil {
		return err
	}
	if err := st.Create(merged); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged into %s\n", merged.ID)
	return nil
}

func sessionDocument(st *store.Store, kind, prefix, path string, opts report.Options) error {
	sess, err := loadSession(st, prefix)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		switch kind {
		case "csv":
			return report.CSVIn(w, sess, opts.Language)
		case "excel":
			return report.ExcelCSV(w, sess, opts.Language)
		}
		return report.Summary(w, sess, opts)
	})
}

// planDocument prints a plan's handout or facilitator guide.
func planDocument(args []string, stdout, stderr io.Writer) int {
	fs, out, paperFlag := fileFlags(args[0], "the PDF to write")
	startFlag := fs.String("start", "09:00", "the guide's start time")
	langFlag := fs.String("language", "", "the document's language (default: the plan's)")
	files, err := parseArgs(fs, args[1:])
	if err != nil {
		return usageError(stderr, err)
	}
	if len(files) != 1 || *out == "" {
		return usageError(stderr, fmt.Errorf("%s takes one plan file and -o FILE.pdf", args[0]))
	}
	paper, err := report.ParsePaper(*paperFlag)
	if err != nil {
		return usageError(stderr, err)
	}
	start, err := report.ParseStart(*startFlag)
	if err != nil {
		return usageError(stderr, err)
	}
	plan, err := plans.Read(files[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, ok := words.Find(*langFlag); *langFlag != "" && !ok {
		return usageError(stderr, fmt.Errorf("unknown language %q; use one of %s", *langFlag, words.Codes()))
	}
	opts := report.Options{Paper: paper, Created: time.Now(), Warn: missingWarning(stderr), Language: *langFlag}
	err = atomicfile.Write(*out, func(w io.Writer) error {
		if args[0] == "guide" {
			return report.Guide(w, plan, start, opts)
		}
		return report.Handout(w, plan, opts)
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return 0
}

const usage = `Usage: runsheet [--data DIR] [COMMAND ...]

  runsheet                          open the app
  runsheet --version                print the version
  runsheet run PLAN.toml [--group G] [--phones [ADDR]]
                                    open the app straight into a new session,
                                    with phone voting on (default port 8737)
  runsheet check PLAN.toml          validate a plan; exit 1 listing its problems
  runsheet sessions                 list recorded sessions
  runsheet export SESSION -o F.json export a session (SESSION: id or unique id prefix)
  runsheet import F.json            add a session exported elsewhere
  runsheet merge SESSION SESSION... [--group G]
                                    combine sessions of one plan into a new one
  runsheet set-aside                keep a damaged session store under a new name
                                    and start a fresh one
  runsheet handout PLAN.toml -o F.pdf [--paper a4|letter] [--language CODE]
                                    the participant handout
  runsheet guide PLAN.toml -o F.pdf [--paper a4|letter] [--start 09:00] [--language CODE]
                                    the facilitator guide, clock times from --start
  runsheet summary SESSION -o F.pdf [--paper a4|letter] [--language CODE]
                                    the session summary
  runsheet csv SESSION -o F.csv [--excel] [--language CODE]
                                    every tally and vote, for spreadsheets (RFC 4180);
                                    --excel: for Excel on a double-click (byte-order mark,
                                    ";" where the language writes decimals with a comma)

  --data DIR   the data folder (default: the app's storage folder)
`

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

// commandFlags is a sub-command's flag set; its errors are reported by
// usageError, with the usage.
func commandFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// fileFlags is the flag set of a command that writes a file: -o and -paper.
func fileFlags(name, outHelp string) (fs *flag.FlagSet, out, paper *string) {
	fs = commandFlags(name)
	return fs, fs.String("o", "", outHelp), fs.String("paper", "a4", "a4 or letter")
}

// parseArgs parses flags wherever they stand among the positional
// arguments, so that both "run plan.toml --group G" and "run --group G
// plan.toml" work, and returns the positional ones in order.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional, args = append(positional, args[0]), args[1:]
	}
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
	// The command line speaks English, with its plurals.
	en := words.For("en")
	fmt.Fprintf(stdout, "%s: ok: %s, %s, %s\n", path, workshop.Quote(plan.Title), en.Count("doc.exercises", len(plan.Exercises)), en.Count("doc.minutes", plan.TotalMinutes()))
	return 0
}

// defaultDataDir is the app's storage folder, where Fyne keeps its
// preferences: the same place whether the app or a command asks.
func defaultDataDir() string {
	return app.NewWithID(appID).Storage().RootURI().Path()
}

// missingWarning says on w which characters no font could print.
func missingWarning(w io.Writer) func([]rune) {
	return func(rs []rune) {
		fmt.Fprintf(w, "warning: no font can print %d character(s) (%s); they were left out\n", len(rs), report.CodePoints(rs))
	}
}

// quoteArg writes a path as a shell reads it back: as it is when it holds
// nothing a shell treats specially, else in single quotes.
func quoteArg(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
