package com.cardpay.payments.functions.validation;

import static com.cardpay.payments.functions.validation.RejectionCode.*;

import com.cardpay.payments.functions.model.PaymentType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.annotation.Nullable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one {@code payments.raw} record against the input contract (see
 * {@code connectors/src/main/resources/schemas/payments.raw.schema.json}) and returns the payment,
 * or throws {@link InvalidPaymentException} naming the rule. Thread-safe; its only input besides the
 * record is the wall clock of {@link EventTimeLimit}.
 */
public final class PaymentValidator {
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

    // Strict on purpose: duplicate field names or trailing data make a payment ambiguous, and
    // source snippets in parser messages could carry a PAN into the DLQ.
    private final EventTimeLimit eventTimeLimit;

    public PaymentValidator(EventTimeLimit eventTimeLimit) {
        this.eventTimeLimit = eventTimeLimit;
    }

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();

    /**
     * @param value the record value
     * @param key the record key, which the contract says is the merchant id
     */
    public CardPayment validate(byte[] value, @Nullable byte[] key) throws InvalidPaymentException {
        if (value.length > MAX_RECORD_BYTES) {
            throw new InvalidPaymentException(
                    TOO_LARGE, null, "record is " + value.length + " bytes; the limit is " + MAX_RECORD_BYTES);
        }
        requireUtf8(value);
        JsonNode root = parse(value);
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
            if (eventTime > eventTimeLimit.latestAcceptedMillis()) {
                throw new InvalidPaymentException(EVENT_TIME_IN_FUTURE, "event_time", "event_time is more than "
                        + eventTimeLimit.maxAhead() + " ahead of this job's clock (source.max-event-time-ahead)");
            }
            String original = originalPaymentId(root, type);
            return new CardPayment(paymentId, merchantId, type, amount, currency, pan, expiry,
                    cardCountry, merchantCountry, ipCountry, deviceId, eventTime, original);
        } catch (InvalidPaymentException e) {
            throw e.withIds(paymentId, merchantId);
        }
    }

    /**
     * The contract's only encoding is UTF-8. Jackson would also read UTF-16 and UTF-32 (it guesses
     * from the first bytes), and such a record's digits, between NULs, would slip past checks made
     * on UTF-8 text. NUL is refused too: JSON never needs it raw.
     */
    private static void requireUtf8(byte[] value) throws InvalidPaymentException {
        boolean ascii = true;
        for (byte b : value) {
            if (b == 0) {
                throw new InvalidPaymentException(INVALID_JSON, null, "value is not UTF-8 text (it holds NUL bytes: UTF-16 or UTF-32?)");
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid UTF-8, the contract's only encoding");
        }
    }

    private static JsonNode parse(byte[] value) throws InvalidPaymentException {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            // Location only: Jackson's own message can quote the offending token.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid JSON" + where);
        } catch (IOException e) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value must be one JSON object");
        }
        return root;
    }

    private static void checkKey(@Nullable byte[] key, String merchantId) throws InvalidPaymentException {
        if (key == null || !merchantId.equals(new String(key, StandardCharsets.UTF_8))) {
            throw new InvalidPaymentException(
                    KEY_MISMATCH, "merchant_id", "record key must equal merchant_id '" + merchantId + "'");
        }
    }

    private static String idField(JsonNode root, String field, RejectionCode code) throws InvalidPaymentException {
        String id = requiredText(root, field);
        if (!isId(id)) {
            throw new InvalidPaymentException(code, field, field + " must be 1 to 64 characters from [A-Za-z0-9_-]");
        }
        rejectCardNumberInId(id, field, code);
        return id;
    }

    private static PaymentType type(JsonNode root) throws InvalidPaymentException {
        String type = requiredText(root, "type");
        for (PaymentType t : PaymentType.values()) {
            if (t.name().equals(type)) {
                return t;
            }
        }
        throw new InvalidPaymentException(BAD_TYPE, "type", "type must be PURCHASE, REFUND or CHARGEBACK");
    }

    private static long amount(JsonNode root) throws InvalidPaymentException {
        JsonNode node = required(root, "amount_minor");
        if (!node.isIntegralNumber()) {
            throw new InvalidPaymentException(WRONG_TYPE, "amount_minor",
                    "amount_minor must be a JSON integer in minor units, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (!node.canConvertToLong() || node.longValue() <= 0 || node.longValue() > MAX_AMOUNT_MINOR) {
            throw new InvalidPaymentException(BAD_AMOUNT, "amount_minor",
                    "amount_minor must be greater than 0 and at most 10^12");
        }
        return node.longValue();
    }

    private static String currency(JsonNode root) throws InvalidPaymentException {
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

    private static String pan(JsonNode root) throws InvalidPaymentException {
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
    private static String country(JsonNode root, String field, boolean required) throws InvalidPaymentException {
        String code = required ? requiredText(root, field) : optionalText(root, field);
        if (code != null && !(isUpperAscii(code, 2) && COUNTRIES.contains(code))) {
            throw new InvalidPaymentException(BAD_COUNTRY, field, field + " must be an ISO 3166-1 alpha-2 code");
        }
        return code;
    }

    private static long eventTime(JsonNode root) throws InvalidPaymentException {
        String text = requiredText(root, "event_time");
        try {
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
    private static String originalPaymentId(JsonNode root, PaymentType type) throws InvalidPaymentException {
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

    private static JsonNode required(JsonNode root, String field) throws InvalidPaymentException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPaymentException(MISSING_FIELD, field, field + " is required");
        }
        return node;
    }

    private static String requiredText(JsonNode root, String field) throws InvalidPaymentException {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new InvalidPaymentException(WRONG_TYPE, field, field + " must be a JSON string");
        }
        return node.textValue();
    }

    @Nullable
    private static String optionalText(JsonNode root, String field) throws InvalidPaymentException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidPaymentException(WRONG_TYPE, field, field + " must be a JSON string");
        }
        return node.textValue();
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
