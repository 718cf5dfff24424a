package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.PARSER;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.rules.ConditionDefinition.Comparison;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The compile step alone: a hand-made {@link RuleDefinition} to an executable {@link FraudRule}. */
class RuleCompilerTest {
    private static final ConditionDefinition BURST_NOT_REFUND = new ConditionDefinition.All(List.of(
            new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GE, 5L),
            new ConditionDefinition.Not(new Comparison(Feature.PAYMENT_TYPE, ComparisonOp.EQ, "REFUND"))));

    private static RuleDefinition pointsRule(ConditionDefinition when) {
        return new RuleDefinition("velocity-burst", 3, RuleState.ACTIVE, "", when, 300, null, "VELOCITY_BURST");
    }

    @Test
    void compilesTheDefinition() {
        FraudRule rule = RuleCompiler.compile(pointsRule(BURST_NOT_REFUND));
        assertThat(rule.id()).isEqualTo("velocity-burst");
        assertThat(rule.version()).isEqualTo(3);
        assertThat(rule.state()).isEqualTo(RuleState.ACTIVE);
        assertThat(rule.points()).isEqualTo(300);
        assertThat(rule.forcedDecision()).isNull();
        assertThat(rule.reasonCode()).isEqualTo("VELOCITY_BURST");
        assertThat(rule.features()).containsExactly(Feature.CARD_COUNT_SHORT, Feature.PAYMENT_TYPE);
        assertThat(rule.comparisons()).isEqualTo(2);
        assertThat(rule.matches(values().countShort(5).build())).isTrue();
        assertThat(rule.matches(values().countShort(4).build())).isFalse();
        assertThat(rule.matches(values().countShort(5).type(PaymentType.REFUND).build())).isFalse();
    }

    @Test
    void compilingAParsedDefinitionIsWhatTheParserGives() throws RuleRejectedException {
        String json = "{\"id\":\"card-testing\",\"version\":2,\"state\":\"SHADOW\",\"when\":{\"any\":["
                + "{\"feature\":\"card.card_testing\",\"op\":\"==\",\"value\":true},"
                + "{\"feature\":\"merchant.refund_ratio\",\"op\":\">\",\"value\":0.25}]},\"decision\":\"REVIEW\"}";
        FraudRule compiled = RuleCompiler.compile(RuleDefinitionParser.parse(json));
        assertThat(compiled).isEqualTo(PARSER.parse(json));
        assertThat(compiled.canonicalJson()).isEqualTo(PARSER.parse(json).canonicalJson());
        assertThat(compiled.forcedDecision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void wholeNumbersCompareExactlyDecimalsAsDoubles() {
        long beyondDoublePrecision = (1L << 53) + 1;
        FraudRule whole = RuleCompiler.compile(pointsRule(
                new Comparison(Feature.CARD_AMOUNT_LONG, ComparisonOp.GT, 1L << 53)));
        assertThat(whole.matches(values().amountLong(beyondDoublePrecision).build())).isTrue();
        FraudRule decimal = RuleCompiler.compile(pointsRule(
                new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GT, 4.5d)));
        assertThat(decimal.matches(values().countShort(5).build())).isTrue();
        assertThat(decimal.matches(values().countShort(4).build())).isFalse();
    }

    @Test
    void aComparisonTheLanguageCannotExpressIsRefusedWhenMade() {
        assertThatThrownBy(() -> new Comparison(Feature.PAYMENT_TYPE, ComparisonOp.GT, "REFUND"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.EQ, "5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison(Feature.CARD_TESTING, ComparisonOp.EQ, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison(Feature.PAYMENT_CURRENCY, ComparisonOp.EQ, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
