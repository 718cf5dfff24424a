package com.cardpay.payments.functions.testutils;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.functions.validation.PaymentFields;
import com.cardpay.payments.functions.validation.PaymentReader;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Test data for {@code payments.raw}: a valid record with sensible defaults, from which a test
 * overrides or removes single fields.
 *
 * <pre>{@code
 * byte[] value = Payments.raw().with("amount_minor", 0).without("pan").bytes();
 * byte[] key = Payments.key("m-1");
 * }</pre>
 *
 * A record is also its own {@link PaymentFields}, so the field rules are tested on values, with no
 * JSON in between; the JSON reading is the raw contract's, tested in {@code connectors}.
 *
 * Shared with the other modules through this module's test-jar.
 */
public final class Payments {
    /** The Visa test card number: Luhn-valid, 16 digits. */
    public static final String PAN = "4111111111111111";
    public static final String PAYMENT_ID = "pay-0001";
    public static final String MERCHANT_ID = "m-1";
    public static final String EXPIRY = "12/29";
    public static final String EVENT_TIME = "2026-11-24T10:15:30.123Z";
    /**
     * The wall clock that tests ingest at: a fixed instant after every event time the tests use,
     * so that no test depends on today's date, with the job's default tolerance for clocks ahead.
     */
    public static final EventTimeLimit INGEST_CLOCK =
            EventTimeLimit.at(Instant.parse("2026-11-25T00:00:00Z"), Duration.ofMinutes(5));
    /** {@link #EVENT_TIME} in epoch milliseconds. */
    public static final long EVENT_TIME_MILLIS = 1_795_515_330_123L;
    public static final String RAW_TOPIC = "payments.raw";

    /**
     * What {@link com.cardpay.payments.functions.validation.PanMasker} must leave no trace of: a
     * run of 12 or more digits, also when grouped by single spaces or dashes.
     */
    public static final Pattern PAN_LIKE = Pattern.compile("\\d(?:[ -]?\\d){11,}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stand-in for the raw contract's reader (which lives in {@code connectors}), for the steps
     * after reading: it reads this fixture's own records back into their fields, and anything that
     * is not a JSON object is {@code INVALID_JSON}. None of the contract's strictness (size,
     * encoding, duplicate names, trailing content) is here: that is tested with the real reader.
     */
    public static final PaymentReader READER = value -> {
        Map<String, Object> fields;
        try {
            fields = JSON.readerForMapOf(Object.class).readValue(value);
        } catch (IOException e) {
            fields = null;
        }
        if (fields == null) {
            throw new InvalidPaymentException(RejectionCode.INVALID_JSON, null, "value is not a JSON object (test reader)");
        }
        return new RawPayment(fields);
    };

    private Payments() {}

    /** A valid PURCHASE record for merchant {@link #MERCHANT_ID} paid with {@link #PAN}. */
    public static RawPayment raw() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("payment_id", PAYMENT_ID);
        fields.put("merchant_id", MERCHANT_ID);
        fields.put("type", "PURCHASE");
        fields.put("amount_minor", 1250);
        fields.put("currency", "EUR");
        fields.put("pan", PAN);
        fields.put("expiry", EXPIRY);
        fields.put("card_country", "DE");
        fields.put("merchant_country", "FR");
        fields.put("ip_country", "DE");
        fields.put("device_id", "dev-7f3a");
        fields.put("event_time", EVENT_TIME);
        return new RawPayment(fields);
    }

    /** A valid REFUND of the purchase {@code pay-0000}. */
    public static RawPayment refund() {
        return raw().with("type", "REFUND").with("original_payment_id", "pay-0000");
    }

    /** A valid CHARGEBACK of the purchase {@code pay-0000}. */
    public static RawPayment chargeback() {
        return raw().with("type", "CHARGEBACK").with("original_payment_id", "pay-0000");
    }

    /** The record key the contract asks for: the merchant id in UTF-8. */
    public static byte[] key(String merchantId) {
        return merchantId.getBytes(StandardCharsets.UTF_8);
    }

    public static SourcePosition source() {
        return source(42L);
    }

    public static SourcePosition source(long offset) {
        return new SourcePosition(RAW_TOPIC, 3, offset, 1_795_515_331_000L + offset);
    }

    /** Kafka headers from name/value pairs, for example {@code headers("traceparent", "00-ab-cd-01")}. */
    public static MessageHeaders headers(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs");
        }
        String[] names = new String[namesAndValues.length / 2];
        byte[][] values = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = namesAndValues[2 * i];
            values[i] = namesAndValues[2 * i + 1].getBytes(StandardCharsets.UTF_8);
        }
        return new MessageHeaders(names, values);
    }

    /** A Luhn-valid PAN of {@code length} digits starting with {@code prefix}, zero-filled. */
    public static String luhnValidPan(String prefix, int length) {
        return luhnValidPan(prefix, length, 0);
    }

    /**
     * A Luhn-valid PAN of {@code length} digits starting with {@code prefix}; {@code serial} fills
     * the digits between prefix and check digit, so different serials give different PANs.
     */
    public static String luhnValidPan(String prefix, int length, long serial) {
        int bodyDigits = length - 1 - prefix.length();
        if (bodyDigits < 0 || !prefix.chars().allMatch(Character::isDigit) || serial < 0) {
            throw new IllegalArgumentException("prefix " + prefix + " does not fit " + length + " digits");
        }
        String body = Long.toString(serial);
        if (body.length() > bodyDigits) {
            throw new IllegalArgumentException("serial " + serial + " does not fit " + bodyDigits + " digits");
        }
        String partial = prefix + "0".repeat(bodyDigits - body.length()) + body;
        return partial + Luhn.checkDigitFor(partial);
    }

    /** {@code pan} with its check digit changed, so it fails the Luhn check. */
    public static String withWrongCheckDigit(String pan) {
        int last = pan.charAt(pan.length() - 1) - '0';
        return pan.substring(0, pan.length() - 1) + (char) ('0' + (last + 1) % 10);
    }

    /**
     * One {@code payments.raw} record under construction, and its fields as the raw contract's
     * reader would give them. Immutable: every change returns a copy.
     */
    public static final class RawPayment implements PaymentFields {
        private final Map<String, Object> fields;

        private RawPayment(Map<String, Object> fields) {
            this.fields = fields;
        }

        /**
         * The record with {@code field} set to {@code value}: a String, a Number (Integer, Long,
         * BigInteger, Double...), a Boolean, a List or Map, or null for JSON {@code null}.
         */
        public RawPayment with(String field, Object value) {
            Map<String, Object> copy = new LinkedHashMap<>(fields);
            copy.put(field, value);
            return new RawPayment(copy);
        }

        /** The record without {@code field}. */
        public RawPayment without(String field) {
            Map<String, Object> copy = new LinkedHashMap<>(fields);
            copy.remove(field);
            return new RawPayment(copy);
        }

        /**
         * The record with an extra unknown field {@code padding} sized so that {@link #bytes()} is
         * exactly {@code totalBytes} long.
         */
        public RawPayment paddedTo(int totalBytes) {
            int base = with("padding", "").bytes().length;
            if (totalBytes < base) {
                throw new IllegalArgumentException("record is already " + base + " bytes");
            }
            return with("padding", "x".repeat(totalBytes - base));
        }

        @Override
        public Object get(String field) {
            return fields.get(field);
        }

        public Map<String, Object> fields() {
            return Collections.unmodifiableMap(fields);
        }

        /** The record key matching this record's {@code merchant_id}. */
        public byte[] key() {
            return Payments.key(String.valueOf(fields.get("merchant_id")));
        }

        public String json() {
            try {
                return JSON.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        public byte[] bytes() {
            return json().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return json();
        }
    }
}
