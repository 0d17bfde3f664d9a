// Command kkhelper prepares and measures load tests of the portal
// (used by scripts/loadtest; not part of the product).
//
//	kkhelper users    --db DSN --n 16 --companies N      create company users linked to gen-… profiles
//	kkhelper sessions --base URL --n 16 --out FILE.lua   log them in, write cookies, CSRF tokens and profile bodies for wrk
//	kkhelper pages    --base URL --lua FILE.lua          page sizes (HTML, gzip, first load, JS)
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/account"
	"kakehashi/internal/store"
)

const password = "load-test-password-2026!"

func email(i int) string { return fmt.Sprintf("load%03d@load.example", i) }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kkhelper users|sessions|pages …")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "users":
		err = users(os.Args[2:])
	case "sessions":
		err = sessions(os.Args[2:])
	case "pages":
		err = pages(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kkhelper:", err)
		os.Exit(1)
	}
}

// users creates n confirmed company users owning profiles spread over gen-000001 … gen-N.
func users(args []string) error {
	fs := flag.NewFlagSet("users", flag.ExitOnError)
	dsn := fs.String("db", "", "database")
	n := fs.Int("n", 16, "users")
	companies := fs.Int("companies", 10000, "generated companies")
	fs.Parse(args)
	st, err := store.Open(*dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	hash, err := account.HashPassword(password) // one argon2id hash, shared: same password
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for i := 1; i <= *n; i++ {
		ref := fmt.Sprintf("gen-%06d", 1+(i-1)*(*companies / *n))
		co, err := st.CompanyByRef(ctx, ref)
		if err != nil {
			return fmt.Errorf("%s: %w", ref, err)
		}
		u := account.User{Email: email(i), PasswordHash: hash, Role: account.RoleCompany, CompanyID: co.ID, Lang: "en",
			EmailConfirmedAt: now, ConsentAt: now, ConsentVersion: "load-test"}
		err = st.CreateUser(ctx, &u)
		if errors.Is(err, store.ErrConflict) {
			old, err2 := st.UserByEmail(ctx, u.Email)
			if err2 != nil {
				return err2
			}
			err = st.SetUserCompany(ctx, old.ID, co.ID)
		}
		if err != nil {
			return fmt.Errorf("user %d: %w", i, err)
		}
	}
	fmt.Printf("created %d company users (%s … %s)\n", *n, email(1), email(*n))
	return nil
}

type session struct {
	Cookie, CSRF string
	Bodies       []string
}

func login(base string, i int) (*http.Client, session, error) {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var s session
	r, err := cl.Get(base + "/en/login")
	if err != nil {
		return nil, s, err
	}
	io.Copy(io.Discard, r.Body)
	r.Body.Close()
	u, _ := url.Parse(base)
	csrf := cookie(jar, u, "kk_csrf")
	r, err = cl.PostForm(base+"/en/login", url.Values{"email": {email(i)}, "password": {password}, "_csrf": {csrf}})
	if err != nil {
		return nil, s, err
	}
	io.Copy(io.Discard, r.Body)
	r.Body.Close()
	sess := cookie(jar, u, "kk_session")
	if r.StatusCode != http.StatusSeeOther || sess == "" {
		return nil, s, fmt.Errorf("login %s: status %d", email(i), r.StatusCode)
	}
	s.Cookie = "kk_session=" + sess + "; kk_csrf=" + csrf
	s.CSRF = csrf
	return cl, s, nil
}

func cookie(jar http.CookieJar, u *url.URL, name string) string {
	for _, c := range jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// profileBodies reads the user's own profile form and returns form bodies
// that save it with a changed English description.
func profileBodies(cl *http.Client, base, csrf string, k int) ([]string, error) {
	r, err := cl.Get(base + "/en/account/profile")
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	if r.StatusCode != 200 {
		return nil, fmt.Errorf("profile form: status %d", r.StatusCode)
	}
	doc, err := goquery.NewDocumentFromReader(r.Body)
	if err != nil {
		return nil, err
	}
	form := doc.Find(`form.profile-form`).First()
	if form.Length() == 0 {
		return nil, errors.New("profile form not found")
	}
	v := url.Values{}
	form.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if name == "" {
			return
		}
		if _, dis := s.Attr("disabled"); dis {
			return
		}
		switch goquery.NodeName(s) {
		case "input":
			t, _ := s.Attr("type")
			switch t {
			case "checkbox", "radio":
				if _, ok := s.Attr("checked"); ok {
					val, _ := s.Attr("value")
					if val == "" {
						val = "on"
					}
					v.Add(name, val)
				}
			case "submit", "button", "file":
			default:
				val, _ := s.Attr("value")
				v.Add(name, val)
			}
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			sel := s.Find("option[selected]").First()
			if sel.Length() == 0 {
				sel = s.Find("option").First()
			}
			val, ok := sel.Attr("value")
			if !ok {
				val = sel.Text()
			}
			v.Add(name, val)
		}
	})
	v.Set("_csrf", csrf)
	desc := strings.TrimSpace(regexp.MustCompile(` \[load \d+\]$`).ReplaceAllString(v.Get("description.en"), ""))
	var out []string
	for j := 0; j < k; j++ {
		w := url.Values{}
		for key, vals := range v {
			w[key] = append([]string(nil), vals...)
		}
		w.Set("description.en", desc+" [load "+strconv.Itoa(j)+"]")
		out = append(out, w.Encode())
	}
	return out, nil
}

func sessions(args []string) error {
	fs := flag.NewFlagSet("sessions", flag.ExitOnError)
	base := fs.String("base", "http://127.0.0.1:18080", "portal URL")
	n := fs.Int("n", 16, "users")
	out := fs.String("out", "", "Lua data file")
	fs.Parse(args)
	var b strings.Builder
	b.WriteString("-- generated by kkhelper sessions\nreturn {\n")
	for i := 1; i <= *n; i++ {
		cl, s, err := login(*base, i)
		if err != nil {
			return err
		}
		bodies, err := profileBodies(cl, *base, s.CSRF, 3)
		if err != nil {
			return fmt.Errorf("%s: %w", email(i), err)
		}
		// check that a save works before the load test relies on it
		req, _ := http.NewRequest("POST", *base+"/en/account/profile", strings.NewReader(bodies[0]))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r, err := cl.Do(req)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("%s: test save: status %d\n%s", email(i), r.StatusCode, errorsIn(body))
		}
		fmt.Fprintf(&b, "  {cookie=%s, csrf=%s, bodies={", luaQuote(s.Cookie), luaQuote(s.CSRF))
		for _, bd := range bodies {
			b.WriteString(luaQuote(bd) + ",")
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n")
	fmt.Printf("logged in %d company users; profile save checked\n", *n)
	return os.WriteFile(*out, []byte(b.String()), 0o644)
}

func errorsIn(body []byte) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	var msgs []string
	doc.Find(".error, [role=alert], .field-error").Each(func(_ int, s *goquery.Selection) {
		msgs = append(msgs, strings.TrimSpace(s.Text()))
	})
	return strings.Join(msgs, "\n")
}

func luaQuote(s string) string { // ASCII only (URL-encoded bodies, cookie values)
	return strconv.Quote(s)
}

// pages prints HTML and gzip sizes of the main pages and their first-load weight.
func pages(args []string) error {
	fs := flag.NewFlagSet("pages", flag.ExitOnError)
	base := fs.String("base", "http://127.0.0.1:18080", "portal URL")
	cookieHdr := fs.String("cookie", "", "Cookie header of a signed-in company user")
	ref := fs.String("ref", "gen-000001", "a profile")
	fs.Parse(args)
	list := []struct {
		name, path string
		auth       bool
	}{
		{"home", "/en/", false},
		{"directory", "/en/companies", false},
		{"directory search (Sensor)", "/en/companies?q=Sensor", false},
		{"directory search (光学, ja)", "/ja/companies?q=" + url.QueryEscape("光学"), false},
		{"profile", "/en/companies/" + *ref, false},
		{"profile (de)", "/de/companies/" + *ref, false},
		{"login", "/en/login", false},
		{"signup", "/en/signup", false},
		{"contact", "/en/contact", false},
		{"account", "/en/account", true},
		{"suggestions", "/en/account/suggestions", true},
		{"profile form", "/en/account/profile", true},
	}
	cl := &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	fetch := func(p string, auth bool) ([]byte, int, string, error) {
		req, _ := http.NewRequest("GET", *base+p, nil)
		if auth {
			req.Header.Set("Cookie", *cookieHdr)
		}
		req.Header.Set("Accept-Encoding", "gzip")
		r, err := cl.Do(req)
		if err != nil {
			return nil, 0, "", err
		}
		defer r.Body.Close()
		wire, _ := io.ReadAll(r.Body)
		raw := wire
		enc := r.Header.Get("Content-Encoding")
		if enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(wire))
			if err == nil {
				raw, _ = io.ReadAll(zr)
			}
		}
		return raw, r.StatusCode, enc, nil
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		w.Write(b)
		w.Close()
		return buf.Len()
	}
	assetCache := map[string][2]int{} // raw, gzip
	fmt.Println("| page | status | HTML bytes | HTML gzip | CSS gzip | JS bytes (raw / gzip) | first load gzip | server gzips? | ≤30 KB HTML gz | ≤100 KB total | ≤20 KB JS |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, p := range list {
		html, status, enc, err := fetch(p.path, p.auth)
		if err != nil {
			return err
		}
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(html))
		cssGz, jsRaw, jsGz := 0, 0, 0
		asset := func(href string) [2]int {
			if a, ok := assetCache[href]; ok {
				return a
			}
			b, _, _, err := fetch(href, false)
			if err != nil {
				return [2]int{}
			}
			a := [2]int{len(b), gz(b)}
			assetCache[href] = a
			return a
		}
		doc.Find(`link[rel=stylesheet]`).Each(func(_ int, s *goquery.Selection) {
			h, _ := s.Attr("href")
			cssGz += asset(h)[1]
		})
		doc.Find(`script[src]`).Each(func(_ int, s *goquery.Selection) {
			h, _ := s.Attr("src")
			a := asset(h)
			jsRaw += a[0]
			jsGz += a[1]
		})
		// inline scripts count as JavaScript too
		doc.Find(`script:not([src])`).Each(func(_ int, s *goquery.Selection) { jsRaw += len(s.Text()) })
		hg := gz(html)
		total := hg + cssGz + jsGz
		if enc == "" {
			enc = "no"
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d / %d | %d | %s | %s | %s | %s |\n", p.name, status, len(html), hg, cssGz, jsRaw, jsGz, total, enc,
			yes(hg <= 30*1024), yes(total <= 100*1024), yes(jsRaw <= 20*1024))
	}
	return nil
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}
