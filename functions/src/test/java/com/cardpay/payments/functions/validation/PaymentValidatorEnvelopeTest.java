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

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The record's fields as a whole: required fields and their JSON types, the record key, and which
 * ids a rejection still reports. Size, encoding and JSON syntax are the raw contract's reader's
 * (connectors, {@code RawPaymentReaderTest}).
 */
class PaymentValidatorEnvelopeTest {
    private static final List<String> REQUIRED = List.of(
            "payment_id", "merchant_id", "type", "amount_minor", "currency", "pan", "expiry",
            "card_country", "merchant_country", "event_time");

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
        InvalidPaymentException e = rejectionOf(Payments.raw(), null);

        assertThat(e.code()).isEqualTo(RejectionCode.KEY_MISMATCH);
        assertThat(e.field()).isEqualTo("merchant_id");
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"m-2", "M-1", "m-1 ", ""})
    void keyOtherThanTheMerchantIdIsAKeyMismatch(String key) {
        InvalidPaymentException e = rejectionOf(Payments.raw(), Payments.key(key));

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
        InvalidPaymentException e = rejectionOf(Payments.raw(), Payments.key("m-2"));

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
}
