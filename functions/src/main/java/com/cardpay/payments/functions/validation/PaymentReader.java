package com.cardpay.payments.functions.validation;

/**
 * Turns a {@code payments.raw} record value into its fields: size, encoding and JSON syntax are
 * its rules ({@link RejectionCode#TOO_LARGE}, {@link RejectionCode#INVALID_JSON}); the fields' own
 * rules are {@link PaymentValidator}'s. The job's reader is the raw contract's, in
 * {@code connectors} ({@code contracts.raw.RawPaymentReader}): functions does no parsing.
 */
@FunctionalInterface
public interface PaymentReader {
    /**
     * @throws InvalidPaymentException when the value is not one UTF-8 JSON object within the
     *     contract's size; its message never quotes the value
     */
    PaymentFields read(byte[] value) throws InvalidPaymentException;
}
