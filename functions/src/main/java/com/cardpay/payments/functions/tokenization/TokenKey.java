package com.cardpay.payments.functions.tokenization;

/**
 * The secret behind card tokens: an HMAC-SHA-256 key and its version. Lives in memory only; never
 * in Flink state, checkpoints or logs.
 */
public record TokenKey(int version, byte[] secret) {
    public TokenKey {
        if (version < 1) {
            throw new IllegalArgumentException("token key version must be at least 1");
        }
        if (secret.length < 32) {
            throw new IllegalArgumentException("token key must be at least 256 bits");
        }
    }

    @Override
    public String toString() {
        return "TokenKey[version=" + version + ", secret=<redacted>]";
    }
}
