package com.cardpay.payments.functions.deadletter;

import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.SettlementOverflow;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PanMasker;
import com.cardpay.payments.functions.validation.RejectionCode;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds every record of {@code payments.dlq}, whichever stage refused it: ingest (a record that
 * breaks the {@code payments.raw} contract), dedupe (a conflicting replay) and settlement (a
 * payment beyond the adjustment horizon, a line that overflows). Its JSON is the dlq contract's, in
 * {@code connectors} ({@code contracts.dlq}); so are the payloads of the settlement cases, which
 * are other topics' JSON. No card number leaves here: payloads, keys and messages are masked.
 */
public final class DeadLetters {
    /** DLQ payloads are cut to this size, after masking; the original stays in the source topic. */
    public static final int MAX_PAYLOAD_CHARS = 16 * 1024;
    /** How far beyond the DLQ cut an oversized payload is masked (see {@link #maskedPayload}). */
    static final int MASK_MARGIN = 1024;
    /** Record keys in DLQ envelopes are cut to this size. */
    public static final int MAX_KEY_CHARS = 256;

    private DeadLetters() {}

    /**
     * A {@code payments.raw} record that breaks its contract.
     *
     * @param headers the record's headers as the dead letter keeps them ({@code HeaderLimits})
     */
    public static DeadLetter rejected(
            InvalidPaymentException e, byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition source) {
        String masked = maskedPayload(new String(value, StandardCharsets.UTF_8));
        boolean truncated = masked.length() > MAX_PAYLOAD_CHARS;
        if (truncated) {
            masked = cut(masked, MAX_PAYLOAD_CHARS);
        }
        String maskedKey = key == null ? null : cut(PanMasker.mask(new String(key, StandardCharsets.UTF_8)), MAX_KEY_CHARS);
        return new DeadLetter(e.code().name(), PanMasker.mask(e.getMessage()), e.field(), source,
                e.paymentId(), e.merchantId(), maskedKey,
                masked, value.length, truncated, headers);
    }

    /** A replayed {@code payment_id} whose content differs from the payment accepted first. */
    public static DeadLetter duplicateConflict(TokenizedPayment p) {
        // The raw record held a PAN, so only the tokenized view travels this far; the original is
        // at p.source() in the raw topic.
        String summary = "payment_id=" + p.paymentId() + " merchant_id=" + p.merchantId() + " type=" + p.type()
                + " amount_minor=" + p.amountMinor() + " currency=" + p.currency() + " card_token=" + p.cardToken()
                + " event_time=" + Instant.ofEpochMilli(p.eventTimeMillis());
        // Ids are [A-Za-z0-9_-]{1,64}: a numeric id of 12+ digits is masked like anything else.
        return new DeadLetter(RejectionCode.DUPLICATE_CONFLICT.name(),
                PanMasker.mask("payment_id " + p.paymentId()
                        + " was already accepted with different content; this record was not processed"),
                "payment_id", p.source(), p.paymentId(), p.merchantId(), PanMasker.mask(p.merchantId()),
                PanMasker.mask(summary), summary.length(), false, p.headers());
    }

    /**
     * A scored payment for a settlement window whose state is gone: it was not settled.
     *
     * @param tokenizedJson the payment as {@code payments.tokenized} writes it: it holds no card data
     */
    public static DeadLetter beyondHorizon(ScoredPayment scored, byte[] tokenizedJson) {
        TokenizedPayment p = scored.payment();
        return new DeadLetter(RejectionCode.SETTLEMENT_BEYOND_HORIZON.name(),
                "event_time " + Instant.ofEpochMilli(p.eventTimeMillis()) + " falls in a settlement window closed longer"
                        + " ago than settlement.adjustment-horizon; not settled (decision " + scored.decision()
                        + "): settle it by hand",
                "event_time", p.source(), p.paymentId(), p.merchantId(), p.merchantId(),
                new String(tokenizedJson, StandardCharsets.UTF_8), tokenizedJson.length, false, p.headers());
    }

    /**
     * A settlement line whose totals overflow: it was not emitted. A line aggregates many payments,
     * so it has no one source record and no headers.
     *
     * @param lineJson the line's identity as JSON, in {@code payments.settlements}' field names
     */
    public static DeadLetter overflow(SettlementOverflow o, byte[] lineJson) {
        return new DeadLetter(RejectionCode.SETTLEMENT_OVERFLOW.name(),
                "settlement " + o.settlementId() + " (" + o.currency() + ", window from "
                        + Instant.ofEpochMilli(o.windowStartMillis()) + ") overflows 64-bit minor units; revision "
                        + o.revision() + " was not emitted: settle it by hand",
                "amount_minor", null, null, o.merchantId(), o.merchantId(),
                new String(lineJson, StandardCharsets.UTF_8), lineJson.length, false, MessageHeaders.EMPTY);
    }

    /**
     * The payload masked by {@link PanMasker#maskPayload}, whole or, for a payload far longer than
     * the DLQ keeps, only a prefix that still reaches well past the cut.
     *
     * <p>Masking must happen before the cut: cutting first could leave a partial PAN too short for
     * the masker to recognise. But masking a whole oversized record (up to the broker's limit) cost
     * about a millisecond per 70 KB in the pipeline benchmark, a hundred times a valid payment.
     * Masking is local: whatever the text after a point, masking changes at most the last few
     * dozen characters before it (a digit run, a card field or a JSON escape cut there). So a
     * prefix of {@link #MAX_PAYLOAD_CHARS} + {@link #MASK_MARGIN} characters, once masked,
     * agrees with the fully masked payload on its first {@link #MAX_PAYLOAD_CHARS} characters,
     * provided the masked prefix is still longer than the cut by a safe distance. Unescaping JSON
     * digit escapes shortens text (6 characters become 1), so when the masked prefix falls short of
     * that, the whole payload is masked as before.
     */
    static String maskedPayload(String payload) {
        if (payload.length() > MAX_PAYLOAD_CHARS + MASK_MARGIN) {
            String prefix = PanMasker.maskPayload(cut(payload, MAX_PAYLOAD_CHARS + MASK_MARGIN));
            if (prefix.length() >= MAX_PAYLOAD_CHARS + MASK_MARGIN / 4) {
                return prefix;
            }
        }
        return PanMasker.maskPayload(payload);
    }

    /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
