package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class SettlementWindowsTest {

    @Test
    void dailyWindowsCutOffAtUtcMidnight() {
        SettlementWindows daily = SettlementWindows.dailyUtc();

        assertThat(daily.windowStartOf(DAY0)).isEqualTo(DAY0);
        assertThat(daily.windowStartOf(DAY0 + hours(13))).isEqualTo(DAY0);
        assertThat(daily.windowStartOf(DAY0 + DAY - 1)).isEqualTo(DAY0);
        assertThat(daily.windowStartOf(DAY0 + DAY)).isEqualTo(DAY0 + DAY);
        assertThat(daily.windowStartOf(DAY0 - 1)).isEqualTo(DAY0 - DAY);
        assertThat(daily.windowEndOf(DAY0)).isEqualTo(DAY0 + DAY);
    }

    @Test
    void anOffsetMovesTheCutOff() {
        SettlementWindows at22 = new SettlementWindows(DAY, hours(22));

        assertThat(at22.windowStartOf(DAY0 + hours(22) - 1)).isEqualTo(DAY0 - hours(2));
        assertThat(at22.windowStartOf(DAY0 + hours(22))).isEqualTo(DAY0 + hours(22));
        assertThat(at22.windowStartOf(DAY0)).isEqualTo(DAY0 - hours(2));
    }

    @Test
    void negativeTimesFloorToTheWindowBefore() {
        SettlementWindows tens = new SettlementWindows(10, 0);
        assertThat(tens.windowStartOf(-1)).isEqualTo(-10);
        assertThat(tens.windowStartOf(-10)).isEqualTo(-10);
        assertThat(tens.windowStartOf(-11)).isEqualTo(-20);
        assertThat(tens.windowStartOf(0)).isEqualTo(0);

        SettlementWindows offset3 = new SettlementWindows(10, 3);
        assertThat(offset3.windowStartOf(-1)).isEqualTo(-7);
        assertThat(offset3.windowStartOf(2)).isEqualTo(-7);
        assertThat(offset3.windowStartOf(3)).isEqualTo(3);
        assertThat(offset3.windowStartOf(-7)).isEqualTo(-7);
        assertThat(offset3.windowStartOf(-8)).isEqualTo(-17);
    }

    @Test
    void agreesWithFlinksTumblingWindowStart() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long length = random.nextLong(1, DAY * 30);
            long offset = random.nextLong(0, length);
            long time = random.nextLong(-1L << 50, 1L << 50);
            assertThat(new SettlementWindows(length, offset).windowStartOf(time))
                    .as("time %s length %s offset %s", time, length, offset)
                    .isEqualTo(TimeWindow.getWindowStartWithOffset(time, offset, length));
        }
    }

    @Test
    void extremeTimesFailInsteadOfWrapping() {
        assertThat(new SettlementWindows(10, 0).windowStartOf(Long.MIN_VALUE + 9)).isEqualTo(Long.MIN_VALUE + 8);
        assertThatThrownBy(() -> new SettlementWindows(10, 0).windowStartOf(Long.MIN_VALUE))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new SettlementWindows(10, 0).windowEndOf(Long.MAX_VALUE - 5))
                .isInstanceOf(ArithmeticException.class);
        assertThat(new SettlementWindows(DAY, hours(3)).windowStartOf(Long.MAX_VALUE)).isLessThanOrEqualTo(Long.MAX_VALUE)
                .isGreaterThan(Long.MAX_VALUE - DAY);
    }

    @Test
    void lengthAndOffsetAreValidated() {
        assertThatThrownBy(() -> new SettlementWindows(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SettlementWindows(-DAY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SettlementWindows(DAY, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SettlementWindows(DAY, DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThat(new SettlementWindows(DAY, DAY - 1).offsetMillis()).isEqualTo(DAY - 1);
    }
}
