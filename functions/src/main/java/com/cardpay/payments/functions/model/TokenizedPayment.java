package com.cardpay.payments.functions.model;

import javax.annotation.Nullable;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A validated payment after tokenization: it holds no PAN and no expiry. This is the record of
 * {@code payments.tokenized} and the input of the later stages.
 *
 * @param amountMinor the amount in the currency's minor units (cents for USD, yen for JPY)
 * @param cardToken keyed HMAC of the PAN, {@code tok_v<keyVersion>_<base64url>}
 * @param cardLast4 null for PANs shorter than 15 digits, where BIN plus last four would reveal
 *     too much of the number
 * @param contentHash hash of the payment's business content, used by dedupe to tell an exact
 *     replay from a conflicting one
 */
@TypeInfo(TokenizedPaymentSerializer.Factory.class)
public record TokenizedPayment(
        String paymentId,
        String merchantId,
        PaymentType type,
        long amountMinor,
        String currency,
        String cardToken,
        int tokenKeyVersion,
        String cardBin,
        @Nullable String cardLast4,
        String cardCountry,
        String merchantCountry,
        @Nullable String ipCountry,
        @Nullable String deviceId,
        long eventTimeMillis,
        @Nullable String originalPaymentId,
        long contentHash,
        SourcePosition source,
        MessageHeaders headers) {}
