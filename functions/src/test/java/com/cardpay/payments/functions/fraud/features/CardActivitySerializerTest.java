package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.FraudSettings;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The hand-written card-state serializer: what it writes reads back whole, and the way from the POJO format. */
class CardActivitySerializerTest {
    private final FraudSettings settings = FraudSettings.defaults();
    private final CardActivitySerializer serializer = CardActivitySerializer.INSTANCE;

    @Test
    void aCardWithActivityInSeveralCurrenciesReadsBackWhole() throws Exception {
        CardActivity card = cardWithActivity();

        CardActivity copy = read(serializer, write(serializer, card));

        assertThat(copy).usingRecursiveComparison().isEqualTo(card);
        assertThat(copy.record(purchase(minutes(9), 300).build(), settings, CardWindows.of(settings)))
                .isEqualTo(card.record(purchase(minutes(9), 300).build(), settings, CardWindows.of(settings)));
    }

    @Test
    void nullPartsAsARestoredOlderCardHasThemReadBackAsNull() throws Exception {
        CardActivity card = new CardActivity();
        card.amountsByCurrency = null;
        card.merchants.values = null;
        card.recentEventTimes = null;
        card.amountsByCurrency = new CurrencyAmountRings[] {null, new CurrencyAmountRings()};

        assertThat(read(serializer, write(serializer, card))).usingRecursiveComparison().isEqualTo(card);
        CardActivity empty = new CardActivity();
        empty.amountsByCurrency = null;
        assertThat(read(serializer, write(serializer, empty))).usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void itIsSmallerThanThePojoFormat() throws Exception {
        CardActivity card = cardWithActivity();

        assertThat(write(serializer, card).length).isLessThan(write(pojoSerializer(), card).length);
    }

    @Test
    void stateWrittenByThePojoSerializerMigratesAndThenReadsTheSame() throws Exception {
        TypeSerializer<CardActivity> pojo = pojoSerializer();
        CardActivity card = cardWithActivity();
        TypeSerializerSnapshot<CardActivity> savedWithPojo = pojo.snapshotConfiguration();

        TypeSerializerSchemaCompatibility<CardActivity> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(savedWithPojo);

        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        // what a restore then does with each card: read with the old serializer, write with the new
        CardActivity migrated = read(serializer, write(serializer, read(savedWithPojo.restoreSerializer(), write(pojo, card))));
        assertThat(migrated).usingRecursiveComparison().isEqualTo(card);
    }

    @Test
    void itsOwnSnapshotIsCompatibleAsIsAndAnotherTypeIsRefused() {
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(serializer.snapshotConfiguration())
                .isCompatibleAsIs()).isTrue();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<CardActivity> other = (TypeSerializerSnapshot) TypeInformation.of(String.class)
                .createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(other).isIncompatible()).isTrue();
    }

    @Test
    void aFormatNewerThanThisJobIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> new CardActivitySerializer.Snapshot().readSnapshot(
                CardActivitySerializer.FORMAT_VERSION + 1, new DataInputDeserializer(new byte[0]), getClass().getClassLoader()))
                .hasMessageContaining("newer than this job");
    }

    @Test
    void aCopyIsDeep() {
        CardActivity card = cardWithActivity();
        CardActivity copy = serializer.copy(card);

        copy.longWindow.counts[0]++;
        assertThat(copy.longWindow.counts[0]).isNotEqualTo(card.longWindow.counts[0]);
    }

    private CardActivity cardWithActivity() {
        CardActivity card = new CardActivity();
        CardWindows windows = CardWindows.of(settings);
        card.record(purchase(0, 100).merchant("m-1", "FR").build(), settings, windows);
        card.record(purchase(minutes(1), 200).merchant("m-2", "DE").currency("USD").build(), settings, windows);
        card.record(purchase(minutes(3), 20).merchant("m-3", "DE").currency("JPY").build(), settings, windows);
        return card;
    }

    private static TypeSerializer<CardActivity> pojoSerializer() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return TypeInformation.of(CardActivity.class).createSerializer(config);
    }

    private static byte[] write(TypeSerializer<CardActivity> s, CardActivity card) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(card, out);
        return out.getCopyOfBuffer();
    }

    private static CardActivity read(TypeSerializer<CardActivity> s, byte[] bytes) throws Exception {
        return s.deserialize(new DataInputDeserializer(bytes));
    }
}
