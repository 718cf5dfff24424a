package com.cardpay.payments.functions.tokenization;

/**
 * No usable key: the key-management system cannot be reached and the cache has run out. The
 * caller must not emit anything untokenized; failing the task makes Flink restart from the last
 * checkpoint.
 */
public final class KeyUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyUnavailableException(String message) {
        super(message);
    }
}
