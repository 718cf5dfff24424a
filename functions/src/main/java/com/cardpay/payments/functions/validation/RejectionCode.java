package com.cardpay.payments.functions.validation;

/**
 * Why a record went to the dead-letter topic: one code per rule of the {@code payments.raw}
 * contract, plus the dedupe conflict. Codes are part of the DLQ contract; add, never rename.
 */
public enum RejectionCode {
    /** The value is larger than the contract's 64 KiB. */
    TOO_LARGE,
    /** The value is not one UTF-8 JSON object (syntax, duplicate field names, trailing content). */
    INVALID_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, for example a string amount. */
    WRONG_TYPE,
    BAD_PAYMENT_ID,
    BAD_MERCHANT_ID,
    /** The record key is not the payload's {@code merchant_id}. */
    KEY_MISMATCH,
    BAD_TYPE,
    BAD_AMOUNT,
    BAD_CURRENCY,
    BAD_PAN,
    BAD_EXPIRY,
    BAD_COUNTRY,
    BAD_DEVICE_ID,
    BAD_EVENT_TIME,
    BAD_ORIGINAL_PAYMENT_ID,
    /** A replayed {@code payment_id} whose content differs from the first record with that id. */
    DUPLICATE_CONFLICT
}
