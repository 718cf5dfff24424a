package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.deadletter.DeadLetters;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.validation.PaymentValidator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** A refused record becomes a dead letter that says why and where, and carries no card number. */
class PaymentIngestorDeadLetterTest {
    private static final int CUT = DeadLetters.MAX_PAYLOAD_CHARS;

    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);
    private final MessageHeaders headers = Payments.headers("traceparent", "00-4bf92f3577b34da6-00f067aa0ba902b7-01");

    @Test
    void invalidRecordBecomesADeadLetterWithCodeFieldIdsAndSource() throws Exception {
        SourcePosition source = Payments.source(1234);
        byte[] value = Payments.raw().with("amount_minor", 0).bytes();

        IngestOutcome outcome = ingestor.ingest(value, Payments.key("m-1"), headers, source);

        assertThat(outcome.isAccepted()).isFalse();
        assertThat(outcome.payment()).isNull();
        assertThat(outcome.vaultRecord()).isNull();
        DeadLetter dl = outcome.deadLetter();
        assertThat(dl.errorCode()).isEqualTo("BAD_AMOUNT");
        assertThat(dl.field()).isEqualTo("amount_minor");
        assertThat(dl.errorMessage()).contains("amount_minor");
        assertThat(dl.source()).isEqualTo(source);
        assertThat(dl.paymentId()).isEqualTo("pay-0001");
        assertThat(dl.merchantId()).isEqualTo("m-1");
        assertThat(dl.maskedKey()).isEqualTo("m-1");
        assertThat(dl.payloadBytes()).isEqualTo(value.length);
        assertThat(dl.payloadTruncated()).isFalse();
        assertThat(dl.headers()).isEqualTo(headers);
    }

    @Test
    void validPanInARecordRefusedForAnotherFieldIsMaskedInThePayload() throws Exception {
        byte[] value = Payments.raw().with("currency", "eur").bytes();

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.errorCode()).isEqualTo("BAD_CURRENCY");
        assertThat(dl.maskedPayload())
                .doesNotContain(Payments.PAN)
                .doesNotContainPattern(Payments.PAN_LIKE)
                .contains("\"pan\":\"****************\"")
                .contains("\"expiry\":\"*****\"")
                .contains("\"currency\":\"eur\"");
        assertThat(dl.maskedPayload()).hasSize(new String(value, StandardCharsets.UTF_8).length());
    }

    @Test
    void groupedPanInAnUnparseableRecordIsMasked() throws Exception {
        byte[] value = "{\"note\":\"card 4111 1111 1111 1111 exp 12/29\",".getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(dl.field()).isNull();
        assertThat(dl.paymentId()).isNull();
        assertThat(dl.merchantId()).isNull();
        assertThat(dl.maskedPayload()).isEqualTo("{\"note\":\"card **** **** **** 1111 exp 12/29\",");
    }

    @Test
    void keyHoldingAPanIsMasked() throws Exception {
        DeadLetter dl = deadLetter(Payments.raw().bytes(), Payments.key(Payments.PAN));

        assertThat(dl.errorCode()).isEqualTo("KEY_MISMATCH");
        assertThat(dl.maskedKey()).isEqualTo("************1111");
    }

    @Test
    void longKeyIsMaskedThenCut() throws Exception {
        byte[] key = Payments.key(Payments.PAN + "-" + "k".repeat(1_000));

        DeadLetter dl = deadLetter(Payments.raw().bytes(), key);

        assertThat(dl.maskedKey()).hasSize(DeadLetters.MAX_KEY_CHARS).startsWith("************1111-kkk");
    }

    @Test
    void recordWithoutKeyHasNoMaskedKey() throws Exception {
        DeadLetter dl = deadLetter(Payments.raw().bytes(), null);

        assertThat(dl.errorCode()).isEqualTo("KEY_MISMATCH");
        assertThat(dl.maskedKey()).isNull();
    }

    @Test
    void aPanAsMerchantIdIsRefusedAndNeverQuoted() throws Exception {
        // A producer that put the PAN into merchant_id (and so into the key).
        byte[] value = Payments.raw().with("merchant_id", Payments.PAN).bytes();

        DeadLetter dl = deadLetter(value, Payments.key(Payments.PAN));

        assertThat(dl.errorCode()).isEqualTo("BAD_MERCHANT_ID");
        assertThat(dl.merchantId()).isNull();
        assertThat(dl.errorMessage()).doesNotContain(Payments.PAN);
        assertThat(dl.maskedPayload()).doesNotContain(Payments.PAN);
        assertThat(dl.maskedKey()).isEqualTo("************1111");
    }

    @Test
    void panInTheErrorMessageIsMasked() throws Exception {
        // The key-mismatch message quotes merchant_id; a card number in it would be masked.
        DeadLetter dl = DeadLetters.rejected(new InvalidPaymentException(RejectionCode.KEY_MISMATCH, "merchant_id",
                "record key must equal merchant_id '" + Payments.PAN + "'"), Payments.raw().bytes(), null,
                Payments.headers(), Payments.source());

        assertThat(dl.errorMessage()).doesNotContain(Payments.PAN).contains("************1111");
    }

    @Test
    void tooLargeRecordIsCutAfterMaskingAndFlaggedAsTruncated() throws Exception {
        byte[] value = pansEverywhere(70 * 1024);

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.errorCode()).isEqualTo("TOO_LARGE");
        assertThat(dl.payloadBytes()).isEqualTo(70 * 1024);
        assertThat(dl.payloadTruncated()).isTrue();
        assertThat(dl.maskedPayload()).hasSize(CUT).doesNotContainPattern(Payments.PAN_LIKE);
    }

    @Test
    void recordBelowTheSizeLimitButAboveTheDlqLimitIsTruncatedToo() throws Exception {
        byte[] value = Payments.raw().with("currency", "eur").paddedTo(40 * 1024).bytes();

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.errorCode()).isEqualTo("BAD_CURRENCY");
        assertThat(dl.payloadBytes()).isEqualTo(40 * 1024);
        assertThat(dl.payloadTruncated()).isTrue();
        assertThat(dl.maskedPayload()).hasSize(CUT).contains("\"pan\":\"****************\"");
    }

    @Test
    void payloadOfExactlyTheDlqLimitIsKeptWhole() throws Exception {
        byte[] value = Payments.raw().with("currency", "eur").paddedTo(CUT).bytes();

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.payloadTruncated()).isFalse();
        assertThat(dl.maskedPayload()).hasSize(CUT).endsWith("}");
    }

    @Test
    void panCutInHalfByTruncationLeavesNoDigitsBehind() throws Exception {
        // The PAN starts 8 characters before the cut: cutting before masking would keep "41111111".
        String prefix = "{\"x\":\"" + "y".repeat(CUT - 8 - 6);
        byte[] value = (prefix + Payments.PAN + "\"" + "z".repeat(CUT)).getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.payloadTruncated()).isTrue();
        assertThat(dl.maskedPayload()).hasSize(CUT).endsWith("y********").doesNotContain("41111111");
    }

    @Test
    void truncationDoesNotSplitACharacterOutsideTheBasicPlane() throws Exception {
        // "😀" is two chars in Java (a surrogate pair); here it would straddle the cut.
        String prefix = "{\"x\":\"" + "y".repeat(CUT - 1 - 6);
        byte[] value = (prefix + "😀" + "z".repeat(100)).getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.payloadTruncated()).isTrue();
        assertThat(dl.maskedPayload()).hasSize(CUT - 1).endsWith("y");
    }

    @Test
    void invalidUtf8PayloadStillBecomesADeadLetter() throws Exception {
        byte[] value = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};

        DeadLetter dl = deadLetter(value, Payments.key("m-1"));

        assertThat(dl.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(dl.payloadBytes()).isEqualTo(value.length);
        assertThat(dl.maskedPayload()).startsWith("{\"a\":\"").endsWith("\"}");
    }

    @Test
    void deadLetterOfAnyRuleNeverCarriesTheCardNumber() throws Exception {
        Payments.RawPayment[] refused = {
                Payments.raw().with("type", "SALE"),
                Payments.raw().with("expiry", "13/26"),
                Payments.raw().with("pan", Payments.withWrongCheckDigit(Payments.PAN)),
                Payments.raw().with("pan", "4111-1111-1111-1111"),
                Payments.raw().with("event_time", "yesterday"),
                Payments.raw().with("original_payment_id", "pay-0000"),
                Payments.raw().with("device_id", ""),
        };
        for (Payments.RawPayment record : refused) {
            DeadLetter dl = deadLetter(record.bytes(), record.key());

            assertThat(String.join("|", dl.errorMessage(), dl.maskedPayload(), dl.maskedKey(),
                    String.valueOf(dl.paymentId()), String.valueOf(dl.merchantId()), String.valueOf(dl.field())))
                    .as(dl.errorCode())
                    .doesNotContain(Payments.PAN)
                    .doesNotContainPattern(Payments.PAN_LIKE);
        }
    }

    private DeadLetter deadLetter(byte[] value, byte[] key) throws KeyUnavailableException {
        IngestOutcome outcome = ingestor.ingest(value, key, headers, Payments.source());
        assertThat(outcome.isAccepted()).isFalse();
        return outcome.deadLetter();
    }

    /** A JSON object of {@code bytes} bytes that repeats the PAN, plain and grouped, all through it. */
    private static byte[] pansEverywhere(int bytes) {
        StringBuilder json = new StringBuilder("{\"cards\":\"");
        String[] forms = {Payments.PAN, "4111 1111 1111 1111", "5555-5555-5555-4444"};
        for (int i = 0; json.length() < bytes - 2; i++) {
            json.append(forms[i % forms.length]).append(';');
        }
        json.setLength(bytes - 2);
        json.append("\"}");
        assertThat(json.length()).isGreaterThan(PaymentValidator.MAX_RECORD_BYTES);
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
