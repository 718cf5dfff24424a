package com.cardpay.payments.functions.model;

import javax.annotation.Nullable;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A record the job refused, with why and where it came from: the record of {@code payments.dlq}.
 * The payload is masked (every run of 12 or more digits) and truncated; the original stays in the
 * source topic at {@code source}, which is null only for a settlement overflow (a line aggregates
 * many payments, so it has no one source record).
 */
@TypeInfo(DeadLetterSerializer.Factory.class)
public record DeadLetter(
        String errorCode,
        String errorMessage,
        @Nullable String field,
        @Nullable SourcePosition source,
        @Nullable String paymentId,
        @Nullable String merchantId,
        @Nullable String maskedKey,
        String maskedPayload,
        int payloadBytes,
        boolean payloadTruncated,
        MessageHeaders headers) {}
