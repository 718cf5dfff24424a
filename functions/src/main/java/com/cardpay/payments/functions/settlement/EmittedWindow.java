package com.cardpay.payments.functions.settlement;

/**
 * What the settlement stage remembers of a window after it closed, until its adjustment horizon
 * ends: the totals and fee of the last emitted revision (to compute the next delta against), and
 * the totals with every adjustment batch published since. Late payments not yet published wait in
 * {@link LateBatch}es. State of {@link SettlementAggregator}; public only because Flink's POJO
 * serializer needs it so.
 *
 * @param revision the last revision emitted or reported as overflowed; -1 before the first
 * @param emitted the totals of the last emitted settlement ({@link SettlementTotals#EMPTY} if none)
 * @param emittedFeesMinor the fee of the last emitted settlement, as emitted; the next fee delta is
 *     taken against it, so the deltas add up to the last fee even if the fee plan changed between
 * @param current the totals with every batch published so far (overflowed once any revision was),
 *     and the window's zone ({@link SettlementTotals#timeZone}: null for a window opened before zones)
 * @param lateEventCount every late payment in {@code current}
 */
public record EmittedWindow(
        int revision,
        SettlementTotals emitted,
        long emittedFeesMinor,
        SettlementTotals current,
        long lateEventCount) {

    /** A window about to be emitted for the first time, with these totals. */
    static EmittedWindow firstOf(SettlementTotals totals) {
        return new EmittedWindow(-1, SettlementTotals.EMPTY, 0, totals, 0);
    }

    /**
     * A closed window, cut in {@code zone}, that had no payment when it closed: its first batch of
     * late payments is its revision 0.
     */
    static EmittedWindow empty(String zone) {
        return firstOf(SettlementTotals.emptyIn(zone));
    }

    /** The zone the window was cut in; null for a window opened before zones (UTC rule). */
    String windowZone() {
        return current.timeZone();
    }

    /** This window with a batch of late payments added, about to be published. */
    EmittedWindow with(LateBatch batch) {
        return new EmittedWindow(revision, emitted, emittedFeesMinor, current.plus(batch.totals()),
                lateEventCount + batch.payments());
    }

    /** After {@code current} was emitted as {@code newRevision} with that fee. */
    EmittedWindow published(int newRevision, long feesMinor) {
        return new EmittedWindow(newRevision, current, feesMinor, current, lateEventCount);
    }

    /** After {@code newRevision} was reported as overflowed; stays flagged for good. */
    EmittedWindow overflowedAt(int newRevision) {
        return new EmittedWindow(newRevision, emitted, emittedFeesMinor, current.markOverflowed(), lateEventCount);
    }
}
