package com.cardpay.payments.functions.fraud;

/** Why a payment scored what it did: an active rule's reason code and the points it added. */
public record Reason(String code, String ruleId, int ruleVersion, int points) {}
