package com.cardpay.payments.functions.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeaturedPaymentSerializer;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ScoredPaymentSerializer;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.DeadLetterSerializer;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.IngestOutcomeSerializer;
import com.cardpay.payments.functions.model.ModelSamples;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.TokenizedPaymentSerializer;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.model.VaultRecordSerializer;

import java.util.List;
import java.util.stream.Stream;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every annotated record resolves to its hand-written serializer (never the reflective POJO or Kryo
 * serializer), round-trips every field, and restores from its snapshot compatible as is.
 */
class RecordTypeInfoTest {
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(TokenizedPayment.class, TokenizedPaymentSerializer.INSTANCE, List.of(ModelSamples.PAYMENTS)),
                Arguments.of(VaultRecord.class, VaultRecordSerializer.INSTANCE, List.of(ModelSamples.VAULT)),
                Arguments.of(DeadLetter.class, DeadLetterSerializer.INSTANCE, List.of(ModelSamples.DEAD_FULL, ModelSamples.DEAD_NULLS)),
                Arguments.of(IngestOutcome.class, IngestOutcomeSerializer.INSTANCE, List.of(ModelSamples.OUTCOMES)),
                Arguments.of(CardFeaturedPayment.class, CardFeaturedPaymentSerializer.INSTANCE, List.of(ModelSamples.CARD_FEATURED)),
                Arguments.of(ScoredPayment.class, ScoredPaymentSerializer.INSTANCE, List.of(ModelSamples.SCORED)));
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void typeExtractionUsesTheHandWrittenSerializer(Class<T> type, TypeSerializer<T> expected, List<T> values)
            throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);

        assertThat(info).isInstanceOf(RecordTypeInfo.class).isEqualTo(new RecordTypeInfo<>(type, expected));
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(info.createSerializer(config)).isSameAs(expected);
        assertThat(expected.duplicate()).isSameAs(expected);
        assertThat(expected.isImmutableType()).isTrue();
        assertThat(InstantiationUtil.clone(info)).isEqualTo(info);
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void roundTripsEveryField(Class<T> type, TypeSerializer<T> serializer, List<T> values) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (T value : values) {
            serializer.serialize(value, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (T value : values) {
            ModelSamples.assertSameFields(type.getSimpleName(), serializer.deserialize(in), value);
        }
        assertThat(in.available()).isZero();
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void snapshotRestoresCompatibleAsIs(Class<T> type, TypeSerializer<T> serializer, List<T> values)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    }
}
