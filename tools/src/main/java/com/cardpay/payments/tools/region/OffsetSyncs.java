package com.cardpay.payments.tools.region;

import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.tools.common.CommittedTopic;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.OffsetSync;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * MirrorMaker 2's offset syncs, as its source connector writes them to the target cluster (with
 * {@code offset-syncs.topic.location: target}, the topic {@code mm2-offset-syncs.<source alias>.internal}):
 * pairs of (offset in the source cluster, offset of the same record in the target cluster), a new
 * pair whenever the two drifted apart by more than {@code offset.lag.max}. Decoded with MirrorMaker
 * 2's own {@link OffsetSync#deserializeRecord}.
 */
final class OffsetSyncs {
    /** Per source-cluster partition: source offset to target offset; a later sync for an offset replaces an earlier one. */
    private final Map<TopicPartition, TreeMap<Long, Long>> syncs;

    private OffsetSyncs(Map<TopicPartition, TreeMap<Long, Long>> syncs) {
        this.syncs = syncs;
    }

    /** These syncs: per partition, source offset to target offset. */
    static OffsetSyncs of(Map<TopicPartition, TreeMap<Long, Long>> syncs) {
        return new OffsetSyncs(syncs);
    }

    /** Every sync in {@code topic} of the cluster {@code targetConfig} points at. */
    static OffsetSyncs read(PaymentsConfig targetConfig, String topic, Duration timeout) {
        Map<TopicPartition, TreeMap<Long, Long>> syncs = new HashMap<>();
        CommittedTopic.forEach(targetConfig, topic, timeout, record -> {
            OffsetSync sync = OffsetSync.deserializeRecord(record);
            syncs.computeIfAbsent(sync.topicPartition(), p -> new TreeMap<>())
                    .put(sync.upstreamOffset(), sync.downstreamOffset());
        });
        return new OffsetSyncs(syncs);
    }

    /**
     * Where to resume in the target cluster so that no record at or after {@code sourceOffset} in
     * the source cluster is skipped: the newest sync at or before it; its target offset if it is
     * that very record, else the one after (the records between were copied after the synced one,
     * so they sit after it; some of them may be read again, none is skipped). The same rule as
     * MirrorMaker 2's checkpoint connector applies to consumer groups, written here for a savepoint's
     * positions, which no group holds.
     *
     * @return empty when no sync is at or before {@code sourceOffset} for that partition
     */
    OptionalLong translate(TopicPartition partition, long sourceOffset) {
        TreeMap<Long, Long> forPartition = syncs.get(partition);
        Map.Entry<Long, Long> sync = forPartition == null ? null : forPartition.floorEntry(sourceOffset);
        if (sync == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sync.getValue() + (sync.getKey() == sourceOffset ? 0 : 1));
    }
}
