package com.cardpay.payments.functions.settlement;

/**
 * What one revision of a settlement changed against the revision before it, field by field: what
 * the ledger posts for an adjustment. Over all revisions of a window the deltas add up to the last
 * revision's cumulative figures (revision 0 counting in full), fees included: the fee delta is the
 * fee on the new totals minus the fee emitted before, so the fee is in effect charged once, on the
 * final totals.
 */
public record SettlementDelta(
        long purchaseCount,
        long grossMinor,
        long refundCount,
        long refundMinor,
        long chargebackCount,
        long chargebackMinor,
        long declinedCount,
        long declinedMinor,
        long feesMinor,
        long netMinor) {

    /**
     * From {@code before} (as emitted, with its fees) to {@code after}.
     *
     * @throws ArithmeticException if a difference does not fit in a long
     */
    static SettlementDelta between(SettlementTotals before, long feesBefore, SettlementTotals after, long feesAfter) {
        return new SettlementDelta(
                Math.subtractExact(after.purchaseCount(), before.purchaseCount()),
                Math.subtractExact(after.grossMinor(), before.grossMinor()),
                Math.subtractExact(after.refundCount(), before.refundCount()),
                Math.subtractExact(after.refundMinor(), before.refundMinor()),
                Math.subtractExact(after.chargebackCount(), before.chargebackCount()),
                Math.subtractExact(after.chargebackMinor(), before.chargebackMinor()),
                Math.subtractExact(after.declinedCount(), before.declinedCount()),
                Math.subtractExact(after.declinedMinor(), before.declinedMinor()),
                Math.subtractExact(feesAfter, feesBefore),
                Math.subtractExact(after.netMinor(feesAfter), before.netMinor(feesBefore)));
    }
}
