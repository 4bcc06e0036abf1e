package live

import (
	"net"
	"sync"
	"time"
)

// addrLimiter is a token bucket per client address, so that one device
// cannot act as a crowd. It remembers a bounded number of addresses, and
// never forgets one that is still over its limit: only buckets that have
// filled up again, which hold nothing worth keeping, are dropped. When
// every remembered address is still draining, a new address is refused
// until one has refilled — a flood from more addresses than the table
// holds is held off, never let through by forgetting.
type addrLimiter struct {
	rate, burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time // when refilled buckets were last dropped
}

type bucket struct {
	tokens float64
	at     time.Time
}

// take refills the bucket for the time since it was last used and takes
// one token, if it has one.
func (b *bucket) take(now time.Time, rate, burst float64) bool {
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(burst, b.tokens+d.Seconds()*rate)
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
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
		if len(l.buckets) >= maxTrackedAddress && !l.forgetFull(now) {
			return false
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[addr] = b
	}
	return b.take(now, l.rate, l.burst)
}

// forgetFull drops the buckets that have refilled, reporting whether there
// is now room for another. The sweep costs a pass over the table, so while
// the table stays full it runs at most every sweepEvery.
func (l *addrLimiter) forgetFull(now time.Time) bool {
	if now.Sub(l.swept) < sweepEvery {
		return false
	}
	l.swept = now
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for a, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, a)
		}
	}
	return len(l.buckets) < maxTrackedAddress
}

// sweepEvery spaces the passes over a full table of addresses.
const sweepEvery = 100 * time.Millisecond

// limitKey is what an address is limited as: itself for IPv4, its /64
// network for IPv6, since one device is given a whole /64 and picks
// addresses in it at will (privacy addresses).
func limitKey(addr string) string {
	ip := net.ParseIP(addr)
	if ip == nil || ip.To4() != nil {
		return addr
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// connCounter counts the open connections from each address, and in all.
type connCounter struct {
	max   int // per address
	total int // in all, well below the process's file limit

	mu   sync.Mutex
	open map[string]int
	all  int
}

func newConnCounter(perAddr int) *connCounter {
	return &connCounter{max: perAddr, total: connBudget(), open: map[string]int{}}
}

// take counts a connection from addr in, if both its address and the
// whole server have room; full says the whole server had none.
func (c *connCounter) take(addr string) (ok, full bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.all >= c.total {
		return false, true
	}
	if c.open[addr] >= c.max {
		return false, false
	}
	c.open[addr]++
	c.all++
	return true, false
}

func (c *connCounter) give(addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.all--
	if c.open[addr]--; c.open[addr] <= 0 {
		delete(c.open, addr)
	}
}

// limitListener keeps connections from an address that already has its
// share open away from the server: idle or slow connections from one
// device cannot crowd out the room. Such a connection is parked — held
// open, never read, costing no goroutine — for parkFor, rather than closed
// at once, which would only have a hostile client reconnect in a tight
// loop. Parked connections are few (maxParked, far below the file limit;
// past it the oldest is closed) and a timer closes each once its time is
// up, whether or not more arrive. When the whole server is at its
// connection budget, a new connection is closed at once: the descriptors
// left are kept for the room's phones that are already in and for the
// session's own files.
type limitListener struct {
	net.Listener
	conns *connCounter

	mu     sync.Mutex
	parked []parkedConn
	max    int           // parked connections at most
	hold   time.Duration // how long each is parked: parkFor
	timer  *time.Timer
	closed bool
}

type parkedConn struct {
	c  net.Conn
	at time.Time
}

// parkFor is how long a connection over its address's limit is held.
const parkFor = 30 * time.Second

func newLimitListener(ln net.Listener, conns *connCounter) *limitListener {
	return &limitListener{Listener: ln, conns: conns, max: parkBudget(), hold: parkFor}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		addr := limitKey(hostOf(c.RemoteAddr()))
		ok, full := l.conns.take(addr)
		switch {
		case full:
			c.Close()
			continue
		case !ok:
			l.park(c)
			continue
		}
		return &countedConn{Conn: c, release: func() { l.conns.give(addr) }}, nil
	}
}

// park holds a connection over the limit, closing the oldest if too many
// are parked, and sets the timer that closes those parked too long.
func (l *limitListener) park(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		c.Close()
		return
	}
	now := time.Now()
	l.expire(now)
	if len(l.parked) >= l.max {
		l.parked[0].c.Close()
		l.parked = l.parked[1:]
	}
	l.parked = append(l.parked, parkedConn{c, now})
	if l.timer == nil {
		l.timer = time.AfterFunc(l.hold, l.onTimer)
	}
}

// expire closes the connections parked for their time or longer. The caller
// holds l.mu.
func (l *limitListener) expire(now time.Time) {
	n := 0
	for n < len(l.parked) && now.Sub(l.parked[n].at) >= l.hold {
		l.parked[n].c.Close()
		n++
	}
	l.parked = l.parked[n:]
}

// onTimer closes what has been parked long enough and waits for the next.
func (l *limitListener) onTimer() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.timer = nil
	if l.closed {
		return
	}
	now := time.Now()
	l.expire(now)
	if len(l.parked) > 0 {
		l.timer = time.AfterFunc(l.hold-now.Sub(l.parked[0].at), l.onTimer)
	}
}

// Parked is how many connections are parked now.
func (l *limitListener) Parked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.parked)
}

// Close stops listening and closes every parked connection.
func (l *limitListener) Close() error {
	l.mu.Lock()
	l.closed = true
	if l.timer != nil {
		l.timer.Stop()
	}
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

// connBudget is how many connections the server takes in all: half the
// file limit, leaving the rest for the session's own files and sockets.
func connBudget() int { return max(64, fileLimit()/2) }

// parkBudget is how many connections over their address's limit may be
// parked at once: a quarter of the file limit, and never more than 10,000.
// With the connections served (half the limit at most) that leaves a
// quarter for the session's files. Parking too few would have a client
// that holds thousands of idle connections reconnect in a loop as its
// oldest are closed.
func parkBudget() int { return min(10000, max(16, fileLimit()/4)) }
