package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	broken := filepath.Join("testdata", "plans", "broken.toml")
	tests := []struct {
		args       []string
		code       int
		out, err   string
		errNotWant string
	}{
		{args: []string{"check", filepath.Join("assets", "plans", "implementing-vs-innovating.toml")}, code: 0,
			out: `ok: "Implementing vs Innovating", 7 exercises, 64 minutes`},
		{args: []string{"--data", t.TempDir(), "check", broken}, code: 1,
			err: broken + `:7: exercise "Pick one": minutes: must be 1–240, got 0` + "\n" +
				broken + `:8: exercise "Pick one": options: a vote needs at least two options, got 1`},
		{args: []string{"check", "no-such-plan.toml"}, code: 1, err: "cannot open plan", errNotWant: "panic"},
		{args: []string{"check"}, code: 2, err: "check takes one plan file"},
		{args: []string{"frobnicate"}, code: 2, err: `unknown command "frobnicate"`},
		{args: []string{"--nope"}, code: 2, err: "flag provided but not defined"},
		{args: []string{"run", broken, "--group", "G"}, code: 1, err: "minutes: must be 1–240"},
		{args: []string{"run", "--group", strings.Repeat("n", 10000), filepath.Join("assets", "plans", "implementing-vs-innovating.toml")}, code: 1,
			err: "the group name is 10000 characters long"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), tt.out) {
			t.Errorf("%v: stdout %q lacks %q", tt.args, stdout.String(), tt.out)
		}
		if !strings.Contains(stderr.String(), tt.err) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr.String(), tt.err)
		}
		if tt.errNotWant != "" && strings.Contains(stderr.String(), tt.errNotWant) {
			t.Errorf("%v: stderr has %q", tt.args, tt.errNotWant)
		}
	}
}
