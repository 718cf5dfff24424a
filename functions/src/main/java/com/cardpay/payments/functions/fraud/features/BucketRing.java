package com.cardpay.payments.functions.fraud.features;

import java.util.Arrays;

/**
 * A ring of event-time buckets, each holding a count and an amount sum in minor units: the state
 * of one {@link VelocityWindow}. Bucket {@code b} lives in slot {@code b mod slots}; the ring holds
 * the buckets {@code head - slots + 1 .. head}, where {@code head} is the newest bucket it has
 * seen. Moving {@code head} forward clears the slots it passes over, so the memory is fixed
 * whatever the payment rate, and a payment older than the ring's span is simply not held.
 *
 * <p>A Flink POJO (public fields, no-arg constructor, primitive arrays): serialized without Kryo.
 */
public final class BucketRing {
    /** No bucket yet. */
    static final long EMPTY = Long.MIN_VALUE;

    /** The newest bucket held, or {@link #EMPTY}. */
    public long head = EMPTY;
    /** Width of a bucket; a ring whose width no longer matches the configured window is replaced. */
    public long bucketMillis;
    public long[] counts;
    public long[] amounts;

    /** For Flink's POJO serializer. */
    public BucketRing() {
        this(0, 0L);
    }

    BucketRing(int slots, long bucketMillis) {
        this.bucketMillis = bucketMillis;
        counts = new long[slots];
        amounts = new long[slots];
    }

    /**
     * Adds one payment to its bucket; false when the bucket is older than what the ring holds, in
     * which case nothing changes.
     */
    boolean add(long bucket, long amountMinor) {
        int slots = counts.length;
        if (head == EMPTY || bucket - head >= slots) {
            // everything held is older than the new bucket's ring: start afresh
            Arrays.fill(counts, 0L);
            Arrays.fill(amounts, 0L);
            head = bucket;
        } else if (bucket > head) {
            for (long b = head + 1; b <= bucket; b++) {
                int i = slot(b);
                counts[i] = 0L;
                amounts[i] = 0L;
            }
            head = bucket;
        } else if (head - bucket >= slots) {
            return false;
        }
        int i = slot(bucket);
        counts[i]++;
        amounts[i] += amountMinor;
        return true;
    }

    /** Payments in the buckets {@code from..to} that the ring still holds. */
    long count(long from, long to) {
        return sum(counts, from, to);
    }

    /** Amount sum, in minor units, of the buckets {@code from..to} that the ring still holds. */
    long amount(long from, long to) {
        return sum(amounts, from, to);
    }

    private long sum(long[] values, long from, long to) {
        if (head == EMPTY) {
            return 0L;
        }
        long first = Math.max(from, head - counts.length + 1);
        long last = Math.min(to, head);
        long total = 0L;
        for (long b = first; b <= last; b++) {
            total += values[slot(b)];
        }
        return total;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) counts.length);
    }
}
