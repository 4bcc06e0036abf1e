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
}

func (m measured) rate() float64 { return float64(m.t.acked) / m.t.took.Seconds() }

// perVote is the server's processor time per acknowledged vote, in ms.
func (m measured) perVote() float64 {
	if m.t.acked == 0 {
		return 0
	}
	return float64(m.cpu) / float64(time.Millisecond) / float64(m.t.acked)
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
// base for one window, and reads pid's processor time over it.
func measure(phones []*phone, base, code string, pid int) measured {
	before, render := cpuTime(pid), renderTime(pid)
	t := drive(phones, base, code, window, 5)
	return measured{t: t, cpu: cpuTime(pid) - before, render: renderTime(pid) - render}
}

// throughput measures the app against the bare handler, three times, in
// the order app, bare, bare, app, app, bare, and returns the app's
// acknowledged votes.
func throughput(phones []*phone, r *room, appPID int, bareBase string, barePID int) int {
	n := len(phones)
	fmt.Printf("## Votes per second, every phone at its limit of 5 a second, closed loop (%d/s offered at most), %s windows\n\n", 5*n, window)
	fmt.Printf("Load average before: %s\n\n", loadAverage())
	fmt.Println("| run | order | app votes/s | app p50 / p99 / max ms | app CPU ms/vote (of which software GL) | bare votes/s | bare p50 / p99 / max ms | bare CPU ms/vote | votes/s ratio | CPU/vote ratio | app statuses |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	var rates, cpus, appRates, bareRates, appCPU, bareCPU []float64
	total := 0
	for i, appFirst := range []bool{true, false, true} {
		var a, b measured
		order := "app, bare"
		if appFirst {
			a = measure(phones, r.base, r.code, appPID)
			b = measure(phones, bareBase, r.code, barePID)
		} else {
			order = "bare, app"
			b = measure(phones, bareBase, r.code, barePID)
			a = measure(phones, r.base, r.code, appPID)
		}
		total += a.t.acked
		rates = append(rates, a.rate()/b.rate())
		cpus = append(cpus, a.perVote()/b.perVote())
		appRates, bareRates = append(appRates, a.rate()), append(bareRates, b.rate())
		appCPU, bareCPU = append(appCPU, a.perVote()), append(bareCPU, b.perVote())
		fmt.Printf("| %d | %s | %.0f | %s | %.3f (%.3f) | %.0f | %s | %.3f | %.2f | %.2f | %s |\n", i+1, order,
			a.rate(), a.latencies(), a.perVote(), a.renderPerVote(), b.rate(), b.latencies(), b.perVote(), a.rate()/b.rate(), a.perVote()/b.perVote(), a.t.statuses())
	}
	fmt.Printf("\nLoad average after: %s\n\n", loadAverage())
	fmt.Println("| | median (min–max) of 3 |")
	fmt.Println("| --- | --- |")
	fmt.Printf("| app votes/s | %s |\n", spread(appRates, "%.0f"))
	fmt.Printf("| bare votes/s | %s |\n", spread(bareRates, "%.0f"))
	fmt.Printf("| votes/s, app ÷ bare | **%s** |\n", spread(rates, "%.2f"))
	fmt.Printf("| app CPU per vote, ms | %s |\n", spread(appCPU, "%.3f"))
	fmt.Printf("| bare CPU per vote, ms | %s |\n", spread(bareCPU, "%.3f"))
	fmt.Printf("| CPU per vote, app ÷ bare | **%s** |\n\n", spread(cpus, "%.2f"))
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
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
	}
	fmt.Printf("## Profile\n\nCPU profile over %d s of a window of %.0f votes/s (%s), and the allocations over the window, in %s:\n\n", secs, float64(t.acked)/t.took.Seconds(), t.statuses(), profileDir)
	fmt.Printf("    go tool pprof -top %s/cpu.pprof\n    go tool pprof -top -sample_index=alloc_space -base %[1]s/allocs-before.pprof %[1]s/allocs.pprof\n\n", profileDir)
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
	defer xvfb.Process.Kill()
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
