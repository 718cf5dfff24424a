package com.cardpay.payments.functions.fraud;

import javax.annotation.Nullable;

/**
 * A SHADOW rule that matched: what it would have done. It changed nothing.
 *
 * @param forcedDecision the decision the rule would force, or null for a points rule
 */
public record ShadowHit(String ruleId, int ruleVersion, int points, @Nullable Decision forcedDecision) {}
