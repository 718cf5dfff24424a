package com.cardpay.payments.functions.fraud.features;

import java.io.Serializable;
import java.time.Duration;

/**
 * One sliding window of a card's velocity counters (short, medium or long; lengths from config),
 * kept as a ring of fixed-width event-time buckets ({@link BucketRing}).
 *
 * <p>A window is the bucket that holds the payment plus the {@code windowBuckets - 1} buckets
 * before it. It therefore reaches back between {@code (windowBuckets - 1) * bucketMillis} and
 * {@code windowBuckets * bucketMillis}: with the defaults, the last minute is the last 50 to 60
 * seconds, the last hour the last 59 to 60 minutes, the last 24 hours the last 23 to 24 hours. It
 * never reaches back more than its nominal length, and loses at most one bucket at its old end.
 * More buckets would be more exact and cost more state per card; the bucket counts below keep a
 * card's three rings under 100 slots with the default lengths.
 *
 * <p>A ring keeps {@link #slots()} buckets: the window, plus enough spare buckets that a payment up
 * to {@link #LATE_HEADROOM_MILLIS} older than the card's newest one still finds its whole window.
 */
public final class VelocityWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Buckets of the short window (default 1 min: 10 s buckets). */
    public static final int SHORT_BUCKETS = 6;
    /** Buckets of the medium window (default 1 h: 1 min buckets). */
    public static final int MEDIUM_BUCKETS = 60;
    /** Buckets of the long window (default 24 h: 1 h buckets). */
    public static final int LONG_BUCKETS = 24;

    /** The longest window: a card's state lives at least this long after its last payment. */
    public static final Duration MAX_LENGTH = Duration.ofDays(31);

    /**
     * How far behind the card's newest payment a payment may be and still get exact features: far
     * beyond the watermark bound (5 s by default). Older ones get what the rings still hold.
     */
    static final long LATE_HEADROOM_MILLIS = 60_000L;

    private final long bucketMillis;
    private final int windowBuckets;
    private final int slots;

    private VelocityWindow(long bucketMillis, int windowBuckets) {
        this.bucketMillis = bucketMillis;
        this.windowBuckets = windowBuckets;
        // a payment LATE_HEADROOM_MILLIS behind the newest can sit this many buckets behind it
        this.slots = windowBuckets + (int) ((LATE_HEADROOM_MILLIS + bucketMillis - 1) / bucketMillis);
    }

    /**
     * A window of {@code length}, split into {@code buckets} buckets.
     *
     * @throws IllegalArgumentException saying what is wrong (see {@link #problem})
     */
    public static VelocityWindow of(Duration length, int buckets) {
        String problem = problem(length, buckets);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new VelocityWindow(length.toMillis() / buckets, buckets);
    }

    /**
     * What is wrong with a window of {@code length} in {@code buckets} buckets, or null when
     * nothing is. Buckets are whole milliseconds of at least one second, so that a ring stays small
     * (at most {@code buckets + 60} slots).
     */
    public static String problem(Duration length, int buckets) {
        if (length.isNegative() || length.isZero() || length.compareTo(MAX_LENGTH) > 0) {
            return "must be positive and at most " + MAX_LENGTH.toDays() + "d, got " + length;
        }
        long millis = length.toMillis();
        if (millis % buckets != 0 || millis / buckets < 1000) {
            return "must split into " + buckets + " equal buckets of whole milliseconds, each at least 1s; got " + length;
        }
        return null;
    }

    /** The bucket number of an event time; floor division, so times before 1970 work too. */
    long bucketOf(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, bucketMillis);
    }

    /** The oldest bucket of the window that ends with the bucket of {@code eventTimeMillis}. */
    long windowStart(long eventTimeMillis) {
        return bucketOf(eventTimeMillis) - windowBuckets + 1;
    }

    int slots() {
        return slots;
    }

    long bucketMillis() {
        return bucketMillis;
    }

    long windowMillis() {
        return bucketMillis * windowBuckets;
    }

    /** An empty ring for this window. */
    BucketRing newRing() {
        return new BucketRing(slots, bucketMillis);
    }

    /** Whether {@code ring} was laid out for this window (a config change lays out new rings). */
    boolean fits(BucketRing ring) {
        return ring != null && ring.slots == slots && ring.bucketMillis == bucketMillis;
    }
}
