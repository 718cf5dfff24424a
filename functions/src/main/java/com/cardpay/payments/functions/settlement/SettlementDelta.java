package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

/**
 * What one revision of a settlement changed against the revision before it, figure by figure: what
 * the ledger posts for an adjustment. Over all revisions of a window the deltas add up to the last
 * revision's cumulative figures (revision 0 counting in full), fees included: the fee delta is the
 * fee on the new totals minus the fee emitted before, so the fee is in effect charged once, on the
 * final totals.
 *
 * @param amounts the change of each count and amount
 * @param feesMinor the change of the fee
 * @param netMinor the change of the net
 */
public record SettlementDelta(SettlementAmounts amounts, long feesMinor, long netMinor) {

    public SettlementDelta {
        Preconditions.checkNotNull(amounts, "settlement delta without amounts");
    }

    /**
     * From {@code before} (as emitted, with its fees) to {@code after}.
     *
     * @throws ArithmeticException if a difference does not fit in a long
     */
    static SettlementDelta between(SettlementTotals before, long feesBefore, SettlementTotals after, long feesAfter) {
        return new SettlementDelta(
                after.amounts().minus(before.amounts()),
                Math.subtractExact(feesAfter, feesBefore),
                Math.subtractExact(after.netMinor(feesAfter), before.netMinor(feesBefore)));
    }
}
