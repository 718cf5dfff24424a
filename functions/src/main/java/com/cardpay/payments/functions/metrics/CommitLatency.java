package com.cardpay.payments.functions.metrics;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commit-visible latency of an exactly-once operator's output: for each record the operator emits,
 * the time from its source record's Kafka timestamp until the checkpoint that commits the output
 * completes, i.e. when a {@code read_committed} consumer can first see it.
 *
 * <p>How: the operator calls {@link #emitted} with the source timestamp of each record it emits;
 * {@link #snapshot} (the operator's {@code snapshotState}, at the barrier of checkpoint {@code n})
 * files the timestamps emitted since the previous barrier under {@code n}; {@link #completed}
 * ({@code notifyCheckpointComplete(n)}) records {@code now - timestamp} in the histogram for every
 * checkpoint filed at or below {@code n} and drops them. An aborted checkpoint's timestamps stay
 * filed: the exactly-once Kafka sink commits its transaction with the next completed checkpoint,
 * so they are recorded then ({@link #aborted} does nothing, on purpose).
 *
 * <p>Metric-only: nothing here is checkpointed. After a failover the pending timestamps are lost,
 * which is right: the records are read again and measured again with their original Kafka
 * timestamps, so their latency then includes the recovery, as a consumer sees it.
 *
 * <p>Memory is bounded, whatever the rate or however long checkpoints keep failing:
 * <ul>
 *   <li>Per checkpoint at most {@code samplesPerCheckpoint} timestamps, as a systematic sample: the
 *       {@code k}-th record emitted since the barrier ({@code k = 0, 1, ...}) is kept iff {@code k}
 *       is a multiple of the stride; the stride starts at 1 and doubles whenever the buffer is full
 *       (every other kept sample is dropped then). So the kept samples are evenly spread over the
 *       whole checkpoint interval: the oldest records of an interval, which wait longest, are not
 *       under-represented (keeping only the first or the last N would bias the quantiles). Why a
 *       sample and not every record: the histogram the reporter exports is a sliding window of a
 *       fixed number of samples anyway, so recording more than that per checkpoint only pushes out
 *       the previous checkpoints; with a cap of a quarter of the window, the window spans at least
 *       four checkpoints. Each checkpoint then weighs the same in the window however many records it
 *       had, which over-represents quiet intervals a little; the p99 is of checkpoints' samples.
 *   <li>At most {@link #MAX_FILED_CHECKPOINTS} checkpoints filed and not yet completed: beyond that
 *       (checkpoints failing for a long time) the oldest two are merged into the newer one's id,
 *       decimated to the cap. That is exact for aborted checkpoints, whose records are committed by a
 *       later checkpoint anyway, and at most delays recording for one still in flight.
 * </ul>
 * At most {@code (MAX_FILED_CHECKPOINTS + 1) * samplesPerCheckpoint} longs: 520 KiB with the
 * default cap.
 *
 * <p>Not thread-safe: all calls come from the task's thread (records, snapshots and checkpoint
 * notifications all run in the task's mailbox). A negative difference (a producer's clock ahead of
 * ours, with {@code CreateTime} timestamps) is recorded as 0.
 */
public final class CommitLatency {
    /** The metric's name, under the operator's metric group. */
    public static final String METRIC = "payments_commit_visible_latency_ms";
    /** The sliding window of the exported histogram, in samples. */
    public static final int HISTOGRAM_WINDOW = 4096;
    /** The default cap of samples kept per checkpoint: a quarter of the histogram's window. */
    public static final int DEFAULT_SAMPLES_PER_CHECKPOINT = HISTOGRAM_WINDOW / 4;
    /** Checkpoints filed and not completed, beyond which the oldest two are merged. */
    public static final int MAX_FILED_CHECKPOINTS = 64;

    /** Wall clock in epoch milliseconds; serializable so that a function can ship it. */
    @FunctionalInterface
    public interface Clock extends Serializable {
        long nowMillis();

        Clock SYSTEM = System::currentTimeMillis;
    }

    private final Histogram histogram;
    private final Clock clock;
    private final int samplesPerCheckpoint;
    private Sample open;
    private final TreeMap<Long, Sample> filed = new TreeMap<>();

    public CommitLatency(Histogram histogram, Clock clock) {
        this(histogram, clock, DEFAULT_SAMPLES_PER_CHECKPOINT);
    }

    public CommitLatency(Histogram histogram, Clock clock, int samplesPerCheckpoint) {
        Preconditions.checkArgument(samplesPerCheckpoint >= 2 && samplesPerCheckpoint % 2 == 0,
                "samples per checkpoint must be even and at least 2, got %s", samplesPerCheckpoint);
        this.histogram = Preconditions.checkNotNull(histogram);
        this.clock = Preconditions.checkNotNull(clock);
        this.samplesPerCheckpoint = samplesPerCheckpoint;
        this.open = new Sample(samplesPerCheckpoint);
    }

    /** A record was emitted whose source record has this Kafka timestamp (epoch ms). */
    public void emitted(long sourceTimestampMillis) {
        open.offer(sourceTimestampMillis);
    }

    /** The barrier of checkpoint {@code checkpointId}: what was emitted since the last one is filed under it. */
    public void snapshot(long checkpointId) {
        if (open.size == 0) {
            return;
        }
        Sample previous = filed.put(checkpointId, open);
        if (previous != null) { // the same id twice: never in Flink, but lose nothing
            open.mergeFrom(previous);
        }
        open = new Sample(samplesPerCheckpoint);
        // Checkpoints failing for long: the next-oldest takes the oldest's samples (a later checkpoint
        // commits them anyway if the oldest never completes).
        while (filed.size() > MAX_FILED_CHECKPOINTS) {
            Map.Entry<Long, Sample> oldest = filed.pollFirstEntry();
            filed.firstEntry().getValue().mergeFrom(oldest.getValue());
        }
    }

    /** Checkpoint {@code checkpointId} completed: everything filed at or below it is now committed. */
    public void completed(long checkpointId) {
        long now = clock.nowMillis();
        Iterator<Sample> committed = filed.headMap(checkpointId, true).values().iterator();
        while (committed.hasNext()) {
            Sample sample = committed.next();
            for (int i = 0; i < sample.size; i++) {
                histogram.update(Math.max(0, now - sample.values[i]));
            }
            committed.remove();
        }
    }

    /** Checkpoint {@code checkpointId} was aborted: its records commit with the next completed one. */
    public void aborted(long checkpointId) {
        // kept on purpose: see the class comment
    }

    /** Timestamps held, filed or not (for tests and the memory bound). */
    int held() {
        return open.size + filed.values().stream().mapToInt(s -> s.size).sum();
    }

    /** Checkpoints filed and not completed. */
    int filedCheckpoints() {
        return filed.size();
    }

    /** A systematic sample of at most {@code values.length} timestamps, evenly spread over the offers. */
    private static final class Sample {
        final long[] values;
        int size;
        long stride = 1;
        long offered;

        Sample(int capacity) {
            values = new long[capacity];
        }

        void offer(long value) {
            long k = offered++;
            if (k % stride != 0) {
                return;
            }
            if (size == values.length) {
                halve();
                if (k % stride != 0) {
                    return;
                }
            }
            values[size++] = value;
        }

        /** Keeps every other sample (positions 0, 2, 4, ...: the multiples of twice the stride). */
        private void halve() {
            int kept = 0;
            for (int i = 0; i < size; i += 2) {
                values[kept++] = values[i];
            }
            Arrays.fill(values, kept, size, 0L);
            size = kept;
            stride *= 2;
        }

        /**
         * Adds an older sample's values before its own, halving the whole until it fits (so the spread
         * stays about even, and the oldest value is always kept).
         */
        void mergeFrom(Sample older) {
            long[] all = Arrays.copyOf(older.values, older.size + size);
            System.arraycopy(values, 0, all, older.size, size);
            int n = all.length;
            while (n > values.length) {
                int kept = 0;
                for (int i = 0; i < n; i += 2) {
                    all[kept++] = all[i];
                }
                n = kept;
            }
            System.arraycopy(all, 0, values, 0, n);
            size = n;
            offered += older.offered;
        }
    }
}
