package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.testutils.Payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records that honour the {@code payments.raw} contract, including its edges, are accepted. */
class PaymentValidatorAcceptanceTest {
    private final PaymentValidator validator = new PaymentValidator(Payments.INGEST_CLOCK);

    @Test
    void validPurchaseIsParsedFieldByField() throws Exception {
        Payments.RawPayment record = Payments.raw();

        CardPayment payment = validator.validate(record, Payments.key("m-1"));

        assertThat(payment).isEqualTo(new CardPayment(
                "pay-0001", "m-1", PaymentType.PURCHASE, 1250L, "EUR", Payments.PAN, "12/29",
                "DE", "FR", "DE", "dev-7f3a", Payments.EVENT_TIME_MILLIS, null));
    }

    @Test
    void refundCarriesTheIdOfTheOriginalPurchase() throws Exception {
        Payments.RawPayment record = Payments.refund();

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.type()).isEqualTo(PaymentType.REFUND);
        assertThat(payment.originalPaymentId()).isEqualTo("pay-0000");
    }

    @Test
    void chargebackCarriesTheIdOfTheOriginalPurchase() throws Exception {
        Payments.RawPayment record = Payments.chargeback();

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.type()).isEqualTo(PaymentType.CHARGEBACK);
        assertThat(payment.originalPaymentId()).isEqualTo("pay-0000");
    }

    @Test
    void optionalFieldsMayBeAbsent() throws Exception {
        Payments.RawPayment record = Payments.raw().without("ip_country").without("device_id");

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.ipCountry()).isNull();
        assertThat(payment.deviceId()).isNull();
    }

    @Test
    void optionalFieldsMayBeNull() throws Exception {
        Payments.RawPayment record = Payments.raw()
                .with("ip_country", null).with("device_id", null).with("original_payment_id", null);

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.ipCountry()).isNull();
        assertThat(payment.deviceId()).isNull();
        assertThat(payment.originalPaymentId()).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Payments.RawPayment record = Payments.raw()
                .with("x_trace_id", "abc")
                .with("loyalty", Map.of("tier", "gold", "points", List.of(1, 2, 3)))
                .with("risk_score", 0.25);

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment).isEqualTo(validator.validate(Payments.raw(), record.key()));
    }

    @Test
    void eventTimeWithAnOffsetIsConvertedToUtc() throws Exception {
        Payments.RawPayment record = Payments.raw().with("event_time", "2026-11-24T11:15:30.123+01:00");

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.eventTimeMillis()).isEqualTo(Payments.EVENT_TIME_MILLIS);
    }

    @ParameterizedTest(name = "event_time {0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
    void earliestAndLatestEventTimesAreAccepted(String eventTime) throws Exception {
        Payments.RawPayment record = Payments.raw().with("event_time", eventTime);
        // A clock at the end of the range: only the format bounds are under test here.
        PaymentValidator atTheEndOfTime = new PaymentValidator(
                EventTimeLimit.at(Instant.parse("9999-12-31T23:59:59.999Z"), Duration.ZERO));

        CardPayment payment = atTheEndOfTime.validate(record, record.key());

        assertThat(payment.eventTimeMillis()).isEqualTo(Instant.parse(eventTime).toEpochMilli());
    }

    @ParameterizedTest(name = "amount_minor {0}")
    @ValueSource(longs = {1L, PaymentValidator.MAX_AMOUNT_MINOR})
    void smallestAndLargestAmountsAreAccepted(long amount) throws Exception {
        Payments.RawPayment record = Payments.raw().with("amount_minor", amount);

        CardPayment payment = validator.validate(record, record.key());

        assertThat(payment.amountMinor()).isEqualTo(amount);
    }

    @ParameterizedTest(name = "currency {0}")
    @ValueSource(strings = {"JPY", "BHD", "USD"})
    void currenciesWithZeroTwoOrThreeMinorDigitsAreAccepted(String currency) throws Exception {
        Payments.RawPayment record = Payments.raw().with("currency", currency);

        assertThat(validator.validate(record, record.key()).currency()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "{0}-digit PAN")
    @ValueSource(ints = {12, 13, 15, 16, 19})
    void pansOf12To19DigitsAreAccepted(int length) throws Exception {
        String pan = Payments.luhnValidPan("411111", length, 4242);
        Payments.RawPayment record = Payments.raw().with("pan", pan);

        assertThat(validator.validate(record, record.key()).pan()).isEqualTo(pan);
    }

    @Test
    void deviceIdOf128CharactersIsAccepted() throws Exception {
        String deviceId = "d".repeat(128);
        Payments.RawPayment record = Payments.raw().with("device_id", deviceId);

        assertThat(validator.validate(record, record.key()).deviceId()).isEqualTo(deviceId);
    }

    @Test
    void idsOf64CharactersFromTheAllowedAlphabetAreAccepted() throws Exception {
        String paymentId = "Aa0_-".repeat(12) + "Zz9_";
        String merchantId = "M".repeat(64);
        Payments.RawPayment record = Payments.raw().with("payment_id", paymentId).with("merchant_id", merchantId);

        CardPayment payment = validator.validate(record, Payments.key(merchantId));

        assertThat(payment.paymentId()).hasSize(64).isEqualTo(paymentId);
        assertThat(payment.merchantId()).isEqualTo(merchantId);
    }
}
