package com.cardpay.payments.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The harness's definitions of a steady window and of percentiles, on hand-made readings. */
class MeasurementDefinitionsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void steadyWindowSkipsTheWarmUpAndTheSampleThatDrainedTheBacklog() {
        List<ThroughputRun.CommitEvent> events = new ArrayList<>();
        // Slow start (1,000/s for 3 s), then 10,000/s, then the last sample reaches the end of the backlog.
        long count = 0;
        for (int s = 1; s <= 3; s++) {
            events.add(event(s * SECOND, count += 1_000));
        }
        for (int s = 4; s <= 12; s++) {
            events.add(event(s * SECOND, count += 10_000));
        }
        events.add(event(13 * SECOND, 100_000));

        ThroughputRun.Result r = ThroughputRun.result(Variant.PIPELINE, "t", events, 100_000, Duration.ofSeconds(3),
                CheckpointStats.UNKNOWN, 1000);

        // Window: the sample at 4 s (first one 3 s after the first record) to the one at 12 s.
        assertThat(r.windowOk()).isTrue();
        assertThat(r.drained()).isTrue();
        assertThat(r.windowSeconds()).isCloseTo(8.0, within(1e-9));
        assertThat(r.paymentsPerSecond()).isCloseTo(10_000, within(1e-6));
    }

    @Test
    void aRunShorterThanItsWarmUpIsFlagged() {
        List<ThroughputRun.CommitEvent> events = List.of(event(SECOND, 1_000), event(2 * SECOND, 2_000), event(3 * SECOND, 5_000));

        ThroughputRun.Result r = ThroughputRun.result(Variant.PASSTHROUGH, "t", events, 5_000, Duration.ofSeconds(10),
                CheckpointStats.UNKNOWN, 1000);

        assertThat(r.windowOk()).isFalse();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (200 - i) * 1_000_000L; // 1..200 ms, unsorted
        }

        Percentiles p = Percentiles.ofNanos(nanos, 200);

        assertThat(p.p50()).isEqualTo(100.0);
        assertThat(p.p95()).isEqualTo(190.0);
        assertThat(p.p99()).isEqualTo(198.0);
        assertThat(p.max()).isEqualTo(200.0);
        assertThat(Percentiles.ofNanos(nanos, 0).p99()).isNaN();
    }

    @Test
    void sentAtHeaderRoundTripsAndRefusesOtherLengths() {
        long now = System.nanoTime();
        assertThat(SentAtHeader.decode(SentAtHeader.encode(now))).isEqualTo(now);
        assertThat(SentAtHeader.decode(new byte[4])).isEqualTo(Long.MIN_VALUE);
    }

    private static ThroughputRun.CommitEvent event(long nanos, long count) {
        return new ThroughputRun.CommitEvent(nanos, count, new CpuMeter.Sample(nanos, nanos / 2, Map.of(), Map.of()));
    }
}
