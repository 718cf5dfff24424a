package com.cardpay.payments.tools.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

class OffsetSyncsTest {
    private static final TopicPartition RAW_0 = new TopicPartition("payments.raw", 0);
    /** Region-a offsets 100 and 200 were copied to 90 and 170 in region-b (markers and aborted records are not copied). */
    private static final OffsetSyncs SYNCS = OffsetSyncs.of(Map.of(RAW_0, new TreeMap<>(Map.of(100L, 90L, 200L, 170L))));

    @Test
    void aPositionOnASyncedRecordTranslatesExactly() {
        assertThat(SYNCS.translate(RAW_0, 200)).hasValue(170);
    }

    @Test
    void aPositionBetweenSyncsResumesJustAfterTheNewestSyncBeforeIt() {
        // record 250 is somewhere after 170 in region-b: start at 171, read 171.. again, skip nothing
        assertThat(SYNCS.translate(RAW_0, 250)).hasValue(171);
        assertThat(SYNCS.translate(RAW_0, 199)).hasValue(91);
    }

    @Test
    void aPositionBeforeTheFirstSyncOrOnAnUnmirroredPartitionHasNoTranslation() {
        assertThat(SYNCS.translate(RAW_0, 99)).isEqualTo(OptionalLong.empty());
        assertThat(SYNCS.translate(new TopicPartition("payments.raw", 1), 500)).isEqualTo(OptionalLong.empty());
    }
}
