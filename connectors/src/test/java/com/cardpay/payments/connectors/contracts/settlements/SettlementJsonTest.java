package com.cardpay.payments.connectors.contracts.settlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/**
 * The value of {@code payments.settlements}, pinned to the byte: field names, order and number
 * formatting, every figure distinct (so a swapped pair shows) and at the limits of a long. The
 * contract tests check the schema; this checks nothing moved within it.
 */
class SettlementJsonTest {
    private static final long START = 1_795_478_400_000L; // 2026-11-24T00:00:00Z
    private static final long END = START + 86_400_000L;
    private static final String HEAD = "{\"schema_version\":2,\"settlement_id\":\"stl_0123456789abcdefABCDEF\","
            + "\"merchant_id\":\"m-1\",\"currency\":\"EUR\",\"window_start\":\"2026-11-24T00:00:00Z\","
            + "\"window_end\":\"2026-11-25T00:00:00Z\",";

    @Test
    void aFirstEmission() {
        Settlement first = new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", START, END, 0, false,
                new SettlementAmounts(2, 10_000, 0, 0, 0, 0, 1, 70_000), 390, 9_610, 290, 50, 0, null);

        assertThat(json(first)).isEqualTo(HEAD + "\"revision\":0,\"is_adjustment\":false,"
                + "\"purchase_count\":2,\"gross_minor\":10000,\"refund_count\":0,\"refund_minor\":0,"
                + "\"chargeback_count\":0,\"chargeback_minor\":0,\"declined_count\":1,\"declined_minor\":70000,"
                + "\"fees_minor\":390,\"net_minor\":9610,"
                + "\"fee_plan\":{\"basis_points\":290,\"fixed_fee_minor\":50},\"late_payments\":0}");
    }

    @Test
    void theZoneAndBusinessDateFollowTheWindow() {
        Settlement zoned = new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", START, END, 0, false,
                new SettlementAmounts(2, 10_000, 0, 0, 0, 0, 1, 70_000), 390, 9_610, 290, 50, 0, null,
                "America/New_York", "2026-11-23");

        assertThat(json(zoned)).startsWith(HEAD + "\"time_zone\":\"America/New_York\",\"business_date\":\"2026-11-23\","
                + "\"revision\":0,");
    }

    @Test
    void anAdjustmentWithItsDelta() {
        Settlement adjustment = new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", START, END, 3, true,
                new SettlementAmounts(-1, Long.MAX_VALUE, 2, 3, 4, 5, 6, Long.MIN_VALUE), 7, -8, 290, 50, 9,
                new SettlementDelta(new SettlementAmounts(-11, 12, 13, -14, 15, 16, 17, 18), 19, -20));

        assertThat(json(adjustment)).isEqualTo(HEAD + "\"revision\":3,\"is_adjustment\":true,"
                + "\"purchase_count\":-1,\"gross_minor\":9223372036854775807,\"refund_count\":2,\"refund_minor\":3,"
                + "\"chargeback_count\":4,\"chargeback_minor\":5,\"declined_count\":6,"
                + "\"declined_minor\":-9223372036854775808,\"fees_minor\":7,\"net_minor\":-8,"
                + "\"fee_plan\":{\"basis_points\":290,\"fixed_fee_minor\":50},\"late_payments\":9,"
                + "\"delta\":{\"purchase_count\":-11,\"gross_minor\":12,\"refund_count\":13,\"refund_minor\":-14,"
                + "\"chargeback_count\":15,\"chargeback_minor\":16,\"declined_count\":17,\"declined_minor\":18,"
                + "\"fees_minor\":19,\"net_minor\":-20}}");
    }

    private static String json(Settlement s) {
        return new String(SettlementJson.settlement(s), StandardCharsets.UTF_8);
    }
}
