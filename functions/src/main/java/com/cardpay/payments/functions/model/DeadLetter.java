package com.cardpay.payments.functions.model;

import javax.annotation.Nullable;

/**
 * A record the job refused, with why and where it came from: the record of {@code payments.dlq}.
 * The payload is masked (every run of 12 or more digits) and truncated; the original stays in the
 * source topic at {@code source}.
 */
public record DeadLetter(
        String errorCode,
        String errorMessage,
        @Nullable String field,
        SourcePosition source,
        @Nullable String paymentId,
        @Nullable String merchantId,
        @Nullable String maskedKey,
        String maskedPayload,
        int payloadBytes,
        boolean payloadTruncated,
        MessageHeaders headers) {}
