package com.cardpay.payments.connectors.contracts.settlements;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes {@code payments.settlements} records, field by field, in the order and names of
 * {@code payments.settlements.schema.json}: each revision carries the cumulative totals, and an
 * adjustment also its {@code delta}.
 *
 * <p>Version 2 added the optional {@code time_zone} and {@code business_date} beside the window's
 * bounds; nothing else changed, so a version-1 consumer that ignores unknown fields reads it as before.
 */
public final class SettlementJson {
    public static final int SCHEMA_VERSION = 2;
    /** The oldest version {@link SettlementReader} still reads: lines emitted before the zones. */
    public static final int OLDEST_READABLE_VERSION = 1;

    private SettlementJson() {}

    public static byte[] settlement(Settlement s) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("settlement_id", s.settlementId());
            g.writeStringField("merchant_id", s.merchantId());
            g.writeStringField("currency", s.currency());
            g.writeStringField("window_start", Instant.ofEpochMilli(s.windowStartMillis()).toString());
            g.writeStringField("window_end", Instant.ofEpochMilli(s.windowEndMillis()).toString());
            if (s.timeZone() != null) {
                g.writeStringField("time_zone", s.timeZone());
                g.writeStringField("business_date", s.businessDate());
            }
            g.writeNumberField("revision", s.revision());
            g.writeBooleanField("is_adjustment", s.isAdjustment());
            amounts(g, s.amounts(), s.feesMinor(), s.netMinor());
            g.writeObjectFieldStart("fee_plan");
            g.writeNumberField("basis_points", s.feeBasisPoints());
            g.writeNumberField("fixed_fee_minor", s.fixedFeeMinor());
            g.writeEndObject();
            g.writeNumberField("late_payments", s.lateEventCount());
            SettlementDelta d = s.delta();
            if (d != null) {
                g.writeObjectFieldStart("delta");
                amounts(g, d.amounts(), d.feesMinor(), d.netMinor());
                g.writeEndObject();
            }
        });
    }

    /** The same fields, in the same order, for the cumulative figures and for the delta. */
    private static void amounts(JsonGenerator g, SettlementAmounts a, long feesMinor, long netMinor) throws IOException {
        g.writeNumberField("purchase_count", a.purchaseCount());
        g.writeNumberField("gross_minor", a.grossMinor());
        g.writeNumberField("refund_count", a.refundCount());
        g.writeNumberField("refund_minor", a.refundMinor());
        g.writeNumberField("chargeback_count", a.chargebackCount());
        g.writeNumberField("chargeback_minor", a.chargebackMinor());
        g.writeNumberField("declined_count", a.declinedCount());
        g.writeNumberField("declined_minor", a.declinedMinor());
        g.writeNumberField("fees_minor", feesMinor);
        g.writeNumberField("net_minor", netMinor);
    }
}
