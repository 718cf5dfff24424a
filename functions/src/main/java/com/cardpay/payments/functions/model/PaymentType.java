package com.cardpay.payments.functions.model;

/** What a payment record does to a merchant's balance. */
public enum PaymentType {
    /** Money owed to the merchant. */
    PURCHASE,
    /** Money the merchant gives back to the cardholder, referring to an earlier purchase. */
    REFUND,
    /** Money the issuer claws back from the merchant, referring to an earlier purchase. */
    CHARGEBACK
}
