//go:build race

package report

// raceDetector is set when the tests run under the race detector, which
// makes laying out PDFs several times slower.
const raceDetector = true
