package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.TokenizedPayment;

/**
 * The eight figures of a settlement line: how many payments of each kind, and their amount. Used as
 * the running {@link SettlementTotals} of a window, as a {@link Settlement}'s cumulative figures and
 * as a {@link SettlementDelta}'s change; fees and net are derived from these and carried beside them.
 *
 * <p>Amounts are {@code long} minor units of the line's ISO 4217 currency ({@link Settlement#currency},
 * the currency of the state key): never floating point. The currency is not repeated in here, since
 * every instance belongs to exactly one line (a copy per window in state could only disagree with the
 * key). All arithmetic is exact: it throws {@link ArithmeticException} rather than wrap.
 *
 * @param purchaseCount settled (not declined) purchases
 * @param grossMinor their amount
 * @param refundCount settled refunds
 * @param refundMinor their amount
 * @param chargebackCount settled chargebacks
 * @param chargebackMinor their amount
 * @param declinedCount declined payments of any type: not settled, only counted
 * @param declinedMinor their amount
 */
public record SettlementAmounts(
        long purchaseCount,
        long grossMinor,
        long refundCount,
        long refundMinor,
        long chargebackCount,
        long chargebackMinor,
        long declinedCount,
        long declinedMinor) {

    /** Nothing counted. */
    public static final SettlementAmounts ZERO = new SettlementAmounts(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * These figures with the payment counted: a declined one (any type) in {@code declined*}, else
     * by its type. Amounts are not checked for sign here; {@link SettlementTotals#add} does.
     *
     * @throws ArithmeticException if a count or sum does not fit in a long
     */
    SettlementAmounts plus(ScoredPayment scored) {
        TokenizedPayment p = scored.payment();
        long amount = p.amountMinor();
        if (scored.decision() == Decision.DECLINE) {
            return new SettlementAmounts(purchaseCount, grossMinor, refundCount, refundMinor, chargebackCount,
                    chargebackMinor, Math.incrementExact(declinedCount), Math.addExact(declinedMinor, amount));
        }
        return switch (p.type()) {
            case PURCHASE -> new SettlementAmounts(Math.incrementExact(purchaseCount), Math.addExact(grossMinor, amount),
                    refundCount, refundMinor, chargebackCount, chargebackMinor, declinedCount, declinedMinor);
            case REFUND -> new SettlementAmounts(purchaseCount, grossMinor, Math.incrementExact(refundCount),
                    Math.addExact(refundMinor, amount), chargebackCount, chargebackMinor, declinedCount, declinedMinor);
            case CHARGEBACK -> new SettlementAmounts(purchaseCount, grossMinor, refundCount, refundMinor,
                    Math.incrementExact(chargebackCount), Math.addExact(chargebackMinor, amount), declinedCount,
                    declinedMinor);
        };
    }

    /**
     * Field by field, these figures plus {@code more}.
     *
     * @throws ArithmeticException if a sum does not fit in a long
     */
    SettlementAmounts plus(SettlementAmounts more) {
        return new SettlementAmounts(
                Math.addExact(purchaseCount, more.purchaseCount),
                Math.addExact(grossMinor, more.grossMinor),
                Math.addExact(refundCount, more.refundCount),
                Math.addExact(refundMinor, more.refundMinor),
                Math.addExact(chargebackCount, more.chargebackCount),
                Math.addExact(chargebackMinor, more.chargebackMinor),
                Math.addExact(declinedCount, more.declinedCount),
                Math.addExact(declinedMinor, more.declinedMinor));
    }

    /**
     * Field by field, these figures minus {@code before}: what changed since.
     *
     * @throws ArithmeticException if a difference does not fit in a long
     */
    SettlementAmounts minus(SettlementAmounts before) {
        return new SettlementAmounts(
                Math.subtractExact(purchaseCount, before.purchaseCount),
                Math.subtractExact(grossMinor, before.grossMinor),
                Math.subtractExact(refundCount, before.refundCount),
                Math.subtractExact(refundMinor, before.refundMinor),
                Math.subtractExact(chargebackCount, before.chargebackCount),
                Math.subtractExact(chargebackMinor, before.chargebackMinor),
                Math.subtractExact(declinedCount, before.declinedCount),
                Math.subtractExact(declinedMinor, before.declinedMinor));
    }

    /**
     * The fee under {@code plan}, on the gross of settled purchases: refunds and chargebacks do not
     * give fees back.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long feesMinor(FeePlan plan) {
        return plan.feeMinor(purchaseCount, grossMinor);
    }

    /**
     * What the merchant is paid: gross - refunds - chargebacks - fees; negative when the merchant
     * owes.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long netMinor(long feesMinor) {
        return Math.subtractExact(Math.subtractExact(Math.subtractExact(grossMinor, refundMinor), chargebackMinor),
                feesMinor);
    }
}
