package com.cardpay.payments.functions.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.rules.ConditionDefinition.Comparison;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Pins the canonical JSON byte for byte: Flink state keeps it ({@link StoredRule#json}) and rule
 * equality compares it, so a change here is a change to what restored jobs see.
 */
class CanonicalRuleJsonTest {

    @Test
    void everyKindOfConditionAndValue() {
        ConditionDefinition when = new ConditionDefinition.All(List.of(
                new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GE, 5L),
                new ConditionDefinition.Any(List.of(
                        new Comparison(Feature.MERCHANT_AMOUNT_ZSCORE, ComparisonOp.GT, 4.5d),
                        new Comparison(Feature.CARD_COUNT_MEDIUM, ComparisonOp.LT, 5.0d))),
                new ConditionDefinition.Not(new Comparison(Feature.CARD_TESTING, ComparisonOp.NE, false)),
                new Comparison(Feature.PAYMENT_CURRENCY, ComparisonOp.EQ, "EUR")));
        RuleDefinition rule = new RuleDefinition("mixed", 7, RuleState.SHADOW, "d \"q\"", when, 12, null, "MIXED");
        assertThat(CanonicalRuleJson.of(rule)).isEqualTo("{\"id\":\"mixed\",\"version\":7,\"state\":\"SHADOW\","
                + "\"description\":\"d \\\"q\\\"\",\"when\":{\"all\":["
                + "{\"feature\":\"card.count_short\",\"op\":\">=\",\"value\":5},"
                + "{\"any\":[{\"feature\":\"merchant.amount_zscore\",\"op\":\">\",\"value\":4.5},"
                + "{\"feature\":\"card.count_medium\",\"op\":\"<\",\"value\":5.0}]},"
                + "{\"not\":{\"feature\":\"card.card_testing\",\"op\":\"!=\",\"value\":false}},"
                + "{\"feature\":\"payment.currency\",\"op\":\"==\",\"value\":\"EUR\"}]},"
                + "\"points\":12,\"reason\":\"MIXED\"}");
    }

    @Test
    void aForcedDecisionIsWrittenInsteadOfPoints() {
        RuleDefinition rule = new RuleDefinition("card-testing", 1, RuleState.ACTIVE, "",
                new Comparison(Feature.CARD_TESTING, ComparisonOp.EQ, true), 0, Decision.DECLINE, "CARD_TESTING");
        assertThat(CanonicalRuleJson.of(rule)).isEqualTo("{\"id\":\"card-testing\",\"version\":1,\"state\":\"ACTIVE\","
                + "\"description\":\"\",\"when\":{\"feature\":\"card.card_testing\",\"op\":\"==\",\"value\":true},"
                + "\"decision\":\"DECLINE\",\"reason\":\"CARD_TESTING\"}");
    }
}
