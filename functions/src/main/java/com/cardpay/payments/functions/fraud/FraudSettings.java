package com.cardpay.payments.functions.fraud;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds and windows of the fraud stage, from config.
 *
 * @param shortWindow length of the short velocity window ({@code card.count_short}, {@code card.amount_short})
 * @param mediumWindow length of the medium velocity window
 * @param longWindow length of the long velocity window
 * @param distinctWindow window of {@code card.distinct_merchants} and {@code card.distinct_countries}
 * @param thresholds the amount thresholds per currency (card testing, large payment, the card's
 *     long-window amount); a currency without them turns their features off
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
        Duration shortWindow,
        Duration mediumWindow,
        Duration longWindow,
        Duration distinctWindow,
        CurrencyThresholds thresholds,
        int cardTestingSmallCount,
        Duration cardTestingWindow,
        int merchantBaselineHalfLife,
        Duration merchantRatioHalfLife,
        int merchantMinBaseline,
        Duration merchantStateTtl,
        int reviewScore,
        int declineScore) implements Serializable {

    public static FraudSettings defaults() {
        return new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                CurrencyThresholds.defaults(), 3, Duration.ofMinutes(10), 200, Duration.ofDays(7), 30, Duration.ofDays(90), 400, 700);
    }

    /** These settings with other velocity and distinct windows. */
    public FraudSettings withWindows(Duration shortLength, Duration mediumLength, Duration longLength, Duration distinctLength) {
        return new FraudSettings(shortLength, mediumLength, longLength, distinctLength, thresholds,
                cardTestingSmallCount, cardTestingWindow, merchantBaselineHalfLife, merchantRatioHalfLife, merchantMinBaseline,
                merchantStateTtl, reviewScore, declineScore);
    }
}
