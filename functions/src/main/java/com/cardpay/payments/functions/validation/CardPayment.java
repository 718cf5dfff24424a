package com.cardpay.payments.functions.validation;

import com.cardpay.payments.functions.model.PaymentType;

import javax.annotation.Nullable;

/**
 * A payment that passed validation and still holds the card in clear. It exists only inside the
 * ingest step, between parsing and tokenization, and is never emitted, stored or logged: its
 * {@code toString} masks the PAN and expiry.
 */
public record CardPayment(
        String paymentId,
        String merchantId,
        PaymentType type,
        long amountMinor,
        String currency,
        String pan,
        String expiry,
        String cardCountry,
        String merchantCountry,
        @Nullable String ipCountry,
        @Nullable String deviceId,
        long eventTimeMillis,
        @Nullable String originalPaymentId) {

    @Override
    public String toString() {
        return "CardPayment[paymentId=" + paymentId + ", merchantId=" + merchantId + ", type=" + type
                + ", amountMinor=" + amountMinor + ", currency=" + currency
                + ", pan=" + maskedPan(pan) + ", expiry=**/**]";
    }

    /** The PAN with all but its last four digits masked. */
    public static String maskedPan(String pan) {
        if (pan.length() <= 4) {
            return "****";
        }
        return "*".repeat(pan.length() - 4) + pan.substring(pan.length() - 4);
    }
}
