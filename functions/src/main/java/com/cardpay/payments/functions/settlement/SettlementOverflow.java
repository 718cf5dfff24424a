package com.cardpay.payments.functions.settlement;

/**
 * A settlement revision that could not be computed because a sum, the fee or the net overflowed a
 * long. Rather than emit wrong numbers, the settlement stage emits this instead, for manual
 * settlement. The window stays flagged: every later revision of it is reported here too.
 *
 * @param revision the revision the settlement would have had
 */
public record SettlementOverflow(
        String settlementId,
        String merchantId,
        String currency,
        long windowStartMillis,
        long windowEndMillis,
        int revision) {}
