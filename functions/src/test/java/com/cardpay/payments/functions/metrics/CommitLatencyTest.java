package com.cardpay.payments.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Which latencies are recorded when, and the memory bound; a hand-moved clock, never real time. */
class CommitLatencyTest {
    private final Recorded histogram = new Recorded();
    private long now = 10_000;
    private final CommitLatency latency = new CommitLatency(histogram, () -> now, 8);

    @Test
    void recordsTheTimeFromSourceTimestampToTheCompletionOfTheCheckpointAfterIt() {
        latency.emitted(9_000);
        latency.emitted(9_500);
        latency.snapshot(1);
        latency.emitted(9_900); // after barrier 1: committed by checkpoint 2
        now = 10_200;

        latency.completed(1);

        assertThat(histogram.values).containsExactly(1_200L, 700L);
        assertThat(latency.held()).isEqualTo(1);
        latency.snapshot(2);
        now = 11_000;
        latency.completed(2);
        assertThat(histogram.values).containsExactly(1_200L, 700L, 1_100L);
        assertThat(latency.held()).isZero();
    }

    @Test
    void nothingIsRecordedBeforeACheckpointCompletes() {
        latency.emitted(9_000);
        latency.snapshot(1);
        latency.completed(0); // an older checkpoint's notification

        assertThat(histogram.values).isEmpty();
        assertThat(latency.held()).isEqualTo(1);
    }

    @Test
    void anAbortedCheckpointsRecordsAreRecordedWhenTheNextOneCompletes() {
        latency.emitted(9_000);
        latency.snapshot(1);
        latency.aborted(1);
        latency.emitted(9_800);
        latency.snapshot(2);
        now = 12_000;

        latency.completed(2);

        assertThat(histogram.values).containsExactly(3_000L, 2_200L);
        assertThat(latency.filedCheckpoints()).isZero();
    }

    @Test
    void aProducerClockAheadOfOursIsRecordedAsZero() {
        latency.emitted(now + 5_000);
        latency.snapshot(1);
        latency.completed(1);

        assertThat(histogram.values).containsExactly(0L);
    }

    @Test
    void keepsAnEvenlySpreadSampleOfABusyCheckpoint() {
        for (long k = 0; k < 10_000; k++) {
            latency.emitted(k); // the timestamp is the record's index
        }
        latency.snapshot(1);
        now = 10_000;
        latency.completed(1);

        // stride 2048 (1024 would keep 10 > 8): records 0, 2048, 4096, 6144, 8192
        assertThat(histogram.values).containsExactly(10_000L, 7_952L, 5_904L, 3_856L, 1_808L);
    }

    @Test
    void samplingKeepsEveryRecordUpToTheCap() {
        for (long k = 0; k < 8; k++) {
            latency.emitted(k);
        }
        latency.snapshot(1);
        latency.completed(1);

        assertThat(histogram.values).hasSize(8);
    }

    @Test
    void checkpointsThatKeepFailingHoldBoundedMemoryAndLoseNoCheckpointsRecords() {
        for (long id = 1; id <= 1_000; id++) {
            for (int i = 0; i < 100; i++) {
                latency.emitted(id);
            }
            latency.snapshot(id);
            latency.aborted(id);
            assertThat(latency.filedCheckpoints()).isLessThanOrEqualTo(CommitLatency.MAX_FILED_CHECKPOINTS);
            assertThat(latency.held()).isLessThanOrEqualTo(CommitLatency.MAX_FILED_CHECKPOINTS * 8);
        }
        now = 2_000;

        latency.completed(1_000);

        assertThat(latency.held()).isZero();
        // 100 records at stride 16 keep 7 per checkpoint; two merged (14) halve to 7
        assertThat(histogram.values).hasSize(CommitLatency.MAX_FILED_CHECKPOINTS * 7);
        // the oldest records still weigh in, merged into later checkpoints, not dropped
        assertThat(histogram.values.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(2_000 - 1);
    }

    @Test
    void theCapMustBeEven() {
        assertThatThrownBy(() -> new CommitLatency(histogram, () -> 0, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every value, in order. */
    static final class Recorded implements Histogram {
        final List<Long> values = new ArrayList<>();

        @Override
        public void update(long value) {
            values.add(value);
        }

        @Override
        public long getCount() {
            return values.size();
        }

        @Override
        public HistogramStatistics getStatistics() {
            throw new UnsupportedOperationException();
        }
    }
}
