package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.validation.CardPayment;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PanMasker;
import com.cardpay.payments.functions.validation.PaymentValidator;
import com.cardpay.payments.functions.validation.RejectionCode;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * The first step of the pipeline: validate one source record and tokenize it on the spot. This is
 * the only code that sees a PAN in clear, and it runs inside the Kafka source's deserializer, so
 * the PAN never crosses a network shuffle, never sits in an in-flight buffer that an unaligned
 * checkpoint could persist, and never reaches state. Not thread-safe; one per task.
 */
public final class PaymentIngestor {
    /** DLQ payloads are cut to this size, after masking; the original stays in the source topic. */
    public static final int MAX_DLQ_PAYLOAD_CHARS = 16 * 1024;
    /** How far beyond the DLQ cut an oversized payload is masked (see {@link #maskedPayload}). */
    static final int MASK_MARGIN = 1024;
    /** Record keys in DLQ envelopes are cut to this size. */
    public static final int MAX_DLQ_KEY_CHARS = 256;

    private final PaymentValidator validator;
    private final CardTokenizer tokenizer;
    private final ContentHash contentHash = new ContentHash();

    public PaymentIngestor(CardTokenizer tokenizer, EventTimeLimit eventTimeLimit) {
        this.tokenizer = tokenizer;
        this.validator = new PaymentValidator(eventTimeLimit);
    }

    /**
     * @throws KeyUnavailableException when no key is available; nothing may be emitted then
     */
    public IngestOutcome ingest(byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition source)
            throws KeyUnavailableException {
        String tooLarge = HeaderLimits.problem(headers, value.length);
        if (tooLarge != null) {
            return IngestOutcome.rejected(deadLetter(new InvalidPaymentException(RejectionCode.TOO_LARGE, null, tooLarge),
                    value, key, headers, source));
        }
        CardPayment payment;
        try {
            payment = validator.validate(value, key);
        } catch (InvalidPaymentException e) {
            return IngestOutcome.rejected(deadLetter(e, value, key, headers, source));
        }
        CardTokenizer.Token token = tokenizer.tokenize(payment.pan());
        VaultRecord vault = tokenizer.seal(token, payment.pan(), payment.expiry(), headers);
        String pan = payment.pan();
        TokenizedPayment tokenized = new TokenizedPayment(
                payment.paymentId(), payment.merchantId(), payment.type(), payment.amountMinor(), payment.currency(),
                token.value(), token.keyVersion(), pan.substring(0, 6), pan.length() >= 15 ? pan.substring(pan.length() - 4) : null,
                payment.cardCountry(), payment.merchantCountry(), payment.ipCountry(), payment.deviceId(),
                payment.eventTimeMillis(), payment.originalPaymentId(), contentHash.of(payment, token.value()),
                source, headers);
        return IngestOutcome.accepted(tokenized, vault);
    }

    static DeadLetter deadLetter(
            InvalidPaymentException e, byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition source) {
        String masked = maskedPayload(new String(value, StandardCharsets.UTF_8));
        boolean truncated = masked.length() > MAX_DLQ_PAYLOAD_CHARS;
        if (truncated) {
            masked = cut(masked, MAX_DLQ_PAYLOAD_CHARS);
        }
        String maskedKey = key == null ? null : cut(PanMasker.mask(new String(key, StandardCharsets.UTF_8)), MAX_DLQ_KEY_CHARS);
        return new DeadLetter(e.code().name(), PanMasker.mask(e.getMessage()), e.field(), source,
                e.paymentId(), e.merchantId(), maskedKey,
                masked, value.length, truncated, HeaderLimits.forDeadLetter(headers));
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
     * prefix of {@link #MAX_DLQ_PAYLOAD_CHARS} + {@link #MASK_MARGIN} characters, once masked,
     * agrees with the fully masked payload on its first {@link #MAX_DLQ_PAYLOAD_CHARS} characters,
     * provided the masked prefix is still longer than the cut by a safe distance. Unescaping JSON
     * digit escapes shortens text (6 characters become 1), so when the masked prefix falls short of
     * that, the whole payload is masked as before.
     */
    static String maskedPayload(String payload) {
        if (payload.length() > MAX_DLQ_PAYLOAD_CHARS + MASK_MARGIN) {
            String prefix = PanMasker.maskPayload(cut(payload, MAX_DLQ_PAYLOAD_CHARS + MASK_MARGIN));
            if (prefix.length() >= MAX_DLQ_PAYLOAD_CHARS + MASK_MARGIN / 4) {
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
