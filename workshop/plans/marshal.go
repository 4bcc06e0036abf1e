package plans

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"runsheet/workshop"
)

// Marshal writes a plan in the TOML plan format, laid out for people to
// read and edit: one [[exercise]] section each, long texts as multi-line
// strings. Parse of the result gives the same plan, less any character a
// plan may not hold (see workshop.UnsafeRune), which is left out so that
// what Runsheet writes it can always read again.
func Marshal(p *workshop.Plan) []byte {
	if !workshop.PlanTextClean(p) {
		p = p.Clone()
		workshop.CleanPlanText(p)
	}
	var b strings.Builder
	writeKey(&b, "title", p.Title)
	if p.Summary != "" {
		writeKey(&b, "summary", p.Summary)
	}
	if p.Language != "" {
		writeKey(&b, "language", p.Language)
	}
	for _, idea := range p.Ideas {
		b.WriteString("\n[[idea]]\n")
		if idea.Title != "" {
			writeKey(&b, "title", idea.Title)
		}
		if idea.Text != "" {
			writeKey(&b, "text", idea.Text)
		}
		writeList(&b, "points", idea.Points)
	}
	if c := p.Contrast; c != nil {
		b.WriteString("\n[contrast]\n")
		writeKey(&b, "left", c.Left)
		writeKey(&b, "right", c.Right)
		if len(c.Rows) > 0 {
			b.WriteString("rows = [\n")
			for _, r := range c.Rows {
				fmt.Fprintf(&b, "  [%s, %s],\n", quoteTOML(r[0]), quoteTOML(r[1]))
			}
			b.WriteString("]\n")
		}
	}
	for _, e := range p.Exercises {
		b.WriteString("\n[[exercise]]\n")
		writeKey(&b, "kind", string(e.Kind))
		writeKey(&b, "title", e.Title)
		fmt.Fprintf(&b, "minutes = %d\n", e.Minutes)
		if e.Brief != "" {
			writeKey(&b, "brief", e.Brief)
		}
		if e.Notes != "" {
			writeKey(&b, "notes", e.Notes)
		}
		writeList(&b, "prompts", e.Prompts)
		writeList(&b, "options", e.Options)
		writeList(&b, "scale", e.Scale)
		if len(e.Axes) > 0 {
			b.WriteString("axes = [")
			for j, ax := range e.Axes {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("[")
				for k, s := range ax {
					if k > 0 {
						b.WriteString(", ")
					}
					b.WriteString(quoteTOML(s))
				}
				b.WriteString("]")
			}
			b.WriteString("]\n")
		}
		writeList(&b, "quadrants", e.Quadrants)
		if e.MaxRunes != 0 {
			fmt.Fprintf(&b, "max = %d\n", e.MaxRunes)
		}
		if e.PerPhone != 0 {
			fmt.Fprintf(&b, "answers = %d\n", e.PerPhone)
		}
		if e.CloseAtZero {
			b.WriteString("close_at_zero = true\n")
		}
		if e.Private {
			b.WriteString("private = true\n")
		}
		if len(e.Items) > 0 {
			b.WriteString("items = [\n")
			for _, it := range e.Items {
				if it.Expect == "" && !e.Takes(workshop.FieldExpect) {
					fmt.Fprintf(&b, "  %s,\n", quoteTOML(it.Text))
					continue
				}
				fmt.Fprintf(&b, "  { text = %s", quoteTOML(it.Text))
				if it.Expect != "" {
					fmt.Fprintf(&b, ", expect = %s", quoteTOML(it.Expect))
				}
				b.WriteString(" },\n")
			}
			b.WriteString("]\n")
		}
	}
	return []byte(b.String())
}

func writeKey(b *strings.Builder, key, value string) {
	b.WriteString(key)
	b.WriteString(" = ")
	if strings.Contains(value, "\n") {
		b.WriteString(multilineTOML(value))
	} else {
		b.WriteString(quoteTOML(value))
	}
	b.WriteString("\n")
}

func writeList(b *strings.Builder, key string, values []string) {
	if len(values) == 0 {
		return
	}
	fmt.Fprintf(b, "%s = [\n", key)
	for _, v := range values {
		fmt.Fprintf(b, "  %s,\n", quoteTOML(v))
	}
	b.WriteString("]\n")
}

// quoteTOML writes s as a TOML basic string. Go's own quoting is not used
// because TOML has no \x or \a escapes.
func quoteTOML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	escapeTOML(&b, s, false)
	b.WriteByte('"')
	return b.String()
}

// multilineTOML writes s as a TOML multi-line basic string, keeping its line
// breaks readable. The newline after the opening quotes is trimmed by TOML.
func multilineTOML(s string) string {
	var b strings.Builder
	b.WriteString("\"\"\"\n")
	escapeTOML(&b, s, true)
	if !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString("\"\"\"")
	return b.String()
}

func escapeTOML(b *strings.Builder, s string, multiline bool) {
	for i, w := 0, 0; i < len(s); i += w {
		r, width := utf8.DecodeRuneInString(s[i:])
		w = width
		switch {
		case r == utf8.RuneError && width == 1:
			b.WriteString(`\uFFFD`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n' && multiline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}
