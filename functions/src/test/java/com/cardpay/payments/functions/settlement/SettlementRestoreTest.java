package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementAdjustmentTest.EXPIRY0;
import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * After a restore the operator's watermark starts again from nothing (Flink does not checkpoint
 * watermarks), and the payments replayed from the source arrive before the first new watermark.
 * A payment for a window already emitted, or already forgotten past its horizon, must still be
 * an adjustment, or go beyond the horizon: never a second revision 0 that overwrites the window's
 * cumulative totals, and never a window settled again from zero.
 */
class SettlementRestoreTest {

    @Test
    void aLatePaymentReplayedBeforeTheFirstWatermarkAfterARestoreIsAnAdjustment() throws Exception {
        OperatorSubtaskState snapshot;
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            assertThat(h.settlements()).singleElement().extracting(Settlement::revision).isEqualTo(0);
            snapshot = h.harness.snapshot(1, CLOSE0);
        }
        try (SettlementHarness restored = SettlementHarness.restore(snapshot)) {
            restored.send(purchase(hours(2), 5_000));   // before any watermark
            restored.watermark(CLOSE0 + 1);

            assertThat(restored.settlements()).singleElement().satisfies(s -> {
                assertThat(s.revision()).isEqualTo(1);
                assertThat(s.isAdjustment()).isTrue();
                assertThat(s.amounts().grossMinor()).as("cumulative").isEqualTo(15_000);
                assertThat(s.delta().amounts().grossMinor()).isEqualTo(5_000);
            });
        }
    }

    @Test
    void aPaymentForAWindowForgottenBeforeTheRestoreStaysBeyondTheHorizon() throws Exception {
        OperatorSubtaskState snapshot;
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(EXPIRY0);
            assertThat(h.settlements()).hasSize(1);
            snapshot = h.harness.snapshot(1, EXPIRY0);
        }
        try (SettlementHarness restored = SettlementHarness.restore(snapshot)) {
            restored.send(purchase(hours(2), 5_000));   // before any watermark
            restored.watermark(EXPIRY0 + 1);

            assertThat(restored.settlements()).as("no window settled again from zero").isEmpty();
            assertThat(restored.beyondHorizon()).hasSize(1);
        }
    }
}
