package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.functions.validation.RejectionCode.*;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.validation.CardPayment;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.functions.validation.PaymentValidator;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.provider.Arguments;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code payments.raw} records for the contract tests: valid ones, invalid ones the raw schema
 * can recognise, and invalid ones only the job's validator can (Luhn, currency and country lists,
 * the key, the size). Each invalid record names the {@link RejectionCode} the job must give it.
 */
final class RawRecords {
    static final String MERCHANT_ID = "m-1";
    static final String PAN = "4111111111111111";
    /** A Luhn-valid 13-digit Visa test number: no card_last4 in the output. */
    static final String PAN_13 = "4222222222222";
    static final List<String> REQUIRED = List.of("payment_id", "merchant_id", "type", "amount_minor", "currency",
            "pan", "expiry", "card_country", "merchant_country", "event_time");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RawPaymentReader READER = new RawPaymentReader();
    private static final PaymentValidator VALIDATOR = new PaymentValidator(Payments.INGEST_CLOCK);

    private RawRecords() {}

    /** The raw contract as the job applies it: its reader, then the field rules, at the tests' ingest clock. */
    static CardPayment readAndValidate(byte[] value, byte[] key) throws InvalidPaymentException {
        return VALIDATOR.validate(READER.read(value), key);
    }

    /** A complete valid PURCHASE, optional fields included. */
    static ObjectNode purchase() {
        ObjectNode r = JSON.createObjectNode();
        r.put("payment_id", "pay-0001").put("merchant_id", MERCHANT_ID).put("type", "PURCHASE")
                .put("amount_minor", 1250).put("currency", "EUR").put("pan", PAN).put("expiry", "12/29")
                .put("card_country", "DE").put("merchant_country", "FR").put("ip_country", "DE")
                .put("device_id", "dev-7f3a").put("event_time", "2026-11-24T10:15:30.123Z");
        return r;
    }

    static ObjectNode refund() {
        return purchase().put("type", "REFUND").put("original_payment_id", "pay-0000");
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] key(String merchantId) {
        return merchantId.getBytes(StandardCharsets.UTF_8);
    }

    /** An invalid record value with its key and the code the job must reject it with. */
    record Invalid(String name, RejectionCode code, byte[] value, byte[] key) {
        @Override
        public String toString() {
            return code + ": " + name;
        }
    }

    /** Arguments of (name, record) for records that both the job and the raw schema accept. */
    static List<Arguments> valid() {
        String pan12 = "41111111111" + Luhn.checkDigitFor("41111111111");
        return List.of(
                Arguments.of("complete PURCHASE", purchase()),
                Arguments.of("PURCHASE without optional fields, 13-digit PAN",
                        without(purchase(), "ip_country", "device_id").put("pan", PAN_13)),
                Arguments.of("optional fields null", purchase().putNull("ip_country").putNull("device_id")
                        .putNull("original_payment_id")),
                Arguments.of("REFUND", refund()),
                Arguments.of("CHARGEBACK, 15-digit PAN", refund().put("type", "CHARGEBACK").put("pan", "378282246310005")),
                Arguments.of("12-digit PAN", purchase().put("pan", pan12)),
                Arguments.of("19-digit PAN", purchase().put("pan", "4" + "0".repeat(17) + Luhn.checkDigitFor("4" + "0".repeat(17)))),
                Arguments.of("unknown field", purchase().put("loyalty_tier", "gold")),
                Arguments.of("largest amount in JPY", purchase().put("amount_minor", 1_000_000_000_000L).put("currency", "JPY")),
                Arguments.of("event_time with offset and nanoseconds", purchase().put("event_time", "2026-11-24T11:15:30.123456789+01:00")),
                Arguments.of("event_time in lower case, no fraction", purchase().put("event_time", "2026-11-24t10:15:30z")),
                Arguments.of("longest ids and device_id", purchase().put("payment_id", "p".repeat(64))
                        .put("merchant_id", "M_".repeat(32)).put("device_id", "d".repeat(128))));
    }

    /** Invalid records the raw schema rejects too (with {@link TopicSchemas}' strict parsing). */
    static List<Invalid> schemaRejects() {
        List<Invalid> c = new ArrayList<>();
        c.add(raw("empty value", INVALID_JSON, ""));
        c.add(raw("cut-off object", INVALID_JSON, "{\"payment_id\": \"pay-0001\""));
        c.add(raw("array", INVALID_JSON, "[]"));
        c.add(raw("duplicate field names", INVALID_JSON, "{\"payment_id\":\"a\",\"payment_id\":\"b\"}"));
        c.add(raw("trailing content", INVALID_JSON, new String(bytes(purchase()), StandardCharsets.UTF_8) + " {}"));
        for (String field : REQUIRED) {
            c.add(change("without " + field, MISSING_FIELD, r -> r.remove(field)));
            c.add(change(field + " null", MISSING_FIELD, r -> r.putNull(field)));
        }
        c.add(refundChange("REFUND without original_payment_id", MISSING_FIELD, r -> r.remove("original_payment_id")));
        c.add(refundChange("CHARGEBACK with null original_payment_id", MISSING_FIELD,
                r -> r.put("type", "CHARGEBACK").putNull("original_payment_id")));
        c.add(change("amount as string", WRONG_TYPE, r -> r.put("amount_minor", "1250")));
        c.add(change("amount with cents fraction", WRONG_TYPE, r -> r.put("amount_minor", 12.5)));
        c.add(change("payment_id as number", WRONG_TYPE, r -> r.put("payment_id", 1)));
        c.add(change("currency as array", WRONG_TYPE, r -> r.putArray("currency").add("EUR")));
        c.add(change("ip_country as number", WRONG_TYPE, r -> r.put("ip_country", 49)));
        c.add(change("device_id as boolean", WRONG_TYPE, r -> r.put("device_id", true)));
        c.add(change("event_time as epoch millis", WRONG_TYPE, r -> r.put("event_time", 1_795_515_330_123L)));
        c.add(change("empty payment_id", BAD_PAYMENT_ID, r -> r.put("payment_id", "")));
        c.add(change("payment_id with space", BAD_PAYMENT_ID, r -> r.put("payment_id", "pay 1")));
        c.add(change("payment_id of 65 characters", BAD_PAYMENT_ID, r -> r.put("payment_id", "p".repeat(65))));
        c.add(change("payment_id with final line break", BAD_PAYMENT_ID, r -> r.put("payment_id", "pay-1\n")));
        c.add(change("merchant_id with slash", BAD_MERCHANT_ID, r -> r.put("merchant_id", "m/1")));
        c.add(change("unknown type", BAD_TYPE, r -> r.put("type", "SALE")));
        c.add(change("lower-case type", BAD_TYPE, r -> r.put("type", "purchase")));
        c.add(change("amount 0", BAD_AMOUNT, r -> r.put("amount_minor", 0)));
        c.add(change("negative amount", BAD_AMOUNT, r -> r.put("amount_minor", -1250)));
        c.add(change("amount over 10^12", BAD_AMOUNT, r -> r.put("amount_minor", 1_000_000_000_001L)));
        c.add(change("amount over 2^64", BAD_AMOUNT, r -> r.put("amount_minor", BigInteger.TWO.pow(64))));
        c.add(change("lower-case currency", BAD_CURRENCY, r -> r.put("currency", "eur")));
        c.add(change("4-letter currency", BAD_CURRENCY, r -> r.put("currency", "EURO")));
        c.add(change("PAN with spaces", BAD_PAN, r -> r.put("pan", "4111 1111 1111 1111")));
        c.add(change("11-digit PAN", BAD_PAN, r -> r.put("pan", "41111111116")));
        c.add(change("20-digit PAN", BAD_PAN, r -> r.put("pan", "4" + "0".repeat(18) + "8")));
        c.add(change("PAN with final line break", BAD_PAN, r -> r.put("pan", PAN + "\n")));
        c.add(change("month 13", BAD_EXPIRY, r -> r.put("expiry", "13/29")));
        c.add(change("month 00", BAD_EXPIRY, r -> r.put("expiry", "00/29")));
        c.add(change("4-digit year", BAD_EXPIRY, r -> r.put("expiry", "12/2029")));
        c.add(change("lower-case card_country", BAD_COUNTRY, r -> r.put("card_country", "de")));
        c.add(change("alpha-3 merchant_country", BAD_COUNTRY, r -> r.put("merchant_country", "FRA")));
        c.add(change("1-letter ip_country", BAD_COUNTRY, r -> r.put("ip_country", "D")));
        c.add(change("empty device_id", BAD_DEVICE_ID, r -> r.put("device_id", "")));
        c.add(change("device_id of 129 characters", BAD_DEVICE_ID, r -> r.put("device_id", "d".repeat(129))));
        c.add(change("event_time in words", BAD_EVENT_TIME, r -> r.put("event_time", "yesterday")));
        c.add(change("event_time date only", BAD_EVENT_TIME, r -> r.put("event_time", "2026-11-24")));
        c.add(change("event_time without offset", BAD_EVENT_TIME, r -> r.put("event_time", "2026-11-24T10:15:30")));
        c.add(change("event_time without seconds", BAD_EVENT_TIME, r -> r.put("event_time", "2026-11-24T10:15Z")));
        c.add(change("event_time with a space", BAD_EVENT_TIME, r -> r.put("event_time", "2026-11-24 10:15:30Z")));
        c.add(change("event_time with 10 fraction digits", BAD_EVENT_TIME,
                r -> r.put("event_time", "2026-11-24T10:15:30.1234567891Z")));
        c.add(change("PURCHASE with original_payment_id", BAD_ORIGINAL_PAYMENT_ID,
                r -> r.put("original_payment_id", "pay-0000")));
        c.add(refundChange("REFUND with bad original_payment_id", BAD_ORIGINAL_PAYMENT_ID,
                r -> r.put("original_payment_id", "pay 0000")));
        c.add(refundChange("REFUND with empty original_payment_id", BAD_ORIGINAL_PAYMENT_ID,
                r -> r.put("original_payment_id", "")));
        return c;
    }

    /** Invalid records that pass the raw schema: rules JSON Schema cannot express, left to the job. */
    static List<Invalid> onlyValidatorRejects() {
        byte[] tooLarge = bytes(purchase().put("padding", "x".repeat(64 * 1024)));
        return List.of(
                new Invalid("value over 64 KiB", TOO_LARGE, tooLarge, key(MERCHANT_ID)),
                new Invalid("key of another merchant", KEY_MISMATCH, bytes(purchase()), key("m-2")),
                new Invalid("no key", KEY_MISMATCH, bytes(purchase()), null),
                new Invalid("PAN as key", KEY_MISMATCH, bytes(purchase()), key(PAN)),
                change("amount written as 1250.0", WRONG_TYPE, r -> r.put("amount_minor", 1250.0)),
                raw("amount written as 1.25e3", WRONG_TYPE,
                        new String(bytes(purchase()), StandardCharsets.UTF_8).replace("1250", "1.25e3")),
                // The schema cannot know the job's clock: only the validator rejects a future time.
                change("event_time a day ahead of the ingest clock", EVENT_TIME_IN_FUTURE,
                        r -> r.put("event_time", "2026-11-26T00:00:00Z")),
                change("currency without minor units", BAD_CURRENCY, r -> r.put("currency", "XXX")),
                change("unknown currency", BAD_CURRENCY, r -> r.put("currency", "ABC")),
                change("PAN failing Luhn", BAD_PAN, r -> r.put("pan", "4111111111111112")),
                change("unassigned card_country", BAD_COUNTRY, r -> r.put("card_country", "ZZ")),
                change("UK instead of GB", BAD_COUNTRY, r -> r.put("merchant_country", "UK")));
    }

    private static Invalid change(String name, RejectionCode code, Consumer<ObjectNode> edit) {
        ObjectNode r = purchase();
        edit.accept(r);
        return new Invalid(name, code, bytes(r), key(MERCHANT_ID));
    }

    private static Invalid refundChange(String name, RejectionCode code, Consumer<ObjectNode> edit) {
        ObjectNode r = refund();
        edit.accept(r);
        return new Invalid(name, code, bytes(r), key(MERCHANT_ID));
    }

    private static Invalid raw(String name, RejectionCode code, String value) {
        return new Invalid(name, code, value.getBytes(StandardCharsets.UTF_8), key(MERCHANT_ID));
    }

    private static ObjectNode without(ObjectNode r, String... fields) {
        r.remove(List.of(fields));
        return r;
    }
}
