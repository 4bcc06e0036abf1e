package live

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runsheet/workshop"
	"runsheet/workshop/plans"
	"runsheet/workshop/store"
)

// TestMain lets the test binary serve phones from inside a network
// namespace, as the laptop, for TestPhonesOnAnotherHost.
func TestMain(m *testing.M) {
	if os.Getenv("RUNSHEET_NETNS_SERVER") != "" {
		os.Exit(serveFromNamespace())
	}
	os.Exit(m.Run())
}

// serveFromNamespace starts phone voting on every interface, with the
// sorting vote's first item open, prints the join addresses best first,
// and serves until killed.
func serveFromNamespace() int {
	dir, err := os.MkdirTemp("", "runsheet-netns")
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	sess, _ := workshop.NewSession(plans.Builtin(), "Netns", "", time.Now())
	st.Create(sess)
	rec := workshop.NewRecorder(sess, st)
	for _, e := range sess.State.MoveTo(sorting, 0) {
		e.At = time.Now()
		rec.Record(e)
	}
	srv := New(rec, Options{})
	rec.OnChange(srv.Changed)
	if err := srv.Start(":0"); err != nil {
		fmt.Println("error", err)
		return 1
	}
	for _, u := range srv.URLs() {
		fmt.Println("url", u)
	}
	fmt.Println("ready")
	select {}
}

// sh runs a command, failing the test with its output if it fails.
func sh(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The laptop and the phones are different hosts: each in its own network
// namespace, joined by a veth pair, as a laptop and phones share a Wi-Fi.
// The laptop also has a container bridge the phones cannot reach. The
// address in the QR code must be the one phones can reach, and the page,
// join, events and votes must work from there.
func TestPhonesOnAnotherHost(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("network namespaces need root; skipped")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("iproute2's ip is not installed; skipped")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed; skipped")
	}
	id := os.Getpid() % 100000
	laptop, phones := fmt.Sprintf("rslap%d", id), fmt.Sprintf("rsphn%d", id)
	vl, vp := fmt.Sprintf("rsl%d", id), fmt.Sprintf("rsp%d", id)
	subnet := fmt.Sprintf("192.168.%d", 100+id%150) // sorts after the bridge's 172.17: order by name would pick the bridge
	if out, err := exec.Command("ip", "netns", "add", laptop).CombinedOutput(); err != nil {
		t.Skipf("cannot make a network namespace here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", laptop).Run() })
	t.Cleanup(func() { exec.Command("ip", "netns", "del", phones).Run() })
	// Setting up the network needs what a container may lack (veth, routes):
	// where a step fails, the test is skipped, saying which.
	setup := func(args ...string) {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Skipf("cannot set up the test network here (%s: %v %s)", strings.Join(args, " "), err, out)
		}
	}
	setup("ip", "netns", "add", phones)
	setup("ip", "link", "add", vl, "type", "veth", "peer", "name", vp)
	setup("ip", "link", "set", vl, "netns", laptop)
	setup("ip", "link", "set", vp, "netns", phones)
	in := func(ns string, args ...string) { setup(append([]string{"ip", "netns", "exec", ns}, args...)...) }
	run := func(ns string, args ...string) string {
		return sh(t, append([]string{"ip", "netns", "exec", ns}, args...)...)
	}
	in(laptop, "ip", "addr", "add", subnet+".10/24", "dev", vl)
	in(laptop, "ip", "link", "set", vl, "up")
	in(laptop, "ip", "link", "set", "lo", "up")
	// The venue's router, which phones and laptop both use to go further.
	in(laptop, "ip", "route", "add", "default", "via", subnet+".1")
	in(laptop, "ip", "link", "add", "docker0", "type", "veth", "peer", "name", "dockerpeer")
	in(laptop, "ip", "link", "set", "dockerpeer", "up")
	in(laptop, "ip", "addr", "add", "172.17.0.1/16", "dev", "docker0")
	in(laptop, "ip", "link", "set", "docker0", "up")
	in(phones, "ip", "addr", "add", subnet+".20/24", "dev", vp)
	in(phones, "ip", "link", "set", vp, "up")
	in(phones, "ip", "link", "set", "lo", "up")

	server := exec.Command("ip", "netns", "exec", laptop, os.Args[0], "-test.run", "^$")
	server.Env = append(os.Environ(), "RUNSHEET_NETNS_SERVER=1")
	out, _ := server.StdoutPipe()
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Process.Kill(); server.Wait() })
	var urls []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "ready" {
		if u, ok := strings.CutPrefix(sc.Text(), "url "); ok {
			urls = append(urls, u)
		} else if strings.HasPrefix(sc.Text(), "error") {
			t.Fatal(sc.Text())
		}
	}
	if len(urls) < 3 {
		t.Fatalf("join addresses: %v", urls)
	}
	qr := urls[0]
	if !strings.HasPrefix(qr, "http://"+subnet+".10:") {
		t.Fatalf("the QR code carries %s; the phones' network is %s.0/24 (all: %v)", qr, subnet, urls)
	}
	t.Logf("the QR code carries %s (all: %v)", qr, urls)

	base, query, _ := strings.Cut(qr, "/?")
	room := strings.TrimPrefix(query, "room=")
	phone := func(args ...string) string {
		return run(phones, append([]string{"curl", "-s", "-m", "5"}, args...)...)
	}
	if page := phone(qr); !strings.Contains(page, "Join the room") {
		t.Fatalf("the page from the phones' network: %.200q", page)
	}
	joined := phone("-X", "POST", "-H", "Content-Type: application/json", "-d", fmt.Sprintf(`{"room":%q,"name":"Remote"}`, room), base+"/join")
	_, rest, _ := strings.Cut(joined, `"token":"`)
	token, _, _ := strings.Cut(rest, `"`)
	if len(token) != tokenHexLen {
		t.Fatalf("join from the phones' network: %s", joined)
	}
	// The event stream answers at once with the open question; curl stops
	// after two seconds (exit status 28, hence no sh).
	events, _ := exec.Command("ip", "netns", "exec", phones, "curl", "-s", "-N", "-m", "2",
		fmt.Sprintf("%s/events?room=%s&token=%s", base, room, token)).Output()
	if !strings.Contains(string(events), "event: state") || !strings.Contains(string(events), "Sets next quarter") {
		t.Fatalf("events from the phones' network: %.300q", events)
	}
	voted := phone("-X", "POST", "-H", "Content-Type: application/json", "-H", "X-Runsheet-Token: "+token,
		"-d", fmt.Sprintf(`{"room":%q,"exercise":%d,"item":0,"option":1}`, room, sorting), base+"/vote")
	if !strings.Contains(voted, `"received":true`) {
		t.Fatalf("vote from the phones' network: %s", voted)
	}
	// A page elsewhere whose name was rebound to the laptop's address is
	// refused: only the laptop's own addresses are served.
	if got := phone("-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: rebind.example", base+"/"); got != "421" {
		t.Errorf("a request naming another host from the phones' network: %s, want 421", got)
	}
	// The container bridge is listed, but never first: phones cannot reach it.
	for i, u := range urls {
		if strings.Contains(u, "172.17.0.1") && i == 0 {
			t.Errorf("the container bridge's address came first: %v", urls)
		}
	}
}
