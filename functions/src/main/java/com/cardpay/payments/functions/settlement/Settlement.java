package com.cardpay.payments.functions.settlement;

import javax.annotation.Nullable;

import org.apache.flink.util.Preconditions;

/**
 * One revision of the settlement of a merchant, in one currency, for one settlement window: the
 * value of {@code payments.settlements}.
 *
 * <p>A window is first emitted as revision 0 when it closes. Payments that arrive later are never
 * dropped: each batch of them yields the next revision, an adjustment. Every revision carries the
 * cumulative figures as of that revision and, from revision 1 on, the {@link SettlementDelta}
 * against the previous one. Downstream upserts by {@code settlementId}, keeping the highest
 * revision, and posts revision 0's figures, then each delta, to the ledger; so a consumer that
 * sees a revision twice (or out of order) can tell by its number.
 *
 * <p>No wall-clock time is in here, so replaying the same payments gives the same records, which
 * reconciliation relies on. The fee plan applied is included, so fees can be recomputed
 * independently: {@code feesMinor} is {@code grossMinor * feeBasisPoints / 10 000} rounded half-even,
 * plus {@code fixedFeeMinor * purchaseCount}.
 *
 * @param settlementId stable per merchant, currency and window; see {@link SettlementId}
 * @param windowStartMillis inclusive, event time
 * @param windowEndMillis exclusive, event time
 * @param revision 0 for the first emission, then 1, 2... for each adjustment
 * @param isAdjustment whether an earlier revision of this window was emitted (revision > 0)
 * @param amounts the cumulative counts and amounts, in minor units of {@code currency}
 * @param feesMinor the window's fee on its settled purchases
 * @param netMinor {@code grossMinor - refundMinor - chargebackMinor - feesMinor}; negative when the
 *     merchant owes
 * @param lateEventCount payments counted here that arrived after the window was first due
 *     (watermark past window end + allowed lateness)
 * @param delta the change from the previous revision; null for revision 0
 */
public record Settlement(
        String settlementId,
        String merchantId,
        String currency,
        long windowStartMillis,
        long windowEndMillis,
        int revision,
        boolean isAdjustment,
        SettlementAmounts amounts,
        long feesMinor,
        long netMinor,
        int feeBasisPoints,
        long fixedFeeMinor,
        long lateEventCount,
        @Nullable SettlementDelta delta) {

    public Settlement {
        Preconditions.checkNotNull(amounts, "settlement without amounts");
    }
}
