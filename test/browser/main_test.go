// Package browser_test drives the real portal binary with headless Chromium:
// the user journeys of the brokerage, keyboard-only use, reflow and zoom, form
// semantics and an axe-core audit (WCAG 2.1 A and AA) of every page type in
// German, English and Japanese.
//
// One portal process (on a temporary SQLite database with the demo data) and
// one Chromium are shared by all tests; every signed-in user gets its own
// browser context, so cookies never mix. Screenshots and the axe "incomplete"
// report go to out/ (git-ignored).
//
// Without Chromium or axe-core the tests skip, unless CI is set: there they
// fail, so the suite can never silently not run. The suite expects one run
// per process (-count=1): the server is shared, and a second round of the
// same cases and first-contact requests meets the portal's own limits (one
// request per pair, five first-contact requests per hour). Install with
//
//	apt-get install -y --no-install-recommends chromium
//	npm ci --prefix test/browser
package browser_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// outDir receives screenshots and reports; see .gitignore.
const outDir = "out"

// env is what the suite shares: the portal and the browser, started on first
// use so that `go test -run X` starts only what X needs.
type env struct {
	portal  *portal
	browser *browser
}

var (
	setupOnce sync.Once
	shared    *env
	setupErr  error
	// skipReason is set when the tools are missing outside CI.
	skipReason string
	cleanups   []func()
	started    = time.Now()
)

func TestMain(m *testing.M) {
	flag.Parse()
	skipReason = checkTools()
	if skipReason != "" && inCI() {
		fmt.Fprintf(os.Stderr, "browser tests: CI is set but %s\n", skipReason)
		os.Exit(1)
	}
	if skipReason != "" {
		fmt.Fprintf(os.Stderr, "browser tests: skipped: %s\n", skipReason)
	}
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	if shared != nil {
		if err := writeAxeReport(); err != nil {
			fmt.Fprintln(os.Stderr, "browser tests: axe report:", err)
			code = 1
		}
		fmt.Fprintf(os.Stderr, "browser tests: %v in all; screenshots in %s\n", time.Since(started).Round(time.Second), filepath.Join("test", "browser", outDir, "screenshots"))
	}
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where they must never skip.
func inCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}

// checkTools returns why the suite cannot run here, or "".
func checkTools() string {
	var missing []string
	if chromiumPath() == "" {
		missing = append(missing, "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)")
	}
	if axePath() == "" {
		missing = append(missing, "axe-core is not installed (npm ci --prefix test/browser)")
	}
	return strings.Join(missing, "; ")
}

// chromiumPath finds the browser: $CHROMIUM_PATH, Debian's /usr/bin/chromium,
// or a chromium/chrome on PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
	}
	return ""
}

// axePath finds axe.min.js: $AXE_CORE_JS, or node_modules of this directory
// or of the repository root.
func axePath() string {
	cands := []string{"node_modules/axe-core/axe.min.js", "../../node_modules/axe-core/axe.min.js"}
	if p := os.Getenv("AXE_CORE_JS"); p != "" {
		cands = []string{p}
	}
	for _, p := range cands {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// suite returns the shared portal and browser, starting them on first use.
// It skips the test when the tools are missing (outside CI) or under -short.
func suite(t *testing.T) *env {
	t.Helper()
	if skipReason != "" {
		t.Skip("browser tests skipped: " + skipReason)
	}
	if testing.Short() && !inCI() {
		t.Skip("browser tests skipped with -short")
	}
	setupOnce.Do(func() {
		// Screenshots of an earlier run would mix with this one's.
		_ = os.RemoveAll(filepath.Join(outDir, "screenshots"))
		if err := os.MkdirAll(filepath.Join(outDir, "screenshots"), 0o755); err != nil {
			setupErr = err
			return
		}
		p, err := startPortal()
		if err != nil {
			setupErr = err
			return
		}
		cleanups = append(cleanups, p.stop)
		b, err := startBrowser()
		if err != nil {
			setupErr = err
			return
		}
		cleanups = append(cleanups, b.stop)
		shared = &env{portal: p, browser: b}
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	if err := shared.portal.alive(); err != nil {
		t.Fatal(err)
	}
	return shared
}

var errNotFound = errors.New("not found")
