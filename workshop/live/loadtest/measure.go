package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	// window is the length of each throughput and paced window.
	window = 30 * time.Second
	// clockWindow is how long the running clock is measured.
	clockWindow = 60 * time.Second
	// bareClock is the bare clock app's binary; the clock phase is
	// skipped without it.
	bareClock string
	// profileDir, when set, is where the app's profiles under load go.
	profileDir string
)

// clockTick is the kernel's unit of processor time in /proc (USER_HZ),
// 100 a second on every Linux this runs on.
const clockTick = 10 * time.Millisecond

// cpuTime is the processor time a process has used so far, user and
// system (utime + stime in /proc/PID/stat).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, _ := strconv.ParseInt(f[12], 10, 64) // field 15
	return time.Duration(utime+stime) * clockTick
}

// renderTime is the processor time so far of a process's software-GL
// threads (Mesa's llvmpipe, which draws the windows under Xvfb, where a
// laptop's graphics chip would), from /proc/PID/task.
func renderTime(pid int) time.Duration {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	var sum time.Duration
	for _, t := range tasks {
		comm, _ := os.ReadFile(filepath.Join(t, "comm"))
		if !strings.HasPrefix(string(comm), "llvmpipe") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(t, "stat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		sum += time.Duration(utime+stime) * clockTick
	}
	return sum
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes.
func loadAverage() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// spread is the median, least and most of xs, as "median (min–max)".
func spread(xs []float64, format string) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	return fmt.Sprintf(format+" ("+format+"–"+format+")", s[len(s)/2], s[0], s[len(s)-1])
}

// measured is one throughput window: votes acknowledged and the server's
// processor time while they were.
type measured struct {
	t      *tally
	cpu    time.Duration
	render time.Duration // of cpu, in software-GL threads
	// idle is the server's processor time a second while it was not the
	// one voted to (the other server's window): for the app, its clock
	// and the phones' open streams with no vote coming in.
	idle float64 // seconds a second
}

func (m measured) rate() float64 { return float64(m.t.acked) / m.t.took.Seconds() }

// perVote is the server's processor time per acknowledged vote, in ms.
func (m measured) perVote() float64 {
	if m.t.acked == 0 {
		return 0
	}
	return float64(m.cpu) / float64(time.Millisecond) / float64(m.t.acked)
}

// ownPerVote is perVote less what the server used while no vote came in
// (idle, over as long a time): the processor time the votes themselves
// cost it, in ms.
func (m measured) ownPerVote() float64 {
	if m.t.acked == 0 {
		return 0
	}
	own := m.cpu.Seconds() - m.idle*m.t.took.Seconds()
	return own * 1000 / float64(m.t.acked)
}

// renderPerVote is the part of perVote spent drawing the windows in
// software GL, in ms.
func (m measured) renderPerVote() float64 {
	if m.t.acked == 0 {
		return 0
	}
	return float64(m.render) / float64(time.Millisecond) / float64(m.t.acked)
}

func (m measured) latencies() string {
	return fmt.Sprintf("%s / %s / %s", ms(pct(m.t.lat, .5)), ms(pct(m.t.lat, .99)), ms(pct(m.t.lat, 1)))
}

// measure drives every phone at its limit of 5 votes a second against
// base for one window, and reads pid's processor time over it, and the
// other server's (idle, not voted to) over the same time.
func measure(phones []*phone, base, code string, pid, other int) (m measured, otherIdle float64) {
	before, render, otherBefore := cpuTime(pid), renderTime(pid), cpuTime(other)
	start := time.Now()
	t := drive(phones, base, code, window, 5)
	otherIdle = (cpuTime(other) - otherBefore).Seconds() / time.Since(start).Seconds()
	return measured{t: t, cpu: cpuTime(pid) - before, render: renderTime(pid) - render}, otherIdle
}

// throughput measures the app against the bare handler, three times, in
// the order app, bare, bare, app, app, bare, and returns the app's
// acknowledged votes.
func throughput(phones []*phone, r *room, appPID int, bareBase string, barePID int) int {
	n := len(phones)
	fmt.Printf("## Votes per second, every phone at its limit of 5 a second, closed loop (%d/s offered at most), %s windows\n\n", 5*n, window)
	// Each server is driven for a warm-up window first, not counted, so
	// that neither is measured cold: its heap, the database's pages and
	// the phones' connections to it still settling.
	warmUp := min(window, 10*time.Second)
	drive(phones, r.base, r.code, warmUp, 5)
	drive(phones, bareBase, r.code, warmUp, 5)
	fmt.Printf("Each server was first driven so for %s, not counted. Load average before: %s\n\n", warmUp, loadAverage())
	fmt.Println("| run | order | app votes/s | app p50 / p99 / max ms | app CPU ms/vote (of which software GL) | app idle, % of a core | app CPU ms/vote less idle | bare votes/s | bare p50 / p99 / max ms | bare CPU ms/vote | bare less idle | votes/s ratio | CPU/vote ratio | less idle, ratio | app statuses |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	var rates, cpus, owns, appRates, bareRates, appCPU, bareCPU, appOwn, bareOwn []float64
	total := 0
	for i, appFirst := range []bool{true, false, true} {
		var a, b measured
		order := "app, bare"
		var appIdle, bareIdle float64
		if appFirst {
			a, bareIdle = measure(phones, r.base, r.code, appPID, barePID)
			b, appIdle = measure(phones, bareBase, r.code, barePID, appPID)
		} else {
			order = "bare, app"
			b, appIdle = measure(phones, bareBase, r.code, barePID, appPID)
			a, bareIdle = measure(phones, r.base, r.code, appPID, barePID)
		}
		a.idle, b.idle = appIdle, bareIdle
		total += a.t.acked
		rates = append(rates, a.rate()/b.rate())
		cpus = append(cpus, a.perVote()/b.perVote())
		owns = append(owns, a.ownPerVote()/b.ownPerVote())
		appRates, bareRates = append(appRates, a.rate()), append(bareRates, b.rate())
		appCPU, bareCPU = append(appCPU, a.perVote()), append(bareCPU, b.perVote())
		appOwn, bareOwn = append(appOwn, a.ownPerVote()), append(bareOwn, b.ownPerVote())
		fmt.Printf("| %d | %s | %.0f | %s | %.3f (%.3f) | %.1f %% | %.3f | %.0f | %s | %.3f | %.3f | %.2f | %.2f | %.2f | %s |\n", i+1, order,
			a.rate(), a.latencies(), a.perVote(), a.renderPerVote(), a.idle*100, a.ownPerVote(), b.rate(), b.latencies(), b.perVote(), b.ownPerVote(),
			a.rate()/b.rate(), a.perVote()/b.perVote(), a.ownPerVote()/b.ownPerVote(), a.t.statuses())
	}
	fmt.Printf("\nLoad average after: %s\n\n", loadAverage())
	fmt.Println("| | median (min–max) of 3 |")
	fmt.Println("| --- | --- |")
	fmt.Printf("| app votes/s | %s |\n", spread(appRates, "%.0f"))
	fmt.Printf("| bare votes/s | %s |\n", spread(bareRates, "%.0f"))
	fmt.Printf("| votes/s, app ÷ bare | **%s** |\n", spread(rates, "%.2f"))
	fmt.Printf("| app CPU per vote, ms | %s |\n", spread(appCPU, "%.3f"))
	fmt.Printf("| bare CPU per vote, ms | %s |\n", spread(bareCPU, "%.3f"))
	fmt.Printf("| CPU per vote, app ÷ bare | **%s** |\n", spread(cpus, "%.2f"))
	fmt.Printf("| app CPU per vote less its idle clock and streams, ms | %s |\n", spread(appOwn, "%.3f"))
	fmt.Printf("| bare CPU per vote less its idle, ms | %s |\n", spread(bareOwn, "%.3f"))
	fmt.Printf("| CPU per vote less idle, app ÷ bare | **%s** |\n\n", spread(owns, "%.2f"))
	return total
}

// profile drives the app for one window as the throughput phase does,
// while taking a CPU profile of it, and writes that and the allocations
// made over the window to profileDir.
func profile(phones []*phone, r *room) int {
	if err := os.MkdirAll(profileDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		return 0
	}
	base := "http://" + r.pprof + "/debug/pprof/"
	save := func(name, path string) error {
		resp, err := http.Get(base + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s: %s", path, resp.Status)
		}
		f, err := os.Create(filepath.Join(profileDir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(f, resp.Body)
		return err
	}
	if err := save("allocs-before.pprof", "allocs"); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		return 0
	}
	secs := int((window - 2*time.Second) / time.Second)
	done := make(chan error, 1)
	go func() { done <- save("cpu.pprof", fmt.Sprintf("profile?seconds=%d", max(1, secs))) }()
	t := drive(phones, r.base, r.code, window, 5)
	err := <-done
	if err == nil {
		err = save("allocs.pprof", "allocs")
	}
	if err == nil {
		err = save("heap.pprof", "heap?gc=1")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
	}
	fmt.Printf("## Profile\n\nCPU profile over %d s of a window of %.0f votes/s (%s), and the allocations over the window, in %s:\n\n", secs, float64(t.acked)/t.took.Seconds(), t.statuses(), profileDir)
	fmt.Printf("    go tool pprof -top %s/cpu.pprof\n    go tool pprof -top -sample_index=alloc_space -base %[1]s/allocs-before.pprof %[1]s/allocs.pprof\n    go tool pprof -top -sample_index=inuse_space %[1]s/heap.pprof\n\n", profileDir)
	return t.acked
}

// runClock measures the app's processor time over clockWindow with its
// session's timer running and nothing else happening, beside the bare
// clock app under a display of its own over the same time.
func runClock(appPID int, self string) error {
	if bareClock == "" {
		if p := filepath.Join(filepath.Dir(self), "bareclock"); fileExists(p) {
			bareClock = p
		} else {
			fmt.Println("## Running clock\n\nSkipped: no bare clock app (-bareclock).")
			return nil
		}
	}
	xvfb, display, err := startXvfb()
	if err != nil {
		return err
	}
	defer stopXvfb(xvfb)
	bc := exec.Command(bareClock)
	bc.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	if err := bc.Start(); err != nil {
		return fmt.Errorf("bare clock: %w", err)
	}
	defer func() { bc.Process.Kill(); bc.Wait() }()
	time.Sleep(5 * time.Second) // both settle: windows shown, first frames drawn
	load := loadAverage()
	bpid := bc.Process.Pid
	a0, b0, ar0, br0, start := cpuTime(appPID), cpuTime(bpid), renderTime(appPID), renderTime(bpid), time.Now()
	time.Sleep(clockWindow)
	a, b, took := cpuTime(appPID)-a0, cpuTime(bpid)-b0, time.Since(start)
	ar, br := renderTime(appPID)-ar0, renderTime(bpid)-br0
	share := func(d time.Duration) float64 { return 100 * d.Seconds() / took.Seconds() }
	fmt.Printf("## Running clock: console and projector open, the timer running, nothing else happening (%s, both at once)\n\n", clockWindow)
	fmt.Printf("Load average before: %s\n\n", load)
	fmt.Println("| | CPU % of a core | of which software GL (llvmpipe) | the rest |")
	fmt.Println("| --- | --- | --- | --- |")
	fmt.Printf("| app | %.2f | %.2f | %.2f |\n", share(a), share(ar), share(a-ar))
	fmt.Printf("| bare clock | %.2f | %.2f | %.2f |\n\n", share(b), share(br), share(b-br))
	if b > 0 && b > br {
		fmt.Printf("App ÷ bare clock: **%.2f**; without the software GL threads: %.2f\n\n", share(a)/share(b), share(a-ar)/share(b-br))
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// settledRSS waits until the app's resident memory stops growing — two
// readings 5 s apart within 1% of each other, two minutes at most — and
// returns it, in MB, with how long that took.
func settledRSS(pid int) (float64, time.Duration) {
	start := time.Now()
	last := rss(pid)
	for time.Since(start) < 2*time.Minute {
		time.Sleep(5 * time.Second)
		now := rss(pid)
		if now <= last*1.01 {
			return now, time.Since(start)
		}
		last = now
	}
	return last, time.Since(start)
}

// paced offers 5,000 votes a second from 2,000 phones (2.5 a second
// each, closed loop, a late vote sent at once) to the app and to the bare
// handler, three windows each in the order app, bare, bare, app, app,
// bare, and reports the acknowledgements' latency, median with least and
// most; it returns the app's acknowledged votes.
func paced(phones []*phone, r *room, bareBase string) int {
	const perSec = 2.5
	n := len(phones)
	fmt.Printf("## %.0f votes a second offered (%.2f a second from each of %d phones, closed loop), %s windows\n\n", perSec*float64(n), perSec, n, window)
	// Each server is driven for a warm-up window first, not counted, so
	// that neither is measured cold: its heap, the database's pages and
	// the phones' connections to it still settling.
	warmUp := min(window, 10*time.Second)
	drive(phones, r.base, r.code, warmUp, 5)
	drive(phones, bareBase, r.code, warmUp, 5)
	fmt.Printf("Each server was first driven so for %s, not counted. Load average before: %s\n\n", warmUp, loadAverage())
	fmt.Println("| run | order | app votes/s | app p50 / p99 / max ms | bare votes/s | bare p50 / p99 / max ms | app statuses |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
	var appP99, bareP99 []float64
	var worst *tally
	total := 0
	for i, appFirst := range []bool{true, false, true} {
		var a, b *tally
		order := "app, bare"
		if appFirst {
			a = drive(phones, r.base, r.code, window, perSec)
			b = drive(phones, bareBase, r.code, window, perSec)
		} else {
			order = "bare, app"
			b = drive(phones, bareBase, r.code, window, perSec)
			a = drive(phones, r.base, r.code, window, perSec)
		}
		total += a.acked
		ap, bp := pct(a.lat, .99), pct(b.lat, .99)
		appP99, bareP99 = append(appP99, float64(ap)/float64(time.Millisecond)), append(bareP99, float64(bp)/float64(time.Millisecond))
		if worst == nil || ap > pct(worst.lat, .99) {
			worst = a
		}
		lat := func(t *tally) string {
			return fmt.Sprintf("%s / %s / %s", ms(pct(t.lat, .5)), ms(pct(t.lat, .99)), ms(pct(t.lat, 1)))
		}
		fmt.Printf("| %d | %s | %.0f | %s | %.0f | %s | %s |\n", i+1, order,
			float64(a.acked)/a.took.Seconds(), lat(a), float64(b.acked)/b.took.Seconds(), lat(b), a.statuses())
	}
	fmt.Printf("\nLoad average after: %s\n\n", loadAverage())
	fmt.Printf("App ack p99, median (min–max) of 3: **%s ms**; bare handler: %s ms\n\n", spread(appP99, "%.1f"), spread(bareP99, "%.1f"))
	fmt.Print("The app's worst window, p99 by second from its start:")
	for s := 0; s < int(window/time.Second); s++ {
		fmt.Printf(" %s", ms(pct(worst.bySec[s], .99)))
	}
	fmt.Print(" ms\n\n")
	return total
}
