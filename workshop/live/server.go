// Package live serves the room's phones over the local network: a small
// web page, the open question pushed as server-sent events (with polling as
// a fallback), and votes that are acknowledged only once they are durable.
package live

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/words"
)

// DefaultPort is where the server listens unless told otherwise; if it is
// taken, the next free port is used.
const DefaultPort = 8737

// Limits that keep one phone, or a hostile one, from hurting the room.
const (
	MaxBodyBytes = 4 << 10
	// MaxPhones bounds the phones remembered — those that voted or are
	// connected, never those that only joined — far above any room. When
	// it is reached, the phone seen longest ago that holds no event stream
	// is forgotten to make room: a latecomer is never turned away while
	// any phone is idle.
	MaxPhones    = 20000
	MaxNameRunes = 40
	votesPerSec  = 5
	voteBurst    = 10
	keepAlive    = 15 * time.Second
	// pushInterval gathers a change of question into one push; results,
	// which change with every vote once revealed, are pushed at most every
	// resultsInterval.
	pushInterval    = 40 * time.Millisecond
	resultsInterval = 500 * time.Millisecond
	roomAlphabet    = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	// roomCodeLen is six characters of the 32 above: 32^6 ≈ 1.07 billion
	// codes. At the room-wide budget for wrong codes (wrongCodesRoomPerSec),
	// trying them all takes about 6.8 years and a whole day's guessing finds
	// it with a chance of about 1 in 2,500 (docs/security.md). Sessions
	// recorded with the older five-character codes keep them.
	roomCodeLen = 6
	// forgetAfter is how long a phone that joined but never voted and holds
	// no event stream is remembered after it was last seen.
	forgetAfter = 3 * time.Minute
	// maxStreams is how many event streams one participant may hold at
	// once (a phone, its reloads, a second tab); a further one closes the
	// oldest.
	maxStreams = 3
)

// Per-address limits. A room's phones often share one public address
// behind the venue's access point (NAT), so the limits are set for a whole
// room behind one address, and only stop one device acting as a crowd:
//   - joins: a burst of 300 and 20 a second, so that 500 phones scanning
//     the code within half a minute all get in, while 10,000 fake joins a
//     second get 429 after the first 300;
//   - wrong room codes: a burst of 30 and one a second: typing slips from a
//     room pass, guessing the code from one address does not; and, since a
//     laptop on the Wi-Fi can take any number of addresses (IPv6 privacy
//     addresses, or plain aliases), the whole room has a budget of its
//     own: a burst of 200 and 5 a second, well above a room's typing slips;
//   - connections: 2,500 at once, for about 1,000 phones behind one address
//     with an event stream and a vote in flight each; beyond that a new
//     connection is parked (limitListener).
//
// IPv6 addresses count by their /64 network, which one device gets whole.
const (
	joinBurst            = 300
	joinsPerSec          = 20
	wrongCodeBurst       = 30
	wrongCodesPerSec     = 1
	wrongCodesRoomBurst  = 200
	wrongCodesRoomPerSec = 5
	maxConnsPerAddr      = 2500
	maxTrackedAddress    = 10000
)

// Recorder is the session the server records votes into.
type Recorder interface {
	Record(e workshop.Event) error
	View(f func(s *workshop.Session))
}

// Phone is a participant's phone as the console lists it.
type Phone struct {
	ID       string
	Name     string
	LastSeen time.Time
	// Streams is how many event streams the phone holds open: a phone
	// holding one is connected.
	Streams int
	// Voted is set once the phone has voted.
	Voted bool
}

// Options configure a phone server.
type Options struct {
	// Room is the code phones join with; empty for a new one.
	Room string
	// Key signs the tokens phones are given, as hex; empty for a new one.
	// Keeping it with the session keeps tokens valid after a restart.
	Key string
	// ShowResults, when set and true, sends revealed results to phones.
	ShowResults func() bool
	// Clock tells the time for the rate limits; nil means the system clock.
	Clock func() time.Time
}

// Server is the phone server of one session.
type Server struct {
	rec  Recorder
	room string
	key  []byte
	macs sync.Pool // of hash.Hash: HMAC-SHA256 under key, kept between votes
	// words holds the revealed answers' top words, counted once per change
	// of the session rather than once for each phone's push.
	words wordsCache
	clock func() time.Time
	opts  Options

	joins      *addrLimiter
	wrongCodes *addrLimiter
	roomCodes  *bucket // the room-wide budget for wrong codes
	conns      *connCounter
	hosts      hostNames

	// streams is every open event stream, by address (s.mu).
	streams streamTable

	mu       sync.Mutex
	phones   map[string]*phone // by participant id
	subs     map[chan struct{}]bool
	version  int64
	swept    time.Time // when idle phones were last forgotten
	finished bool      // the session ended: streams close after the last state
	stopper  *time.Timer

	// rate is the votes a phone may send per second, after a burst.
	rate float64

	httpSrv *http.Server
	addr    string
	urls    []string

	pushMu     sync.Mutex
	pushTimer  *time.Timer
	pushed     viewKey   // what phones were last sent
	resultsAt  time.Time // when results were last pushed
	pushResult bool      // the pending push only carries new results
}

type phone struct {
	Phone
	tokens   float64 // rate-limit bucket
	refilled time.Time
	voted    atomic.Bool // set once, without the server's lock, after a vote
	streams  []*stream   // oldest first
}

// stream is one open event stream; closing kick ends it.
type stream struct {
	kick chan struct{}
	once sync.Once
	addr string // the limitKey of the address it came from
}

func (st *stream) end() { st.once.Do(func() { close(st.kick) }) }

// New makes a server for a session; Start makes it listen.
func New(rec Recorder, opts Options) *Server {
	room := strings.ToUpper(opts.Room)
	if room == "" {
		room = NewRoomCode()
	}
	key, err := hex.DecodeString(opts.Key)
	if err != nil || len(key) != keyBytes {
		key = make([]byte, keyBytes)
		if _, err := rand.Read(key); err != nil {
			panic("no randomness: " + err.Error())
		}
	}
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	s := &Server{
		rec: rec, room: room, key: key, clock: clock, rate: votesPerSec, opts: opts,
		phones: map[string]*phone{}, subs: map[chan struct{}]bool{},
		joins:      newAddrLimiter(joinsPerSec, joinBurst),
		wrongCodes: newAddrLimiter(wrongCodesPerSec, wrongCodeBurst),
		roomCodes:  &bucket{tokens: wrongCodesRoomBurst, at: clock()},
		conns:      newConnCounter(maxConnsPerAddr),
	}
	s.streams = newStreamTable(streamBudget(s.conns.total))
	s.pushed = s.viewKey()
	return s
}

// Key is the key that signs the room's tokens, as hex, to keep with the
// session.
func (s *Server) Key() string { return hex.EncodeToString(s.key) }

// NewRoomCode makes a short code for phones to join with, of letters and
// digits that cannot be mistaken for one another.
func NewRoomCode() string {
	b := make([]byte, roomCodeLen)
	if _, err := rand.Read(b); err != nil {
		panic("no randomness: " + err.Error())
	}
	for i := range b {
		b[i] = roomAlphabet[int(b[i])%len(roomAlphabet)]
	}
	return string(b)
}

// Room is the code phones must give to join.
func (s *Server) Room() string { return s.room }

// URLs are the addresses phones can reach, with the room code, best first.
func (s *Server) URLs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.urls...)
}

// Addr is the host:port the server listens on (the host empty for every
// interface), as Start accepts it.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Handler is the server's HTTP interface, for tests and for Start.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handlePage)
	mux.HandleFunc("POST /join", s.handleJoin)
	mux.HandleFunc("GET /state", s.handleState)
	mux.HandleFunc("GET /events", s.handleEvents)
	mux.HandleFunc("POST /vote", s.handleVote)
	mux.HandleFunc("POST /answer", s.handleAnswer)
	return securityHeaders(s.checkHost(mux))
}

// Start listens on addr ("" for every interface on DefaultPort, or the
// next free port) and serves until Stop.
func (s *Server) Start(addr string) error {
	host, port := "", DefaultPort
	if addr != "" {
		h, p, err := net.SplitHostPort(addr)
		if err != nil {
			if n, perr := strconv.Atoi(addr); perr == nil {
				p, h = strconv.Itoa(n), ""
			} else {
				return fmt.Errorf("phone address %q: use HOST:PORT or a port number", addr)
			}
		}
		host = h
		if port, err = strconv.Atoi(p); err != nil || port < 0 || port > 65535 {
			return fmt.Errorf("phone address %q: the port must be a number from 0 to 65535", addr)
		}
	}
	var ln net.Listener
	var err error
	for try := 0; try < 20; try++ {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+try)))
		// The port asked for, where phones and printed codes point, is
		// waited for a moment: phone voting switched off and on again
		// finds its own port still closing on a busy laptop.
		// A quarter of a second at most: the console waits on it.
		for wait := 0; try == 0 && port != 0 && wait < 5 && errors.Is(err, syscall.EADDRINUSE); wait++ {
			time.Sleep(50 * time.Millisecond)
			ln, err = net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		}
		if err == nil || port == 0 {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("cannot start phone voting: %w", err)
	}
	actual := ln.Addr().(*net.TCPAddr).Port
	s.mu.Lock()
	s.addr = net.JoinHostPort(host, strconv.Itoa(actual))
	s.urls = addressesFor(host, actual, s.room)
	s.mu.Unlock()
	ln = newLimitListener(ln, s.conns)
	s.httpSrv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
	go s.httpSrv.Serve(ln)
	return nil
}

// JoinURLs lists the addresses phones join a room at, for a server
// listening on addr (host:port, the host empty for every interface): the
// LAN addresses first, each with the room code.
func JoinURLs(addr, room string) []string {
	host, p, err := net.SplitHostPort(addr)
	port, perr := strconv.Atoi(p)
	if err != nil || perr != nil {
		return nil
	}
	return addressesFor(host, port, room)
}

// addressesFor lists the URLs phones can use, the likeliest first: the
// address of the interface that carries the default route (the Wi-Fi or
// wired network the laptop, and so the room, is on), then other physical
// interfaces, then virtual ones (containers, virtual machines, VPNs) that
// phones cannot reach, and loopback last.
func addressesFor(host string, port int, room string) []string {
	var hosts []string
	if host != "" && host != "0.0.0.0" && host != "::" {
		hosts = []string{host}
	} else {
		type candidate struct {
			ip   string
			rank int
		}
		var found []candidate
		primary := routedAddress()
		ifaces, _ := net.Interfaces()
		for _, ifc := range ifaces {
			if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
				continue
			}
			addrs, _ := ifc.Addrs()
			for _, a := range addrs {
				ipn, ok := a.(*net.IPNet)
				if !ok || ipn.IP.To4() == nil || ipn.IP.IsLinkLocalUnicast() || ipn.IP.IsLoopback() {
					continue
				}
				rank := 1
				switch {
				case ipn.IP.String() == primary:
					rank = 0
				case virtualInterface(ifc.Name):
					rank = 2
				}
				found = append(found, candidate{ipn.IP.String(), rank})
			}
		}
		sort.SliceStable(found, func(i, j int) bool {
			if found[i].rank != found[j].rank {
				return found[i].rank < found[j].rank
			}
			return found[i].ip < found[j].ip
		})
		for _, c := range found {
			hosts = append(hosts, c.ip)
		}
		hosts = append(hosts, "127.0.0.1")
	}
	urls := make([]string, len(hosts))
	for i, h := range hosts {
		urls[i] = fmt.Sprintf("http://%s/?room=%s", net.JoinHostPort(h, strconv.Itoa(port)), room)
	}
	return urls
}

// routedAddress is the local address the system would send from to reach
// beyond the local networks — the default route's interface — or "" if
// there is none. Nothing is sent.
func routedAddress() string {
	c, err := net.Dial("udp4", "192.0.2.1:9")
	if err != nil {
		return ""
	}
	defer c.Close()
	if a, ok := c.LocalAddr().(*net.UDPAddr); ok {
		return a.IP.String()
	}
	return ""
}

// virtualInterface reports names of interfaces that belong to containers,
// virtual machines and VPNs rather than to the room's network.
func virtualInterface(name string) bool {
	for _, p := range []string{"docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "zt", "tailscale", "lxc", "cni", "flannel", "podman"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Finish tells every phone the session has ended — the final state, with
// finished set, goes out at once and each event stream closes after it —
// and keeps serving for grace, so that a page opened late or reconnecting
// still learns it and thanks its owner, then stops. The session must be
// finished already.
func (s *Server) Finish(grace time.Duration) {
	s.mu.Lock()
	s.finished = true
	if s.stopper == nil && s.subs != nil {
		s.stopper = time.AfterFunc(grace, func() { s.Stop() })
	}
	s.mu.Unlock()
	s.pushMu.Lock()
	s.pushed = s.viewKey()
	if s.pushTimer != nil {
		s.pushTimer.Stop()
	}
	s.pushMu.Unlock()
	s.push()
}

// Stop closes the listeners and every open connection.
func (s *Server) Stop() error {
	s.mu.Lock()
	if s.stopper != nil {
		s.stopper.Stop()
	}
	s.mu.Unlock()
	s.pushMu.Lock()
	if s.pushTimer != nil {
		s.pushTimer.Stop()
	}
	s.pushMu.Unlock()
	s.mu.Lock()
	for ch := range s.subs {
		close(ch)
	}
	s.subs = nil // no stream may start after this
	s.mu.Unlock()
	if s.httpSrv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.httpSrv.Shutdown(ctx); err != nil {
		return s.httpSrv.Close()
	}
	return nil
}

// Changed tells connected phones that the session changed, if anything
// they see did. A new question is pushed at once (gathered over a few
// milliseconds); revealed results, which change with every vote, at most
// twice a second; a vote before reveal changes nothing a phone sees and
// pushes nothing.
func (s *Server) Changed() {
	k := s.viewKey()
	s.pushMu.Lock()
	defer s.pushMu.Unlock()
	if k == s.pushed {
		return
	}
	structural := k.withoutResults() != s.pushed.withoutResults()
	s.pushed = k
	if s.pushTimer != nil {
		if !structural || !s.pushResult {
			return
		}
		// A new question must not wait behind a results push.
		s.pushTimer.Stop()
	}
	wait := pushInterval
	if !structural {
		wait = max(pushInterval, resultsInterval-s.clock().Sub(s.resultsAt))
	}
	s.pushResult = !structural
	s.pushTimer = time.AfterFunc(wait, s.push)
}

// push sends every connected phone the news that its state changed.
func (s *Server) push() {
	s.pushMu.Lock()
	s.pushTimer = nil
	s.resultsAt = s.clock()
	s.pushMu.Unlock()
	s.mu.Lock()
	s.version++
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // already has an update waiting
		}
	}
	s.mu.Unlock()
}

// Phones lists the phones seen, most recent first.
func (s *Server) Phones() []Phone {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forgetIdle(s.clock())
	out := make([]Phone, 0, len(s.phones))
	for _, p := range s.phones {
		ph := p.Phone
		ph.Streams, ph.Voted = len(p.streams), p.voted.Load()
		out = append(out, ph)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LastSeen.After(out[j].LastSeen) })
	return out
}

// Counts is how many phones the room has seen and how many of them are
// connected (hold an event stream): what Phones tells, without copying
// and sorting every phone, for a console that shows the counts each second.
func (s *Server) Counts() (seen, connected int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forgetIdle(s.clock())
	for _, p := range s.phones {
		if len(p.streams) > 0 {
			connected++
		}
	}
	return len(s.phones), connected
}

// Remove blocks a phone: it can no longer vote or see the question, and
// its open event streams close at once. Its votes so far stay counted. The removal is a session event, so it holds
// after a restart.
func (s *Server) Remove(id string) error {
	if err := s.rec.Record(workshop.Event{Kind: workshop.EventPhoneRemoved, At: s.clock(), Participant: id}); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.phones[id]; p != nil {
		for _, st := range p.streams {
			s.streams.drop(st)
		}
	}
	delete(s.phones, id)
	return nil
}

// refused is why a participant's phone may not take part, or nil: the
// facilitator removed it, or the room is locked and it was not in it.
func (s *Server) refused(id string) error {
	var removed, in bool
	s.rec.View(func(sess *workshop.Session) {
		removed, in = sess.State.Phones.Removed[id], sess.State.Phones.InRoom(id)
	})
	switch {
	case removed:
		return fail(http.StatusForbidden, "phone.err.removed")
	case !in:
		return fail(http.StatusForbidden, "phone.err.locked")
	}
	return nil
}

// SetLocked locks the room to the phones in it now, or opens it again.
// The phones in the room are those the server knows — holding an event
// stream, or seen in the last few minutes (forgetAfter) — and every phone
// that has voted; they keep voting, and every other phone is refused, even
// one holding a token issued before the lock. The lock is a session event
// carrying those phones, so a restart keeps the room as it was.
func (s *Server) SetLocked(on bool) error {
	e := workshop.Event{Kind: workshop.EventRoomUnlocked, At: s.clock()}
	if on {
		e.Kind = workshop.EventRoomLocked
		s.mu.Lock()
		s.forgetIdle(e.At)
		for id := range s.phones {
			e.Members = append(e.Members, id)
		}
		s.mu.Unlock()
		sort.Strings(e.Members)
	}
	return s.rec.Record(e)
}

// Locked reports whether the room is locked to new phones.
func (s *Server) Locked() bool {
	var out bool
	s.rec.View(func(sess *workshop.Session) { out = sess.State.Phones.Locked })
	return out
}

// forgetIdle forgets the phones that joined but never voted and hold no
// event stream, once they have been unseen for forgetAfter, so that
// joining and leaving fills nothing. It runs at most every few seconds.
// The caller holds s.mu.
func (s *Server) forgetIdle(now time.Time) {
	if now.Sub(s.swept) < forgetAfter/20 {
		return
	}
	s.swept = now
	for id, p := range s.phones {
		if !p.voted.Load() && len(p.streams) == 0 && now.Sub(p.LastSeen) >= forgetAfter {
			delete(s.phones, id)
		}
	}
}

// makeRoom forgets the phone seen longest ago that holds no event stream,
// reporting false if every phone holds one. The caller holds s.mu.
func (s *Server) makeRoom() bool {
	var oldest string
	var at time.Time
	for id, p := range s.phones {
		if len(p.streams) == 0 && (oldest == "" || p.LastSeen.Before(at)) {
			oldest, at = id, p.LastSeen
		}
	}
	if oldest == "" {
		return false
	}
	delete(s.phones, oldest)
	return true
}

// Tokens are verifiable without a list: a random participant id and its
// HMAC under the session's key. Issuing one costs no memory, a forged or
// altered one — or one from another session — fails the check, and the
// participant id recorded with votes is the random part, never the MAC
// that lets its holder vote.
const (
	keyBytes     = 32
	idBytes      = 8
	macBytes     = 16
	tokenHexLen  = 2 * (idBytes + macBytes)
	participants = 2 * idBytes
)

// newToken issues a token for a new participant.
func (s *Server) newToken() string {
	id := make([]byte, idBytes)
	if _, err := rand.Read(id); err != nil {
		panic("no randomness: " + err.Error())
	}
	return hex.EncodeToString(id) + hex.EncodeToString(s.mac(id))
}

func (s *Server) mac(id []byte) []byte {
	// Keying an HMAC hashes the key twice over; one kept and reset costs
	// every vote that much less.
	m, _ := s.macs.Get().(hash.Hash)
	if m == nil {
		m = hmac.New(sha256.New, s.key)
	}
	m.Reset()
	m.Write(id)
	sum := m.Sum(nil)[:macBytes]
	s.macs.Put(m)
	return sum
}

// verify returns the participant a token was issued to, if this server's
// key issued it. A token is its bytes, and only their one spelling — lower
// case hex, as issued — is accepted: hex decodes "aB" and "ab" alike, and
// were the participant the token's text, each of its 2^40 or so case
// variants would be another voter. The participant is the decoded id.
func (s *Server) verify(token string) (string, bool) {
	if len(token) != tokenHexLen || !lowerHex(token) {
		return "", false
	}
	var raw [idBytes + macBytes]byte
	if _, err := hex.Decode(raw[:], []byte(token)); err != nil || !hmac.Equal(raw[idBytes:], s.mac(raw[:idBytes])) {
		return "", false
	}
	// Lower case hex, the id's part of the token is the id as
	// hex.EncodeToString spells it.
	return token[:participants], true
}

// lowerHex reports whether s is all digits and the letters a to f.
func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Participant is the participant id a well-formed token stands for; it is
// what votes are recorded under.
func Participant(token string) string {
	if len(token) < participants {
		return ""
	}
	raw, err := hex.DecodeString(token[:participants])
	if err != nil {
		return ""
	}
	return hex.EncodeToString(raw)
}

// cleanName trims and limits a display name, dropping what a name may not
// hold: control, bidi and invisible characters (workshop.CleanText), and a
// trailing six hex digits, as in "phone 8b52c4" or "Ann (8b52c4)": the
// console labels a phone by its participant id's first six, so a name
// ending in them could pass for another phone.
func cleanName(s string) string {
	s = strings.TrimSpace(workshop.CleanText(s, false))
	if m := idSuffix.FindStringIndex(s); m != nil && strings.ContainsAny(s[m[0]:], "0123456789") {
		s = strings.TrimSpace(s[:m[0]])
	}
	if r := []rune(s); len(r) > MaxNameRunes {
		s = string(r[:MaxNameRunes])
	}
	return s
}

// idSuffix is six hex digits ending a name, alone or in brackets.
var idSuffix = regexp.MustCompile(`(?i)(^|\s)[(\[]?[0-9a-f]{6}[)\]]?$`)

// apiError is a refusal with its HTTP status and a message for the phone.
type apiError struct {
	status int
	msg    string // in English
	id     string // the message's id in the room's words, for the phone page
}

func (e *apiError) Error() string { return e.msg }

// fail refuses a request with the room's message id; the answer carries
// the message in English and its id, which the phone page says in the
// room's language.
func fail(status int, id string) *apiError {
	return &apiError{status: status, msg: words.For(words.English).Say(id), id: id}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	hd := w.Header()
	hd["Content-Type"] = jsonType
	hd["Cache-Control"] = noStore
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = fail(http.StatusInternalServerError, "phone.err.not_recorded")
	}
	writeJSON(w, ae.status, map[string]string{"error": ae.msg, "code": ae.id})
}

// clientAddr is the address a request came from, without its port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// checkRoom refuses a wrong room code, and throttles an address that keeps
// trying them.
func (s *Server) checkRoom(r *http.Request, room string) error {
	if strings.EqualFold(strings.TrimSpace(room), s.room) {
		return nil
	}
	now := s.clock()
	// The address's budget first, so that one address over its limit
	// cannot spend the room's.
	if !s.wrongCodes.allow(limitKey(clientAddr(r)), now) || !s.roomWrongCode(now) {
		tarpit(r)
		return fail(http.StatusTooManyRequests, "phone.err.wrong_codes")
	}
	return fail(http.StatusForbidden, "phone.err.wrong_code")
}

// roomWrongCode takes one wrong code from the room-wide budget.
func (s *Server) roomWrongCode(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.roomCodes.take(now, wrongCodesRoomPerSec, wrongCodesRoomBurst)
}

// requestToken is the token a request carries, in the X-Runsheet-Token
// header or the cookie.
func requestToken(r *http.Request) string {
	token := r.Header.Get("X-Runsheet-Token")
	if token != "" {
		return token
	}
	if c, err := r.Cookie("runsheet_token"); err == nil {
		token = c.Value
	}
	return token
}

// caller identifies a request's phone: the room code must match and the
// token must be one this room issued, to a phone not removed. The phone is
// remembered from here on, named name if it gives one; with a stream, the
// request is an event stream, which the phone holds from here on (its
// oldest closed if it holds too many).
func (s *Server) caller(r *http.Request, room, name string, st *stream) (id string, err error) {
	if err := s.checkRoom(r, room); err != nil {
		return "", err
	}
	id, ok := s.verify(requestToken(r))
	if !ok {
		return "", fail(http.StatusUnauthorized, "phone.err.join_first")
	}
	if err := s.refused(id); err != nil {
		return "", err
	}
	if name == "" {
		if c, err := r.Cookie("runsheet_name"); err == nil {
			name, _ = url.QueryUnescape(c.Value)
		}
	}
	name = cleanName(name)
	now := s.clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.phones[id]
	if p == nil {
		s.forgetIdle(now)
		if len(s.phones) >= MaxPhones && !s.makeRoom() {
			return "", fail(http.StatusServiceUnavailable, "phone.err.full")
		}
		p = &phone{Phone: Phone{ID: id}, tokens: voteBurst, refilled: now}
		s.phones[id] = p
	}
	if name != "" {
		p.Name = name
	}
	p.LastSeen = now
	if st != nil {
		if len(p.streams) >= maxStreams {
			s.streams.drop(p.streams[0])
			p.streams = p.streams[1:]
		}
		p.streams = append(p.streams, st)
		s.streams.admit(st, now)
	}
	return id, nil
}

// release forgets a phone's stream once it has ended.
func (s *Server) release(id string, st *stream) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.streams.drop(st)
	if p := s.phones[id]; p != nil {
		for i, x := range p.streams {
			if x == st {
				p.streams = append(p.streams[:i:i], p.streams[i+1:]...)
				break
			}
		}
		p.LastSeen = s.clock()
	}
}

// allow takes one vote from a phone's rate-limit bucket. It returns the
// phone, to be marked once the vote is recorded (it is then remembered for
// the session), or nil if the phone must wait.
func (s *Server) allow(id string) *phone {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.phones[id]
	if p == nil {
		return nil
	}
	now := s.clock()
	p.tokens = min(voteBurst, p.tokens+now.Sub(p.refilled).Seconds()*s.rate)
	p.refilled = now
	if p.tokens < 1 {
		return nil
	}
	p.tokens--
	return p
}

// The headers every answer carries, built once: each value is shared by
// every response, which net/http only reads, so that a vote allocates none
// of them.
var (
	nosniff     = []string{"nosniff"}
	frameDeny   = []string{"DENY"}
	noReferrer  = []string{"no-referrer"}
	contentRule = []string{"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}
	jsonType    = []string{"application/json; charset=utf-8"}
	noStore     = []string{"no-store"}
)

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd["X-Content-Type-Options"] = nosniff
		hd["X-Frame-Options"] = frameDeny
		hd["Referrer-Policy"] = noReferrer
		hd["Content-Security-Policy"] = contentRule
		h.ServeHTTP(w, r)
	})
}
