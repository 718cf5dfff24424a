package com.cardpay.payments.functions.tokenization;

/**
 * A data-encryption key for envelope encryption: the plaintext AES-256 key (memory only) and the
 * same key wrapped by the key-management system, which is what gets stored next to each ciphertext.
 */
public record DataKey(byte[] plaintext, String wrapped, int version) {
    public DataKey {
        if (plaintext.length != 32) {
            throw new IllegalArgumentException("data key must be 256 bits");
        }
    }

    @Override
    public String toString() {
        return "DataKey[version=" + version + ", plaintext=<redacted>]";
    }
}
