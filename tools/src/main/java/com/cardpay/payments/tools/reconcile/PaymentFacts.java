package com.cardpay.payments.tools.reconcile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settlement-relevant facts of one payment, read from a {@code payments.raw} or
 * {@code payments.scored} JSON value: nothing else is kept, so no card data survives the parse.
 *
 * @param where where the record came from, for the report ({@code payments.raw/2@1234}, a file line)
 */
record PaymentFacts(
        String merchantId,
        String paymentId,
        String type,
        long amountMinor,
        String currency,
        long eventTimeMillis,
        String where) {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a parse error must never quote the record: payments.raw holds card numbers
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TYPES = Set.of("PURCHASE", "REFUND", "CHARGEBACK");

    /** The JSON object of a value, or null when it is not one. Never throws, never echoes input. */
    static JsonNode object(byte[] value) {
        try {
            JsonNode node = value == null ? null : STRICT.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The facts of a payment record, or null when the record cannot be a settled payment (the job
     * rejects such records to {@code payments.dlq}).
     */
    static PaymentFacts of(JsonNode p, String where) {
        if (p == null) {
            return null;
        }
        String merchant = text(p, "merchant_id");
        String id = text(p, "payment_id");
        String type = text(p, "type");
        String currency = text(p, "currency");
        String eventTime = text(p, "event_time");
        JsonNode amount = p.get("amount_minor");
        if (merchant == null || !ID.matcher(merchant).matches() || id == null || !ID.matcher(id).matches()
                || type == null || !TYPES.contains(type) || currency == null || !CURRENCY.matcher(currency).matches()
                || eventTime == null || amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()
                || amount.longValue() <= 0) {
            return null;
        }
        try {
            long millis = OffsetDateTime.parse(eventTime).toInstant().toEpochMilli();
            return new PaymentFacts(merchant, id, type, amount.longValue(), currency, millis, where);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The payment's identity: payment ids are unique per merchant. */
    PaymentKey key() {
        return new PaymentKey(merchantId, paymentId);
    }

    /** Same amount, currency, type and event time. */
    boolean sameBusinessFacts(PaymentFacts other) {
        return type.equals(other.type) && amountMinor == other.amountMinor && currency.equals(other.currency)
                && eventTimeMillis == other.eventTimeMillis;
    }

    record PaymentKey(String merchantId, String paymentId) {
        @Override
        public String toString() {
            return merchantId + "/" + paymentId;
        }
    }
}
