package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.SourcePosition;

import java.util.HashMap;
import java.util.Map;

/**
 * Each source partition's event-time watermark, computed from its records alone exactly as the
 * source's per-partition generator ({@link PaymentWatermarks}: bounded disorder) computes it: the
 * highest event time of the accepted payments read so far, less the disorder, less 1 ms.
 *
 * <p>Why: the pipeline's watermark is the minimum over partitions, so when a payment meets it
 * depends on how the partitions' reads interleave, which differs from run to run. A payment's own
 * partition's watermark does not: it is a function of that partition's records, in offset order.
 * Settlement decides with it, and a replay from any checkpoint decides the same. And since the
 * pipeline's watermark never passes a partition's own (it is their minimum), once the pipeline's
 * watermark reaches T, every payment still to come carries a partition watermark of at least T.
 */
final class PartitionWatermarks {
    private final long disorderMillis;
    /** The highest accepted event time per "topic/partition". */
    private final Map<String, Long> highestEventTime = new HashMap<>();

    PartitionWatermarks(long disorderMillis) {
        this.disorderMillis = disorderMillis;
    }

    /** Counts the payment read at {@code position} and returns its partition's watermark. */
    long advance(SourcePosition position, long eventTimeMillis) {
        long highest = highestEventTime.merge(partitionOf(position), eventTimeMillis, Math::max);
        return highest == Long.MIN_VALUE ? Long.MIN_VALUE : highest - disorderMillis - 1;
    }

    /** Takes a highest event time from a checkpoint; keeps the higher of two for one partition. */
    void restore(String partition, long highest) {
        highestEventTime.merge(partition, highest, Math::max);
    }

    Map<String, Long> highestEventTimes() {
        return highestEventTime;
    }

    private static String partitionOf(SourcePosition position) {
        return position.topic() + "/" + position.partition();
    }
}
