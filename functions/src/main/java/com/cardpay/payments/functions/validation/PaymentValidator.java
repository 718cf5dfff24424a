package com.cardpay.payments.functions.validation;

import static com.cardpay.payments.functions.validation.RejectionCode.*;

import com.cardpay.payments.functions.model.PaymentType;

import javax.annotation.Nullable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the fields of one {@code payments.raw} record against the input contract's field rules
 * (see {@code connectors/src/main/resources/schemas/payments.raw.schema.json}) and returns the
 * payment, or throws {@link InvalidPaymentException} naming the rule. It sees values only: the
 * record's bytes are read by a {@link PaymentReader} first. Thread-safe; its only input besides the
 * fields and the record's Kafka timestamp is the wall clock of {@link EventTimeLimit}, which counts
 * only for a record stamped in the future.
 */
public final class PaymentValidator {
    /** The contract's bound on a record (value and headers), checked by the reader and {@code HeaderLimits}. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;

    // The field formats are checked with plain character loops rather than regular expressions:
    // they run several times for every record, and regex matching was the validator's hottest
    // code in the pipeline benchmark's profile. Each method names the pattern it implements.
    private static final Set<String> COUNTRIES =
            Arrays.stream(Locale.getISOCountries()).collect(Collectors.toUnmodifiableSet());
    private static final int MAX_DEVICE_ID = 128;
    private static final Instant EARLIEST_EVENT_TIME = Instant.EPOCH;
    private static final Instant LATEST_EVENT_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private final EventTimeLimit eventTimeLimit;

    public PaymentValidator(EventTimeLimit eventTimeLimit) {
        this.eventTimeLimit = eventTimeLimit;
    }

    /** As {@link #validate(PaymentFields, byte[], long)} for a record without a Kafka timestamp (a file line). */
    public CardPayment validate(PaymentFields root, @Nullable byte[] key) throws InvalidPaymentException {
        return validate(root, key, EventTimeLimit.NO_TIMESTAMP);
    }

    /**
     * @param root the record's fields, as its reader found them
     * @param key the record key, which the contract says is the merchant id
     * @param recordTimestampMillis the Kafka record's timestamp, or {@link EventTimeLimit#NO_TIMESTAMP}
     */
    public CardPayment validate(PaymentFields root, @Nullable byte[] key, long recordTimestampMillis)
            throws InvalidPaymentException {
        String paymentId = null;
        String merchantId = null;
        try {
            paymentId = idField(root, "payment_id", BAD_PAYMENT_ID);
            merchantId = idField(root, "merchant_id", BAD_MERCHANT_ID);
            checkKey(key, merchantId);
            PaymentType type = type(root);
            long amount = amount(root);
            String currency = currency(root);
            String pan = pan(root);
            String expiry = requiredText(root, "expiry");
            if (!isExpiry(expiry)) {
                throw new InvalidPaymentException(BAD_EXPIRY, "expiry", "expiry must be MM/YY with a month from 01 to 12");
            }
            String cardCountry = country(root, "card_country", true);
            String merchantCountry = country(root, "merchant_country", true);
            String ipCountry = country(root, "ip_country", false);
            String deviceId = optionalText(root, "device_id");
            if (deviceId != null && (deviceId.isEmpty() || deviceId.length() > MAX_DEVICE_ID)) {
                throw new InvalidPaymentException(
                        BAD_DEVICE_ID, "device_id", "device_id must be 1 to " + MAX_DEVICE_ID + " characters");
            }
            // A card number in a free-text field would travel to the outputs in clear.
            if (deviceId != null && CardNumberDetector.containsCardNumber(deviceId)) {
                throw new InvalidPaymentException(BAD_DEVICE_ID, "device_id", "device_id looks like a card number");
            }
            long eventTime = eventTime(root);
            if (eventTime > eventTimeLimit.latestAcceptedMillis(recordTimestampMillis)) {
                throw new InvalidPaymentException(EVENT_TIME_IN_FUTURE, "event_time", "event_time is more than "
                        + eventTimeLimit.maxAhead() + " ahead of the record's Kafka timestamp, or of this job's clock "
                        + "if that is earlier (source.max-event-time-ahead)");
            }
            String original = originalPaymentId(root, type);
            return new CardPayment(paymentId, merchantId, type, amount, currency, pan, expiry,
                    cardCountry, merchantCountry, ipCountry, deviceId, eventTime, original);
        } catch (InvalidPaymentException e) {
            throw e.withIds(paymentId, merchantId);
        }
    }

    private static void checkKey(@Nullable byte[] key, String merchantId) throws InvalidPaymentException {
        if (key == null || !merchantId.equals(new String(key, StandardCharsets.UTF_8))) {
            throw new InvalidPaymentException(
                    KEY_MISMATCH, "merchant_id", "record key must equal merchant_id '" + merchantId + "'");
        }
    }

    private static String idField(PaymentFields root, String field, RejectionCode code) throws InvalidPaymentException {
        String id = requiredText(root, field);
        if (!isId(id)) {
            throw new InvalidPaymentException(code, field, field + " must be 1 to 64 characters from [A-Za-z0-9_-]");
        }
        rejectCardNumberInId(id, field, code);
        return id;
    }

    private static PaymentType type(PaymentFields root) throws InvalidPaymentException {
        String type = requiredText(root, "type");
        for (PaymentType t : PaymentType.values()) {
            if (t.name().equals(type)) {
                return t;
            }
        }
        throw new InvalidPaymentException(BAD_TYPE, "type", "type must be PURCHASE, REFUND or CHARGEBACK");
    }

    private static long amount(PaymentFields root) throws InvalidPaymentException {
        Object value = required(root, "amount_minor");
        if (!isWholeNumber(value)) {
            throw new InvalidPaymentException(WRONG_TYPE, "amount_minor",
                    "amount_minor must be a JSON integer in minor units, not " + jsonType(value));
        }
        // A whole number beyond a long is out of range like any other too large amount.
        boolean fitsLong = !(value instanceof BigInteger big) || big.bitLength() < Long.SIZE;
        long amount = ((Number) value).longValue();
        if (!fitsLong || amount <= 0 || amount > MAX_AMOUNT_MINOR) {
            throw new InvalidPaymentException(BAD_AMOUNT, "amount_minor",
                    "amount_minor must be greater than 0 and at most 10^12");
        }
        return amount;
    }

    private static String currency(PaymentFields root) throws InvalidPaymentException {
        String code = requiredText(root, "currency");
        if (isUpperAscii(code, 3)) {
            try {
                // Codes without minor units (XXX, XAU, ...) cannot carry amount_minor.
                if (Currency.getInstance(code).getDefaultFractionDigits() >= 0) {
                    return code;
                }
            } catch (IllegalArgumentException unknown) {
                // falls through to the rejection below
            }
        }
        throw new InvalidPaymentException(BAD_CURRENCY, "currency",
                "currency must be an ISO 4217 alphabetic code with minor units");
    }

    private static String pan(PaymentFields root) throws InvalidPaymentException {
        String pan = requiredText(root, "pan");
        if (!isDigits(pan, 12, 19)) {
            throw new InvalidPaymentException(BAD_PAN, "pan", "pan must be 12 to 19 digits");
        }
        if (!Luhn.isValid(pan)) {
            throw new InvalidPaymentException(BAD_PAN, "pan", "pan fails the Luhn check");
        }
        return pan;
    }

    @Nullable
    private static String country(PaymentFields root, String field, boolean required) throws InvalidPaymentException {
        String code = required ? requiredText(root, field) : optionalText(root, field);
        if (code != null && !(isUpperAscii(code, 2) && COUNTRIES.contains(code))) {
            throw new InvalidPaymentException(BAD_COUNTRY, field, field + " must be an ISO 3166-1 alpha-2 code");
        }
        return code;
    }

    private static long eventTime(PaymentFields root) throws InvalidPaymentException {
        String text = requiredText(root, "event_time");
        try {
            long fast = EventTimeText.fastEpochMillis(text);
            if (fast >= 0) {
                return fast; // 1970 to 9999 by construction
            }
            Instant instant = Instant.parse(text);
            // Outside four-digit years an instant no longer prints as RFC 3339 in the outputs.
            if (instant.isBefore(EARLIEST_EVENT_TIME) || instant.isAfter(LATEST_EVENT_TIME)) {
                throw new InvalidPaymentException(BAD_EVENT_TIME, "event_time",
                        "event_time must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
            }
            return instant.toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidPaymentException(BAD_EVENT_TIME, "event_time",
                    "event_time must be an ISO-8601 instant such as 2026-11-24T10:15:30.123Z");
        }
    }

    @Nullable
    private static String originalPaymentId(PaymentFields root, PaymentType type) throws InvalidPaymentException {
        String original = optionalText(root, "original_payment_id");
        if (type == PaymentType.PURCHASE) {
            if (original != null) {
                throw new InvalidPaymentException(BAD_ORIGINAL_PAYMENT_ID, "original_payment_id",
                        "original_payment_id is only for REFUND and CHARGEBACK");
            }
            return null;
        }
        if (original == null) {
            throw new InvalidPaymentException(MISSING_FIELD, "original_payment_id",
                    "original_payment_id is required for " + type);
        }
        if (!isId(original)) {
            throw new InvalidPaymentException(BAD_ORIGINAL_PAYMENT_ID, "original_payment_id",
                    "original_payment_id must be 1 to 64 characters from [A-Za-z0-9_-]");
        }
        rejectCardNumberInId(original, "original_payment_id", BAD_ORIGINAL_PAYMENT_ID);
        return original;
    }

    /**
     * Ids become Kafka keys, state keys (so checkpoints) and DLQ fields. An id that is, or holds, a
     * Luhn-valid run of 12 to 19 digits cannot be told from a card number, by us or by a DLP
     * scanner, so the contract refuses it (see README, "payments.raw").
     */
    private static void rejectCardNumberInId(String id, String field, RejectionCode code) throws InvalidPaymentException {
        if (CardNumberDetector.containsCardNumber(id)) {
            throw new InvalidPaymentException(code, field, field + " must not be or contain a card-length number that passes Luhn");
        }
    }

    private static Object required(PaymentFields root, String field) throws InvalidPaymentException {
        Object value = root.get(field);
        if (value == null) {
            throw new InvalidPaymentException(MISSING_FIELD, field, field + " is required");
        }
        return value;
    }

    private static String requiredText(PaymentFields root, String field) throws InvalidPaymentException {
        return text(required(root, field), field);
    }

    @Nullable
    private static String optionalText(PaymentFields root, String field) throws InvalidPaymentException {
        Object value = root.get(field);
        return value == null ? null : text(value, field);
    }

    private static String text(Object value, String field) throws InvalidPaymentException {
        if (!(value instanceof String text)) {
            throw new InvalidPaymentException(WRONG_TYPE, field, field + " must be a JSON string");
        }
        return text;
    }

    /** A JSON integer, as {@link PaymentFields#get} gives one. */
    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    /** The JSON type of a field value, named as JSON names it. */
    private static String jsonType(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        return value instanceof List ? "array" : value instanceof Map ? "object" : "unknown";
    }

    /** {@code [A-Za-z0-9_-]{1,64}} */
    static boolean isId(String text) {
        int n = text.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9]{min,max}} (ASCII digits only, like the regex class) */
    static boolean isDigits(String text, int min, int max) {
        int n = text.length();
        if (n < min || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Z]{length}} */
    static boolean isUpperAscii(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** {@code (0[1-9]|1[0-2])/[0-9]{2}} */
    static boolean isExpiry(String text) {
        if (text.length() != 5 || text.charAt(2) != '/' || !isDigits(text.substring(3), 2, 2)) {
            return false;
        }
        char tens = text.charAt(0);
        char units = text.charAt(1);
        return (tens == '0' && units >= '1' && units <= '9') || (tens == '1' && units >= '0' && units <= '2');
    }
}
