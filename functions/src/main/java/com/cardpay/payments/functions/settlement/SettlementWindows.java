package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settlement periods: tumbling event-time windows of {@code lengthMillis}, shifted by
 * {@code offsetMillis} from the epoch. Daily windows with offset 0 cut off at 00:00 UTC; an offset
 * of 22 h would cut off at 22:00 UTC. A window is {@code [start, start + length)}.
 */
public final class SettlementWindows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long lengthMillis;
    private final long offsetMillis;

    /**
     * @param lengthMillis window length, positive
     * @param offsetMillis where windows start relative to the epoch, {@code 0 <= offset < length}
     */
    public SettlementWindows(long lengthMillis, long offsetMillis) {
        Preconditions.checkArgument(lengthMillis > 0, "settlement window length must be positive, got %s", lengthMillis);
        Preconditions.checkArgument(offsetMillis >= 0 && offsetMillis < lengthMillis,
                "settlement window offset must be at least 0 and less than the length %s, got %s",
                lengthMillis, offsetMillis);
        this.lengthMillis = lengthMillis;
        this.offsetMillis = offsetMillis;
    }

    /** One window per UTC day, 00:00 to 24:00. */
    public static SettlementWindows dailyUtc() {
        return new SettlementWindows(Duration.ofDays(1).toMillis(), 0);
    }

    /**
     * The start of the window holding {@code eventTimeMillis}: floor arithmetic, so a negative time
     * lands in the window before the epoch, as Flink's {@code TimeWindow.getWindowStartWithOffset}.
     * Reducing the time modulo the length first keeps {@code time - offset} from overflowing.
     *
     * @throws ArithmeticException when that start would lie before {@link Long#MIN_VALUE}
     */
    public long windowStartOf(long eventTimeMillis) {
        long intoWindow = Math.floorMod(Math.floorMod(eventTimeMillis, lengthMillis) - offsetMillis, lengthMillis);
        return Math.subtractExact(eventTimeMillis, intoWindow);
    }

    /**
     * The exclusive end of the window starting at {@code windowStartMillis}.
     *
     * @throws ArithmeticException when it would lie after {@link Long#MAX_VALUE}
     */
    public long windowEndOf(long windowStartMillis) {
        return Math.addExact(windowStartMillis, lengthMillis);
    }

    public long lengthMillis() {
        return lengthMillis;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettlementWindows other && lengthMillis == other.lengthMillis
                && offsetMillis == other.offsetMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lengthMillis) * 31 + Long.hashCode(offsetMillis);
    }

    @Override
    public String toString() {
        return "SettlementWindows{length=" + Duration.ofMillis(lengthMillis) + ", offset="
                + Duration.ofMillis(offsetMillis) + "}";
    }
}
