package com.cardpay.payments.functions.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How far ahead of its Kafka record's timestamp a payment's {@code event_time} may be (of the wall
 * clock at ingest instead, if that is earlier, or if the record has no timestamp). A payment
 * stamped further ahead is rejected as {@link RejectionCode#EVENT_TIME_IN_FUTURE}: it comes from a
 * wrong clock, and accepted it would sit in a window that cannot close yet, or drag event time
 * forward and close today's windows early.
 *
 * <p>Why the record's timestamp: it is part of the input, so a replay of the record, hours or
 * weeks later, is judged as it was the first time, and settles the same (README, "Revisions are a
 * function of the input alone"). Judged against the wall clock alone, a payment rejected when first
 * read would be accepted in a later replay. The wall clock still bounds a record stamped in the
 * future by its producer's wrong clock; with {@code message.timestamp.type=LogAppendTime} on
 * {@code payments.raw} the timestamp is the broker's, and that case cannot arise.
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

    /** A record without a Kafka timestamp (Kafka's {@code RecordBatch.NO_TIMESTAMP}). */
    public static final long NO_TIMESTAMP = -1L;

    /** The latest event time accepted now for a record with this Kafka timestamp, in epoch milliseconds. */
    long latestAcceptedMillis(long recordTimestampMillis) {
        long now = clock.millis();
        long reference = recordTimestampMillis < 0 ? now : Math.min(recordTimestampMillis, now);
        long latest = reference + maxAhead.toMillis();
        return latest < reference ? Long.MAX_VALUE : latest;
    }
}
