package com.cardpay.payments.functions.fraud;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds and windows of the fraud stage, from config.
 *
 * @param smallAmountMinor a purchase at or below this counts as "small" for card testing
 * @param largeAmountMinor a purchase at or above this counts as "large" for card testing
 * @param cardTestingSmallCount this many small purchases within {@code cardTestingWindow} before a
 *     large one make the card-testing pattern
 * @param merchantBaselineHalfLife half-life, in payments, of the merchant amount baseline's weights
 * @param merchantRatioHalfLife half-life (event time) of the decayed refund and chargeback counts
 * @param merchantMinBaseline payments needed before the z-score is trusted (0 before that)
 * @param merchantStateTtl a merchant silent this long loses its profile
 * @param reviewScore a score at or above this is REVIEW
 * @param declineScore a score at or above this is DECLINE
 */
public record FraudSettings(
        long smallAmountMinor,
        long largeAmountMinor,
        int cardTestingSmallCount,
        Duration cardTestingWindow,
        int merchantBaselineHalfLife,
        Duration merchantRatioHalfLife,
        int merchantMinBaseline,
        Duration merchantStateTtl,
        int reviewScore,
        int declineScore) implements Serializable {

    public static FraudSettings defaults() {
        return new FraudSettings(500, 50_000, 3, Duration.ofMinutes(10), 200, Duration.ofDays(7), 30, Duration.ofDays(90),
                400, 700);
    }
}
