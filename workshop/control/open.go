package control

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"runsheet/workshop/atomicfile"
)

// OpenFileName is the file in the data folder that names the session open
// in the console on this laptop. It is written when a session opens and
// removed when the facilitator leaves it, so after a crash or power cut
// the app resumes the session that was on screen — not merely the newest.
const OpenFileName = "runsheet.open-session"

// RecordOpen records, atomically, that the session id is open in the
// console of the app on the data folder dir. An empty dir records nothing.
func RecordOpen(dir, id string) error {
	if dir == "" {
		return nil
	}
	if err := atomicfile.WriteBytes(filepath.Join(dir, OpenFileName), []byte(id+"\n")); err != nil {
		return fmt.Errorf("cannot record the open session: %w", err)
	}
	return nil
}

// ForgetOpen records that no session is open any more.
func ForgetOpen(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.Remove(filepath.Join(dir, OpenFileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot record that the session was left: %w", err)
	}
	return nil
}

// RecordedOpen gives the id of the session that was open in the console
// when the app last stopped, or "" when none was.
func RecordedOpen(dir string) string {
	if dir == "" {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(dir, OpenFileName))
	if err != nil || len(data) > 200 {
		return ""
	}
	return strings.TrimSpace(string(data))
}
