# Runsheet. `make run` builds and opens the app; `make test` runs every test.
# Both install missing system packages on Debian/Ubuntu first (.ci/deps).

export LANG := en_US.UTF-8
# Fyne's fyneDo migration is declared in FyneApp.toml; plain go builds need
# the matching tag (the fyne packaging tool adds it itself).
TAGS := migrated_fynedo
GO ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run build test test-windows bench lint package release deps fuzz loadtest loadtest-profile golden pages previews

build: deps
	$(GO) build -tags $(TAGS) -o runsheet .

run: build
	./runsheet

deps:
	@.ci/deps build

# The UI tests that walk or measure every screen draw hundreds of frames in
# software, ten times slower under the race detector: they skip there and
# run once more without it (ui/drawn_test.go keeps this list complete).
UI_DRAWN := ^(TestClickerKeysWorkWhateverWasClicked|TestConsoleFitsCommonScreens|TestEveryDialogByTabAlone|TestEveryScreenByTabAlone|TestEveryScreenFitsInEveryLanguage|TestPrimaryButtonFocusShowsPlainly|TestProjectorBlackReachesEveryCorner|TestProjectorFitsEveryScreen|TestProjectorTextContrastMeasuredOnTheWindow|TestSessionsResultsAndCorrectionsByTabAlone|TestTimerEdgeStandsOutOnEveryBackground)$$

test:
	@.ci/deps test
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -race -timeout 30m -tags $(TAGS) ./...
	$(GO) test -timeout 20m -tags $(TAGS) -run '$(UI_DRAWN)' ./ui
	.ci/smoke

# The Windows build under Wine and Xvfb (.ci/wine): its commands against the
# Linux build's, its handout through qpdf, its window and data folder.
test-windows:
	.ci/wine

bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# The phone server under a room's load and a hostile LAN, from a process
# of its own, beside a bare net/http handler (and the running clock beside
# a bare Fyne app); loopback addresses only, about 12 minutes. PHONES=2000
# by default. Prints Markdown tables (docs/performance.md).
# make loadtest-profile writes CPU and allocation profiles of the app under
# the same load to dist/profile.
PHONES ?= 2000
loadtest:
	@.ci/deps test
	$(GO) build -tags $(TAGS) -o runsheet .
	$(GO) build -o dist/loadtest ./workshop/live/loadtest
	$(GO) build -tags $(TAGS) -o dist/bareclock ./ui/bareclock
	dist/loadtest -app ./runsheet -bareclock dist/bareclock -phones $(PHONES)
	dist/loadtest -app ./runsheet -phones $(PHONES) -kind grid -only throughput -window 15s
	dist/loadtest -app ./runsheet -phones $(PHONES) -kind open

loadtest-profile:
	@.ci/deps test
	$(GO) build -tags $(TAGS) -o runsheet .
	$(GO) build -o dist/loadtest ./workshop/live/loadtest
	dist/loadtest -app ./runsheet -phones $(PHONES) -only profile -profile dist/profile

# Writes the golden renderings of the screens (ui/testdata) anew, after a
# change on purpose; review the difference with git diff before committing.
golden:
	rm -rf ui/testdata/failed
	-$(GO) test -tags $(TAGS) -run Golden ./ui
	@if [ -d ui/testdata/failed ]; then cp -r ui/testdata/failed/. ui/testdata/ && rm -rf ui/testdata/failed; fi
	@git status --short ui/testdata

# Every page of the handout, guide and summary in eight languages on A4
# and Letter, read back and checked (make test, under the race detector,
# checks them on A4 only).
pages:
	@.ci/deps test
	RUNSHEET_PAGES_FULL=1 $(GO) test -run EveryPage ./workshop/report/

# Writes docs/previews anew from the plans and session the page checker
# reads; look at every image before committing.
previews:
	@.ci/deps test
	RUNSHEET_PREVIEWS=$(CURDIR)/docs/previews $(GO) test -run WritePreviews ./workshop/report/

# Hostile input to every parser of files from elsewhere: plan files, plan
# imports, session imports into the store, and merges of imported
# sessions; an input that takes over a second fails. FUZZTIME each; a new
# input is minimised for at most 5 s, so that big seeds do not stall it.
# Keep what they find as files under testdata/hostile/, which make test reads.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParsePlan$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/plans/
	$(GO) test -run '^$$' -fuzz '^FuzzCleanText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/
	$(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/plans/
	$(GO) test -run '^$$' -fuzz '^FuzzReadJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/report/
	$(GO) test -run '^$$' -fuzz '^FuzzMerge$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/report/
	$(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/store/
	$(GO) test -run '^$$' -fuzz '^FuzzEncodeEvent$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/store/
	$(GO) test -run '^$$' -fuzz '^FuzzJoin$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/live/
	$(GO) test -run '^$$' -fuzz '^FuzzState$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/live/
	$(GO) test -run '^$$' -fuzz '^FuzzEvents$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/live/
	$(GO) test -run '^$$' -fuzz '^FuzzVote$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/live/
	$(GO) test -run '^$$' -fuzz '^FuzzReadBody$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./workshop/live/

lint: deps
	$(GO) vet -tags $(TAGS) ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) run $(STATICCHECK) -tags $(TAGS) ./...

# The plain Linux binary with its licences, as a tarball in dist/.
package: deps
	.ci/release linux-plain

# Everything people download, into dist/ (.ci/release): the Windows zip,
# the Linux desktop package and plain tarball, and SHA256SUMS.
release:
	@.ci/deps release
	.ci/release all
