package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.SourcePosition;

import javax.annotation.Nullable;

/**
 * One record of the {@code payments.fraud-rules} topic, not yet parsed: the rule's JSON as text
 * (null for a tombstone) and where it was read.
 */
public record RuleUpdate(@Nullable String key, @Nullable String json, SourcePosition source) {}
