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
 * @param timeZone the IANA zone id the window was cut in ({@code UTC} for windows opened before
 *     zones, which were cut at a fixed offset from UTC); null only when read from a record written
 *     before zones (schema version 1)
 * @param businessDate the merchant's local date of the window's start in {@code timeZone}, ISO
 *     ({@code 2026-03-29}; text, so Flink serializes it without Kryo): for daily windows, the day
 *     whose books the line closes; null exactly when {@code timeZone} is
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
        @Nullable SettlementDelta delta,
        @Nullable String timeZone,
        @Nullable String businessDate) {

    public Settlement {
        Preconditions.checkNotNull(amounts, "settlement without amounts");
        Preconditions.checkArgument((timeZone == null) == (businessDate == null),
                "a settlement has both a time zone and a business date, or neither");
    }

    /** A settlement without zone and business date, as records of schema version 1 are. */
    public Settlement(String settlementId, String merchantId, String currency, long windowStartMillis,
            long windowEndMillis, int revision, boolean isAdjustment, SettlementAmounts amounts, long feesMinor,
            long netMinor, int feeBasisPoints, long fixedFeeMinor, long lateEventCount,
            @Nullable SettlementDelta delta) {
        this(settlementId, merchantId, currency, windowStartMillis, windowEndMillis, revision, isAdjustment, amounts,
                feesMinor, netMinor, feeBasisPoints, fixedFeeMinor, lateEventCount, delta, null, null);
    }
}
