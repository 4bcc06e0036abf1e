package datadir

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// RaiseSocketName is the socket in the data folder on which a running app
// hears a second start asking it to come to the front.
const RaiseSocketName = "runsheet.sock"

// raiseRequest is the one line a second start sends, and raiseAnswer the
// running app's reply once it has raised its window.
const (
	raiseRequest = "raise"
	raiseAnswer  = "raised"
)

// ListenForRaise lets a second start on the same data folder bring this
// app's window to the front, by calling raise. Only the holder of the data
// folder's lock listens, so a socket file left by a killed app is removed
// first. Where the socket cannot be made (a path too long for one, say),
// a second start only says the app is open. stop closes the socket.
func ListenForRaise(dataDir string, raise func()) (stop func()) {
	path := filepath.Join(dataDir, RaiseSocketName)
	os.Remove(path)
	l, err := net.Listen("unix", path)
	if err != nil {
		return func() {}
	}
	// The socket is made as the umask allows (0755 by default): the data
	// folder already keeps others out, and the socket says so itself.
	os.Chmod(path, 0o600)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go answerRaise(c, raise)
		}
	}()
	return func() { l.Close() }
}

// answerRaise reads one request, with a deadline so that an idle
// connection cannot stay open, and raises the window if asked.
func answerRaise(c net.Conn, raise func()) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(io.LimitReader(c, 64)).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != raiseRequest {
		return
	}
	raise()
	c.Write([]byte(raiseAnswer + "\n"))
}

// AskToRaise asks the app holding dataDir to bring its window to the
// front, and reports whether it did.
func AskToRaise(dataDir string) bool {
	c, err := net.DialTimeout("unix", filepath.Join(dataDir, RaiseSocketName), time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Write([]byte(raiseRequest + "\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(io.LimitReader(c, 64)).ReadString('\n')
	return err == nil && strings.TrimSpace(line) == raiseAnswer
}
