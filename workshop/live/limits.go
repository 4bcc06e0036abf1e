package live

import (
	"net"
	"sync"
	"time"
)

// addrLimiter is a token bucket per client address, so that one device
// cannot act as a crowd. It remembers a bounded number of addresses:
// buckets that have filled up again are forgotten first.
type addrLimiter struct {
	rate, burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newAddrLimiter(rate, burst float64) *addrLimiter {
	return &addrLimiter{rate: rate, burst: burst, buckets: map[string]*bucket{}}
}

// allow takes one token from addr's bucket, if it has one.
func (l *addrLimiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[addr]
	if b == nil {
		if len(l.buckets) >= maxTrackedAddress {
			l.forgetFull(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[addr] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// forgetFull drops the buckets that have refilled, which hold nothing worth
// keeping; if every one is still draining, it starts afresh rather than grow.
func (l *addrLimiter) forgetFull(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for a, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, a)
		}
	}
	if len(l.buckets) >= maxTrackedAddress {
		clear(l.buckets)
	}
}

// connCounter counts the open connections from each address.
type connCounter struct {
	max int

	mu   sync.Mutex
	open map[string]int
}

func (c *connCounter) take(addr string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.open[addr] >= c.max {
		return false
	}
	c.open[addr]++
	return true
}

func (c *connCounter) give(addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.open[addr]--; c.open[addr] <= 0 {
		delete(c.open, addr)
	}
}

// limitListener keeps connections from an address that already has its
// share open away from the server: idle or slow connections from one
// device cannot crowd out the room. Such a connection is parked — held
// open, never read, costing no goroutine — for parkFor, rather than closed
// at once, which would only have a hostile client reconnect in a tight
// loop; past maxParked the oldest is closed.
type limitListener struct {
	net.Listener
	conns *connCounter

	mu     sync.Mutex
	parked []parkedConn
}

type parkedConn struct {
	c  net.Conn
	at time.Time
}

const (
	parkFor   = time.Minute
	maxParked = 20000
)

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		addr := hostOf(c.RemoteAddr())
		if !l.conns.take(addr) {
			l.park(c)
			continue
		}
		return &countedConn{Conn: c, release: func() { l.conns.give(addr) }}, nil
	}
}

// park holds a connection over the limit, closing those parked too long.
func (l *limitListener) park(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	n := 0
	for n < len(l.parked) && (now.Sub(l.parked[n].at) > parkFor || len(l.parked)-n >= maxParked) {
		l.parked[n].c.Close()
		n++
	}
	l.parked = append(l.parked[n:], parkedConn{c, now})
}

// Close stops listening and closes every parked connection.
func (l *limitListener) Close() error {
	l.mu.Lock()
	for _, p := range l.parked {
		p.c.Close()
	}
	l.parked = nil
	l.mu.Unlock()
	return l.Listener.Close()
}

func hostOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// countedConn gives its place back once, when closed.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
