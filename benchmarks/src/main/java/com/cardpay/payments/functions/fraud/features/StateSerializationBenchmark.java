package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.rules.DefaultRules;
import com.cardpay.payments.functions.fraud.rules.StoredRule;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What RocksDB makes every state access pay: a serialize and deserialize round trip of each state
 * type with the serializer Flink builds for it (generic types off, as in the job, so a type that
 * fell back to Kryo would fail here at setup).
 *
 * <ul>
 *   <li>{@code dedupeEntry}: one entry of the dedupe {@code MapState<String, Long>}: a
 *       {@code payment_id} and its content hash (the TTL wrapper adds an 8-byte timestamp);
 *   <li>{@code cardActivity}: a card's {@link CardActivity} after 40 payments;
 *   <li>{@code merchantProfile}: a merchant's {@link MerchantProfile} with four currencies;
 *   <li>{@code storedRule}: one broadcast {@link StoredRule} (a default rule's canonical JSON).
 * </ul>
 *
 * Setup prints each type's serialized size. This class sits in the features package to build a
 * realistic {@link CardActivity} through its package-private {@code record}.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar StateSerializationBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class StateSerializationBenchmark {
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final TypeSerializer<String> strings = serializer(Types.STRING);
    private final TypeSerializer<Long> longs = serializer(Types.LONG);
    private final TypeSerializer<CardActivity> cards = CardActivitySerializer.INSTANCE; // the job's own (hand-written)
    private final TypeSerializer<MerchantProfile> merchants = serializer(TypeInformation.of(MerchantProfile.class));
    private final TypeSerializer<StoredRule> rules = serializer(TypeInformation.of(StoredRule.class));
    private final String paymentId = "pay-3k9v2-1b2c3d-1234567";
    private final Long contentHash = 0x5DEECE66DL * 31;
    private CardActivity card;
    private MerchantProfile profile;
    private StoredRule rule;

    private static <T> TypeSerializer<T> serializer(TypeInformation<T> type) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return type.createSerializer(config);
    }

    @Setup
    public void setUp() throws IOException {
        FraudSettings settings = FraudSettings.defaults();
        card = new CardActivity();
        MerchantFeatureCalculator calculator = new MerchantFeatureCalculator(settings);
        String[] currencies = {"EUR", "USD", "GBP", "JPY"};
        long t = 1_795_515_330_123L;
        for (int i = 0; i < 40; i++) {
            TokenizedPayment p = payment("m-" + (i % 7), currencies[i % 4], 500 + 97L * i, t + 45_000L * i, "DE");
            card.record(p, settings, CardWindows.of(settings));
            profile = calculator.update(profile, p);
        }
        rule = DefaultRules.load().get(0).toStoredRule();
        System.out.printf("%nserialized sizes: dedupe entry %d + %d bytes, CardActivity %d, MerchantProfile %d, StoredRule %d%n",
                size(strings, paymentId), size(longs, contentHash), size(cards, card), size(merchants, profile), size(rules, rule));
    }

    @Benchmark
    public Long dedupeEntry() throws IOException {
        out.clear();
        strings.serialize(paymentId, out);
        longs.serialize(contentHash, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        strings.deserialize(in);
        return longs.deserialize(in);
    }

    @Benchmark
    public CardActivity cardActivity() throws IOException {
        return roundTrip(cards, card);
    }

    @Benchmark
    public MerchantProfile merchantProfile() throws IOException {
        return roundTrip(merchants, profile);
    }

    @Benchmark
    public StoredRule storedRule() throws IOException {
        return roundTrip(rules, rule);
    }

    private <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }

    private <T> int size(TypeSerializer<T> serializer, T value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        return out.length();
    }

    private static TokenizedPayment payment(String merchant, String currency, long amount, long eventTime, String country) {
        return new TokenizedPayment("pay-" + eventTime, merchant, PaymentType.PURCHASE, amount, currency, "tok_v1_x", 1, "555555",
                "4444", country, country, country, null, eventTime, null, 1L,
                new SourcePosition("payments.raw", 0, 1, 0), MessageHeaders.EMPTY);
    }
}
