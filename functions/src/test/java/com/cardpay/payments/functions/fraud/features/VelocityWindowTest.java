package com.cardpay.payments.functions.fraud.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.FraudSettings;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** How configured window lengths become bucket rings, and which lengths are refused. */
class VelocityWindowTest {

    @Test
    void defaultWindowsLeaveRoomForAMinuteOfLateness() {
        CardWindows windows = CardWindows.of(FraudSettings.defaults());

        assertThat(windows.shortWindow().slots()).isEqualTo(12);
        assertThat(windows.shortWindow().bucketMillis()).isEqualTo(10_000L);
        assertThat(windows.mediumWindow().slots()).isEqualTo(61);
        assertThat(windows.mediumWindow().bucketMillis()).isEqualTo(60_000L);
        assertThat(windows.longWindow().slots()).isEqualTo(25);
        assertThat(windows.longWindow().windowMillis()).isEqualTo(Duration.ofHours(24).toMillis());
    }

    @Test
    void aConfiguredLengthSetsTheBucketWidth() {
        VelocityWindow fiveMinutes = VelocityWindow.of(Duration.ofMinutes(5), VelocityWindow.SHORT_BUCKETS);

        assertThat(fiveMinutes.bucketMillis()).isEqualTo(50_000L);
        assertThat(fiveMinutes.windowMillis()).isEqualTo(300_000L);
        assertThat(fiveMinutes.slots()).isEqualTo(6 + 2);
        assertThat(fiveMinutes.windowStart(299_999L)).isZero();
    }

    @Test
    void lengthsThatCannotMakeWholeBucketsAreRefused() {
        assertThat(VelocityWindow.problem(Duration.ZERO, 6)).startsWith("must be positive and at most 31d");
        assertThat(VelocityWindow.problem(Duration.ofSeconds(-60), 6)).startsWith("must be positive");
        assertThat(VelocityWindow.problem(Duration.ofDays(32), 24)).startsWith("must be positive and at most 31d");
        assertThat(VelocityWindow.problem(Duration.ofSeconds(5), 6))
                .isEqualTo("must split into 6 equal buckets of whole milliseconds, each at least 1s; got PT5S");
        assertThat(VelocityWindow.problem(Duration.ofMillis(6_001), 6)).startsWith("must split into 6 equal buckets");
        assertThat(VelocityWindow.problem(Duration.ofSeconds(6), 6)).isNull();
        assertThat(VelocityWindow.problem(Duration.ofDays(31), 24)).isNull();
        assertThatThrownBy(() -> VelocityWindow.of(Duration.ofMinutes(30), VelocityWindow.MEDIUM_BUCKETS * 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("each at least 1s");
    }

    @Test
    void aRingFitsOnlyTheWindowItWasLaidOutFor() {
        VelocityWindow minute = VelocityWindow.of(Duration.ofMinutes(1), 6);
        VelocityWindow twoMinutes = VelocityWindow.of(Duration.ofMinutes(2), 6);

        assertThat(minute.fits(minute.newRing())).isTrue();
        assertThat(twoMinutes.fits(minute.newRing())).isFalse();
        assertThat(minute.fits(new BucketRing())).isFalse();
        assertThat(minute.fits(null)).isFalse();
    }
}
