package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.chargeback;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.minutes;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.settlement.SettlementPayments.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.ScoredPayment;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Revision 0: when a window is emitted, and what is in it. */
class SettlementEmissionTest {
    /** Revision 0 of the DAY0 window is due at window end - 1 + 1 h of allowed lateness. */
    static final long CLOSE0 = DAY0 + DAY - 1 + hours(1);

    @Test
    void aWindowIsEmittedOnceTheWatermarkPassesItsEndPlusAllowedLateness() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000), refund(hours(2), 3_000), chargeback(hours(3), 1_000),
                    purchase(hours(5), 20_000));

            h.watermark(CLOSE0 - 1);
            assertThat(h.settlements()).isEmpty();

            h.watermark(CLOSE0);
            assertThat(h.settlements()).containsExactly(new Settlement(SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY),
                    "m-1", "EUR", DAY0, DAY0 + DAY, 0, false, new SettlementAmounts(2, 30_000, 1, 3_000, 1, 1_000, 0, 0),
                    870 + 2 * 30, 30_000 - 3_000 - 1_000 - 930, 290, 30, 0, null, "UTC", "2026-11-24"));
            assertThat(h.counter("payments_settlement_lines_emitted")).isEqualTo(1);
            assertThat(h.counter("payments_settlement_adjustments")).isZero();
            assertThat(h.counter("payments_settlement_late_payments")).isZero();
        }
    }

    @Test
    void outOfOrderPaymentsLandInTheirOwnWindow() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(20), 100), purchase(DAY + hours(1), 1_000));
            h.watermark(DAY0 + hours(21));
            h.send(purchase(hours(2), 200), purchase(DAY + minutes(5), 2_000), purchase(hours(23), 300));

            h.watermark(CLOSE0 + DAY);
            assertThat(h.settlements())
                    .extracting(Settlement::windowStartMillis, s -> s.amounts().purchaseCount(),
                            s -> s.amounts().grossMinor())
                    .containsExactly(tuple(DAY0, 3L, 600L), tuple(DAY0 + DAY, 2L, 3_000L));
        }
    }

    @Test
    void paymentsBehindTheWatermarkButWithinAllowedLatenessAreInRevisionZero() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(DAY0 + DAY + minutes(30));
            h.send(purchase(hours(23), 5_000), purchase(hours(1), 1));
            h.watermark(CLOSE0);

            assertThat(h.settlements()).singleElement().satisfies(s -> {
                assertThat(s.revision()).isZero();
                assertThat(s.amounts().purchaseCount()).isEqualTo(3);
                assertThat(s.amounts().grossMinor()).isEqualTo(15_001);
                assertThat(s.lateEventCount()).isZero();
            });
            assertThat(h.counter("payments_settlement_late_payments")).isZero();
        }
    }

    @Test
    void anOffsetMovesTheCutOff() throws Exception {
        try (SettlementHarness h = SettlementHarness.open(new SettlementWindows(DAY, hours(22)), Duration.ZERO,
                Duration.ofDays(1))) {
            h.send(purchase(hours(22) - 1, 100), purchase(hours(22), 200));

            h.watermark(DAY0 + hours(22) - 1);
            assertThat(h.settlements()).extracting(Settlement::windowStartMillis, Settlement::windowEndMillis,
                    s -> s.amounts().grossMinor()).containsExactly(tuple(DAY0 - hours(2), DAY0 + hours(22), 100L));
            h.watermark(DAY0 + DAY + hours(22) - 1);
            assertThat(h.settlements()).extracting(Settlement::windowStartMillis, s -> s.amounts().grossMinor())
                    .containsExactly(tuple(DAY0 - hours(2), 100L), tuple(DAY0 + hours(22), 200L));
        }
    }

    @Test
    void currenciesAndMerchantsAreSeparateLines() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000), purchase(hours(2), 700).currency("USD"),
                    purchase(hours(3), 50).currency("JPY"), purchase(hours(4), 900).merchant("m-2"),
                    purchase(hours(5), 1_000));
            h.watermark(CLOSE0);

            assertThat(h.settlements())
                    .extracting(Settlement::merchantId, Settlement::currency, s -> s.amounts().purchaseCount(),
                            s -> s.amounts().grossMinor())
                    .containsExactlyInAnyOrder(tuple("m-1", "EUR", 2L, 11_000L), tuple("m-1", "USD", 1L, 700L),
                            tuple("m-1", "JPY", 1L, 50L), tuple("m-2", "EUR", 1L, 900L));
            assertThat(h.settlements()).extracting(Settlement::settlementId).doesNotHaveDuplicates();
        }
    }

    @Test
    void declinedPaymentsAreCountedApartAndReviewedOnesSettled() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000), purchase(hours(2), 5_000).decision(Decision.REVIEW),
                    purchase(hours(3), 7_000).decision(Decision.DECLINE),
                    refund(hours(4), 2_000).decision(Decision.DECLINE));
            h.watermark(CLOSE0);

            Settlement s = h.settlements().get(0);
            assertThat(s.amounts().purchaseCount()).isEqualTo(2);
            assertThat(s.amounts().grossMinor()).isEqualTo(15_000);
            assertThat(s.amounts().refundCount()).isZero();
            assertThat(s.amounts().declinedCount()).isEqualTo(2);
            assertThat(s.amounts().declinedMinor()).isEqualTo(9_000);
            assertThat(s.feesMinor()).isEqualTo(435 + 60);
            assertThat(s.netMinor()).isEqualTo(15_000 - 495);
        }
    }

    @Test
    void eachMerchantPaysItsOwnPlan() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000).merchant("m-flat"));
            h.watermark(CLOSE0);

            assertThat(h.settlements()).singleElement().satisfies(s -> {
                assertThat(s.feesMinor()).isZero();
                assertThat(s.netMinor()).isEqualTo(10_000);
                assertThat(s.feeBasisPoints()).isZero();
            });
        }
    }

    @Test
    void nothingIsEmittedForAWindowWithoutPayments() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.watermark(CLOSE0 + 10 * DAY);
            assertThat(h.settlements()).isEmpty();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aPaymentKeyedIntoAnotherLineFailsTheJob() throws Exception {
        SettlementAggregator aggregator = new SettlementAggregator(SettlementWindows.dailyUtc(), SettlementHarness.FEES,
                SettlementHarness.LATENESS, SettlementHarness.HORIZON, SettlementHarness.BATCH);
        // keyed by merchant only, as a wiring mistake would
        try (KeyedOneInputStreamOperatorTestHarness<String, ScoredPayment, Settlement> wrong =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(aggregator),
                        p -> p.payment().merchantId(), Types.STRING)) {
            wrong.open();
            ScoredPayment p = purchase(hours(1), 123_456).currency("USD").build();

            assertThatThrownBy(() -> wrong.processElement(p, p.payment().eventTimeMillis()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(p.payment().paymentId())
                    .hasMessageContaining("USD")
                    .hasMessageContaining("SettlementKey.of")
                    .hasMessageNotContaining("123456")
                    .hasMessageNotContaining(p.payment().cardToken());
            assertThat(wrong.numKeyedStateEntries()).isZero();
        }
    }
}
