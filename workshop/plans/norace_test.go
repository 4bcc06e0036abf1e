//go:build !race

package plans

// raceDetector is set when the tests run under the race detector, whose
// instrumentation multiplies what the TOML decoder allocates.
const raceDetector = false
