package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A payment with its per-card features, on its way to merchant features and scoring. */
@TypeInfo(CardFeaturedPaymentSerializer.Factory.class)
public record CardFeaturedPayment(TokenizedPayment payment, CardFeatures card) {}
