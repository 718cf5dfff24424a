package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.SourcePosition;

import javax.annotation.Nullable;

/**
 * What became of a rule update: the record of {@code payments.fraud-rules.status}.
 *
 * @param ruleId null when the update was too malformed to name its rule
 * @param version 0 when unknown
 * @param rulesVersion the identity of the rule set in force after this update
 */
public record RuleStatus(
        @Nullable String ruleId,
        int version,
        boolean accepted,
        String message,
        String rulesVersion,
        SourcePosition source) {}
