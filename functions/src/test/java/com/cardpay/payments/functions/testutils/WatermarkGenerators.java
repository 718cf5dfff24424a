package com.cardpay.payments.functions.testutils;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.RelativeClock;

/** A strategy's watermark generator, driven by the test's own clock for idleness. */
public final class WatermarkGenerators {
    private WatermarkGenerators() {}

    public static <T> WatermarkGenerator<T> of(WatermarkStrategy<T> strategy, RelativeClock clock) {
        return strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }
}
