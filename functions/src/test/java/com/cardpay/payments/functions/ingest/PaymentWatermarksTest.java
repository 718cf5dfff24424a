package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.WatermarkGenerators;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
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
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider(1)), Payments.INGEST_CLOCK);
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

    /**
     * The root cause of the suite going red on 2026-12-01: a rejected record's Kafka timestamp is
     * the wall clock, so one bad record dragged event time to today, and every later payment of a
     * replay (or of a test with its own clock) was late, or beyond the 7-day adjustment horizon.
     */
    @Test
    void rejectedRecordsAndTheirKafkaTimestampsDoNotMoveTheWatermark() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        long eventTime = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        IngestOutcome rejected = ingestor.ingest("not json".getBytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source());

        generator.onEvent(payment("2026-11-24T10:00:00Z"), eventTime, output);
        generator.onEvent(rejected, WALL_CLOCK + Duration.ofDays(9).toMillis(), output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).last().isEqualTo(eventTime - DISORDER.toMillis() - 1);
    }

    @Test
    void watermarkTrailsTheNewestEventByTheConfiguredDisorder() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        IngestOutcome accepted = payment("2026-11-24T10:00:10Z");
        long newest = Instant.parse("2026-11-24T10:00:10Z").toEpochMilli();

        generator.onEvent(accepted, newest - 3_000, output);
        generator.onEvent(accepted, newest, output);
        generator.onEvent(accepted, newest - 8_000, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).last().isEqualTo(newest - DISORDER.toMillis() - 1);
    }

    @Test
    void anEventTimeFarAheadOfTheWallClockMovesTheWatermarkOnlyToTheAllowedLead() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        long wrongClock = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

        // Ingest rejects such a payment (EVENT_TIME_IN_FUTURE); the cap is the second line of
        // defence, should the clock at ingest and the generator's ever disagree.
        IngestOutcome accepted = payment("2026-11-24T10:00:00Z");
        generator.onEvent(accepted, WALL_CLOCK, output);
        generator.onEvent(accepted, wrongClock, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).last()
                .isEqualTo(WALL_CLOCK + MAX_AHEAD.toMillis() - DISORDER.toMillis() - 1);
    }

    @Test
    void aSilentSplitTurnsIdleAfterTheIdlenessTimeoutAndActiveOnTheNextEvent() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        IngestOutcome accepted = payment("2026-11-24T10:00:00Z");
        generator.onEvent(accepted, 1_000_000L, output);
        generator.onPeriodicEmit(output);

        passWithPeriodicEmits(IDLENESS.minusSeconds(1), generator);
        assertThat(output.idle).isFalse();

        passWithPeriodicEmits(Duration.ofSeconds(2), generator);
        assertThat(output.idle).as("idle after %s without events", IDLENESS).isTrue();

        generator.onEvent(accepted, 2_000_000L, output);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aSplitThatCarriesOnlyRejectedRecordsTurnsIdle() throws Exception {
        WatermarkGenerator<IngestOutcome> generator = generator();
        IngestOutcome rejected = ingestor.ingest("not json".getBytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source());
        generator.onEvent(payment("2026-11-24T10:00:00Z"), 1_000_000L, output);
        generator.onPeriodicEmit(output);

        for (long passed = 0; passed <= IDLENESS.toMillis() + 1_000; passed += 200) {
            generator.onEvent(rejected, WALL_CLOCK, output);
            clock.advanceTime(Duration.ofMillis(200));
            generator.onPeriodicEmit(output);
        }

        assertThat(output.idle).as("bad records alone are not activity").isTrue();
    }

    /** Lets time pass as Flink does it: a periodic emit every 200 ms (pipeline.auto-watermark-interval). */
    private void passWithPeriodicEmits(Duration duration, WatermarkGenerator<IngestOutcome> generator) {
        for (long passed = 0; passed < duration.toMillis(); passed += 200) {
            clock.advanceTime(Duration.ofMillis(200));
            generator.onPeriodicEmit(output);
        }
    }

    private WatermarkGenerator<IngestOutcome> generator() {
        return WatermarkGenerators.of(strategy, clock);
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
