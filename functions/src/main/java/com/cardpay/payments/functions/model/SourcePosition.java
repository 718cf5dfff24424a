package com.cardpay.payments.functions.model;

/**
 * Where a record was read: enough to fetch the original again from the source topic.
 *
 * @param timestampMillis the Kafka record's timestamp
 * @param partitionWatermarkMillis the event-time watermark of this record's own partition once the
 *     record was read: the highest event time of the accepted payments read from that partition up
 *     to and including this one, less the allowed disorder, exactly as the source's watermark
 *     generator computes it per partition ({@link #NOT_STAMPED} until the ingest router stamps it).
 *     A function of the partition's contents alone, so it is the same in every replay; settlement
 *     decides with it whether a payment is in a window's revision 0 or in which adjustment. Never
 *     written to any topic.
 */
public record SourcePosition(String topic, int partition, long offset, long timestampMillis,
        long partitionWatermarkMillis) {

    /** Not stamped: settlement treats such a payment as read before any watermark. */
    public static final long NOT_STAMPED = Long.MIN_VALUE;

    /** A position as read, not stamped yet. */
    public SourcePosition(String topic, int partition, long offset, long timestampMillis) {
        this(topic, partition, offset, timestampMillis, NOT_STAMPED);
    }

    public SourcePosition withPartitionWatermark(long watermarkMillis) {
        return new SourcePosition(topic, partition, offset, timestampMillis, watermarkMillis);
    }
}
