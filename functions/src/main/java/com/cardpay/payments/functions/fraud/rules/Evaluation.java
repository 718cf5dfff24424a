package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;

import javax.annotation.Nullable;
import java.util.Arrays;

/**
 * What the rules say about one payment.
 *
 * @param score the ACTIVE rules' points, summed and capped at 1000
 * @param decision the stricter of the score's decision (by the settings' thresholds) and
 *     {@code forcedDecision}
 * @param forcedDecision the strictest decision forced by a matching ACTIVE rule, or null
 * @param reasons every matching ACTIVE rule: forced decisions first (DECLINE before REVIEW), then by
 *     points, highest first, then by rule id. Do not modify; empty arrays are shared.
 * @param shadowHits every matching SHADOW rule, by rule id. Do not modify.
 * @param rulesVersion {@link RuleBook#rulesVersion()} of the book that evaluated
 */
public record Evaluation(
        int score,
        Decision decision,
        @Nullable Decision forcedDecision,
        Reason[] reasons,
        ShadowHit[] shadowHits,
        String rulesVersion) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation other
                && score == other.score
                && decision == other.decision
                && forcedDecision == other.forcedDecision
                && Arrays.equals(reasons, other.reasons)
                && Arrays.equals(shadowHits, other.shadowHits)
                && rulesVersion.equals(other.rulesVersion);
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(score);
        h = 31 * h + decision.hashCode();
        h = 31 * h + (forcedDecision == null ? 0 : forcedDecision.hashCode());
        h = 31 * h + Arrays.hashCode(reasons);
        h = 31 * h + Arrays.hashCode(shadowHits);
        return 31 * h + rulesVersion.hashCode();
    }

    @Override
    public String toString() {
        return "Evaluation[score=" + score + ", decision=" + decision + ", forcedDecision=" + forcedDecision
                + ", reasons=" + Arrays.toString(reasons) + ", shadowHits=" + Arrays.toString(shadowHits)
                + ", rulesVersion=" + rulesVersion + "]";
    }
}
