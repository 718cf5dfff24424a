package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.util.Preconditions;

/**
 * The running sums of one settlement window of one merchant and currency, in minor units: the
 * state the settlement stage keeps per window. A record, so Flink serializes it without Kryo, and
 * immutable, so the totals last emitted can be kept next to the current ones to compute a delta.
 *
 * <p>Approved and reviewed payments are settled: purchases add to the gross, refunds and
 * chargebacks are taken off it. Declined payments of any type move no money; they are only counted
 * in {@code declined*}, so the merchant can see what was turned away.
 *
 * <p>Sums are overflow-checked. A payment that would overflow any of them does not throw out of the
 * operator (which would fail the job on every restart); it marks the totals {@code overflowed}
 * instead, which stays set, and such totals are never emitted as a settlement. Fees and net are not
 * stored: they are derived from the totals with the merchant's {@link FeePlan} when a revision is
 * emitted.
 */
public record SettlementTotals(
        long purchaseCount,
        long grossMinor,
        long refundCount,
        long refundMinor,
        long chargebackCount,
        long chargebackMinor,
        long declinedCount,
        long declinedMinor,
        boolean overflowed) {

    /** Nothing yet. */
    public static final SettlementTotals EMPTY = new SettlementTotals(0, 0, 0, 0, 0, 0, 0, 0, false);

    /**
     * These totals with the payment added; marked overflowed (and otherwise unchanged) if a sum
     * would not fit. Amounts are positive, as ingest validates them.
     */
    public SettlementTotals add(ScoredPayment scored) {
        TokenizedPayment p = scored.payment();
        Preconditions.checkArgument(p.amountMinor() >= 0, "settlement takes non-negative amounts, payment %s has %s",
                p.paymentId(), p.amountMinor());
        if (overflowed) {
            return this;
        }
        long amount = p.amountMinor();
        try {
            if (scored.decision() == Decision.DECLINE) {
                return new SettlementTotals(purchaseCount, grossMinor, refundCount, refundMinor, chargebackCount,
                        chargebackMinor, Math.incrementExact(declinedCount), Math.addExact(declinedMinor, amount), false);
            }
            return switch (p.type()) {
                case PURCHASE -> new SettlementTotals(Math.incrementExact(purchaseCount), Math.addExact(grossMinor, amount),
                        refundCount, refundMinor, chargebackCount, chargebackMinor, declinedCount, declinedMinor, false);
                case REFUND -> new SettlementTotals(purchaseCount, grossMinor, Math.incrementExact(refundCount),
                        Math.addExact(refundMinor, amount), chargebackCount, chargebackMinor, declinedCount, declinedMinor,
                        false);
                case CHARGEBACK -> new SettlementTotals(purchaseCount, grossMinor, refundCount, refundMinor,
                        Math.incrementExact(chargebackCount), Math.addExact(chargebackMinor, amount), declinedCount,
                        declinedMinor, false);
            };
        } catch (ArithmeticException e) {
            return markOverflowed();
        }
    }

    /** These totals, flagged as not emittable. */
    public SettlementTotals markOverflowed() {
        return overflowed ? this : new SettlementTotals(purchaseCount, grossMinor, refundCount, refundMinor,
                chargebackCount, chargebackMinor, declinedCount, declinedMinor, true);
    }

    /**
     * The window's fee under {@code plan}, on the gross of settled purchases: refunds and
     * chargebacks do not give fees back.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long feesMinor(FeePlan plan) {
        return plan.feeMinor(purchaseCount, grossMinor);
    }

    /**
     * What the merchant is paid for the window: gross - refunds - chargebacks - fees; negative when
     * the merchant owes.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long netMinor(long feesMinor) {
        return Math.subtractExact(Math.subtractExact(Math.subtractExact(grossMinor, refundMinor), chargebackMinor),
                feesMinor);
    }
}
