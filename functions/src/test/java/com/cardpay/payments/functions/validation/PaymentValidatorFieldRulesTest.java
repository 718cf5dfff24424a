package com.cardpay.payments.functions.validation;

import static com.cardpay.payments.functions.validation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.testutils.Payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.stream.Stream;

/** One rejection code per field rule of the {@code payments.raw} contract. */
class PaymentValidatorFieldRulesTest {

    @ParameterizedTest(name = "payment_id \"{0}\"")
    @ValueSource(strings = {"", "pay 0001", "pay/0001", "pay.0001", "päy-0001"})
    void paymentIdOutsideTheIdAlphabetIsBad(String paymentId) {
        assertRejected(Payments.raw().with("payment_id", paymentId), RejectionCode.BAD_PAYMENT_ID, "payment_id");
    }

    @Test
    void paymentIdOf65CharactersIsBad() {
        assertRejected(Payments.raw().with("payment_id", "p".repeat(65)), RejectionCode.BAD_PAYMENT_ID, "payment_id");
    }

    @ParameterizedTest(name = "merchant_id \"{0}\"")
    @ValueSource(strings = {"", "m 1", "m:1", "m-1\n"})
    void merchantIdOutsideTheIdAlphabetIsBad(String merchantId) {
        Payments.RawPayment record = Payments.raw().with("merchant_id", merchantId);

        assertRejected(record, RejectionCode.BAD_MERCHANT_ID, "merchant_id");
    }

    @Test
    void merchantIdOf65CharactersIsBad() {
        String merchantId = "m".repeat(65);

        assertRejected(Payments.raw().with("merchant_id", merchantId), RejectionCode.BAD_MERCHANT_ID, "merchant_id");
    }

    @ParameterizedTest(name = "type \"{0}\"")
    @ValueSource(strings = {"purchase", "SALE", "REVERSAL", ""})
    void unknownPaymentTypeIsBad(String type) {
        assertRejected(Payments.raw().with("type", type), RejectionCode.BAD_TYPE, "type");
    }

    static Stream<Arguments> badAmounts() {
        return Stream.of(
                Arguments.of("zero", 0),
                Arguments.of("negative", -1),
                Arguments.of("10^12 + 1", PaymentValidator.MAX_AMOUNT_MINOR + 1),
                Arguments.of("Long.MAX_VALUE", Long.MAX_VALUE),
                Arguments.of("beyond long", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)),
                Arguments.of("beyond long, negative", BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAmounts")
    void amountOutsideOneTo10ToThe12IsBad(String description, Object amount) {
        assertRejected(Payments.raw().with("amount_minor", amount), RejectionCode.BAD_AMOUNT, "amount_minor");
    }

    @ParameterizedTest(name = "currency \"{0}\"")
    @ValueSource(strings = {"QQQ", "eur", "Eur", "XXX", "XAU", "EU", "EURO", ""})
    void currencyThatIsNotAnIsoCodeWithMinorUnitsIsBad(String currency) {
        assertRejected(Payments.raw().with("currency", currency), RejectionCode.BAD_CURRENCY, "currency");
    }

    static Stream<Arguments> badPans() {
        String valid = Payments.PAN;
        return Stream.of(
                Arguments.of("11 digits, Luhn-valid", Payments.luhnValidPan("411111", 11)),
                Arguments.of("20 digits, Luhn-valid", Payments.luhnValidPan("411111", 20)),
                Arguments.of("grouped by dashes", "4111-1111-1111-1111"),
                Arguments.of("grouped by spaces", "4111 1111 1111 1111"),
                Arguments.of("letter at the end", valid.substring(0, 15) + "a"),
                Arguments.of("surrounded by spaces", " " + valid + " "),
                Arguments.of("Arabic-Indic digits", "٤١١١١١١١١١١١١١١١"),
                Arguments.of("empty", ""),
                Arguments.of("Luhn failure", Payments.withWrongCheckDigit(valid)),
                Arguments.of("Luhn failure, 19 digits",
                        Payments.withWrongCheckDigit(Payments.luhnValidPan("622126", 19, 77))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPans")
    void panThatIsNot12To19DigitsPassingLuhnIsBad(String description, String pan) {
        // rejectionOf also checks that the message quotes neither this PAN nor any run of 12+ digits
        assertRejected(Payments.raw().with("pan", pan), RejectionCode.BAD_PAN, "pan");
    }

    @Test
    void refundWithAnOriginalPaymentIdOf65CharactersIsBad() {
        Payments.RawPayment record = Payments.refund().with("original_payment_id", "o".repeat(65));

        assertRejected(record, RejectionCode.BAD_ORIGINAL_PAYMENT_ID, "original_payment_id");
    }

    @ParameterizedTest(name = "expiry \"{0}\"")
    @ValueSource(strings = {"13/26", "1/26", "00/26", "12/2026", "12-26", "1226", "12/2", ""})
    void expiryThatIsNotMmSlashYyIsBad(String expiry) {
        assertRejected(Payments.raw().with("expiry", expiry), RejectionCode.BAD_EXPIRY, "expiry");
    }

    static Stream<Arguments> badCountries() {
        return Stream.of("card_country", "merchant_country", "ip_country")
                .flatMap(field -> Stream.of("ZZ", "de", "DEU", "D", "").map(code -> Arguments.of(field, code)));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("badCountries")
    void countryThatIsNotAnIsoAlpha2CodeIsBad(String field, String code) {
        assertRejected(Payments.raw().with(field, code), RejectionCode.BAD_COUNTRY, field);
    }

    @Test
    void deviceIdOf129CharactersIsBad() {
        assertRejected(Payments.raw().with("device_id", "d".repeat(129)), RejectionCode.BAD_DEVICE_ID, "device_id");
    }

    @Test
    void deviceIdHoldingACardNumberIsBadSoTheNumberNeverReachesTheOutputs() {
        assertRejected(Payments.raw().with("device_id", "android-4000056655665556"), RejectionCode.BAD_DEVICE_ID, "device_id");
    }

    @Test
    void emptyDeviceIdIsBad() {
        assertRejected(Payments.raw().with("device_id", ""), RejectionCode.BAD_DEVICE_ID, "device_id");
    }

    @ParameterizedTest(name = "event_time \"{0}\"")
    @ValueSource(strings = {"2026-11-24", "2026-11-24 10:15:30Z", "2026-11-24T10:15:30", "2026-13-01T00:00:00Z",
            "yesterday", "1795515330123", "", "1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z"})
    void eventTimeThatIsNotAnIsoInstantIsBad(String eventTime) {
        assertRejected(Payments.raw().with("event_time", eventTime), RejectionCode.BAD_EVENT_TIME, "event_time");
    }

    @ParameterizedTest(name = "event_time {0} against a clock at 2026-11-25T00:00:00Z, 5 minutes allowed")
    @ValueSource(strings = {"2026-11-25T00:05:00.001Z", "2026-11-26T00:00:00Z", "2999-12-31T00:00:00Z"})
    void eventTimeBeyondTheAllowedLeadOverTheWallClockIsInTheFuture(String eventTime) {
        assertRejected(Payments.raw().with("event_time", eventTime), RejectionCode.EVENT_TIME_IN_FUTURE, "event_time");
    }

    @ParameterizedTest(name = "event_time {0} against a clock at 2026-11-25T00:00:00Z, 5 minutes allowed")
    @ValueSource(strings = {"2026-11-25T00:05:00Z", "2026-11-25T00:00:00Z", "2019-01-01T00:00:00Z"})
    void eventTimeWithinTheAllowedLeadIsAccepted(String eventTime) throws Exception {
        Payments.RawPayment record = Payments.raw().with("event_time", eventTime);

        assertThat(new PaymentValidator(Payments.INGEST_CLOCK).validate(record, record.key()).eventTimeMillis())
                .isEqualTo(java.time.Instant.parse(eventTime).toEpochMilli());
    }

    @ParameterizedTest(name = "payment_id {0}")
    @ValueSource(strings = {"4539578763621486", "id_4539578763621486_x", "4539-5787-6362-1486", "pay-4111111111111111"})
    void anIdThatIsOrHoldsACardNumberIsRefused(String id) {
        assertRejected(Payments.raw().with("payment_id", id), RejectionCode.BAD_PAYMENT_ID, "payment_id");
        assertRejected(Payments.raw().with("merchant_id", id), RejectionCode.BAD_MERCHANT_ID, "merchant_id");
        assertRejected(Payments.raw().with("type", "REFUND").with("original_payment_id", id),
                RejectionCode.BAD_ORIGINAL_PAYMENT_ID, "original_payment_id");
    }

    @ParameterizedTest(name = "device_id {0}")
    @ValueSource(strings = {"4111_1111_1111_1111", "5555,5555,5555,4444", "5555:5555:5555:4444", "4111\t1111\t1111\t1111",
            "4111\u00a01111\u00a01111\u00a01111", "4111  1111  1111  1111", "4111111111111111 12/28"})
    void aDeviceIdHoldingACardNumberHoweverWrittenIsRefused(String deviceId) {
        assertRejected(Payments.raw().with("device_id", deviceId), RejectionCode.BAD_DEVICE_ID, "device_id");
    }

    @Test
    void purchaseReferringToAnOriginalPaymentIsBad() {
        Payments.RawPayment record = Payments.raw().with("original_payment_id", "pay-0000");

        assertRejected(record, RejectionCode.BAD_ORIGINAL_PAYMENT_ID, "original_payment_id");
    }

    @ParameterizedTest(name = "original_payment_id \"{0}\"")
    @ValueSource(strings = {"", "pay 0000", "pay#0000", "pay-0000/1"})
    void refundWithAMalformedOriginalPaymentIdIsBad(String original) {
        Payments.RawPayment record = Payments.refund().with("original_payment_id", original);

        assertRejected(record, RejectionCode.BAD_ORIGINAL_PAYMENT_ID, "original_payment_id");
    }
}
