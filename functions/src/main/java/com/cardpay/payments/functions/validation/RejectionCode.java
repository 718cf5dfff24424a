package com.cardpay.payments.functions.validation;

/**
 * Why a record went to the dead-letter topic: one code per rule of the {@code payments.raw}
 * contract, the dedupe conflict, and the two cases settlement cannot settle by itself. Codes are
 * part of the DLQ contract; add, never rename.
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
    /**
     * {@code event_time} lies more than {@code source.max-event-time-ahead} past the wall clock at
     * ingest: a wrong clock at the payment's origin. Settle by hand once the clock is fixed.
     */
    EVENT_TIME_IN_FUTURE,
    BAD_ORIGINAL_PAYMENT_ID,
    /** A replayed {@code payment_id} whose content differs from the first record with that id. */
    DUPLICATE_CONFLICT,
    /**
     * A scored payment for a settlement window closed longer ago than the adjustment horizon: it
     * was not settled, and must be settled by hand.
     */
    SETTLEMENT_BEYOND_HORIZON,
    /** A settlement line whose totals overflow 64-bit minor units: not emitted; settle by hand. */
    SETTLEMENT_OVERFLOW,
    /**
     * A valid payment in a currency the job does not settle ({@code settlement.currencies}): no fee
     * plan prices it, so it is refused at ingest, before tokenization, rather than settled with a
     * guessed fee. Add the currency (and its fixed fees) and replay it.
     */
    CURRENCY_NOT_SETTLED;

    /** Whether ingest (parse, validate, dedupe) gives this code, rather than settlement. */
    public boolean fromIngest() {
        return this != SETTLEMENT_BEYOND_HORIZON && this != SETTLEMENT_OVERFLOW;
    }
}
