package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementAdjustmentTest.EXPIRY0;
import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.chargeback;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.settlement.SettlementPayments.refund;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A sum, fee or net that does not fit in a long is reported for manual settlement, never emitted. */
class SettlementOverflowTest {
    private static final long HALF = Long.MAX_VALUE / 2 + 1;

    @Test
    void anOverflowingWindowIsReportedInsteadOfEmitted() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), HALF), purchase(hours(2), HALF), purchase(hours(3), 1).currency("USD"));
            h.watermark(CLOSE0);

            assertThat(h.settlements()).extracting(Settlement::currency).containsExactly("USD");
            assertThat(h.overflows()).containsExactly(new SettlementOverflow(
                    SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY), "m-1", "EUR", DAY0, DAY0 + DAY, 0));
            assertThat(h.counter("payments_settlement_overflows")).isEqualTo(1);
            assertThat(h.counter("payments_settlement_lines_emitted")).isEqualTo(1);
        }
    }

    @Test
    void aFeeThatOverflowsIsReportedToo() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), Long.MAX_VALUE).merchant("m-all"));
            h.watermark(CLOSE0);

            assertThat(h.settlements()).isEmpty();
            assertThat(h.overflows()).extracting(SettlementOverflow::merchantId, SettlementOverflow::revision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("m-all", 0));
        }
    }

    @Test
    void aNetThatOverflowsIsReportedToo() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(refund(hours(1), Long.MAX_VALUE), chargeback(hours(2), Long.MAX_VALUE));
            h.watermark(CLOSE0);

            assertThat(h.settlements()).isEmpty();
            assertThat(h.overflows()).hasSize(1);
        }
    }

    @Test
    void anAdjustmentThatOverflowsIsReportedAndTheWindowStaysFlagged() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), Long.MAX_VALUE - 10).merchant("m-flat"));
            h.watermark(CLOSE0);
            assertThat(h.settlements()).extracting(s -> s.amounts().grossMinor()).containsExactly(Long.MAX_VALUE - 10);

            h.send(purchase(hours(2), 100).merchant("m-flat"));
            h.watermark(CLOSE0 + 1);
            h.send(refund(hours(3), 1).merchant("m-flat"));
            h.watermark(CLOSE0 + 2);

            assertThat(h.settlements()).as("no wrong revision after the good one").hasSize(1);
            assertThat(h.overflows()).extracting(SettlementOverflow::revision).containsExactly(1, 2);
            assertThat(h.counter("payments_settlement_overflows")).isEqualTo(2);

            h.watermark(EXPIRY0);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }
}
