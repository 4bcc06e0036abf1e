package ui

import (
	"strings"
	"testing"
)

// The console's headings read at 4.5:1 or more, measured on the drawn
// window in the light and the dark theme ("Brief for the room", once in
// the theme's blue, at 4.0:1 on dark); so do the white words on a blue
// button (Pause) in the light theme. The dark theme's blue stays at
// 4.47:1 under white (docs/accessibility.md).
func TestConsoleBlueTextReads(t *testing.T) {
	for _, th := range []string{themeLight, themeDark} {
		s, _, w := newTestShell(t, laptop)
		s.prefs().SetString(prefTheme, th)
		s.applyTheme()
		c := startBuiltin(t, s, w, "Room")
		c.onStartPause() // the blue button now says Pause
		seen := map[string]bool{}
		for _, d := range measureTexts(t, w) {
			for _, want := range []string{"Brief for the room", "Your private notes", "Pause"} {
				if strings.TrimSpace(d.text) == want {
					seen[want] = true
					if d.ratio < 4.5 && !(want == "Pause" && th == themeDark && d.ratio >= 4.4) {
						t.Errorf("%s theme: %q stands at %.2f:1", th, d.text, d.ratio)
					}
				}
			}
		}
		if len(seen) != 3 {
			t.Fatalf("%s theme: only %v of the blue texts drawn", th, seen)
		}
	}
}
