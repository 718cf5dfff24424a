package com.cardpay.payments.connectors.contracts;

/**
 * A topic record that breaks its contract, so that its reader cannot build a value from it. The
 * message names the topic and the field, never a value: records may hold card data, and tools
 * print these messages.
 */
public final class UnreadableRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableRecordException(String message) {
        super(message, null, false, false);
    }
}
