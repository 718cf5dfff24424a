package com.cardpay.payments.functions.validation;

import static com.cardpay.payments.functions.validation.Rejections.assertRejected;
import static com.cardpay.payments.functions.validation.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.testutils.Payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record as a whole: size, JSON shape, required fields and their JSON types, the record key,
 * and which ids a rejection still reports.
 */
class PaymentValidatorEnvelopeTest {
    private static final List<String> REQUIRED = List.of(
            "payment_id", "merchant_id", "type", "amount_minor", "currency", "pan", "expiry",
            "card_country", "merchant_country", "event_time");

    // --- TOO_LARGE ---------------------------------------------------------------------------

    @Test
    void recordOneByteOver64KibIsTooLarge() {
        byte[] value = Payments.raw().paddedTo(PaymentValidator.MAX_RECORD_BYTES + 1).bytes();

        InvalidPaymentException e = rejectionOf(value, Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.TOO_LARGE);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).contains("65537");
    }

    @Test
    void sizeIsCheckedBeforeTheRecordIsParsed() {
        byte[] value = "{".repeat(PaymentValidator.MAX_RECORD_BYTES + 1).getBytes(StandardCharsets.US_ASCII);

        assertThat(rejectionOf(value, Payments.key("m-1")).code()).isEqualTo(RejectionCode.TOO_LARGE);
    }

    // --- INVALID_JSON ------------------------------------------------------------------------

    static Stream<Arguments> notOneJsonObject() {
        String json = Payments.raw().json();
        String body = json.substring(0, json.length() - 1);
        return Stream.of(
                Arguments.of("syntax error after the PAN", body),
                Arguments.of("missing comma", json.replace(",\"expiry\"", " \"expiry\"")),
                Arguments.of("plain text", "card 4111111111111111 declined"),
                Arguments.of("empty value", ""),
                Arguments.of("only whitespace", "  \n "),
                Arguments.of("array holding the payment", "[" + json + "]"),
                Arguments.of("string", "\"pay-0001\""),
                Arguments.of("number", "4111111111111111"),
                Arguments.of("null", "null"),
                Arguments.of("duplicate amount_minor", body + ",\"amount_minor\":99999}"),
                Arguments.of("duplicate pan", body + ",\"pan\":\"5555555555554444\"}"),
                Arguments.of("second object after the first", json + json),
                Arguments.of("garbage after the object", json + " x"),
                Arguments.of("closing bracket after the object", json + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonObject")
    void valueThatIsNotExactlyOneJsonObjectIsInvalidJson(String description, String value) {
        InvalidPaymentException e = rejectionOf(value.getBytes(StandardCharsets.UTF_8), Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).doesNotContain("5555555555554444");
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("0xFF byte", new byte[] {(byte) 0xFF}),
                Arguments.of("lead byte without continuation", new byte[] {(byte) 0xC3, '('}),
                Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8InsideAStringIsInvalidJson(String description, byte[] badBytes) {
        byte[] value = spliceIntoDeviceId(badBytes);

        InvalidPaymentException e = rejectionOf(value, Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.field()).isNull();
    }

    private static byte[] spliceIntoDeviceId(byte[] badBytes) {
        String[] parts = Payments.raw().with("device_id", "dev-@").json().split("@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(badBytes);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // --- MISSING_FIELD -----------------------------------------------------------------------

    static Stream<String> requiredFields() {
        return REQUIRED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void absentRequiredFieldIsMissing(String field) {
        assertRejected(Payments.raw().without(field), RejectionCode.MISSING_FIELD, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void nullRequiredFieldIsMissing(String field) {
        assertRejected(Payments.raw().with(field, null), RejectionCode.MISSING_FIELD, field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REFUND", "CHARGEBACK"})
    void refundOrChargebackWithoutOriginalPaymentIdIsMissingIt(String type) {
        Payments.RawPayment withoutOriginal = Payments.raw().with("type", type);

        assertRejected(withoutOriginal, RejectionCode.MISSING_FIELD, "original_payment_id");
        assertRejected(withoutOriginal.with("original_payment_id", null), RejectionCode.MISSING_FIELD, "original_payment_id");
    }

    // --- WRONG_TYPE --------------------------------------------------------------------------

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                Arguments.of("amount_minor", "1250"),
                Arguments.of("amount_minor", 10.5),
                Arguments.of("amount_minor", true),
                Arguments.of("pan", 4111111111111111L),
                Arguments.of("payment_id", 1),
                Arguments.of("merchant_id", List.of("m-1")),
                Arguments.of("type", 0),
                Arguments.of("currency", Map.of("code", "EUR")),
                Arguments.of("expiry", 1229),
                Arguments.of("card_country", false),
                Arguments.of("merchant_country", 250),
                Arguments.of("ip_country", 49),
                Arguments.of("device_id", true),
                Arguments.of("event_time", Payments.EVENT_TIME_MILLIS));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongJsonTypes")
    void fieldOfTheWrongJsonTypeIsRejected(String field, Object value) {
        assertRejected(Payments.raw().with(field, value), RejectionCode.WRONG_TYPE, field);
    }

    @Test
    void numericOriginalPaymentIdIsTheWrongType() {
        assertRejected(Payments.refund().with("original_payment_id", 1), RejectionCode.WRONG_TYPE, "original_payment_id");
    }

    // --- KEY_MISMATCH ------------------------------------------------------------------------

    @Test
    void recordWithoutKeyIsAKeyMismatch() {
        InvalidPaymentException e = rejectionOf(Payments.raw().bytes(), null);

        assertThat(e.code()).isEqualTo(RejectionCode.KEY_MISMATCH);
        assertThat(e.field()).isEqualTo("merchant_id");
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"m-2", "M-1", "m-1 ", ""})
    void keyOtherThanTheMerchantIdIsAKeyMismatch(String key) {
        InvalidPaymentException e = rejectionOf(Payments.raw().bytes(), Payments.key(key));

        assertThat(e.code()).isEqualTo(RejectionCode.KEY_MISMATCH);
        assertThat(e.field()).isEqualTo("merchant_id");
    }

    // --- ids on the exception ----------------------------------------------------------------

    @Test
    void ruleFailingAfterBothIdsReportsBothIds() {
        InvalidPaymentException e = rejectionOf(Payments.raw().with("amount_minor", 0));

        assertThat(e.code()).isEqualTo(RejectionCode.BAD_AMOUNT);
        assertThat(e.paymentId()).isEqualTo("pay-0001");
        assertThat(e.merchantId()).isEqualTo("m-1");
    }

    @Test
    void keyMismatchStillReportsTheIdsFromThePayload() {
        InvalidPaymentException e = rejectionOf(Payments.raw().bytes(), Payments.key("m-2"));

        assertThat(e.paymentId()).isEqualTo("pay-0001");
        assertThat(e.merchantId()).isEqualTo("m-1");
    }

    @Test
    void lastRuleFailingStillReportsBothIds() {
        InvalidPaymentException e = rejectionOf(Payments.raw().with("original_payment_id", "pay-0000"));

        assertThat(e.code()).isEqualTo(RejectionCode.BAD_ORIGINAL_PAYMENT_ID);
        assertThat(e.paymentId()).isEqualTo("pay-0001");
        assertThat(e.merchantId()).isEqualTo("m-1");
    }

    @Test
    void badMerchantIdReportsOnlyThePaymentId() {
        InvalidPaymentException e = rejectionOf(Payments.raw().with("merchant_id", "m 1"));

        assertThat(e.paymentId()).isEqualTo("pay-0001");
        assertThat(e.merchantId()).isNull();
    }

    @Test
    void badPaymentIdReportsNoIds() {
        InvalidPaymentException e = rejectionOf(Payments.raw().with("payment_id", "pay 1"));

        assertThat(e.paymentId()).isNull();
        assertThat(e.merchantId()).isNull();
    }

    @Test
    void unparseableRecordReportsNoIds() {
        InvalidPaymentException e = rejectionOf("{\"payment_id\":\"pay-0001\",".getBytes(StandardCharsets.UTF_8), Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.paymentId()).isNull();
        assertThat(e.merchantId()).isNull();
    }

    @Test
    void aUtf16OrUtf32RecordIsNotUtf8JsonThoughJacksonCouldReadIt() {
        for (java.nio.charset.Charset charset : java.util.List.of(java.nio.charset.StandardCharsets.UTF_16BE,
                java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32"))) {
            byte[] value = Payments.raw().json().getBytes(charset);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PaymentValidator(Payments.INGEST_CLOCK)
                            .validate(value, Payments.key("m-1")))
                    .isInstanceOfSatisfying(InvalidPaymentException.class, e -> {
                        org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
                        org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("UTF-8");
                    });
        }
    }
}
