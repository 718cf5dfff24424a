package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardSecret;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A valid record leaves ingest as a tokenized payment plus its vault record, and nothing else. */
class PaymentIngestorAcceptedTest {
    private final TestKeyProvider keys = new TestKeyProvider(1);
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(keys), Payments.INGEST_CLOCK);
    private final MessageHeaders headers = Payments.headers("traceparent", "00-4bf92f3577b34da6-00f067aa0ba902b7-01");

    @Test
    void validPurchaseBecomesATokenizedPaymentWithoutThePan() throws Exception {
        SourcePosition source = Payments.source(7);
        String expectedToken = new CardTokenizer(new TestKeyProvider(1)).tokenize(Payments.PAN).value();

        IngestOutcome outcome = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, source);

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.deadLetter()).isNull();
        TokenizedPayment p = outcome.payment();
        assertThat(p.paymentId()).isEqualTo("pay-0001");
        assertThat(p.merchantId()).isEqualTo("m-1");
        assertThat(p.type()).isEqualTo(PaymentType.PURCHASE);
        assertThat(p.amountMinor()).isEqualTo(1250L);
        assertThat(p.currency()).isEqualTo("EUR");
        assertThat(p.cardToken()).isEqualTo(expectedToken);
        assertThat(p.tokenKeyVersion()).isEqualTo(1);
        assertThat(p.cardBin()).isEqualTo("411111");
        assertThat(p.cardLast4()).isEqualTo("1111");
        assertThat(p.cardCountry()).isEqualTo("DE");
        assertThat(p.merchantCountry()).isEqualTo("FR");
        assertThat(p.ipCountry()).isEqualTo("DE");
        assertThat(p.deviceId()).isEqualTo("dev-7f3a");
        assertThat(p.eventTimeMillis()).isEqualTo(Payments.EVENT_TIME_MILLIS);
        assertThat(p.originalPaymentId()).isNull();
        assertThat(p.source()).isEqualTo(source);
        assertThat(p.headers()).isEqualTo(headers);
        assertThat(p.toString()).doesNotContain(Payments.PAN).doesNotContain(Payments.EXPIRY);
    }

    @Test
    void vaultRecordOfTheSameTokenOpensToThePanAndExpiry() throws Exception {
        IngestOutcome outcome = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, Payments.source());

        VaultRecord vault = outcome.vaultRecord();

        assertThat(vault.cardToken()).isEqualTo(outcome.payment().cardToken());
        assertThat(vault.tokenKeyVersion()).isEqualTo(outcome.payment().tokenKeyVersion());
        assertThat(vault.headers()).isEqualTo(headers);
        assertThat(CardTokenizer.open(vault, keys)).isEqualTo(new CardSecret(Payments.PAN, Payments.EXPIRY));
    }

    @Test
    void refundKeepsTheIdOfTheOriginalPurchase() throws Exception {
        IngestOutcome outcome = ingestor.ingest(Payments.refund().bytes(), Payments.key("m-1"), headers, Payments.source());

        assertThat(outcome.payment().type()).isEqualTo(PaymentType.REFUND);
        assertThat(outcome.payment().originalPaymentId()).isEqualTo("pay-0000");
    }

    @ParameterizedTest(name = "{0}-digit PAN")
    @ValueSource(ints = {12, 13, 14})
    void shortPansKeepTheBinButNotTheLastFour(int length) throws Exception {
        String pan = Payments.luhnValidPan("601100", length, 987);

        TokenizedPayment p = ingest(Payments.raw().with("pan", pan));

        assertThat(p.cardBin()).isEqualTo("601100");
        assertThat(p.cardLast4()).isNull();
    }

    @ParameterizedTest(name = "{0}-digit PAN")
    @ValueSource(ints = {15, 16, 19})
    void pansOf15DigitsOrMoreKeepBinAndLastFour(int length) throws Exception {
        String pan = Payments.luhnValidPan("370000", length, 123456);

        TokenizedPayment p = ingest(Payments.raw().with("pan", pan));

        assertThat(p.cardBin()).isEqualTo("370000");
        assertThat(p.cardLast4()).hasSize(4).isEqualTo(pan.substring(length - 4));
    }

    @Test
    void identicalRecordsReadTwiceHaveTheSameContentHash() throws Exception {
        IngestOutcome first = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, Payments.source(1));
        IngestOutcome replay = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"),
                Payments.headers("traceparent", "other"), Payments.source(99));

        assertThat(replay.payment().contentHash()).isEqualTo(first.payment().contentHash());
    }

    @Test
    void recordsDifferingOnlyInAmountHaveDifferentContentHashes() throws Exception {
        long hash = ingest(Payments.raw()).contentHash();

        long otherAmount = ingest(Payments.raw().with("amount_minor", 1251)).contentHash();

        assertThat(otherAmount).isNotEqualTo(hash);
    }

    @Test
    void otherCardCurrencyOrEventTimeChangeTheContentHash() throws Exception {
        long hash = ingest(Payments.raw()).contentHash();

        assertThat(ingest(Payments.raw().with("pan", "5555555555554444")).contentHash()).isNotEqualTo(hash);
        assertThat(ingest(Payments.raw().with("currency", "USD")).contentHash()).isNotEqualTo(hash);
        assertThat(ingest(Payments.raw().with("event_time", "2026-11-24T10:15:30.124Z")).contentHash()).isNotEqualTo(hash);
        assertThat(ingest(Payments.raw().without("device_id")).contentHash()).isNotEqualTo(hash);
    }

    @Test
    void expiryIsNotPartOfTheContentHash() throws Exception {
        long hash = ingest(Payments.raw()).contentHash();

        assertThat(ingest(Payments.raw().with("expiry", "01/30")).contentHash()).isEqualTo(hash);
    }

    @Test
    void missingKeysStopIngestInsteadOfEmittingAnything() {
        keys.setAvailable(false);

        assertThatThrownBy(() -> ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, Payments.source()))
                .isInstanceOf(KeyUnavailableException.class);
    }

    private TokenizedPayment ingest(Payments.RawPayment record) throws KeyUnavailableException {
        IngestOutcome outcome = ingestor.ingest(record.bytes(), record.key(), headers, Payments.source());
        assertThat(outcome.isAccepted()).as("accepted: %s", outcome.deadLetter()).isTrue();
        return outcome.payment();
    }
}
