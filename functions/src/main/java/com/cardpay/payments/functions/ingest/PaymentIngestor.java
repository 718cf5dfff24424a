package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.deadletter.DeadLetters;
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
import com.cardpay.payments.functions.validation.PaymentReader;
import com.cardpay.payments.functions.validation.PaymentValidator;
import com.cardpay.payments.functions.validation.RejectionCode;

import javax.annotation.Nullable;
import java.util.Set;

/**
 * The first step of the pipeline: validate one source record and tokenize it on the spot. This is
 * the only code that sees a PAN in clear, and it runs inside the Kafka source's deserializer, so
 * the PAN never crosses a network shuffle, never sits in an in-flight buffer that an unaligned
 * checkpoint could persist, and never reaches state. Not thread-safe; one per task.
 */
public final class PaymentIngestor {
    private final PaymentReader reader;
    private final PaymentValidator validator;
    private final CardTokenizer tokenizer;
    private final ContentHash contentHash = new ContentHash();
    @Nullable private final Set<String> settledCurrencies;

    /**
     * An ingestor that takes a payment in any valid currency (tests and tools that do not settle).
     *
     * @param reader the {@code payments.raw} contract's reader (in the job, the one in
     *     {@code connectors}' {@code contracts.raw})
     */
    public PaymentIngestor(PaymentReader reader, CardTokenizer tokenizer, EventTimeLimit eventTimeLimit) {
        this(reader, tokenizer, eventTimeLimit, null);
    }

    /**
     * @param settledCurrencies the currencies the job settles ({@code settlement.currencies}); a
     *     valid payment in another is a {@link RejectionCode#CURRENCY_NOT_SETTLED} dead letter. Null
     *     for any.
     */
    public PaymentIngestor(PaymentReader reader, CardTokenizer tokenizer, EventTimeLimit eventTimeLimit,
            @Nullable Set<String> settledCurrencies) {
        this.reader = reader;
        this.tokenizer = tokenizer;
        this.validator = new PaymentValidator(eventTimeLimit);
        this.settledCurrencies = settledCurrencies == null ? null : Set.copyOf(settledCurrencies);
    }

    /**
     * Reads, validates and tokenizes one record; a record that breaks the contract becomes a dead
     * letter ({@link DeadLetters#rejected}).
     *
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
            payment = validator.validate(reader.read(value), key, source.timestampMillis());
        } catch (InvalidPaymentException e) {
            return IngestOutcome.rejected(deadLetter(e, value, key, headers, source));
        }
        if (settledCurrencies != null && !settledCurrencies.contains(payment.currency())) {
            // Refused before the card is tokenized: nothing downstream could settle it with a known fee.
            InvalidPaymentException e = new InvalidPaymentException(RejectionCode.CURRENCY_NOT_SETTLED, "currency",
                    "currency " + payment.currency() + " is not one this job settles (settlement.currencies)")
                    .withIds(payment.paymentId(), payment.merchantId());
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

    private static DeadLetter deadLetter(
            InvalidPaymentException e, byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition source) {
        return DeadLetters.rejected(e, value, key, HeaderLimits.forDeadLetter(headers), source);
    }
}
