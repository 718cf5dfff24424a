package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/** Fees are exact to the minor unit: half-even on the percentage, overflow refused, never wrapped. */
class FeePlanTest {

    @Test
    void refusesMoreThanAllOfIt() {
        assertThatThrownBy(() -> new FeePlan(10_001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeePlan(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeePlan(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{1} at {0} bps -> {2}")
    @CsvSource({
        // exact halves go to the even neighbour, down and up
        "50, 100, 0", "50, 300, 2", "50, 500, 2", "50, 700, 4", "5000, 1, 0", "5000, 3, 2",
        // just off the half
        "50, 99, 0", "50, 101, 1", "5001, 1, 1", "4999, 1, 0",
        // 2.90 %
        "290, 30000, 870", "290, 50, 1", "290, 100, 3", "290, 1, 0", "290, 18, 1",
        // nothing and everything
        "0, 123456789, 0", "10000, 123456789, 123456789", "10000, 0, 0",
        // near the top of a long
        "10000, 9223372036854775807, 9223372036854775807", "9999, 9223372036854775807, 9222449699651090329",
        "1, 9223372036854775807, 922337203685478", "5000, 9223372036854775807, 4611686018427387904"})
    void percentageRoundsHalfEvenToTheMinorUnit(int bps, long gross, long expected) {
        assertThat(new FeePlan(bps, 0).feeMinor(1, gross)).isEqualTo(expected).isEqualTo(reference(bps, gross));
    }

    @Test
    void agreesWithBigDecimalHalfEvenEverywhere() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int bps = random.nextInt(10_001);
            long gross = switch (i % 3) {
                case 0 -> random.nextLong(0, 1_000_000);
                case 1 -> random.nextLong(0, Long.MAX_VALUE);
                default -> Long.MAX_VALUE - random.nextLong(0, 20_000);
            };
            assertThat(new FeePlan(bps, 0).feeMinor(0, gross)).as("%s bps of %s", bps, gross).isEqualTo(reference(bps, gross));
        }
    }

    @Test
    void fixedFeeIsPerPurchaseAndAddedOnce() {
        FeePlan plan = new FeePlan(290, 30);
        assertThat(plan.feeMinor(2, 30_000)).isEqualTo(870 + 60);
        assertThat(plan.feeMinor(0, 0)).isZero();
        assertThat(new FeePlan(0, 25).feeMinor(4, 1_000_000)).isEqualTo(100);
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThatThrownBy(() -> new FeePlan(10_000, 1).feeMinor(1, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new FeePlan(0, Long.MAX_VALUE).feeMinor(2, 0)).isInstanceOf(ArithmeticException.class);
        assertThat(new FeePlan(10_000, 1).feeMinor(1, Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeTotalsAreRefused() {
        assertThatThrownBy(() -> new FeePlan(290, 30).feeMinor(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeePlan(290, 30).feeMinor(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long reference(int bps, long gross) {
        return BigDecimal.valueOf(gross).multiply(BigDecimal.valueOf(bps))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
