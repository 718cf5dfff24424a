package com.cardpay.payments.functions.fraud;

import static com.cardpay.payments.functions.model.ModelSamples.FULL;
import static com.cardpay.payments.functions.model.ModelSamples.NULLS;

/** Values for the serializer tests: every field set, NaN, empty arrays, and every nullable part null. */
final class FraudSamples {
    private FraudSamples() {}

    static final CardFeatures CARD = new CardFeatures(1, 2, 3, 100, 200, 300, 4, 5, true, -1);

    static final MerchantFeatures MERCHANT = new MerchantFeatures(-2.5, 0.125, Double.NaN, 77);

    static final CardFeaturedPayment[] CARD_FEATURED = {
        new CardFeaturedPayment(FULL, CARD), new CardFeaturedPayment(NULLS, new CardFeatures(0, 0, 0, 0, 0, 0, 0, 0, false, 0))
    };

    static final ScoredPayment[] SCORED = {
        new ScoredPayment(FULL, CARD, MERCHANT, 870, Decision.DECLINE,
                new Reason[] {new Reason("VELOCITY", "r-1", 2, 400), new Reason("GEO", "r-2", 1, 470)},
                new ShadowHit[] {new ShadowHit("s-1", 5, 100, Decision.REVIEW), new ShadowHit("s-2", 1, 10, null)},
                "rules-v9", 1_700_000_001_000L),
        new ScoredPayment(NULLS, CARD, MERCHANT, 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "rules-v1", 0L),
        new ScoredPayment(NULLS, null, null, 1000, null, null, null, null, -1L)
    };
}
