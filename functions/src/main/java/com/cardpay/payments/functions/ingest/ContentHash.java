package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.validation.CardPayment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit fingerprint of a payment's business content, computed after tokenization: the token
 * stands for the PAN, so the fingerprint is not a PAN-equivalent hash. The expiry is left out.
 * Dedupe keeps only this, so an exact replay can be told from a conflicting one in 8 bytes of state.
 * Not thread-safe.
 */
public final class ContentHash {
    private static final byte SEPARATOR = 0x1f;
    private final MessageDigest sha256;

    public ContentHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    public long of(CardPayment p, String cardToken) {
        sha256.reset();
        put(p.paymentId());
        put(p.merchantId());
        put(p.type().name());
        put(Long.toString(p.amountMinor()));
        put(p.currency());
        put(cardToken);
        put(p.cardCountry());
        put(p.merchantCountry());
        put(p.ipCountry());
        put(p.deviceId());
        put(Long.toString(p.eventTimeMillis()));
        put(p.originalPaymentId());
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private void put(String field) {
        if (field != null) {
            sha256.update(field.getBytes(StandardCharsets.UTF_8));
        }
        sha256.update(SEPARATOR);
    }
}
