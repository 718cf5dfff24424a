package com.cardpay.payments.functions.tokenization;

import com.cardpay.payments.functions.validation.CardPayment;

/** A PAN and expiry in clear, as decrypted for authorised use. Masked in {@code toString}. */
public record CardSecret(String pan, String expiry) {
    @Override
    public String toString() {
        return "CardSecret[pan=" + CardPayment.maskedPan(pan) + ", expiry=**/**]";
    }
}
