package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.IngestOutcome;

import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event time for the pipeline: a payment's {@code event_time}, with bounded disorder and idleness.
 *
 * <p>One payment with a wrong clock far in the future must not drag event time with it: every
 * settlement window would close at once, and every later payment would arrive "late". So an
 * event time more than {@code maxAhead} past the wall clock moves the watermark only up to wall
 * clock + {@code maxAhead}. The payment itself keeps its event time and is settled in its own window.
 * Replays of history are unaffected: their event times lie behind the wall clock.
 */
public final class PaymentWatermarks {
    private PaymentWatermarks() {}

    /** The wall clock, in epoch milliseconds; serializable so that the strategy can ship it. */
    @FunctionalInterface
    public interface WallClock extends Serializable {
        long nowMillis();
    }

    /**
     * @param maxOutOfOrderness how far behind the newest event an event may be and still count as on time
     * @param idleness how long a silent source split waits before it stops holding the watermark back
     * @param maxAhead how far ahead of the wall clock an event time may move the watermark
     */
    public static WatermarkStrategy<IngestOutcome> strategy(Duration maxOutOfOrderness, Duration idleness,
            Duration maxAhead) {
        return strategy(maxOutOfOrderness, idleness, maxAhead, System::currentTimeMillis);
    }

    public static WatermarkStrategy<IngestOutcome> strategy(Duration maxOutOfOrderness, Duration idleness, Duration maxAhead,
            WallClock wallClock) {
        long maxAheadMillis = maxAhead.toMillis();
        // Idleness sits inside the accepted-only filter: a partition that carries nothing but bad
        // records counts as silent, turns idle, and stops holding event time back.
        return WatermarkStrategy.<IngestOutcome>forGenerator(ctx -> new AcceptedPaymentsOnly(new WatermarksWithIdleness<>(
                        new AtMostAheadOfWallClock(new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness), maxAheadMillis,
                                wallClock),
                        idleness, ctx.getInputActivityClock())))
                // A rejected record has no event time we trust. Its Kafka timestamp is its record
                // timestamp (it only goes to the DLQ), but it never moves the watermark: that
                // timestamp is the producer's wall clock, and one bad record in a replay of last
                // week would otherwise turn every later payment into a late one.
                .withTimestampAssigner((outcome, kafkaTimestamp) ->
                        outcome.isAccepted() ? outcome.payment().eventTimeMillis() : kafkaTimestamp);
    }

    /** Only accepted payments reach the watermark generator: rejected records neither move nor wake it. */
    private static final class AcceptedPaymentsOnly implements WatermarkGenerator<IngestOutcome> {
        private final WatermarkGenerator<IngestOutcome> delegate;

        AcceptedPaymentsOnly(WatermarkGenerator<IngestOutcome> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(IngestOutcome event, long eventTimestamp, WatermarkOutput output) {
            if (event.isAccepted()) {
                delegate.onEvent(event, eventTimestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            delegate.onPeriodicEmit(output);
        }
    }

    /** Feeds the watermark generator event times capped at wall clock + the allowed lead. */
    private static final class AtMostAheadOfWallClock implements WatermarkGenerator<IngestOutcome> {
        private final WatermarkGenerator<IngestOutcome> delegate;
        private final long maxAheadMillis;
        private final WallClock wallClock;

        AtMostAheadOfWallClock(WatermarkGenerator<IngestOutcome> delegate, long maxAheadMillis, WallClock wallClock) {
            this.delegate = delegate;
            this.maxAheadMillis = maxAheadMillis;
            this.wallClock = wallClock;
        }

        @Override
        public void onEvent(IngestOutcome event, long eventTimestamp, WatermarkOutput output) {
            long cap = wallClock.nowMillis() + maxAheadMillis;
            delegate.onEvent(event, Math.min(eventTimestamp, cap), output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            delegate.onPeriodicEmit(output);
        }
    }
}
