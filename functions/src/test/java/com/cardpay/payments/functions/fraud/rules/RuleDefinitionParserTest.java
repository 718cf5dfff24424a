package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.PARSER;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.all;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.cmp;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.not;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.pointsRule;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.rules.ConditionDefinition.Comparison;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The parse step alone: JSON to a {@link RuleDefinition}, with nothing compiled. */
class RuleDefinitionParserTest {
    private static final String BURST = cmp("card.count_short", ">=", "5");

    private static RuleDefinition parse(String json) {
        try {
            return RuleDefinitionParser.parse(json);
        } catch (RuleRejectedException e) {
            throw new AssertionError("rejected: " + e.getMessage() + "\n" + json, e);
        }
    }

    @Test
    void theReferenceExampleAsData() {
        RuleDefinition rule = parse("""
                {"id": "velocity-burst", "version": 3, "state": "ACTIVE", "description": "five a minute",
                 "when": {"all": [{"feature": "card.count_short", "op": ">=", "value": 5},
                                  {"not": {"feature": "payment.type", "op": "==", "value": "REFUND"}}]},
                 "points": 300}
                """);
        assertThat(rule).isEqualTo(new RuleDefinition("velocity-burst", 3, RuleState.ACTIVE, "five a minute",
                new ConditionDefinition.All(List.of(
                        new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GE, 5L),
                        new ConditionDefinition.Not(new Comparison(Feature.PAYMENT_TYPE, ComparisonOp.EQ, "REFUND")))),
                300, null, "VELOCITY_BURST"));
    }

    @Test
    void defaultsAreFilledIn() {
        RuleDefinition rule = parse(rule("card-testing", 1, "SHADOW", cmp("card.card_testing", "==", "true"),
                "\"decision\":\"DECLINE\""));
        assertThat(rule.description()).isEmpty();
        assertThat(rule.reasonCode()).isEqualTo("CARD_TESTING");
        assertThat(rule.points()).isZero();
        assertThat(rule.forcedDecision()).isEqualTo(Decision.DECLINE);
        assertThat(rule.when()).isEqualTo(new Comparison(Feature.CARD_TESTING, ComparisonOp.EQ, true));
    }

    @Test
    void numbersKeepTheKindTheyWereWrittenIn() {
        assertThat(parse(pointsRule("a", 1, "ACTIVE", cmp("card.count_short", ">", "5"), 1)).when())
                .isEqualTo(new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GT, 5L));
        assertThat(parse(pointsRule("a", 1, "ACTIVE", cmp("card.count_short", ">", "5.0"), 1)).when())
                .isEqualTo(new Comparison(Feature.CARD_COUNT_SHORT, ComparisonOp.GT, 5.0d));
        assertThat(parse(pointsRule("a", 1, "ACTIVE", cmp("merchant.amount_zscore", ">", "4"), 1)).when())
                .isEqualTo(new Comparison(Feature.MERCHANT_AMOUNT_ZSCORE, ComparisonOp.GT, 4L));
    }

    @Test
    void aTreeParsesLikeItsText() throws Exception {
        String json = pointsRule("a", 2, "ACTIVE", all(BURST, not(cmp("payment.currency", "!=", "\"EUR\""))), 10);
        assertThat(RuleDefinitionParser.parse(new ObjectMapper().readTree(json))).isEqualTo(parse(json));
    }

    /** Every rejection comes from the parse step, with the same category, message, id and version. */
    @Test
    void rejectsWithoutCompilingAndAsTheFacadeDoes() {
        for (String json : new String[] {
            pointsRule("a", 4, "ACTIVE", all(BURST, not(cmp("card.count_shrot", ">", "1"))), 1),
            pointsRule("a", 4, "ACTIVE", cmp("payment.type", ">", "\"REFUND\""), 1),
            pointsRule("a", 4, "ACTIVE", cmp("payment.currency", "==", "\"eur\""), 1),
            rule("a", 4, "ACTIVE", BURST, "\"decision\":\"APPROVE\""),
            "{\"id\": \"x\", ",
            "[]"
        }) {
            RuleRejectedException step = catchThrowableOfType(RuleRejectedException.class,
                    () -> RuleDefinitionParser.parse(json));
            RuleRejectedException facade = catchThrowableOfType(RuleRejectedException.class, () -> PARSER.parse(json));
            assertThat(step).as(json).isNotNull();
            assertThat(step.category()).isEqualTo(facade.category());
            assertThat(step.getMessage()).isEqualTo(facade.getMessage());
            assertThat(step.ruleId()).isEqualTo(facade.ruleId());
            assertThat(step.version()).isEqualTo(facade.version());
        }
    }

    @Test
    void laterFaultsStillNameTheRule() {
        RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class, () -> RuleDefinitionParser.parse(
                pointsRule("velocity-burst", 3, "ACTIVE", cmp("card.count_short", "=>", "5"), 1)));
        assertThat(e.category()).isEqualTo(Category.BAD_OPERATOR);
        assertThat(e.ruleId()).isEqualTo("velocity-burst");
        assertThat(e.version()).isEqualTo(3);
    }
}
