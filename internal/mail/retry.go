package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// attempt delivers m once and records the outcome. It logs exactly one line
// per attempt, with the message's id and kind but never its recipient,
// subject or body. ok reports a successful send; err reports store trouble
// or cancellation, not delivery failure.
func (s *Sender) attempt(ctx context.Context, m Message) (ok bool, err error) {
	attempt := m.Attempts + 1
	attrs := []any{"id", m.ID, "kind", m.Kind, "attempt", attempt}

	sendCtx, cancel := context.WithTimeout(ctx, s.sendTimeout)
	start := s.now()
	sendErr := s.tr.Send(sendCtx, m)
	cancel()
	end := s.now()
	attrs = append(attrs, "duration", end.Sub(start))

	storeCtx, cancelStore := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
	defer cancelStore()

	if sendErr == nil {
		if err := s.store.MarkSent(storeCtx, m.ID, end); err != nil {
			// The mail went out but the row still looks unsent: it will
			// be sent again when its lease ends. Say so loudly.
			s.log.Error("mail delivery attempt", append(attrs, "outcome", "sent_unrecorded",
				"error", redactError(err, m))...)
			return true, fmt.Errorf("mail: mark %d sent: %w", m.ID, err)
		}
		s.log.Info("mail delivery attempt", append(attrs, "outcome", "sent")...)
		return true, nil
	}

	reason := redactError(sendErr, m)
	if ctx.Err() != nil {
		// We are shutting down; the failure says nothing about the message.
		// Leave the row leased so that it is retried without counting this.
		// (The caller sees ctx.Err itself.)
		s.log.Info("mail delivery attempt", append(attrs, "outcome", "interrupted", "error", reason)...)
		return false, nil
	}

	permanent := IsPermanent(sendErr)
	giveUp := permanent || attempt >= s.maxAttempts
	next := end.Add(s.retryDelay(attempt))
	if giveUp {
		next = end // the Store contract: FailedAt
	}
	s.logFailure(attrs, giveUp, permanent, next, reason)
	if err := s.store.MarkFailed(storeCtx, m.ID, attempt, reason, next, giveUp); err != nil {
		// The row comes due again when its lease ends, so the attempt is
		// retried rather than lost; only its count and error are missing.
		return false, fmt.Errorf("mail: mark %d failed: %w", m.ID, err)
	}
	return false, nil
}

func (s *Sender) logFailure(attrs []any, giveUp, permanent bool, next time.Time, reason string) {
	if giveUp {
		s.log.Error("mail delivery attempt", append(attrs,
			"outcome", "gave_up", "permanent", permanent, "error", reason)...)
		return
	}
	s.log.Warn("mail delivery attempt", append(attrs,
		"outcome", "retry", "next_attempt_at", next, "error", reason)...)
}

// retryDelay is the wait after the attempt-th failed attempt: backoffBase
// doubled per earlier failure, capped at backoffMax, plus up to jitter×delay
// at random.
func (s *Sender) retryDelay(attempt int) time.Duration {
	d := backoff(attempt, s.backoffBase, s.backoffMax)
	if s.jitter > 0 && d > 0 {
		if extra := int64(float64(d) * s.jitter); extra > 0 {
			d += time.Duration(rand.Int64N(extra + 1))
		}
	}
	return d
}

// backoff is base·2^(attempt-1), capped at max; attempt counts from 1.
func backoff(attempt int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}
