package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementAdjustmentTest.EXPIRY0;
import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.settlement.SettlementPayments.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** Settlement state is bounded by timers, and it survives a checkpoint and restore. */
class SettlementStateCleanupTest {

    @Test
    void stateAndTimersAreGoneOnceTheHorizonPasses() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 100), purchase(hours(2), 100).currency("USD"), purchase(DAY + hours(1), 100));
            h.watermark(CLOSE0);
            h.send(refund(hours(3), 10));
            h.watermark(CLOSE0 + 1);
            assertThat(h.settlements()).hasSize(3);

            h.watermark(EXPIRY0 - 1);
            assertThat(h.settlements()).as("DAY0 + 1 emitted too").hasSize(4);
            assertThat(h.stateEntries()).isPositive();
            assertThat(h.timers()).as("cleanup of DAY0 in EUR and USD, of DAY0 + 1 in EUR").isEqualTo(3);

            h.watermark(EXPIRY0);
            assertThat(h.timers()).isEqualTo(1);
            h.watermark(EXPIRY0 + DAY);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
            assertThat(h.settlements()).as("cleanup emits nothing").hasSize(4);
        }
    }

    @Test
    void openAndClosedWindowsSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (SettlementHarness before = SettlementHarness.open()) {
            before.send(purchase(hours(1), 10_000), purchase(DAY + hours(1), 2_000));
            before.watermark(CLOSE0);
            assertThat(before.settlements()).hasSize(1);
            before.send(purchase(hours(2), 5_000));
            snapshot = before.harness.snapshot(1L, CLOSE0);
        }

        try (SettlementHarness restored = SettlementHarness.restore(snapshot)) {
            assertThat(restored.timers()).as("batch, DAY0 cleanup, DAY0 + 1 close").isEqualTo(3);
            restored.send(purchase(DAY + hours(2), 3_000));
            restored.watermark(CLOSE0 + DAY);

            assertThat(restored.settlements())
                    .extracting(Settlement::windowStartMillis, Settlement::revision, s -> s.amounts().grossMinor(),
                            s -> s.delta() == null ? null : s.delta().amounts().grossMinor())
                    .containsExactly(tuple(SettlementPayments.DAY0, 1, 15_000L, 5_000L),
                            tuple(SettlementPayments.DAY0 + DAY, 0, 5_000L, null));

            restored.watermark(EXPIRY0 + DAY);
            assertThat(restored.stateEntries()).isZero();
            assertThat(restored.timers()).isZero();
        }
    }
}
