package com.cardpay.payments.connectors.contracts.settlements;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code payments.settlements} records back into settlements. Besides each field, it holds a
 * record to the contract's rule between fields: revision 0 is no adjustment and has no delta, every
 * later revision is an adjustment with its delta. {@code late_payments} is optional (0 when absent).
 * Reads schema versions 1 and 2 (which added the optional {@code time_zone} and {@code
 * business_date}: null when absent).
 */
public final class SettlementReader {
    private SettlementReader() {}

    public static Settlement read(byte[] value) throws UnreadableRecordException {
        JsonRecord r = JsonRecord.read(SettlementsTopic.NAME, value, SettlementJson.OLDEST_READABLE_VERSION,
                SettlementJson.SCHEMA_VERSION);
        int revision = r.smallInteger("revision");
        boolean adjustment = r.bool("is_adjustment");
        JsonRecord d = r.optionalObject("delta");
        if (revision < 0 || adjustment != (revision > 0) || (d != null) != adjustment) {
            throw r.problem("revision", "0 goes without is_adjustment and delta, a later one with both");
        }
        JsonRecord fees = r.object("fee_plan");
        SettlementDelta delta = d == null ? null
                : new SettlementDelta(amounts(d), d.integer("fees_minor"), d.integer("net_minor"));
        return new Settlement(r.text("settlement_id"), r.text("merchant_id"), r.text("currency"),
                r.instant("window_start"), r.instant("window_end"), revision, adjustment,
                amounts(r), r.integer("fees_minor"), r.integer("net_minor"),
                fees.smallInteger("basis_points"), fees.integer("fixed_fee_minor"),
                r.has("late_payments") ? r.integer("late_payments") : 0, delta, timeZone(r), businessDate(r));
    }

    /** Optional (version 2 on), and only together with {@code business_date}. */
    private static String timeZone(JsonRecord r) throws UnreadableRecordException {
        if (r.has("time_zone") != r.has("business_date")) {
            throw r.problem("time_zone", "goes with business_date: both or neither");
        }
        if (!r.has("time_zone")) {
            return null;
        }
        String zone = r.text("time_zone");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw r.problem("time_zone", "is not a time zone id");
        }
        return zone;
    }

    private static String businessDate(JsonRecord r) throws UnreadableRecordException {
        if (!r.has("business_date")) {
            return null;
        }
        try {
            return LocalDate.parse(r.text("business_date")).toString();
        } catch (DateTimeParseException e) {
            throw r.problem("business_date", "is not an ISO date (2026-03-29)");
        }
    }

    /** The eight figures, as {@link SettlementJson} writes them for the totals and for the delta. */
    private static SettlementAmounts amounts(JsonRecord r) throws UnreadableRecordException {
        return new SettlementAmounts(r.integer("purchase_count"), r.integer("gross_minor"), r.integer("refund_count"),
                r.integer("refund_minor"), r.integer("chargeback_count"), r.integer("chargeback_minor"),
                r.integer("declined_count"), r.integer("declined_minor"));
    }
}
