package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.IngestOutcome;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/** Event time for the pipeline: a payment's {@code event_time}, with bounded disorder and idleness. */
public final class PaymentWatermarks {
    private PaymentWatermarks() {}

    /**
     * @param maxOutOfOrderness how far behind the newest event an event may be and still count as on time
     * @param idleness how long a silent source split waits before it stops holding the watermark back
     */
    public static WatermarkStrategy<IngestOutcome> strategy(Duration maxOutOfOrderness, Duration idleness) {
        return WatermarkStrategy.<IngestOutcome>forBoundedOutOfOrderness(maxOutOfOrderness)
                // A rejected record has no event time we trust; its Kafka timestamp stands in, so a
                // partition of only bad records still moves time forward.
                .withTimestampAssigner((outcome, kafkaTimestamp) ->
                        outcome.isAccepted() ? outcome.payment().eventTimeMillis() : kafkaTimestamp)
                .withIdleness(idleness);
    }
}
