package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPayment;

/** A payment with its per-card features, on its way to merchant features and scoring. */
public record CardFeaturedPayment(TokenizedPayment payment, CardFeatures card) {}
