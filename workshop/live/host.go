package live

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The Host header is checked against the server's own addresses, because
// of DNS rebinding: a web page a participant opens elsewhere could name
// its own host, have that name resolve to the laptop, and so reach the
// phone API from the participant's browser as if it were the phone page.
// A browser always sends the name it used, so only requests naming the
// laptop itself — one of its addresses, or localhost — are served.

// hostNames caches the laptop's interface addresses, which change when it
// moves between networks.
type hostNames struct {
	mu    sync.Mutex
	addrs map[string]bool
	at    time.Time
}

// hostsFor is how long the interface addresses are trusted before they are
// read again.
const hostsFor = 10 * time.Second

// has reports whether ip is one of the laptop's interface addresses.
func (h *hostNames) has(ip net.IP) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.addrs == nil || time.Since(h.at) > hostsFor {
		h.addrs = map[string]bool{}
		h.at = time.Now()
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipn, ok := a.(*net.IPNet); ok {
					h.addrs[ipn.IP.String()] = true
				}
			}
		}
	}
	return h.addrs[ip.String()]
}

// ownHost reports whether a request names this server: localhost, a
// loopback address, the address the request came in on, or another of the
// laptop's addresses.
func (s *Server) ownHost(r *http.Request) bool {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" {
		return true
	}
	if i := strings.IndexByte(host, '%'); i >= 0 {
		host = host[:i] // an IPv6 zone
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if t, ok := la.(*net.TCPAddr); ok && t.IP.Equal(ip) {
			return true
		}
	}
	return s.hosts.has(ip)
}

// checkHost refuses a request that names another host: 421 Misdirected
// Request, saying which address to use.
func (s *Server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.ownHost(r) {
			writeError(w, fail(http.StatusMisdirectedRequest, "phone.err.wrong_host"))
			return
		}
		h.ServeHTTP(w, r)
	})
}
