package browser_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browser is one headless Chromium shared by the whole suite.
type browser struct {
	ctx         context.Context // the browser's own context: children are tabs
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
	dataDir     string

	mu       sync.Mutex
	sessions map[string]*tab // signed-in tabs reused across tests, by e-mail
}

// stepTimeout bounds every single browser step (a navigation, a query, an
// axe run) so that a hung page fails the test instead of the CI job.
const stepTimeout = 45 * time.Second

func startBrowser() (*browser, error) {
	dir, err := os.MkdirTemp("", "kakehashi-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.Headless,
		chromedp.NoSandbox, // root in containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(dir), // fresh profile for every run
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Do starts the browser and binds it to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting %s: %w", chromiumPath(), err)
	}
	return &browser{ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc, dataDir: dir, sessions: map[string]*tab{}}, nil
}

func (b *browser) stop() {
	b.cancel()
	b.cancelAlloc()
	os.RemoveAll(b.dataDir)
}

// tab is a page in its own browser context (its own cookies).
type tab struct {
	t      *testing.T
	e      *env
	ctx    context.Context
	cancel context.CancelFunc
	name   string
}

// csp records the page's Content-Security-Policy violations; it runs before
// any script of every document the tab loads.
const cspWatcher = `window.__kkCSP = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__kkCSP.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});`

// newTab opens a fresh, anonymous tab that is closed when the test ends.
func (e *env) newTab(t *testing.T, name string) *tab {
	t.Helper()
	tb := e.openTab(t, name)
	t.Cleanup(tb.close)
	return tb
}

func (e *env) openTab(t *testing.T, name string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser.ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil { // creates the tab, no timeout
		cancel()
		t.Fatalf("new tab %s: %v", name, err)
	}
	tb := &tab{t: t, e: e, ctx: ctx, cancel: cancel, name: name}
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatcher})
		return err
	}))
	return tb
}

func (tb *tab) close() { tb.cancel() }

// as returns a tab signed in as email, shared by all tests (one login per
// account and run keeps the suite fast and within the TOTP window).
func (e *env) as(t *testing.T, email string) *tab {
	t.Helper()
	e.browser.mu.Lock()
	defer e.browser.mu.Unlock()
	if tb, ok := e.browser.sessions[email]; ok {
		tb.t = t
		return tb
	}
	tb := e.openTab(t, email)
	cleanups = append(cleanups, tb.close)
	tb.login(email, "en")
	e.browser.sessions[email] = tb
	return tb
}

// --- running steps ---

func (tb *tab) stepCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, stepTimeout)
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s at %s: %v", tb.name, tb.pathNoFail(), err)
	}
}

// eval runs a JavaScript expression in the page and decodes its value. A
// promise is awaited.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s at %s: evaluating %.80q: %v", tb.name, tb.pathNoFail(), js, err)
	}
	return v
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// nav loads base URL + path and returns the HTTP status of the document.
func (tb *tab) nav(path string) int64 {
	tb.t.Helper()
	return tb.navURL(tb.e.portal.url + path)
}

func (tb *tab) navURL(u string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		tb.t.Fatalf("%s: navigate %s: %v", tb.name, u, err)
	}
	if resp == nil {
		return 0
	}
	return resp.Status
}

// navOK loads path and fails unless it answers 200.
func (tb *tab) navOK(path string) {
	tb.t.Helper()
	if st := tb.nav(path); st != 200 {
		tb.t.Fatalf("%s: GET %s: status %d", tb.name, path, st)
	}
}

// submit clicks sel (a submit button or link) and waits for the next page;
// it returns that page's status.
func (tb *tab) submit(sel string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.t.Fatalf("%s at %s: click %s: %v", tb.name, tb.pathNoFail(), sel, err)
	}
	if resp == nil {
		return 0
	}
	return resp.Status
}

// physKey is a key of a physical keyboard.
type physKey struct {
	key, code string
	vk        int64
	text      string // what it types, "" for keys that type nothing
}

var (
	keyTab   = physKey{"Tab", "Tab", 9, ""}
	keyEnter = physKey{"Enter", "Enter", 13, "\r"}
	keySpace = physKey{" ", "Space", 32, " "}
)

// keyAction presses and releases k like a keyboard does: one keyDown (with
// its text, which makes the browser's keypress) and one keyUp. chromedp's
// KeyEvent sends an extra char event for Enter, which activates a link and
// then submits the form the link moved the focus to.
func keyAction(k physKey) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Key: k.key, Code: k.code,
			WindowsVirtualKeyCode: k.vk, NativeVirtualKeyCode: k.vk}
		if k.text != "" {
			down.Type, down.Text, down.UnmodifiedText = input.DispatchKeyEventTypeKeyDown, k.text, k.text
		}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp,
			Key: k.key, Code: k.code, WindowsVirtualKeyCode: k.vk, NativeVirtualKeyCode: k.vk})
		return err
	})
}

// hit presses a key that does not load a page.
func (tb *tab) hit(k physKey) {
	tb.t.Helper()
	tb.do(keyAction(k))
}

// hitNav presses a key that loads a new page (Enter on a link or in a form)
// and returns the new page's status.
func (tb *tab) hitNav(k physKey) int64 {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, keyAction(k))
	if err != nil {
		tb.t.Fatalf("%s at %s: key %s: %v", tb.name, tb.pathNoFail(), k.key, err)
	}
	if resp == nil {
		return 0
	}
	return resp.Status
}

// setValue sets a field's value from script (and fires input and change),
// for steps that are not about typing. chromedp.SetValue cannot set "" in
// v0.22.1 (the field becomes "undefined"), so this does not use it.
func (tb *tab) setValue(sel, v string) {
	tb.t.Helper()
	ok := eval[bool](tb, `(() => { const el = document.querySelector(`+jsString(sel)+`); if (!el) return false;
  el.value = `+jsString(v)+`; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	if !ok {
		tb.t.Fatalf("%s at %s: no field %s", tb.name, tb.pathNoFail(), sel)
	}
}

// fill types into a field like a user, after clearing it.
func (tb *tab) fill(sel, v string) {
	tb.t.Helper()
	tb.setValue(sel, "")
	tb.do(chromedp.SendKeys(chromedp.CSS(sel), v))
}

// count returns the number of elements matching a CSS selector.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return eval[int](tb, `document.querySelectorAll(`+jsString(sel)+`).length`)
}

// text returns the trimmed text of the first match of sel, "" when none.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const el = document.querySelector(`+jsString(sel)+`); return el ? el.textContent.trim().replace(/\s+/g, ' ') : '' })()`)
}

func (tb *tab) attr(sel, name string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const el = document.querySelector(`+jsString(sel)+`); return (el && el.getAttribute(`+jsString(name)+`)) || '' })()`)
}

func (tb *tab) value(sel string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const el = document.querySelector(`+jsString(sel)+`); return el ? el.value : '' })()`)
}

// path is the current location's path and query.
func (tb *tab) path() string {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("%s: location: %v", tb.name, err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tb.t.Fatal(err)
	}
	return u.RequestURI()
}

func (tb *tab) pathNoFail() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 3*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return strings.TrimPrefix(loc, tb.e.portal.url)
}

// press types text into the focused element.
func (tb *tab) press(keys string, opts ...chromedp.KeyOption) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys, opts...))
}

// viewport emulates a window of w×h CSS pixels at the given device scale.
func (tb *tab) viewport(w, h int64, scale float64) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: w, Height: h, DeviceScaleFactor: scale,
		})
		return err
	}))
}

func (tb *tab) resetViewport() {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
		return err
	}))
}

// screenshot saves a full-page PNG under out/screenshots.
func (tb *tab) screenshot(name string) string {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("%s: screenshot: %v", tb.name, err)
	}
	p := filepath.Join(outDir, "screenshots", name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return p
}

// cspViolations returns the CSP violations of the current document.
func (tb *tab) cspViolations() []string {
	tb.t.Helper()
	return eval[[]string](tb, `window.__kkCSP || []`)
}

// login signs in through the form in lang, with the second factor for
// agency accounts, and expects to land on the account page.
func (tb *tab) login(email, lang string) {
	tb.t.Helper()
	tb.navOK("/" + lang + "/login")
	tb.fill("#f-email", email)
	tb.fill("#f-password", demoPassword)
	tb.submit("form[action$='/login'] button[type=submit]")
	if strings.HasSuffix(strings.SplitN(tb.path(), "?", 2)[0], "/login/2fa") {
		ctx, cancel := tb.stepCtx()
		code, err := tb.e.portal.totpCode(ctx, email)
		cancel()
		if err != nil {
			tb.t.Fatal(err)
		}
		tb.fill("#f-code", code)
		tb.submit("form[action*='/login/2fa'] button[type=submit]")
	}
	if p := tb.path(); !strings.HasPrefix(p, "/"+lang+"/account") {
		tb.t.Fatalf("login %s: landed on %s: %s", email, p, tb.text("main"))
	}
}

var errTimeout = errors.New("timed out")

// waitFor polls a JavaScript condition until it is true.
func (tb *tab) waitFor(js string, d time.Duration) error {
	tb.t.Helper()
	deadline := time.Now().Add(d)
	for {
		if eval[bool](tb, `!!(`+js+`)`) {
			return nil
		}
		if time.Now().After(deadline) {
			return errTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// clickSel clicks the first visible match of a CSS selector.
func clickSel(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)
}
