package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IANA time zone each merchant closes its books in: a default zone, and the merchants in
 * another one. Configuration, not state: a window records the zone it was cut in when it opens
 * ({@link SettlementTotals#timeZone}), so a changed zone applies to windows opened afterwards.
 *
 * <p>Zones are kept as ids (text), never as offsets: an offset is right for one half of the year
 * only, the zone's rules ({@code java.time.zone.ZoneRules}) give it for every instant.
 */
public final class MerchantTimeZones implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String defaultZone;
    private final Map<String, String> merchantZones;

    private MerchantTimeZones(String defaultZone, Map<String, String> merchantZones) {
        this.defaultZone = defaultZone;
        this.merchantZones = Map.copyOf(merchantZones);
    }

    /** Every merchant in UTC: the cut-offs before time zones existed. */
    public static MerchantTimeZones utc() {
        return new MerchantTimeZones("UTC", Map.of());
    }

    /**
     * Reads the zones from configuration text.
     *
     * @param defaultZone an IANA zone id ({@code UTC}, {@code Europe/Berlin}) or a fixed offset
     * @param merchantZones comma-separated {@code merchantId=zone} entries, e.g. {@code
     *     m-1=Europe/Berlin,m-2=America/New_York}; empty or blank for none
     * @throws IllegalArgumentException naming the bad entry; {@link DefaultZoneException} when the
     *     default zone is the bad one
     */
    public static MerchantTimeZones parse(String defaultZone, String merchantZones) {
        Preconditions.checkArgument(merchantZones != null, "merchant time zones must not be null (use \"\" for none)");
        String fallback;
        try {
            fallback = zoneId(defaultZone);
        } catch (IllegalArgumentException e) {
            throw new DefaultZoneException("default time zone: " + e.getMessage());
        }
        Map<String, String> zones = new LinkedHashMap<>();
        if (!merchantZones.isBlank()) {
            String[] entries = merchantZones.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].trim();
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    throw bad(i, entry, "expected merchantId=zone, e.g. m-1=Europe/Berlin");
                }
                String merchant = entry.substring(0, eq).trim();
                if (!MERCHANT_ID.matcher(merchant).matches()) {
                    throw bad(i, entry, "merchant id must be 1 to 64 of [A-Za-z0-9_-]");
                }
                String zone;
                try {
                    zone = zoneId(entry.substring(eq + 1).trim());
                } catch (IllegalArgumentException e) {
                    throw bad(i, entry, e.getMessage());
                }
                if (zones.putIfAbsent(merchant, zone) != null) {
                    throw bad(i, entry, "merchant " + merchant + " already has a time zone");
                }
            }
        }
        return new MerchantTimeZones(fallback, zones);
    }

    /** The zone id as given, checked against the platform's time-zone database. */
    private static String zoneId(String text) {
        Preconditions.checkArgument(text != null && !text.isBlank(), "a time zone id is required, e.g. Europe/Berlin");
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text + "' (an IANA id such as Europe/Berlin)");
        }
    }

    private static IllegalArgumentException bad(int index, String entry, String why) {
        return new IllegalArgumentException("merchant time zone entry " + (index + 1) + " '" + entry + "': " + why);
    }

    /** The zone id the merchant's windows are cut in now. */
    public String zoneOf(String merchantId) {
        return merchantZones.getOrDefault(merchantId, defaultZone);
    }

    public String defaultZone() {
        return defaultZone;
    }

    /** The merchants with their own zone; unmodifiable. */
    public Map<String, String> merchantZones() {
        return merchantZones;
    }

    /** Whether every configured zone keeps one offset all year (UTC, {@code +05:30}): no DST. */
    public boolean allFixedOffsets() {
        return isFixed(defaultZone) && merchantZones.values().stream().allMatch(MerchantTimeZones::isFixed);
    }

    /** Whether every configured zone is UTC itself (offset 0 all year). */
    public boolean allUtc() {
        return isUtc(defaultZone) && merchantZones.values().stream().allMatch(MerchantTimeZones::isUtc);
    }

    private static boolean isFixed(String zone) {
        return ZoneId.of(zone).getRules().isFixedOffset();
    }

    private static boolean isUtc(String zone) {
        return isFixed(zone) && ZoneId.of(zone).getRules().getOffset(java.time.Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerchantTimeZones other && defaultZone.equals(other.defaultZone)
                && merchantZones.equals(other.merchantZones);
    }

    @Override
    public int hashCode() {
        return 31 * defaultZone.hashCode() + merchantZones.hashCode();
    }

    @Override
    public String toString() {
        return "MerchantTimeZones{default=" + defaultZone + ", merchants=" + merchantZones + "}";
    }

    /** The default zone itself is wrong (rather than a merchant's entry): another configuration key. */
    public static final class DefaultZoneException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DefaultZoneException(String message) {
            super(message);
        }
    }
}
