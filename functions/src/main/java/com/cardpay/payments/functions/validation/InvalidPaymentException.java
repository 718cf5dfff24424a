package com.cardpay.payments.functions.validation;

import javax.annotation.Nullable;

/**
 * A contract violation in a {@code payments.raw} record. Its message never quotes the PAN; it is
 * masked again before it reaches the DLQ anyway. No stack trace: this is control flow for bad
 * input, not a bug, and it is thrown at the input rate.
 */
public final class InvalidPaymentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    @Nullable private final String field;
    @Nullable private final String paymentId;
    @Nullable private final String merchantId;

    public InvalidPaymentException(RejectionCode code, @Nullable String field, String message) {
        this(code, field, message, null, null);
    }

    private InvalidPaymentException(
            RejectionCode code,
            @Nullable String field,
            String message,
            @Nullable String paymentId,
            @Nullable String merchantId) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.paymentId = paymentId;
        this.merchantId = merchantId;
    }

    /** The same violation, annotated with the ids that were valid, for the DLQ envelope. */
    public InvalidPaymentException withIds(@Nullable String paymentId, @Nullable String merchantId) {
        return new InvalidPaymentException(code, field, getMessage(), paymentId, merchantId);
    }

    @Nullable
    public String paymentId() {
        return paymentId;
    }

    @Nullable
    public String merchantId() {
        return merchantId;
    }

    public RejectionCode code() {
        return code;
    }

    @Nullable
    public String field() {
        return field;
    }
}
