package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A payment with its fraud score, decision and the reasons for both: the record of
 * {@code payments.scored}, and the input of settlement.
 *
 * @param score 0 to 1000
 * @param rulesVersion identity of the rule set that scored it
 */
@TypeInfo(ScoredPaymentSerializer.Factory.class)
public record ScoredPayment(
        TokenizedPayment payment,
        CardFeatures card,
        MerchantFeatures merchant,
        int score,
        Decision decision,
        Reason[] reasons,
        ShadowHit[] shadowHits,
        String rulesVersion,
        long scoredAtMillis) {}
