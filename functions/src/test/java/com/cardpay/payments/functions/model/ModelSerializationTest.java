package com.cardpay.payments.functions.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The records that travel between operators use Flink's own serializers, not Kryo: with generic
 * types disabled (as a production job should run) their serializers can still be built, and they
 * round-trip every field.
 */
class ModelSerializationTest {
    private static final MessageHeaders HEADERS = Payments.headers("traceparent", "00-ab-cd-01", "tenant", "eu");

    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);

    @Test
    void acceptedOutcomeRoundTripsWithoutKryo() throws Exception {
        IngestOutcome accepted = ingestor.ingest(Payments.refund().bytes(), Payments.key("m-1"), HEADERS, Payments.source());

        assertThat(roundTrip(IngestOutcome.class, accepted)).isEqualTo(accepted);
        assertThat(roundTrip(TokenizedPayment.class, accepted.payment())).isEqualTo(accepted.payment());
        assertThat(roundTrip(VaultRecord.class, accepted.vaultRecord())).isEqualTo(accepted.vaultRecord());
    }

    @Test
    void rejectedOutcomeRoundTripsWithoutKryo() throws Exception {
        IngestOutcome rejected = ingestor.ingest(Payments.raw().with("pan", "4111").bytes(), null, HEADERS, Payments.source());

        assertThat(roundTrip(IngestOutcome.class, rejected)).isEqualTo(rejected);
        assertThat(roundTrip(DeadLetter.class, rejected.deadLetter())).isEqualTo(rejected.deadLetter());
    }

    @Test
    void emptyHeadersRoundTrip() throws Exception {
        assertThat(roundTrip(MessageHeaders.class, MessageHeaders.EMPTY)).isEqualTo(MessageHeaders.EMPTY);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).as(type.getSimpleName()).isNotInstanceOf(GenericTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
