package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;

/**
 * What the settlement stage remembers of a window after it closed, until its adjustment horizon
 * ends: the totals and fee of the last emitted revision (to compute the next delta against), and
 * the current totals with the late payments not yet emitted. State of
 * {@link SettlementAggregator}; public only because Flink's POJO serializer needs it so.
 *
 * @param revision the last revision emitted or reported as overflowed; -1 before the first
 * @param emitted the totals of the last emitted settlement ({@link SettlementTotals#EMPTY} if none)
 * @param emittedFeesMinor the fee of the last emitted settlement, as emitted; the next fee delta is
 *     taken against it, so the deltas add up to the last fee even if the fee plan changed between
 * @param current {@code emitted} plus the late payments since
 * @param pendingLateEvents late payments since the last revision; the next revision is due when
 *     this is above 0
 * @param lateEventCount every late payment in {@code current}
 */
public record EmittedWindow(
        int revision,
        SettlementTotals emitted,
        long emittedFeesMinor,
        SettlementTotals current,
        long pendingLateEvents,
        long lateEventCount) {

    /** A window about to be emitted for the first time, with these totals. */
    static EmittedWindow firstOf(SettlementTotals totals) {
        return new EmittedWindow(-1, SettlementTotals.EMPTY, 0, totals, 0, 0);
    }

    /** A closed window that had no payment when it closed. */
    static EmittedWindow empty() {
        return firstOf(SettlementTotals.EMPTY);
    }

    EmittedWindow withLatePayment(ScoredPayment payment) {
        return new EmittedWindow(revision, emitted, emittedFeesMinor, current.add(payment),
                pendingLateEvents + 1, lateEventCount + 1);
    }

    boolean hasPending() {
        return pendingLateEvents > 0;
    }

    /** After {@code current} was emitted as {@code newRevision} with that fee. */
    EmittedWindow published(int newRevision, long feesMinor) {
        return new EmittedWindow(newRevision, current, feesMinor, current, 0, lateEventCount);
    }

    /** After {@code newRevision} was reported as overflowed; stays flagged for good. */
    EmittedWindow overflowedAt(int newRevision) {
        return new EmittedWindow(newRevision, emitted, emittedFeesMinor, current.markOverflowed(), 0, lateEventCount);
    }
}
