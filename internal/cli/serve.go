package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/mail"
	"kakehashi/web"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("serve", env)
	var set settings
	set.register(fs, env)
	addr := fs.String("addr", envOr(env, "PORTAL_ADDR", ":8080"), "listen address (env PORTAL_ADDR)")
	demo := fs.Bool("demo", envBool(env, "PORTAL_DEMO", true), "load demo data into an empty database (env PORTAL_DEMO)")
	baseURL := fs.String("base-url", env.Getenv("PORTAL_BASE_URL"), "public URL of the portal for links in e-mails (env PORTAL_BASE_URL; default from --addr)")
	smtpURL := fs.String("smtp-url", env.Getenv("PORTAL_SMTP_URL"), "SMTP server for outgoing mail, smtp://user:pass@host:587?from=addr (env PORTAL_SMTP_URL); without it mail stays in the admin outbox")
	expiry := fs.Duration("proposal-expiry", envDuration(env, "PORTAL_PROPOSAL_EXPIRY", 14*24*time.Hour), "an unanswered introduction proposal expires after this long (env PORTAL_PROPOSAL_EXPIRY)")
	reminder := fs.Duration("proposal-reminder", envDuration(env, "PORTAL_PROPOSAL_REMINDER", 7*24*time.Hour), "remind the asked companies after this long (env PORTAL_PROPOSAL_REMINDER)")
	purgeDays := fs.Int("unconfirmed-days", envInt(env, "PORTAL_UNCONFIRMED_DAYS", 14), "erase sign-ups not confirmed within this many days (env PORTAL_UNCONFIRMED_DAYS)")
	reviewDays := fs.Int("contact-review-days", envInt(env, "PORTAL_CONTACT_REVIEW_DAYS", 730), "flag contact data of companies inactive this many days for review (env PORTAL_CONTACT_REVIEW_DAYS)")
	secure := fs.Bool("secure-cookies", envBool(env, "PORTAL_SECURE_COOKIES", false), "Secure, __Host- cookies and HSTS; turn on when served over TLS (env PORTAL_SECURE_COOKIES)")
	pprofAddr := fs.String("pprof-addr", env.Getenv("PORTAL_PPROF_ADDR"), "serve Go's profiler (net/http/pprof) on this separate address for load tests, e.g. 127.0.0.1:6060; never expose it (env PORTAL_PPROF_ADDR)")
	pageCache := fs.Int("page-cache-mb", envInt(env, "PORTAL_PAGE_CACHE_MB", web.DefaultPageCache>>20), "memory for rendered pages and page parts in MB: profiles as visitors see them take about 5.5 KB per company and language (env PORTAL_PAGE_CACHE_MB)")
	proxies := fs.String("trusted-proxies", env.Getenv("PORTAL_TRUSTED_PROXIES"), "comma-separated networks of reverse proxies whose X-Forwarded-For is believed, e.g. 10.0.0.0/8 (env PORTAL_TRUSTED_PROXIES)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %v", errUsage, fs.Args())
	}
	if *pageCache < 1 {
		return fmt.Errorf("%w: --page-cache-mb must be at least 1", errUsage)
	}
	var trusted []*net.IPNet
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return fmt.Errorf("%w: --trusted-proxies: %v", errUsage, err)
		}
		trusted = append(trusted, n)
	}
	log := set.logger(env.Stderr)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	a.Log = log
	a.Cfg.BaseURL = publicURL(*addr, *baseURL)
	a.Cfg.Timing.ProposalExpiry, a.Cfg.Timing.ProposalReminder = *expiry, *reminder
	a.Cfg.Retention = app.Retention{UnconfirmedDays: *purgeDays, ContactReviewDays: *reviewDays}

	if *demo {
		loaded, err := loadDemoIfEmpty(ctx, a)
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if loaded {
			log.Info("empty database: demo data loaded")
			for _, u := range app.DemoUsers {
				log.Info("demo login", "email", u.Email, "role", string(u.Role), "password", app.DemoPassword)
			}
		}
	}
	if err := a.LoadIndexes(ctx); err != nil {
		return err
	}

	var wg sync.WaitGroup
	bg, cancelBG := context.WithCancel(ctx)
	defer func() { cancelBG(); wg.Wait() }()
	wg.Add(1)
	go func() { defer wg.Done(); a.RunRefresh(bg) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.RunJobs(bg, time.Minute) }()
	wg.Add(1)
	go func() { defer wg.Done(); a.RunSimilar(bg) }()

	if *pprofAddr != "" {
		ps := &http.Server{Addr: *pprofAddr, Handler: pprofMux(), ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = ps.ListenAndServe() }()
		defer ps.Close()
		log.Warn("profiler listening; keep this address private", "addr", *pprofAddr)
	}

	if *smtpURL != "" {
		cfg, err := mail.ParseSMTPURL(*smtpURL)
		if err != nil {
			return fmt.Errorf("--smtp-url: %w", err)
		}
		sender := mail.NewSender(a.Store, mail.NewSMTPTransport(cfg), log)
		a.SetMailWake(sender.Wake)
		wg.Add(1)
		go func() { defer wg.Done(); _ = sender.Run(bg) }()
		log.Info("mail delivery over SMTP", "server", cfg.String())
	} else {
		log.Info("no SMTP server configured: mail stays in the admin outbox (/en/admin/outbox)")
	}

	formKey, err := a.Store.Secret(ctx, "form-stamp")
	if err != nil {
		return err
	}
	cfg := web.Config{SecureCookies: *secure, SMTP: *smtpURL != "", TrustedProxies: trusted, FormKey: formKey,
		PageCacheBytes: *pageCache << 20}
	cfg.Operator.Name, cfg.Operator.Address = env.Getenv("PORTAL_OPERATOR_NAME"), env.Getenv("PORTAL_OPERATOR_ADDRESS")
	cfg.Operator.Email, cfg.Operator.Phone = env.Getenv("PORTAL_OPERATOR_EMAIL"), env.Getenv("PORTAL_OPERATOR_PHONE")
	cfg.Operator.Representative = env.Getenv("PORTAL_OPERATOR_REPRESENTATIVE")
	srv := web.New(a, cfg, log)
	log.Info("portal ready", "url", a.Cfg.BaseURL+"/", "db", a.Store.Dialect())
	err = srv.Serve(ctx, *addr, 10*time.Second)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("portal stopped")
	return nil
}

// pprofMux serves the profiler on its own listener, never on the portal's
// router, so that it cannot be reached through the public address.
func pprofMux() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("/debug/pprof/", pprof.Index)
	m.HandleFunc("/debug/pprof/profile", pprof.Profile)
	m.HandleFunc("/debug/pprof/trace", pprof.Trace)
	m.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	m.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	return m
}

// loadDemoIfEmpty loads the demo data only into a database with no
// companies, municipalities or users: never over real data.
func loadDemoIfEmpty(ctx context.Context, a *app.App) (bool, error) {
	nc, err := a.Store.CountCompanies(ctx)
	if err != nil {
		return false, err
	}
	nu, err := a.Store.CountUsers(ctx)
	if err != nil {
		return false, err
	}
	keys, err := a.Store.MunicipalityKeys(ctx)
	if err != nil {
		return false, err
	}
	if nc > 0 || nu > 0 || len(keys) > 0 {
		return false, nil
	}
	return true, a.LoadDemo(ctx)
}

// publicURL is the base URL for links: the configured one, or derived from
// the listen address for local use.
func publicURL(addr, configured string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
