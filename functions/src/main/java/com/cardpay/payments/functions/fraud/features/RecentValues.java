package com.cardpay.payments.functions.fraud.features;

import java.util.Arrays;

/**
 * A small memory of the distinct values a card used recently (merchants, or merchant countries),
 * each with the event time it was last seen: enough for "distinct over the last hour" without a
 * list of payments. It holds at most {@link #CAPACITY} values; when full, the value seen longest
 * ago makes room. The arrays grow only as far as needed, so a quiet card costs little state.
 *
 * <p>A Flink POJO (parallel arrays, no Map): serialized without Kryo.
 */
public final class RecentValues {
    /** More distinct values than this within an hour reads as this many. */
    public static final int CAPACITY = 32;

    public String[] values = new String[0];
    public long[] lastSeen = new long[0];

    /** For Flink's POJO serializer. */
    public RecentValues() {}

    /**
     * Notes that {@code value} was seen at {@code eventTimeMillis}, first forgetting every value
     * last seen at or before {@code forgetUpTo}.
     */
    void see(String value, long eventTimeMillis, long forgetUpTo) {
        forget(forgetUpTo);
        int i = indexOf(value);
        if (i >= 0) {
            // out-of-order events must not move the last sighting back
            lastSeen[i] = Math.max(lastSeen[i], eventTimeMillis);
            return;
        }
        if (eventTimeMillis <= forgetUpTo) {
            return; // too old to matter to any payment within the headroom
        }
        if (values.length < CAPACITY) {
            values = Arrays.copyOf(values, values.length + 1);
            lastSeen = Arrays.copyOf(lastSeen, lastSeen.length + 1);
            i = values.length - 1;
        } else {
            i = oldest();
        }
        values[i] = value;
        lastSeen[i] = eventTimeMillis;
    }

    /**
     * Distinct values last seen after {@code afterMillis}, counting {@code current} even when it
     * was too old to be remembered. A value last seen after the payment in question (an
     * out-of-order arrival) counts too: only its latest sighting is kept.
     */
    int distinctIncluding(String current, long afterMillis) {
        int distinct = 0;
        boolean currentCounted = false;
        for (int i = 0; i < values.length; i++) {
            if (lastSeen[i] > afterMillis) {
                distinct++;
                currentCounted |= values[i].equals(current);
            }
        }
        return currentCounted ? distinct : distinct + 1;
    }

    private void forget(long upTo) {
        int kept = 0;
        for (int i = 0; i < values.length; i++) {
            if (lastSeen[i] > upTo) {
                values[kept] = values[i];
                lastSeen[kept] = lastSeen[i];
                kept++;
            }
        }
        if (kept < values.length) {
            values = Arrays.copyOf(values, kept);
            lastSeen = Arrays.copyOf(lastSeen, kept);
        }
    }

    private int indexOf(String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < lastSeen.length; i++) {
            if (lastSeen[i] < lastSeen[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}
