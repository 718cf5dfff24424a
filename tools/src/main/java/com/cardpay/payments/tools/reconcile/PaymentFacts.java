package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PaymentFields;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settlement-relevant facts of one payment, from a {@code payments.raw} record (read by the raw
 * contract's reader, as the job reads it) or a {@code payments.scored} one: nothing else is kept,
 * so no card data survives the read. The checks on the values are this tool's own, not the job's.
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

    private static final RawPaymentReader RAW = new RawPaymentReader();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TYPES = Set.of("PURCHASE", "REFUND", "CHARGEBACK");

    /**
     * The facts of a {@code payments.raw} value, or null when the record cannot be a settled
     * payment (the job rejects such records to {@code payments.dlq}). Never throws, never echoes input.
     */
    static PaymentFacts ofRaw(byte[] value, String where) {
        PaymentFields f;
        try {
            f = value == null ? null : RAW.read(value);
        } catch (InvalidPaymentException e) {
            f = null;
        }
        if (f == null) {
            return null;
        }
        Object amount = f.get("amount_minor");
        Long eventTime = eventTime(text(f, "event_time"));
        return of(text(f, "merchant_id"), text(f, "payment_id"), text(f, "type"),
                amount instanceof Integer || amount instanceof Long ? ((Number) amount).longValue() : null,
                text(f, "currency"), eventTime, where);
    }

    /** The facts of a scored payment, or null when they are not those of a settled payment. */
    static PaymentFacts ofScored(ScoredPayment s, String where) {
        TokenizedPayment p = s.payment();
        return of(p.merchantId(), p.paymentId(), p.type().name(), p.amountMinor(), p.currency(), p.eventTimeMillis(), where);
    }

    private static PaymentFacts of(String merchant, String id, String type, Long amount, String currency, Long eventTime,
            String where) {
        // An id that is or holds a card number is rejected by the job (BAD_PAYMENT_ID, ...), and
        // this tool prints ids: such a record is not a payment here either.
        if (!isId(merchant) || !isId(id)
                || type == null || !TYPES.contains(type) || currency == null || !CURRENCY.matcher(currency).matches()
                || eventTime == null || amount == null || amount <= 0) {
            return null;
        }
        return new PaymentFacts(merchant, id, type, amount, currency, eventTime, where);
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches() && !CardNumberDetector.containsCardNumber(id);
    }

    private static String text(PaymentFields f, String field) {
        return f.get(field) instanceof String s ? s : null;
    }

    private static Long eventTime(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
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
