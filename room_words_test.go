package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// roomFiles are the files that write what participants read: every word
// of Runsheet's own in them must come from the room's words.
var roomFiles = []string{
	"ui/projector.go",
	"workshop/report/handout.go",
	"workshop/report/summary.go",
	"workshop/report/csv.go",
}

// A word of English that participants would read, written into the code
// instead of taken from the room's words, fails this test. It finds them
// as string literals with a word of three or more letters, leaving out
// imports, the ids and names given to the room's words (Say, Count),
// errors (for the facilitator), window titles and resource names; and, on the phone page,
// text between tags without a data-w attribute and string literals in its
// script that are not message ids.
func TestRoomWordsAreAllTranslatable(t *testing.T) {
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	exempt := map[string]bool{"Say": true, "say": true, "Count": true, "Errorf": true, "New": true, "NewWindow": true, "NewStaticResource": true}
	for _, file := range roomFiles {
		fs := token.NewFileSet()
		f, err := parser.ParseFile(fs, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		skip := map[*ast.BasicLit]bool{}
		for _, imp := range f.Imports {
			skip[imp.Path] = true
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			if exempt[name] {
				for _, a := range call.Args {
					ast.Inspect(a, func(n ast.Node) bool {
						if lit, ok := n.(*ast.BasicLit); ok {
							skip[lit] = true
						}
						return true
					})
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || skip[lit] {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if word.MatchString(s) && !isMessageID(s) {
				t.Errorf("%s: %q is written in English; take it from the room's words (assets/lang)", fs.Position(lit.Pos()), s)
			}
			return true
		})
	}

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

// isMessageID reports whether s names one of the room's words, such as
// "sum.title", or a name filled into one ("Count").
func isMessageID(s string) bool {
	return regexp.MustCompile(`^[a-z]+\.[a-z_.]*$`).MatchString(s)
}
