package live

import "time"

// Event streams are the one thing a phone holds open for the whole
// session, so they are what a hostile client would hold to starve the room
// of connections: a stream costs a connection, a goroutine and its buffers
// for as long as the client keeps reading, and its keep-alives defeat the
// idle timeout. They therefore have a room-wide budget of their own, well
// below the server's connection budget, so that short requests — joins,
// votes, states, the page — always find a connection. When the budget is
// full, a new stream closes the oldest stream of the address holding the
// most: a phone from a quiet address always gets its stream, and an
// address holding thousands only churns its own.
//
// Each address may also hold at most maxStreamsPerAddr streams at once,
// enough for a whole room behind one address (NAT); a further one closes
// the address's oldest.

// maxStreamsPerAddr is how many streams one address (an IPv6 /64) holds at
// most: a room of about 1,000 phones behind the venue's one public address,
// with reloads.
const maxStreamsPerAddr = 1500

// streamBudget is how many event streams the room holds at once: a third
// of the connection budget, so that two thirds are always left for short
// requests, and never more than 5,000, which bounds their memory (about
// 25 KB each with the connection's buffers) near 125 MB.
func streamBudget(conns int) int { return min(5000, max(16, conns/3)) }

// pressureFor is how long the room counts as under pressure after the
// stream budget was last full.
const pressureFor = time.Minute

// streamTable is every open event stream by the address it came from. The
// server's mutex guards it.
type streamTable struct {
	max     int // room-wide
	perAddr int
	byAddr  map[string][]*stream // oldest first
	all     int
	// evicted counts the streams closed to make room since the budget was
	// last found full, and pressed is when that last happened.
	evicted int
	pressed time.Time
}

func newStreamTable(budget int) streamTable {
	return streamTable{max: budget, perAddr: maxStreamsPerAddr, byAddr: map[string][]*stream{}}
}

// admit counts st in, closing another stream if its address or the room is
// at its limit. The caller holds the server's mutex.
func (t *streamTable) admit(st *stream, now time.Time) {
	if len(t.byAddr[st.addr]) >= t.perAddr {
		t.drop(t.byAddr[st.addr][0])
	}
	if t.all >= t.max {
		heaviest := ""
		for a, l := range t.byAddr {
			if heaviest == "" || len(l) > len(t.byAddr[heaviest]) {
				heaviest = a
			}
		}
		if heaviest != "" {
			t.drop(t.byAddr[heaviest][0])
			if now.Sub(t.pressed) >= pressureFor {
				t.evicted = 0
			}
			t.evicted++
			t.pressed = now
		}
	}
	t.byAddr[st.addr] = append(t.byAddr[st.addr], st)
	t.all++
}

// drop forgets a stream, if it is still counted, and closes it. The caller
// holds the server's mutex.
func (t *streamTable) drop(st *stream) {
	l := t.byAddr[st.addr]
	for i, x := range l {
		if x == st {
			if len(l) == 1 {
				delete(t.byAddr, st.addr)
			} else {
				t.byAddr[st.addr] = append(l[:i:i], l[i+1:]...)
			}
			t.all--
			break
		}
	}
	st.end()
}

// Pressure tells the console whether hostile clients are crowding the
// room's event streams.
type Pressure struct {
	// Streams is the event streams open now, of Budget.
	Streams, Budget int
	// Closed is the streams closed to make room in the last minute or so;
	// zero when the room is not under pressure.
	Closed int
	// Addresses is how many addresses hold streams; Heaviest the one
	// holding the most, and how many.
	Addresses    int
	Heaviest     string
	HeaviestHeld int
}

// Pressure reports how full the room's event streams are.
func (s *Server) Pressure() Pressure {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &s.streams
	p := Pressure{Streams: t.all, Budget: t.max, Addresses: len(t.byAddr)}
	if s.clock().Sub(t.pressed) < pressureFor {
		p.Closed = t.evicted
	}
	for a, l := range t.byAddr {
		if len(l) > p.HeaviestHeld {
			p.Heaviest, p.HeaviestHeld = a, len(l)
		}
	}
	return p
}

// UnderPressure reports whether the room's streams were full recently, or
// nearly are: the console warns the facilitator.
func (p Pressure) UnderPressure() bool {
	return p.Closed > 0 || p.Budget > 0 && p.Streams*10 >= p.Budget*9
}
