package com.cardpay.payments.functions.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The threshold features share the byte that held {@code card_testing} alone: every combination
 * round-trips, and a record without them keeps its old bytes (0 or 1), so the pinned layouts of
 * {@link CardFeaturedPaymentSerializerTest} and {@link ScoredPaymentSerializerTest} hold.
 */
class CardFeatureFlagsTest {

    @Test
    void everyCombinationRoundTrips() throws Exception {
        for (int bits = 0; bits < 16; bits++) {
            CardFeatures card = new CardFeatures(1, 2, 3, 4, 5, 6, 7, 8, (bits & 1) != 0, 9, (bits & 2) != 0,
                    (bits & 4) != 0, (bits & 8) != 0);
            DataOutputSerializer out = new DataOutputSerializer(64);
            FraudCodecs.CARD.write(out, card);
            assertThat(FraudCodecs.CARD.read(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(card);
        }
    }

    @Test
    void aRecordWithoutTheNewFeaturesHasTheOldByte() throws Exception {
        for (boolean cardTesting : new boolean[] {false, true}) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            FraudCodecs.CARD.write(out, new CardFeatures(0, 0, 0, 0, 0, 0, 0, 0, cardTesting, 0));
            // 6 longs and 2 ints, then the flags byte: as writeBoolean wrote it
            assertThat(out.getCopyOfBuffer()[6 * 8 + 2 * 4]).isEqualTo((byte) (cardTesting ? 1 : 0));
        }
    }
}
