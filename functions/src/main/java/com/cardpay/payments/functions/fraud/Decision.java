package com.cardpay.payments.functions.fraud;

/** What fraud scoring says about a payment; ordered from mildest to strictest. */
public enum Decision {
    APPROVE,
    REVIEW,
    DECLINE;

    /** The stricter of two decisions. */
    public Decision stricter(Decision other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
