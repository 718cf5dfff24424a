package com.cardpay.payments.functions.fraud.features;

/**
 * The three sliding windows of a card's velocity counters, each a ring of fixed-width event-time
 * buckets ({@link BucketRing}).
 *
 * <p>A window is the bucket that holds the payment plus the {@code windowBuckets - 1} buckets
 * before it. It therefore reaches back between {@code (windowBuckets - 1) * bucketMillis} and
 * {@code windowBuckets * bucketMillis}: the last minute is the last 50 to 60 seconds, the last hour
 * the last 59 to 60 minutes, the last 24 hours the last 23 to 24 hours. It never reaches back more
 * than its nominal length, and loses at most one bucket at its old end.
 *
 * <p>A ring keeps {@link #slots()} buckets: the window, plus enough spare buckets that a payment up
 * to {@link #LATE_HEADROOM_MILLIS} older than the card's newest one still finds its whole window.
 */
enum CounterTier {
    LAST_MINUTE(10_000L, 6),
    LAST_HOUR(60_000L, 60),
    LAST_DAY(3_600_000L, 24);

    /**
     * How far behind the card's newest payment a payment may be and still get exact features: far
     * beyond the watermark bound (5 s by default). Older ones get what the rings still hold.
     */
    static final long LATE_HEADROOM_MILLIS = 60_000L;

    private final long bucketMillis;
    private final int windowBuckets;
    private final int slots;

    CounterTier(long bucketMillis, int windowBuckets) {
        this.bucketMillis = bucketMillis;
        this.windowBuckets = windowBuckets;
        // a payment LATE_HEADROOM_MILLIS behind the newest can sit this many buckets behind it
        this.slots = windowBuckets + (int) ((LATE_HEADROOM_MILLIS + bucketMillis - 1) / bucketMillis);
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

    long windowMillis() {
        return bucketMillis * windowBuckets;
    }
}
