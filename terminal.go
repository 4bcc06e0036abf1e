package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"runsheet/workshop"
)

// terminalWriter passes what the commands print to a terminal, showing
// every character that could move its cursor, recolour or clear it,
// reorder a line or hide text as an escape instead: ESC as \x1b, a bidi
// override as \u202e. Titles, names and errors come from files and the
// store, which may come from anyone. Line breaks and tabs pass.
type terminalWriter struct {
	mu      sync.Mutex // the app announces its room from another goroutine
	w       io.Writer
	partial []byte // the start of a character split between two writes
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	data := p
	if len(t.partial) > 0 {
		data = append(t.partial, p...)
		t.partial = nil
	}
	var b strings.Builder
	for i := 0; i < len(data); {
		r, w := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && w <= 1 && !utf8.FullRune(data[i:]):
			// Wait for the rest of the character.
			t.partial = append([]byte(nil), data[i:]...)
			i = len(data)
			continue
		case r == utf8.RuneError && w <= 1:
			fmt.Fprintf(&b, `\x%02x`, data[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		default:
			if _, unsafe := workshop.UnsafeRune(r); unsafe {
				b.WriteString(escapeRune(r))
			} else {
				b.WriteRune(r)
			}
		}
		i += w
	}
	if _, err := io.WriteString(t.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeRune writes r as Go would in a quoted string.
func escapeRune(r rune) string {
	switch {
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}
