package com.cardpay.payments.functions.dedupe;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.apache.flink.types.Either;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Accepted ingest outcomes and a dedupe operator harness keyed by merchant, as in the job. */
final class DedupeFixtures {
    static final Duration TTL = Duration.ofHours(24);
    static final long TTL_MILLIS = TTL.toMillis();

    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);
    private long nextOffset = 100;

    /** A harness around a new deduplicator; not yet initialized or opened. */
    static KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PaymentDeduplicator(TTL)),
                        outcome -> outcome.payment().merchantId(), Types.STRING);
        harness.setup(PaymentDeduplicator.OUTPUT_TYPE.createSerializer(new SerializerConfigImpl()));
        return harness;
    }

    /** A new, opened harness. */
    static KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> openHarness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness = harness();
        harness.open();
        return harness;
    }

    /** The tokenized payments the harness emitted, in order. */
    static List<TokenizedPayment> tokenized(KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome,
            Either<TokenizedPayment, VaultRecord>> harness) {
        return harness.extractOutputValues().stream().filter(Either::isLeft).map(Either::left).collect(Collectors.toList());
    }

    /** The vault records the harness emitted, in order. */
    static List<VaultRecord> vaultRecords(KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome,
            Either<TokenizedPayment, VaultRecord>> harness) {
        return harness.extractOutputValues().stream().filter(Either::isRight).map(Either::right).collect(Collectors.toList());
    }

    /** Ingests the record as read from the next source offset; it must be accepted. */
    IngestOutcome accepted(Payments.RawPayment record) throws Exception {
        return accepted(record, MessageHeaders.EMPTY);
    }

    IngestOutcome accepted(Payments.RawPayment record, MessageHeaders headers) throws Exception {
        IngestOutcome outcome = ingestor.ingest(record.bytes(), record.key(), headers, Payments.source(nextOffset++));
        if (!outcome.isAccepted()) {
            throw new IllegalArgumentException("test record was refused: " + outcome.deadLetter().errorCode());
        }
        return outcome;
    }

    /** A valid purchase of {@code paymentId} at {@code merchantId}. */
    IngestOutcome payment(String merchantId, String paymentId) throws Exception {
        return accepted(Payments.raw().with("merchant_id", merchantId).with("payment_id", paymentId));
    }
}
