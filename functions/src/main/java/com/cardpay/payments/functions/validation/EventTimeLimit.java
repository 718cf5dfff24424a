package com.cardpay.payments.functions.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How far ahead of the wall clock at ingest a payment's {@code event_time} may be. A payment
 * stamped further ahead is rejected as {@link RejectionCode#EVENT_TIME_IN_FUTURE}: it comes from a
 * wrong clock, and accepted it would sit in a window that cannot close yet, or drag event time
 * forward and close today's windows early.
 *
 * @param clock the wall clock at ingest (the system clock in the job; a fixed one in tests)
 * @param maxAhead the tolerated clock skew between the payment's origin and this job
 */
public record EventTimeLimit(Clock clock, Duration maxAhead) {
    public EventTimeLimit {
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("maxAhead must not be negative");
        }
    }

    /** The limit against the system clock, as the job applies it. */
    public static EventTimeLimit againstSystemClock(Duration maxAhead) {
        return new EventTimeLimit(Clock.systemUTC(), maxAhead);
    }

    /** The limit against a clock that stands at {@code now}, for tests. */
    public static EventTimeLimit at(Instant now, Duration maxAhead) {
        return new EventTimeLimit(Clock.fixed(now, ZoneOffset.UTC), maxAhead);
    }

    /** The latest event time accepted now, in epoch milliseconds. */
    long latestAcceptedMillis() {
        return clock.millis() + maxAhead.toMillis();
    }
}
