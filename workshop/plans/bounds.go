package plans

import (
	"fmt"
	"unicode/utf8"
)

// Limits on a plan file. A plan file may come from a stranger: its shape
// is checked before the TOML decoder sees it, so that any file up to
// MaxBytes is read or refused in well under a second and a few tens of
// megabytes. (Lists and tables nested thousands deep, x = {a = {a = …}},
// cost the decoder time and memory that grow much faster than the file.)
// Real plans stay far inside every limit; the limits on what a plan holds
// are the domain's (workshop.MaxExercises and the rest).
const (
	// MaxBytes caps the size of a plan file; real plans are a few kilobytes.
	MaxBytes = 1 << 20
	// MaxDepth caps how deep lists and tables nest in one another; a
	// plan needs two (items = [{ text = "…" }]).
	MaxDepth = 4
	// MaxKeyParts caps the parts of a dotted key (a.b.c); a plan needs none.
	MaxKeyParts = 3
	// MaxValues caps the keys, list entries and section headers of a
	// plan file together: a plan at every other limit has about 130,000.
	MaxValues = 250_000
	// MaxKeys caps the keys and section headers alone, which cost the
	// decoder most: a plan at every other limit has about 82,000.
	MaxKeys = 100_000
)

// planShape checks the shape of a plan file before it is decoded: its
// size, that it is UTF-8, how deep its lists and tables nest, how many
// parts its keys have and how many values it holds. It reads each byte
// once and keeps nothing but counters. It returns the line of the first
// problem and a sentence about it, or 0 and "".
func planShape(data []byte) (line int, msg string) {
	if len(data) > MaxBytes {
		return 0, fmt.Sprintf("the plan is larger than %d MiB (%d bytes); a plan file holds text only", MaxBytes>>20, MaxBytes)
	}
	if !utf8.Valid(data) {
		line = 1
		for i := 0; i < len(data); {
			r, w := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && w == 1 {
				return line, "this line is not UTF-8 text; save the plan as UTF-8"
			}
			if r == '\n' {
				line++
			}
			i += w
		}
	}
	var stack [MaxDepth]byte // the open lists ([) and tables ({)
	depth, values, keys, dots := 0, 0, 0, 0
	keyed := true // reading a key: at a line's start, or in a table after { or ,
	header := false
	line = 1
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case '\n':
			line++
			if depth == 0 {
				keyed, dots, header = true, 0, false
			}
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, lines := skipString(data, i)
			line += lines
			i = end
		case '[', '{':
			if c == '[' && depth == 0 && keyed && !header {
				header = true // a [table] or [[array]] header
				keys++
			}
			if depth == MaxDepth {
				return line, fmt.Sprintf("lists and tables are nested more than %d deep; a plan needs at most 2 (see docs/plan-format.md)", MaxDepth)
			}
			stack[depth] = c
			depth++
			values++
			keyed, dots = c == '{' || header, 0
		case ']', '}':
			if depth > 0 {
				depth--
			}
			if depth == 0 && header {
				header, keyed = false, false
			}
			if !header {
				keyed = false
			}
		case ',':
			values++
			keyed = depth > 0 && stack[depth-1] == '{'
			dots = 0
		case '=':
			if keyed {
				keyed = false
				values++
				keys++
			}
		case '.':
			if keyed {
				if dots++; dots >= MaxKeyParts {
					return line, fmt.Sprintf("a dotted key has more than %d parts; a plan's keys have at most 2 (see docs/plan-format.md)", MaxKeyParts)
				}
			}
		}
		if values > MaxValues {
			return line, fmt.Sprintf("the plan has more than %d keys, list entries and sections; a plan holds far fewer", MaxValues)
		}
		if keys > MaxKeys {
			return line, fmt.Sprintf("the plan has more than %d keys and sections; a plan holds far fewer", MaxKeys)
		}
	}
	return 0, ""
}

// skipString skips the TOML string that starts at data[i]: basic or
// literal, on one line or on several. It returns the index of its last
// byte and how many line breaks it holds. An unclosed string ends at the
// end of its line, or of the file, and is left to the decoder to report.
func skipString(data []byte, i int) (end, lines int) {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 3
		for ; i < len(data); i++ {
			switch {
			case data[i] == '\n':
				lines++
			case data[i] == '\\' && q == '"':
				if i+1 < len(data) && data[i+1] == '\n' {
					lines++
				}
				i++
			case data[i] == q && i+2 < len(data) && data[i+1] == q && data[i+2] == q:
				// Up to two more quotes may close the string: """"" ends in "".
				i += 2
				for k := 0; k < 2 && i+1 < len(data) && data[i+1] == q; k++ {
					i++
				}
				return i, lines
			}
		}
		return len(data) - 1, lines
	}
	for i++; i < len(data); i++ {
		switch {
		case data[i] == '\n':
			return i - 1, lines
		case data[i] == '\\' && q == '"' && i+1 < len(data) && data[i+1] != '\n':
			i++
		case data[i] == q:
			return i, lines
		}
	}
	return len(data) - 1, lines
}
