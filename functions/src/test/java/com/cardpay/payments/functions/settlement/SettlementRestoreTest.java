package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Flink does not checkpoint the watermark: after a restore it starts again from nothing until the
 * sources emit one. A late payment that arrives in between must still adjust the window closed
 * before the restore, not open it afresh (found by the fault suite: a second revision 0 with the
 * late payment alone, which a ledger would post twice, and the window's earlier totals lost).
 */
class SettlementRestoreTest {

    @Test
    void aLatePaymentBeforeTheFirstWatermarkAfterARestoreAdjustsTheClosedWindow() throws Exception {
        OperatorSubtaskState snapshot;
        try (SettlementHarness before = SettlementHarness.open()) {
            before.send(purchase(hours(1), 10_000));
            before.watermark(CLOSE0);
            assertThat(before.settlements()).hasSize(1);
            snapshot = before.harness.snapshot(1L, CLOSE0);
        }

        try (SettlementHarness restored = SettlementHarness.restore(snapshot)) {
            restored.send(purchase(hours(2), 5_000));
            restored.watermark(CLOSE0 + 1);

            assertThat(restored.settlements())
                    .extracting(Settlement::revision, s -> s.amounts().grossMinor(),
                            s -> s.delta() == null ? null : s.delta().amounts().grossMinor())
                    .containsExactly(tuple(1, 15_000L, 5_000L));
        }
    }
}
