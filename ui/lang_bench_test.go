package ui

import (
	"fmt"
	"testing"
)

// The console's status line is written through tr once a second, and the
// phone count through trn: their cost, beside the fmt.Sprintf they
// replaced.
func BenchmarkAppWords(b *testing.B) {
	setAppLanguage("pl")
	b.Cleanup(func() { setAppLanguage("") })
	b.Run("tr", func(b *testing.B) {
		for b.Loop() {
			_ = tr("{{.Drift}} · {{.M}} min left · ends {{.Time}}", "Drift", "on time", "M", 12, "Time", "15:40")
		}
	})
	b.Run("trn", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			_ = trn("phones_connected", i%30, "Seen", 30)
		}
	})
	b.Run("sprintf", func(b *testing.B) {
		for b.Loop() {
			_ = fmt.Sprintf("%s · %d min left · ends %s", "on time", 12, "15:40")
		}
	})
}
