package com.cardpay.payments.functions.fraud.features;

import java.util.Arrays;

/**
 * The event-time buckets of one {@link VelocityWindow}, each with a count and an amount sum in
 * minor units. The ring covers the buckets {@code head - slots + 1 .. head}, where {@code head} is
 * the newest bucket it has seen; moving {@code head} forward forgets the buckets that fall out, so
 * the memory is bounded whatever the payment rate, and a payment older than the ring's span is
 * simply not held.
 *
 * <p>Sparse: only buckets that hold a payment are stored, in ascending order. A card pays a few
 * times a day, so its rings hold a handful of entries rather than all {@code slots}: this state is
 * read and written (serialized) on every payment of the card, and a dense ring of the default
 * windows was 1.6 KB per card; now it is tens of bytes. At worst (a payment in every bucket) it
 * holds {@code slots} entries, as a dense ring would.
 *
 * <p>A Flink POJO (public fields, no-arg constructor, primitive arrays): serialized without Kryo.
 */
public final class BucketRing {
    /** No bucket yet. */
    static final long EMPTY = Long.MIN_VALUE;
    private static final long[] NONE = new long[0];

    /** The newest bucket held, or {@link #EMPTY}. */
    public long head = EMPTY;
    /** How many buckets back from {@link #head} the ring covers. */
    public int slots;
    /** Width of a bucket; a ring whose layout no longer matches the configured window is replaced. */
    public long bucketMillis;
    /** The non-empty buckets, ascending; {@link #counts} and {@link #amounts} are parallel to it. */
    public long[] buckets = NONE;
    public long[] counts = NONE;
    public long[] amounts = NONE;

    /** For Flink's POJO serializer. */
    public BucketRing() {}

    BucketRing(int slots, long bucketMillis) {
        this.slots = slots;
        this.bucketMillis = bucketMillis;
    }

    /**
     * Adds one payment to its bucket; false when the bucket is older than what the ring holds, in
     * which case nothing changes.
     */
    boolean add(long bucket, long amountMinor) {
        if (head == EMPTY || bucket - head >= slots) {
            // everything held is older than the new bucket's ring: start afresh
            buckets = new long[] {bucket};
            counts = new long[] {1L};
            amounts = new long[] {amountMinor};
            head = bucket;
            return true;
        }
        if (bucket > head) {
            head = bucket;
            forgetBefore(head - slots + 1);
        } else if (head - bucket >= slots) {
            return false;
        }
        int i = Arrays.binarySearch(buckets, bucket);
        if (i >= 0) {
            counts[i]++;
            amounts[i] += amountMinor;
        } else {
            int at = -i - 1;
            buckets = insert(buckets, at, bucket);
            counts = insert(counts, at, 1L);
            amounts = insert(amounts, at, amountMinor);
        }
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

    /** Buckets stored (non-empty ones). */
    int entries() {
        return buckets.length;
    }

    private long sum(long[] values, long from, long to) {
        if (head == EMPTY) {
            return 0L;
        }
        long first = Math.max(from, head - slots + 1);
        long last = Math.min(to, head);
        long total = 0L;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] >= first && buckets[i] <= last) {
                total += values[i];
            }
        }
        return total;
    }

    private void forgetBefore(long oldest) {
        int drop = 0;
        while (drop < buckets.length && buckets[drop] < oldest) {
            drop++;
        }
        if (drop > 0) {
            buckets = Arrays.copyOfRange(buckets, drop, buckets.length);
            counts = Arrays.copyOfRange(counts, drop, counts.length);
            amounts = Arrays.copyOfRange(amounts, drop, amounts.length);
        }
    }

    private static long[] insert(long[] values, int at, long value) {
        long[] out = new long[values.length + 1];
        System.arraycopy(values, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(values, at, out, at + 1, values.length - at);
        return out;
    }
}
