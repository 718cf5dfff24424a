package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;

/**
 * Late payments of one window that will be published together as one revision: those whose own
 * partition's watermark fell into the same stretch of {@code settlement.adjustment-batch} after
 * the window closed. State of {@link SettlementAggregator}; public only because Flink's POJO
 * serializer needs it so.
 *
 * @param totals the batch's payments alone (added to the window's totals when published)
 * @param payments how many
 */
public record LateBatch(SettlementTotals totals, long payments) {
    static final LateBatch EMPTY = new LateBatch(SettlementTotals.EMPTY, 0);

    LateBatch add(ScoredPayment payment) {
        return new LateBatch(totals.add(payment), payments + 1);
    }
}
