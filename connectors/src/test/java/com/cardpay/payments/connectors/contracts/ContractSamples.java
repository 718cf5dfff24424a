package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.RawRecords.Invalid;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.dedupe.PaymentDeduplicator;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Records of every topic for the contract tests, made as the job makes them: payments through the
 * real ingest path (the raw contract's reader, validation, tokenization with the local key
 * provider), dead letters of every code, and scored payments like the job's.
 */
final class ContractSamples {
    static final SourcePosition SOURCE = new SourcePosition("payments.raw", 3, 42_017L, 1_795_515_330_500L);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PaymentIngestor INGESTOR = new PaymentIngestor(new RawPaymentReader(),
            new CardTokenizer(new LocalKeyProvider()), Payments.INGEST_CLOCK);

    private ContractSamples() {}

    /** The outcome of a valid {@code payments.raw} record. */
    static IngestOutcome accept(ObjectNode record) throws Exception {
        byte[] key = RawRecords.key(record.get("merchant_id").textValue());
        IngestOutcome outcome = INGESTOR.ingest(RawRecords.bytes(record), key, MessageHeaders.EMPTY, SOURCE);
        assertThat(outcome.isAccepted()).as("test record must be valid: %s", outcome.deadLetter()).isTrue();
        return outcome;
    }

    /** The dead letter of a record the job refuses. */
    static DeadLetter refuse(Invalid record) throws Exception {
        return INGESTOR.ingest(record.value(), record.key(), MessageHeaders.EMPTY, SOURCE).deadLetter();
    }

    static Stream<Invalid> invalidRecords() {
        return Stream.concat(RawRecords.schemaRejects().stream(), RawRecords.onlyValidatorRejects().stream());
    }

    /** A real dead letter with the code: from the ingestor, or for a conflict from the deduplicator. */
    static DeadLetter deadLetterFor(RejectionCode code) throws Exception {
        if (code == RejectionCode.DUPLICATE_CONFLICT) {
            return duplicateConflict();
        }
        if (code == RejectionCode.CURRENCY_NOT_SETTLED) {
            // a valid record: only a job that does not settle its currency refuses it
            ObjectNode record = RawRecords.purchase().put("currency", "SEK");
            return new PaymentIngestor(new RawPaymentReader(), new CardTokenizer(new LocalKeyProvider()),
                    Payments.INGEST_CLOCK, Set.of("EUR")).ingest(RawRecords.bytes(record),
                    RawRecords.key(record.get("merchant_id").textValue()), MessageHeaders.EMPTY, SOURCE).deadLetter();
        }
        Invalid record = invalidRecords().filter(r -> r.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("RawRecords has no invalid record for " + code));
        return refuse(record);
    }

    private static DeadLetter duplicateConflict() throws Exception {
        IngestOutcome first = accept(RawRecords.purchase());
        IngestOutcome changed = accept(RawRecords.purchase().put("amount_minor", 9999));
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> dedupe =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PaymentDeduplicator(Duration.ofDays(1))),
                        o -> o.payment().merchantId(), Types.STRING)) {
            dedupe.setup(PaymentDeduplicator.OUTPUT_TYPE.createSerializer(new SerializerConfigImpl()));
            dedupe.open();
            dedupe.processElement(first, 0L);
            dedupe.processElement(changed, 0L);
            return dedupe.getSideOutput(PaymentDeduplicator.CONFLICTS).poll().getValue();
        }
    }

    /** A scored payment with reasons and shadow hits, its features as the wire carries them (three decimals). */
    static ScoredPayment scored(TokenizedPayment payment, Decision decision) {
        return new ScoredPayment(payment, new CardFeatures(6, 9, 12, 3000, 9000, 12000, 3, 2, false, 4),
                new MerchantFeatures(4.25, 0.125, 0.01, 250), 450, decision,
                new Reason[] {new Reason("VELOCITY_BURST", "velocity-burst", 3, 300), new Reason("LARGE_AMOUNT", "large-amount", 1, 150)},
                new ShadowHit[] {new ShadowHit("night-owl", 1, 100, null), new ShadowHit("tor-exit", 2, 0, Decision.DECLINE)},
                "r-3f9a1c", 1_795_515_330_123L);
    }

    /** {@code value}'s JSON changed by {@code change}: a record that breaks its contract on purpose. */
    static byte[] edit(byte[] value, Consumer<ObjectNode> change) throws Exception {
        JsonNode json = JSON.readTree(value);
        change.accept((ObjectNode) json);
        return JSON.writeValueAsBytes(json);
    }

    // What a record is once it went through its topic: the wire carries no headers (they are Kafka
    // headers), no source record timestamp and no dedupe content hash.

    static SourcePosition onTheWire(SourcePosition s) {
        return s == null ? null : new SourcePosition(s.topic(), s.partition(), s.offset(), JsonRecord.NO_TIMESTAMP);
    }

    static TokenizedPayment onTheWire(TokenizedPayment p) {
        return new TokenizedPayment(p.paymentId(), p.merchantId(), p.type(), p.amountMinor(), p.currency(), p.cardToken(),
                p.tokenKeyVersion(), p.cardBin(), p.cardLast4(), p.cardCountry(), p.merchantCountry(), p.ipCountry(),
                p.deviceId(), p.eventTimeMillis(), p.originalPaymentId(), 0L, onTheWire(p.source()), MessageHeaders.EMPTY);
    }

    static VaultRecord onTheWire(VaultRecord v) {
        return new VaultRecord(v.cardToken(), v.tokenKeyVersion(), v.algorithm(), v.iv(), v.ciphertext(), v.wrappedDataKey(),
                v.dataKeyVersion(), v.keyProvider(), MessageHeaders.EMPTY);
    }

    static DeadLetter onTheWire(DeadLetter d) {
        return new DeadLetter(d.errorCode(), d.errorMessage(), d.field(), onTheWire(d.source()), d.paymentId(),
                d.merchantId(), d.maskedKey(), d.maskedPayload(), d.payloadBytes(), d.payloadTruncated(), MessageHeaders.EMPTY);
    }
}
