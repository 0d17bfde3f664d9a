package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Defaults for NewSender; see the With… options.
const (
	DefaultInterval    = 2 * time.Second
	DefaultBatchSize   = 10
	DefaultSendTimeout = 30 * time.Second
	DefaultMaxAttempts = 8
	DefaultBackoffBase = 30 * time.Second
	DefaultBackoffMax  = time.Hour
	DefaultJitter      = 0.1
)

// storeTimeout bounds MarkSent/MarkFailed. They run even after shutdown has
// begun: a mail that went out must be recorded, or it is sent again.
const storeTimeout = 10 * time.Second

// Sender delivers due outbox messages in the background. Several Senders
// (one per portal instance) may share one Store; ClaimDue keeps them apart.
type Sender struct {
	store Store
	tr    Transport
	log   *slog.Logger

	interval    time.Duration
	batch       int
	lease       time.Duration
	sendTimeout time.Duration
	maxAttempts int
	backoffBase time.Duration
	backoffMax  time.Duration
	jitter      float64
	now         func() time.Time

	wake chan struct{}
	pass sync.Mutex // one pass at a time: a CLI Flush must not overlap Run
}

// Option configures a Sender.
type Option func(*Sender)

// WithInterval sets how often Run looks for due mail (default 2 s).
func WithInterval(d time.Duration) Option { return func(s *Sender) { s.interval = d } }

// WithBatchSize sets how many messages one claim takes (default 10).
func WithBatchSize(n int) Option { return func(s *Sender) { s.batch = n } }

// WithSendTimeout bounds one delivery attempt (default 30 s).
func WithSendTimeout(d time.Duration) Option { return func(s *Sender) { s.sendTimeout = d } }

// WithLease sets how long claimed messages stay invisible to other
// instances. The default covers a whole batch of timed-out sends plus a
// minute; it is raised to at least one send timeout plus a minute.
func WithLease(d time.Duration) Option { return func(s *Sender) { s.lease = d } }

// WithMaxAttempts sets after how many failed attempts the sender gives up
// (default 8: about an hour of retrying with the default backoff).
func WithMaxAttempts(n int) Option { return func(s *Sender) { s.maxAttempts = n } }

// WithBackoff sets the delay after the first failure, doubled after each
// further one, and its cap (default 30 s and 1 h).
func WithBackoff(base, max time.Duration) Option {
	return func(s *Sender) { s.backoffBase, s.backoffMax = base, max }
}

// WithJitter adds a random extra delay of up to fraction×delay to each
// retry, so that mail queued during an outage is not retried in lockstep by
// every instance (default 0.1; 0 disables it).
func WithJitter(fraction float64) Option { return func(s *Sender) { s.jitter = fraction } }

// WithClock replaces time.Now for every timestamp the sender computes.
func WithClock(now func() time.Time) Option { return func(s *Sender) { s.now = now } }

// NewSender returns a Sender that delivers store's messages through tr.
func NewSender(store Store, tr Transport, log *slog.Logger, opts ...Option) *Sender {
	s := &Sender{
		store: store, tr: tr, log: log,
		interval:    DefaultInterval,
		batch:       DefaultBatchSize,
		sendTimeout: DefaultSendTimeout,
		maxAttempts: DefaultMaxAttempts,
		backoffBase: DefaultBackoffBase,
		backoffMax:  DefaultBackoffMax,
		jitter:      DefaultJitter,
		now:         time.Now,
		wake:        make(chan struct{}, 1),
	}
	for _, o := range opts {
		o(s)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.batch = max(s.batch, 1)
	s.maxAttempts = max(s.maxAttempts, 1)
	if s.interval <= 0 {
		s.interval = DefaultInterval
	}
	if s.sendTimeout <= 0 {
		s.sendTimeout = DefaultSendTimeout
	}
	if s.lease == 0 {
		s.lease = time.Duration(s.batch)*s.sendTimeout + time.Minute
	}
	s.lease = max(s.lease, s.sendTimeout+time.Minute)
	return s
}

// Wake asks Run to look for due mail now rather than at the next tick; call
// it after committing a transaction that queued mail. It never blocks.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers due mail every interval (or on Wake) until ctx is done, then
// returns nil. Errors of a pass are logged and the next pass tries again;
// while passes keep failing (database down) the wait doubles up to a
// minute, so the log is not flooded every two seconds.
func (s *Sender) Run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	wait := s.interval
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-s.wake:
		}
		_, err := s.Flush(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			s.log.Error("mail outbox pass failed", "error", redactError(err, Message{}), "retry_in", wait)
			timer.Reset(wait)
			wait = max(min(2*wait, time.Minute), s.interval)
		default:
			wait = s.interval
			timer.Reset(wait)
		}
	}
}

// Flush makes one pass: it claims and delivers batches until no due message
// is left, and returns how many were sent. Failed deliveries are recorded in
// the store, not returned; the error reports store trouble or cancellation.
func (s *Sender) Flush(ctx context.Context) (sent int, err error) {
	s.pass.Lock()
	defer s.pass.Unlock()
	for ctx.Err() == nil {
		claimedAt := s.now()
		msgs, err := s.store.ClaimDue(ctx, claimedAt, s.batch, s.lease)
		if err != nil {
			return sent, fmt.Errorf("mail: claim due messages: %w", err)
		}
		n, done, err := s.deliverBatch(ctx, msgs, claimedAt.Add(s.lease))
		sent += n
		if err == nil {
			err = ctx.Err() // a cancelled last send ends the loop quietly
		}
		if err != nil || done || len(msgs) < s.batch {
			return sent, err
		}
	}
	return sent, ctx.Err()
}

// deliverBatch sends msgs one by one while their lease lasts. Once too little
// lease is left for another full attempt it stops (done) and leaves the rest
// leased: they come due again when the lease ends, whereas sending them
// late could overlap with another instance that has claimed them by then.
func (s *Sender) deliverBatch(ctx context.Context, msgs []Message, leaseEnd time.Time) (sent int, done bool, err error) {
	var errs []error
	for i, m := range msgs {
		if ctx.Err() != nil {
			return sent, true, errors.Join(append(errs, ctx.Err())...)
		}
		if s.now().Add(s.sendTimeout).After(leaseEnd) {
			s.log.Warn("mail lease running out; deferring rest of batch", "deferred", len(msgs)-i)
			return sent, true, errors.Join(errs...)
		}
		ok, err := s.attempt(ctx, m)
		if ok {
			sent++
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return sent, false, errors.Join(errs...)
}
