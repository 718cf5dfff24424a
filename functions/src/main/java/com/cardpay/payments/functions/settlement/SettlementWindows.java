package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The settlement periods: tumbling event-time windows, {@code [start, end)}, cut for each merchant
 * in its time zone ({@link MerchantTimeZones}). How {@code settlement.window} (the length), {@code
 * settlement.window-offset} and the zone combine:
 *
 * <ul>
 *   <li><b>Daily</b> ({@code length} exactly 24 h): one window per <b>local calendar day</b> of
 *       the zone, from local midnight to the next local midnight, by the zone's rules: 23 hours on
 *       the day clocks go forward, 25 on the day they go back. The offset moves the cut to that
 *       local time of day; it must be 0 unless every zone has a fixed offset (UTC, {@code +05:30}),
 *       because a local cut at, say, 02:00 does not exist on a spring-forward day and happens twice
 *       on an autumn one.
 *   <li><b>Shorter</b> (an hour, a minute): fixed-length windows from the epoch shifted by the
 *       offset, as before zones existed; the zone only names the business date.
 *   <li><b>Longer</b> (48 h, 7 d): fixed-length windows from local midnight of 1970-01-01 shifted
 *       by the offset; only zones with a fixed offset are accepted (a local calendar has no fixed
 *       multi-day length).
 * </ul>
 * In UTC every rule gives exactly the windows of before (the start is the epoch shifted by the
 * offset), so a UTC merchant's windows, and their {@link SettlementId}s, are unchanged. A window
 * opened before zones existed has no zone in state ({@code null}) and is cut in UTC, the rule it
 * was opened under.
 *
 * <p>The <b>business date</b> of a window is the local date of its start in its zone.
 */
public final class SettlementWindows implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** The zone of a window opened before zones existed: its cut was by a fixed offset from UTC. */
    public static final String LEGACY_ZONE = "UTC";

    private final long lengthMillis;
    private final long offsetMillis;
    private final MerchantTimeZones zones;
    private transient Map<String, ZoneId> zoneIds;

    /** Every merchant in UTC. */
    public SettlementWindows(long lengthMillis, long offsetMillis) {
        this(lengthMillis, offsetMillis, MerchantTimeZones.utc());
    }

    /**
     * @param lengthMillis window length, positive
     * @param offsetMillis where windows start, {@code 0 <= offset < length}; see the class comment
     * @throws IllegalArgumentException for a combination that makes no sense (see {@link #problemWith})
     */
    public SettlementWindows(long lengthMillis, long offsetMillis, MerchantTimeZones zones) {
        Preconditions.checkArgument(lengthMillis > 0, "settlement window length must be positive, got %s", lengthMillis);
        Preconditions.checkArgument(offsetMillis >= 0 && offsetMillis < lengthMillis,
                "settlement window offset must be at least 0 and less than the length %s, got %s",
                lengthMillis, offsetMillis);
        String problem = problemWith(lengthMillis, offsetMillis, zones);
        Preconditions.checkArgument(problem == null, problem);
        this.lengthMillis = lengthMillis;
        this.offsetMillis = offsetMillis;
        this.zones = zones;
    }

    /**
     * Why this length and offset cannot be cut in these zones, or null when they can: a daily
     * window with an offset in a zone that changes its offset, or a window longer than a day in a
     * zone that changes its offset.
     */
    @Nullable
    public static String problemWith(long lengthMillis, long offsetMillis, MerchantTimeZones zones) {
        Preconditions.checkNotNull(zones, "zones");
        if (lengthMillis == DAY && offsetMillis != 0 && !zones.allFixedOffsets()) {
            return "a daily window is cut at local midnight in a zone with daylight-saving changes; a local cut-off at "
                    + Duration.ofMillis(offsetMillis) + " would not exist on some days and happen twice on others: "
                    + "use offset 0s, or only fixed-offset zones (UTC, +05:30)";
        }
        if (lengthMillis > DAY && !zones.allFixedOffsets()) {
            return "a window longer than a day (" + Duration.ofMillis(lengthMillis) + ") has no fixed length in a zone "
                    + "with daylight-saving changes: use a daily or shorter window, or only fixed-offset zones";
        }
        return null;
    }

    /** One window per UTC day, 00:00 to 24:00. */
    public static SettlementWindows dailyUtc() {
        return new SettlementWindows(DAY, 0);
    }

    /** Whether a window in {@code zone} is cut by the UTC rule: no zone (opened before zones), or UTC itself. */
    public static boolean isUtcRule(@Nullable String zone) {
        if (zone == null || zone.equals(LEGACY_ZONE)) {
            return true;
        }
        var rules = ZoneId.of(zone).getRules();
        return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /** The zone the merchant's new windows are cut in. */
    public String zoneOf(String merchantId) {
        return zones.zoneOf(merchantId);
    }

    /** The start of the UTC window holding {@code eventTimeMillis}: the rule before zones. */
    public long windowStartOf(long eventTimeMillis) {
        return windowStartOf(eventTimeMillis, LEGACY_ZONE);
    }

    /** The exclusive end of the UTC window starting at {@code windowStartMillis}. */
    public long windowEndOf(long windowStartMillis) {
        return windowEndOf(windowStartMillis, LEGACY_ZONE);
    }

    /**
     * The start of the window holding {@code eventTimeMillis} in {@code zone} (null: {@link
     * #LEGACY_ZONE}). Fixed-length windows use floor arithmetic, so a negative time lands in the
     * window before the epoch, as Flink's {@code TimeWindow.getWindowStartWithOffset}; reducing
     * modulo the length first keeps {@code time - offset} from overflowing.
     *
     * @throws ArithmeticException when that start would lie before {@link Long#MIN_VALUE}
     */
    public long windowStartOf(long eventTimeMillis, @Nullable String zone) {
        ZoneId z = zone(zone);
        if (isLocalCalendarDay(z)) {
            LocalDate day = Instant.ofEpochMilli(eventTimeMillis).atZone(z).toLocalDate();
            return day.atStartOfDay(z).toInstant().toEpochMilli();
        }
        long offset = effectiveOffset(z);
        long intoWindow = Math.floorMod(Math.floorMod(eventTimeMillis, lengthMillis) - offset, lengthMillis);
        return Math.subtractExact(eventTimeMillis, intoWindow);
    }

    /**
     * The exclusive end of the window starting at {@code windowStartMillis} in {@code zone}: the
     * next local midnight for daily windows in a zone with daylight-saving changes (23, 24 or 25
     * hours later), else start + length.
     *
     * @throws ArithmeticException when it would lie after {@link Long#MAX_VALUE}
     */
    public long windowEndOf(long windowStartMillis, @Nullable String zone) {
        ZoneId z = zone(zone);
        if (isLocalCalendarDay(z)) {
            LocalDate day = Instant.ofEpochMilli(windowStartMillis).atZone(z).toLocalDate();
            return day.plusDays(1).atStartOfDay(z).toInstant().toEpochMilli();
        }
        return Math.addExact(windowStartMillis, lengthMillis);
    }

    /** The business date of the window starting at {@code windowStartMillis}: its local date in {@code zone}. */
    public LocalDate businessDateOf(long windowStartMillis, @Nullable String zone) {
        return Instant.ofEpochMilli(windowStartMillis).atZone(zone(zone)).toLocalDate();
    }

    /** Daily windows in a zone whose offset changes: cut by the zone's rules, never by an offset. */
    private boolean isLocalCalendarDay(ZoneId zone) {
        return lengthMillis == DAY && !zone.getRules().isFixedOffset();
    }

    /**
     * The offset from the epoch of fixed-length windows: {@code settlement.window-offset}, and for
     * windows of a day or more also the zone's (fixed) offset, so that they start at local time.
     */
    private long effectiveOffset(ZoneId zone) {
        if (lengthMillis < DAY) {
            return offsetMillis;
        }
        long zoneOffset = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
        return Math.floorMod(offsetMillis - zoneOffset, lengthMillis);
    }

    private ZoneId zone(@Nullable String zone) {
        if (zone == null || zone.equals(LEGACY_ZONE)) {
            return ZoneOffset.UTC;
        }
        if (zoneIds == null) {
            zoneIds = new HashMap<>();
        }
        return zoneIds.computeIfAbsent(zone, ZoneId::of);
    }

    public long lengthMillis() {
        return lengthMillis;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    public MerchantTimeZones zones() {
        return zones;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettlementWindows other && lengthMillis == other.lengthMillis
                && offsetMillis == other.offsetMillis && zones.equals(other.zones);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(lengthMillis) * 31 + Long.hashCode(offsetMillis)) * 31 + zones.hashCode();
    }

    @Override
    public String toString() {
        return "SettlementWindows{length=" + Duration.ofMillis(lengthMillis) + ", offset="
                + Duration.ofMillis(offsetMillis) + ", zones=" + zones + "}";
    }
}
