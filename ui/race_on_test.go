//go:build race

package ui

// underRace is true when the tests run with the race detector.
const underRace = true
