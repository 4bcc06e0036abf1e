package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"runsheet/workshop/words"
)

// roomFiles write what participants read: their words come from the
// room's words (Say, Count), never from the app's (tr, trn).
var roomFiles = []string{
	"ui/projector.go",
	"workshop/report/handout.go",
	"workshop/report/summary.go",
	"workshop/report/csv.go",
	"workshop/report/guide.go",
}

// fyneWords are Fyne's own words that the app's files carry so that its
// dialogs and menus follow the app's language too.
var fyneWords = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
	"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent"}

// A word of English that a person would read, written into the code
// instead of taken from the app's words (tr, trn) or the room's (Say,
// Count), fails this test. It reads every file of ui/ and
// workshop/report/ and finds string literals that read as English: a
// word of three or more letters, not a lowercase name (an id, a key, a
// file name such as "join-qr.png"), a file name, a constant in capitals
// or the product's name. Left out are imports, struct tags, the
// arguments of tr, trn, Say and Count (the text or id, then the names
// filled in), log lines and panics, in workshop/ the errors, which are the
// domain's and English, and lines whose comment says why, beginning
// "// words: " (a value stored in a file, say). The
// phone page is read for text between tags without a data-w attribute,
// and string literals in its script that are not message ids.
//
// Every tr text and trn id must be in app.en.json, and every message
// there used, so that no language misses a text the app shows.
func TestEveryWordIsTranslatable(t *testing.T) {
	english, err := words.File(words.App, words.English)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, w := range fyneWords {
		used[w] = true
	}
	files, _ := filepath.Glob("ui/*.go")
	reports, _ := filepath.Glob("workshop/report/*.go")
	for _, file := range append(files, reports...) {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		domain := strings.HasPrefix(file, "workshop/")
		for _, m := range unmarked(t, file, domain, used) {
			t.Error(m)
		}
		if slices.Contains(roomFiles, file) {
			src, _ := os.ReadFile(file)
			if regexp.MustCompile(`\btrn?\("`).Match(src) && file != "ui/projector.go" {
				t.Errorf("%s writes for the room but uses the app's words", file)
			}
		}
	}
	// The plan format's checks: each kind's own are in its file.
	kinds, _ := filepath.Glob("workshop/kind*.go")
	for _, file := range append([]string{"workshop/plan.go", "workshop/session.go"}, kinds...) {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		checks, err := checkTexts(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range checks {
			used[text] = true
		}
	}
	for id := range english {
		if !used[id] {
			t.Errorf("app.en.json: %q is used nowhere", id)
		}
	}
	for id := range used {
		if _, ok := english[id]; !ok {
			t.Errorf("%q is shown but not in assets/lang/app.en.json", id)
		}
	}
	checkPhonePage(t)
}

// checkTexts lists the domain's texts in a file that the app says in its
// language: the plan format's checks (the text given to top, bad and
// badAt) and the reasons a name cannot be used (NameError's Text).
func checkTexts(file string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return nil, err
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok {
			if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "NameError" {
				for _, el := range lit.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && fmt.Sprint(kv.Key) == "Text" {
						if s, ok := kv.Value.(*ast.BasicLit); ok {
							text, _ := strconv.Unquote(s.Value)
							out = append(out, text)
						}
					}
				}
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var name string
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			name = fn.Name
		case *ast.SelectorExpr: // a checker's method: c.bad
			name = fn.Sel.Name
		default:
			return true
		}
		// checkItems is given the text for an exercise with no items.
		at := map[string]int{"top": 1, "bad": 1, "badAt": 2, "checkItems": 2}[name]
		if at == 0 || len(call.Args) <= at {
			return true
		}
		if lit, ok := call.Args[at].(*ast.BasicLit); ok {
			s, _ := strconv.Unquote(lit.Value)
			out = append(out, s)
		}
		return true
	})
	if len(out) == 0 && !strings.HasPrefix(filepath.Base(file), "kind") {
		return nil, fmt.Errorf("%s: no texts of checks found", file)
	}
	return out, nil
}

// unmarked lists the English literals of a Go file, and adds the texts and
// ids it gives tr and trn to used.
func unmarked(t *testing.T, file string, domain bool, used map[string]bool) []string {
	t.Helper()
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	name := regexp.MustCompile(`^([a-z][a-zA-Z0-9_.\-/*]*|[A-Z0-9_]+|.*\.(ttf|json|md|txt|png|pdf|toml|csv)|Runsheet|Letter)$`)
	exempt := map[string]bool{"tr": true, "trn": true, "Say": true, "say": true, "Count": true, "LogError": true, "panic": true}
	if domain {
		exempt["Errorf"], exempt["New"] = true, true
	}
	fs := token.NewFileSet()
	f, err := parser.ParseFile(fs, file, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	skip := map[*ast.BasicLit]bool{}
	for _, imp := range f.Imports {
		skip[imp.Path] = true
	}
	marked := map[int]bool{} // lines that say why their words are not translated
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "// words: ") {
				marked[fs.Position(c.Pos()).Line] = true
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if field, ok := n.(*ast.Field); ok && field.Tag != nil {
			skip[field.Tag] = true
		}
		return true
	})
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := ""
		switch c := call.Fun.(type) {
		case *ast.SelectorExpr:
			fn = c.Sel.Name
		case *ast.Ident:
			fn = c.Name
		}
		if !exempt[fn] {
			return true
		}
		if (fn == "tr" || fn == "trn") && len(call.Args) > 0 {
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				out = append(out, fs.Position(call.Pos()).String()+": "+fn+" is given no literal text, so its words cannot be checked")
			} else {
				s, _ := strconv.Unquote(lit.Value)
				used[s] = true
			}
		}
		for _, a := range call.Args {
			ast.Inspect(a, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok {
					skip[lit] = true
				}
				return true
			})
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || skip[lit] {
			return true
		}
		s, _ := strconv.Unquote(lit.Value)
		if word.MatchString(s) && !name.MatchString(s) && !marked[fs.Position(lit.Pos()).Line] {
			out = append(out, fs.Position(lit.Pos()).String()+": "+strconv.Quote(s)+" is written in English; take it from the app's words (tr) or the room's (Say)")
		}
		return true
	})
	return out
}

func checkPhonePage(t *testing.T) {
	page, err := os.ReadFile("assets/phone/index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	body := html[strings.Index(html, "<body>"):strings.Index(html, "<script>")]
	for _, m := range regexp.MustCompile(`<([a-z0-9]+)([^>]*)>([^<]*[A-Za-z]{3,}[^<]*)<`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(m[2], "data-w=") && strings.TrimSpace(m[3]) != "Runsheet" {
			t.Errorf("phone page: <%s%s> holds %q without data-w", m[1], m[2], m[3])
		}
	}
	if title := regexp.MustCompile(`<title([^>]*)>`).FindStringSubmatch(html); title == nil || !strings.Contains(title[1], "data-w=") {
		t.Error("phone page: the title is not taken from the room's words")
	}
	script := html[strings.Index(html, "<script>"):]
	for _, m := range regexp.MustCompile(`"([^"\\]*)"`).FindAllStringSubmatch(script, -1) {
		s := m[1]
		if s == "use strict" {
			continue
		}
		if regexp.MustCompile(`[A-Za-z]{3,}\s+[A-Za-z]{3,}`).MatchString(s) {
			t.Errorf("phone page script: %q is written in English; use T(id)", s)
		}
	}
}
