package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.functions.settlement.MerchantTimeZones;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconciliation tool's own settlement windows, written apart from the job's ({@code
 * SettlementWindows} is not called): the same rule, stated in README's Settlement section, so a
 * bug in one shows up as a mismatch against the other.
 *
 * <ul>
 *   <li>24-hour windows in a zone with daylight-saving changes: the payment's local date-time in
 *       the merchant's zone, truncated to the day, to the next day: 23, 24 or 25 hours.
 *   <li>Every other window: fixed length, aligned to the epoch plus the offset; for a day or more
 *       also to the (fixed) zone's offset.
 *   <li>A window the job opened under the UTC rule, before zones or while the merchant was in
 *       UTC, is recognised by its line ({@code time_zone} UTC, or none on a version-1 record):
 *       the merchant's payments within its bounds are its own ({@link #utcRuleLine}).
 * </ul>
 * The business date is the local date of the window's start in its zone.
 */
final class MerchantDays {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** A settlement line's window and the zone it was cut in. */
    record Window(SettlementLineKey line, String zone, String businessDate) {}

    private final long windowMillis;
    private final long offsetMillis;
    private final MerchantTimeZones zones;
    private final Map<String, List<SettlementLineKey>> utcRuleLines = new HashMap<>();

    MerchantDays(long windowMillis, long offsetMillis, MerchantTimeZones zones) {
        this.windowMillis = windowMillis;
        this.offsetMillis = offsetMillis;
        this.zones = zones;
    }

    /** An emitted line cut by the UTC rule while its merchant's zone is another: it keeps its payments. */
    void utcRuleLine(SettlementLineKey line) {
        if (!cutsLikeUtc(zones.zoneOf(line.merchantId()))) {
            utcRuleLines.computeIfAbsent(line.merchantId() + "/" + line.currency(), k -> new ArrayList<>()).add(line);
        }
    }

    Window windowOf(String merchantId, String currency, long eventTimeMillis) {
        for (SettlementLineKey old : utcRuleLines.getOrDefault(merchantId + "/" + currency, List.of())) {
            if (old.windowStartMillis() <= eventTimeMillis && eventTimeMillis < old.windowEndMillis()) {
                return new Window(old, "UTC", dateOf(old.windowStartMillis(), ZoneOffset.UTC));
            }
        }
        String zoneId = zones.zoneOf(merchantId);
        ZoneId zone = ZoneId.of(zoneId);
        long start;
        long end;
        if (windowMillis == DAY && !zone.getRules().isFixedOffset()) {
            ZonedDateTime day = Instant.ofEpochMilli(eventTimeMillis).atZone(zone).truncatedTo(ChronoUnit.DAYS);
            start = day.toInstant().toEpochMilli();
            end = day.plusDays(1).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        } else {
            long align = offsetMillis;
            if (windowMillis >= DAY) {
                align -= zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
            }
            start = eventTimeMillis - Math.floorMod(eventTimeMillis - align, windowMillis);
            end = start + windowMillis;
        }
        return new Window(new SettlementLineKey(merchantId, currency, start, end), zoneId, dateOf(start, zone));
    }

    private static String dateOf(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().toString();
    }

    private static boolean cutsLikeUtc(String zone) {
        var rules = ZoneId.of(zone).getRules();
        return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }
}
