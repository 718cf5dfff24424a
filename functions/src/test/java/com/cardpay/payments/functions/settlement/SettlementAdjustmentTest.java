package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.chargeback;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.settlement.SettlementPayments.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cardpay.payments.functions.fraud.Decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** Payments for emitted windows: never dropped, they make adjustment revisions. */
class SettlementAdjustmentTest {
    /** The DAY0 window takes adjustments until the watermark reaches this (2 days of horizon). */
    static final long EXPIRY0 = CLOSE0 + 2 * DAY;

    @Test
    void latePaymentsMakeRevisionsWithCumulativeTotalsAndDeltas() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            assertThat(h.settlements()).singleElement().extracting(Settlement::feesMinor, Settlement::netMinor)
                    .containsExactly(320L, 9_680L);

            h.send(purchase(hours(2), 5_000));
            assertThat(h.settlements()).as("batched until the watermark moves").hasSize(1);
            h.watermark(CLOSE0 + 1);

            Settlement rev1 = h.settlements().get(1);
            assertThat(rev1.settlementId()).isEqualTo(h.settlements().get(0).settlementId());
            assertThat(rev1.revision()).isEqualTo(1);
            assertThat(rev1.isAdjustment()).isTrue();
            assertThat(rev1.amounts().purchaseCount()).isEqualTo(2);
            assertThat(rev1.amounts().grossMinor()).isEqualTo(15_000);
            assertThat(rev1.feesMinor()).isEqualTo(435 + 60);
            assertThat(rev1.netMinor()).isEqualTo(14_505);
            assertThat(rev1.lateEventCount()).isEqualTo(1);
            assertThat(rev1.delta())
                    .isEqualTo(new SettlementDelta(new SettlementAmounts(1, 5_000, 0, 0, 0, 0, 0, 0), 175, 4_825));

            h.send(refund(hours(3), 1_000));
            h.watermark(CLOSE0 + hours(5));

            Settlement rev2 = h.settlements().get(2);
            assertThat(rev2.revision()).isEqualTo(2);
            assertThat(rev2.isAdjustment()).isTrue();
            assertThat(rev2.amounts().refundCount()).isEqualTo(1);
            assertThat(rev2.amounts().refundMinor()).isEqualTo(1_000);
            assertThat(rev2.feesMinor()).isEqualTo(495);
            assertThat(rev2.netMinor()).isEqualTo(13_505);
            assertThat(rev2.lateEventCount()).isEqualTo(2);
            assertThat(rev2.delta())
                    .isEqualTo(new SettlementDelta(new SettlementAmounts(0, 0, 1, 1_000, 0, 0, 0, 0), 0, -1_000));

            assertThat(h.counter("payments_settlement_lines_emitted")).isEqualTo(3);
            assertThat(h.counter("payments_settlement_adjustments")).isEqualTo(2);
            assertThat(h.counter("payments_settlement_late_payments")).isEqualTo(2);
        }
    }

    @Test
    void theFeeIsChargedOnceOnTheFinalTotalsNotPerRevision() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 50));
            h.watermark(CLOSE0);
            h.send(purchase(hours(2), 50));
            h.watermark(CLOSE0 + 1);

            // 2.9 % of 50 is 1.45 -> 1; of 100, 2.9 -> 3: the second purchase adds 2 + 30, not 1 + 30
            assertThat(h.settlements()).extracting(Settlement::feesMinor).containsExactly(31L, 63L);
            assertThat(h.settlements().get(1).delta().feesMinor()).isEqualTo(32);

            long[] amounts = {17, 33, 1, 999, 1_234_567, 3};
            long watermark = CLOSE0 + 1;
            for (long amount : amounts) {
                h.send(amount % 2 == 0 ? refund(hours(3), amount) : purchase(hours(3), amount),
                        chargeback(hours(4), 1).decision(amount > 100 ? Decision.DECLINE : Decision.APPROVE));
                h.watermark(++watermark);
            }

            List<Settlement> revisions = h.settlements();
            assertThat(revisions).extracting(Settlement::revision).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            Settlement last = revisions.get(revisions.size() - 1);
            SettlementDelta sum = sumOfDeltasWithRevisionZero(revisions);
            assertThat(sum).isEqualTo(new SettlementDelta(last.amounts(), last.feesMinor(), last.netMinor()));
            assertThat(last.feesMinor())
                    .isEqualTo(new FeePlan(290, 30).feeMinor(last.amounts().purchaseCount(), last.amounts().grossMinor()));
        }
    }

    @Test
    void latePaymentsBetweenTwoWatermarksMakeOneRevisionPerWindow() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 100), purchase(DAY + hours(1), 1_000));
            h.watermark(CLOSE0 + DAY);
            assertThat(h.settlements()).hasSize(2);

            h.send(purchase(DAY + hours(2), 2_000), purchase(hours(2), 200), purchase(hours(3), 300),
                    refund(hours(4), 50), refund(DAY + hours(3), 10));
            assertThat(h.settlements()).hasSize(2);
            assertThat(h.timers()).as("two cleanup timers and one batch timer").isEqualTo(3);

            h.watermark(CLOSE0 + DAY + 1);
            assertThat(h.settlements().subList(2, h.settlements().size()))
                    .extracting(Settlement::windowStartMillis, Settlement::revision, Settlement::lateEventCount,
                            s -> s.delta().amounts().purchaseCount(), s -> s.delta().amounts().grossMinor(),
                            s -> s.delta().amounts().refundMinor())
                    .containsExactly(tuple(DAY0, 1, 3L, 2L, 500L, 50L), tuple(DAY0 + DAY, 1, 2L, 1L, 2_000L, 10L));
            assertThat(h.counter("payments_settlement_late_payments")).isEqualTo(5);
            assertThat(h.counter("payments_settlement_adjustments")).isEqualTo(2);

            h.watermark(CLOSE0 + DAY + 2);
            assertThat(h.settlements()).as("nothing pending, nothing more").hasSize(4);
        }
    }

    @Test
    void aWindowThatHadNoPaymentWhenItClosedGetsItsRevisionZeroLate() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.watermark(CLOSE0 + hours(3));
            h.send(purchase(hours(1), 10_000), refund(hours(2), 500));
            h.watermark(CLOSE0 + hours(4));

            assertThat(h.settlements()).singleElement().satisfies(s -> {
                assertThat(s.revision()).isZero();
                assertThat(s.isAdjustment()).isFalse();
                assertThat(s.delta()).isNull();
                assertThat(s.lateEventCount()).isEqualTo(2);
                assertThat(s.netMinor()).isEqualTo(10_000 - 500 - 320);
            });

            h.send(purchase(hours(3), 1_000));
            h.watermark(CLOSE0 + hours(5));
            assertThat(h.settlements().get(1).revision()).isEqualTo(1);
            assertThat(h.settlements().get(1).delta().amounts().grossMinor()).isEqualTo(1_000);
        }
    }

    @Test
    void paymentsPastTheHorizonGoToTheSideOutputNotDropped() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(EXPIRY0 - 1);
            h.send(purchase(hours(2), 1_000));
            h.watermark(EXPIRY0);
            assertThat(h.settlements()).extracting(Settlement::revision, s -> s.amounts().grossMinor())
                    .as("the last moment still adjusts").containsExactly(tuple(0, 10_000L), tuple(1, 11_000L));

            SettlementPayments tooLate = refund(hours(3), 700);
            h.send(tooLate, purchase(DAY - 1, 5));
            assertThat(h.settlements()).hasSize(2);
            assertThat(h.beyondHorizon()).extracting(p -> p.payment().amountMinor()).containsExactly(700L, 5L);
            assertThat(h.counter("payments_settlement_beyond_horizon")).isEqualTo(2);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void withoutAHorizonEveryPaymentAfterRevisionZeroGoesToTheSideOutput() throws Exception {
        try (SettlementHarness h = SettlementHarness.open(SettlementWindows.dailyUtc(), SettlementHarness.LATENESS,
                Duration.ZERO)) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();

            h.send(purchase(hours(2), 1));
            assertThat(h.beyondHorizon()).hasSize(1);
            assertThat(h.settlements()).hasSize(1);
        }
    }

    private static SettlementDelta sumOfDeltasWithRevisionZero(List<Settlement> revisions) {
        Settlement first = revisions.get(0);
        long[] sum = figures(first.amounts(), first.feesMinor(), first.netMinor());
        for (Settlement s : revisions.subList(1, revisions.size())) {
            SettlementDelta d = s.delta();
            long[] delta = figures(d.amounts(), d.feesMinor(), d.netMinor());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += delta[i];
            }
        }
        return new SettlementDelta(new SettlementAmounts(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7]),
                sum[8], sum[9]);
    }

    private static long[] figures(SettlementAmounts a, long feesMinor, long netMinor) {
        return new long[] {a.purchaseCount(), a.grossMinor(), a.refundCount(), a.refundMinor(), a.chargebackCount(),
            a.chargebackMinor(), a.declinedCount(), a.declinedMinor(), feesMinor, netMinor};
    }

    @Test
    void eventTimeStandingStillKeepsAdjustmentsWaitingNothingIsFlushedByTheClock() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            h.send(purchase(hours(2), 5_000), refund(hours(3), 1_000));

            h.harness.setProcessingTime(Long.MAX_VALUE / 2);
            assertThat(h.settlements()).as("no wall-clock timer publishes anything").hasSize(1);
            assertThat(h.harness.numProcessingTimeTimers()).isZero();

            h.watermark(CLOSE0 + 1);
            assertThat(h.settlements()).hasSize(2);
            assertThat(h.settlements().get(1).delta())
                    .isEqualTo(new SettlementDelta(new SettlementAmounts(1, 5_000, 1, 1_000, 0, 0, 0, 0), 175, 3_825));
        }
    }

    private static final Duration MINUTE_BATCHES = Duration.ofMinutes(1);
    private static final long MINUTE = 60_000;

    @Test
    void latePaymentsAreBatchedByTheirPartitionsWatermarkIntoStretchesAfterTheClose() throws Exception {
        try (SettlementHarness h = SettlementHarness.open(new SettlementWindows(DAY, 0), SettlementHarness.LATENESS,
                SettlementHarness.HORIZON, MINUTE_BATCHES)) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            h.sendReadAt(CLOSE0 + 10_000, purchase(hours(2), 100))
                    .sendReadAt(CLOSE0 + 70_000, purchase(hours(3), 1_000))
                    .sendReadAt(CLOSE0 + 59_999, purchase(hours(4), 10));

            h.watermark(CLOSE0 + MINUTE - 1);
            assertThat(h.settlements()).as("the first stretch ends at close + 1 min").hasSize(1);
            h.watermark(CLOSE0 + MINUTE);
            h.watermark(CLOSE0 + 2 * MINUTE);

            assertThat(h.settlements()).extracting(Settlement::revision, Settlement::lateEventCount,
                            s -> s.delta() == null ? 0L : s.delta().amounts().grossMinor())
                    .containsExactly(tuple(0, 0L, 0L), tuple(1, 2L, 110L), tuple(2, 3L, 1_000L));
        }
    }

    /**
     * The same payments, each read at the same watermark of its own partition, give the same lines
     * however their arrival interleaves with the pipeline's watermark: here a late payment from a
     * partition ahead of the others arrives before the window even closed, and in the other run
     * long after.
     */
    @Test
    void revisionsDependOnEachPaymentsPartitionWatermarkNotOnWhenItArrives() throws Exception {
        List<Settlement> early;
        try (SettlementHarness h = SettlementHarness.open(new SettlementWindows(DAY, 0), SettlementHarness.LATENESS,
                SettlementHarness.HORIZON, MINUTE_BATCHES)) {
            h.sendReadAt(CLOSE0 + 30_000, purchase(hours(5), 700));
            h.sendReadAt(CLOSE0 - 1, purchase(hours(1), 10_000));
            h.watermark(CLOSE0 - 5);
            h.sendReadAt(hours(2), refund(hours(2), 500));
            h.watermark(CLOSE0 + 5 * MINUTE);
            early = h.settlements();
        }
        List<Settlement> late;
        try (SettlementHarness h = SettlementHarness.open(new SettlementWindows(DAY, 0), SettlementHarness.LATENESS,
                SettlementHarness.HORIZON, MINUTE_BATCHES)) {
            h.sendReadAt(hours(2), refund(hours(2), 500));
            h.sendReadAt(CLOSE0 - 1, purchase(hours(1), 10_000));
            h.watermark(CLOSE0);
            h.watermark(CLOSE0 + 20_000);
            h.sendReadAt(CLOSE0 + 30_000, purchase(hours(5), 700));
            h.watermark(CLOSE0 + 5 * MINUTE);
            late = h.settlements();
        }

        assertThat(early).extracting(Settlement::revision, s -> s.amounts().grossMinor(), s -> s.amounts().refundMinor())
                .containsExactly(tuple(0, 10_000L, 500L), tuple(1, 10_700L, 500L));
        assertThat(late).isEqualTo(early);
    }

    @Test
    void aPaymentFromAPartitionThatFellBehindIsSettledInTheNextOpenBatchAndCounted() throws Exception {
        try (SettlementHarness h = SettlementHarness.open(new SettlementWindows(DAY, 0), SettlementHarness.LATENESS,
                SettlementHarness.HORIZON, MINUTE_BATCHES)) {
            h.send(purchase(hours(1), 10_000));
            h.watermark(CLOSE0 + 90_000);
            // its partition went idle before the close and came back now
            h.sendReadAt(CLOSE0 - 1_000, purchase(hours(2), 300));
            assertThat(h.counter("payments_settlement_behind_watermark")).isEqualTo(1);

            h.watermark(CLOSE0 + 2 * MINUTE);
            assertThat(h.settlements()).extracting(Settlement::revision, s -> s.amounts().grossMinor())
                    .containsExactly(tuple(0, 10_000L), tuple(1, 10_300L));
            assertThat(h.beyondHorizon()).isEmpty();
        }
    }
}
