package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

class PaymentWatermarksTest {
    private static final Duration DISORDER = Duration.ofSeconds(5);
    private static final Duration IDLENESS = Duration.ofSeconds(30);

    private static final Duration MAX_AHEAD = Duration.ofMinutes(10);
    private static final long WALL_CLOCK = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    private final WatermarkStrategy<IngestOutcome> strategy =
            PaymentWatermarks.strategy(DISORDER, IDLENESS, MAX_AHEAD, () -> WALL_CLOCK);
    private final PaymentIngestor ingestor = new PaymentIngestor(new CardTokenizer(new TestKeyProvider(1)));
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final Output output = new Output();

    @Test
    void acceptedPaymentsAreTimedByTheirEventTime() throws Exception {
        TimestampAssigner<IngestOutcome> assigner = strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);

        assertThat(assigner.extractTimestamp(payment("2026-11-24T10:00:00Z"), 42L))
                .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
    }

    @Test
    void rejectedRecordsAreTimedByTheirKafkaTimestamp() throws Exception {
        TimestampAssigner<IngestOutcome> assigner = strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);
        IngestOutcome rejected = ingestor.ingest("not json".getBytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source());

        assertThat(assigner.extractTimestamp(rejected, 42L)).isEqualTo(42L);
    }

    @Test
    void watermarkTrailsTheNewestEventByTheConfiguredDisorder() {
        WatermarkGenerator<IngestOutcome> generator = generator();
        long newest = Instant.parse("2026-11-24T10:00:10Z").toEpochMilli();

        generator.onEvent(null, newest - 3_000, output);
        generator.onEvent(null, newest, output);
        generator.onEvent(null, newest - 8_000, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).last().isEqualTo(newest - DISORDER.toMillis() - 1);
    }

    @Test
    void anEventTimeFarAheadOfTheWallClockMovesTheWatermarkOnlyToTheAllowedLead() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        long wrongClock = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

        generator.onEvent(null, WALL_CLOCK, output);
        generator.onEvent(null, wrongClock, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).last()
                .isEqualTo(WALL_CLOCK + MAX_AHEAD.toMillis() - DISORDER.toMillis() - 1);
        // the payment itself keeps its own event time
        TimestampAssigner<IngestOutcome> assigner = strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);
        assertThat(assigner.extractTimestamp(payment("2030-01-01T00:00:00Z"), 42L)).isEqualTo(wrongClock);
    }

    @Test
    void aSilentSplitTurnsIdleAfterTheIdlenessTimeoutAndActiveOnTheNextEvent() {
        WatermarkGenerator<IngestOutcome> generator = generator();
        generator.onEvent(null, 1_000_000L, output);
        generator.onPeriodicEmit(output);

        passWithPeriodicEmits(IDLENESS.minusSeconds(1), generator);
        assertThat(output.idle).isFalse();

        passWithPeriodicEmits(Duration.ofSeconds(2), generator);
        assertThat(output.idle).as("idle after %s without events", IDLENESS).isTrue();

        generator.onEvent(null, 2_000_000L, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
    }

    /** Lets time pass as Flink does it: a periodic emit every 200 ms (pipeline.auto-watermark-interval). */
    private void passWithPeriodicEmits(Duration duration, WatermarkGenerator<IngestOutcome> generator) {
        for (long passed = 0; passed < duration.toMillis(); passed += 200) {
            clock.advanceTime(Duration.ofMillis(200));
            generator.onPeriodicEmit(output);
        }
    }

    private WatermarkGenerator<IngestOutcome> generator() {
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

    private IngestOutcome payment(String eventTime) throws Exception {
        return ingestor.ingest(Payments.raw().with("event_time", eventTime).bytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source());
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
