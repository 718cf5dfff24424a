package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.FraudSettings;

import java.io.Serializable;

/** The short, medium and long velocity windows of {@link FraudSettings}, laid out in buckets. */
record CardWindows(VelocityWindow shortWindow, VelocityWindow mediumWindow, VelocityWindow longWindow)
        implements Serializable {

    static CardWindows of(FraudSettings settings) {
        return new CardWindows(
                VelocityWindow.of(settings.shortWindow(), VelocityWindow.SHORT_BUCKETS),
                VelocityWindow.of(settings.mediumWindow(), VelocityWindow.MEDIUM_BUCKETS),
                VelocityWindow.of(settings.longWindow(), VelocityWindow.LONG_BUCKETS));
    }
}
