package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.PARSER;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.all;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.any;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.cmp;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.not;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.parse;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.pointsRule;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.cardpay.payments.functions.model.SourcePosition;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Collections;

class RuleParserTest {
    private static final String BURST = cmp("card.count_short", ">=", "5");
    private static final String VALID = pointsRule("velocity-burst", 3, "ACTIVE", BURST, 300);

    private static RuleRejectedException rejected(String json) {
        RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class, () -> PARSER.parse(json));
        assertThat(e).as("expected a rejection of %s", json).isNotNull();
        return e;
    }

    private static void assertRejected(String json, Category category, String... messageParts) {
        RuleRejectedException e = rejected(json);
        assertThat(e.category()).as(e.getMessage()).isEqualTo(category);
        assertThat(e.getMessage()).contains(messageParts);
    }

    /** The example from the language reference. */
    @Test
    void parsesTheReferenceExample() {
        FraudRule rule = parse("""
                {"id": "velocity-burst", "version": 3, "state": "ACTIVE", "description": "five a minute",
                 "when": {"all": [{"feature": "card.count_short", "op": ">=", "value": 5},
                                  {"not": {"feature": "payment.type", "op": "==", "value": "REFUND"}}]},
                 "points": 300}
                """);
        assertThat(rule.id()).isEqualTo("velocity-burst");
        assertThat(rule.version()).isEqualTo(3);
        assertThat(rule.state()).isEqualTo(RuleState.ACTIVE);
        assertThat(rule.description()).isEqualTo("five a minute");
        assertThat(rule.points()).isEqualTo(300);
        assertThat(rule.forcedDecision()).isNull();
        assertThat(rule.reasonCode()).isEqualTo("VELOCITY_BURST");
        assertThat(rule.features()).containsExactly(Feature.CARD_COUNT_SHORT, Feature.PAYMENT_TYPE);
        assertThat(rule.comparisons()).isEqualTo(2);
        assertThat(rule.reason().code()).isEqualTo("VELOCITY_BURST");
        assertThat(rule.reason().points()).isEqualTo(300);
        assertThat(rule.shadowHit().forcedDecision()).isNull();
    }

    @Test
    void canonicalJsonHasOneFormWithDefaultsWrittenOut() {
        FraudRule rule = parse("""
                {"points": 300, "when": {"op": ">=", "value": 5, "feature": "CARD.Count_Short"},
                 "state": "SHADOW", "version": 2, "id": "burst"}
                """);
        assertThat(rule.canonicalJson()).isEqualTo("{\"id\":\"burst\",\"version\":2,\"state\":\"SHADOW\","
                + "\"description\":\"\",\"when\":{\"feature\":\"card.count_short\",\"op\":\">=\",\"value\":5},"
                + "\"points\":300,\"reason\":\"BURST\"}");
        assertThat(parse(rule.canonicalJson())).isEqualTo(rule);
        assertThat(parse(rule.canonicalJson()).canonicalJson()).isEqualTo(rule.canonicalJson());
    }

    @Test
    void fieldOrderAndWhiteSpaceDoNotChangeTheRule() {
        FraudRule a = parse(VALID);
        FraudRule b = parse("{ \"points\" : 300 ,\n \"when\": " + BURST + ", \"state\": \"ACTIVE\", \"version\": 3,"
                + " \"id\": \"velocity-burst\" }");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.canonicalJson()).isEqualTo(b.canonicalJson());
    }

    @Test
    void forcedDecisionAndExplicitReason() {
        FraudRule rule = parse(rule("card-testing", 1, "ACTIVE", cmp("card.card_testing", "==", "true"),
                "\"decision\":\"DECLINE\",\"reason\":\"CT_01\""));
        assertThat(rule.forcedDecision()).isEqualTo(Decision.DECLINE);
        assertThat(rule.points()).isZero();
        assertThat(rule.reasonCode()).isEqualTo("CT_01");
        assertThat(rule.reason().points()).isZero();
        assertThat(rule.shadowHit().forcedDecision()).isEqualTo(Decision.DECLINE);
        assertThat(rule.canonicalJson()).endsWith("\"decision\":\"DECLINE\",\"reason\":\"CT_01\"}");
    }

    @Test
    void decimalValuesStayDecimal() {
        FraudRule rule = parse(pointsRule("outlier", 1, "ACTIVE", cmp("merchant.amount_zscore", ">=", "4.5"), 100));
        assertThat(rule.canonicalJson()).contains("\"value\":4.5");
    }

    @Test
    void storedRuleRoundTrips() throws RuleRejectedException {
        FraudRule rule = parse(VALID);
        StoredRule stored = rule.toStoredRule();
        assertThat(stored).isEqualTo(new StoredRule("velocity-burst", 3, rule.canonicalJson()));
        FraudRule restored = PARSER.parse(stored);
        assertThat(restored).isEqualTo(rule);
        assertThat(restored.toStoredRule()).isEqualTo(stored);
    }

    @Test
    void storedRuleMustMatchItsJson() {
        StoredRule wrong = new StoredRule("other", 3, parse(VALID).canonicalJson());
        RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class, () -> PARSER.parse(wrong));
        assertThat(e.category()).isEqualTo(Category.KEY_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("stored as other v3 but the JSON is velocity-burst v3");
    }

    @Nested
    class TopicRecords {
        private final SourcePosition at = new SourcePosition("payments.fraud-rules", 0, 12, 0);

        @Test
        void keyedRecordParses() throws RuleRejectedException {
            assertThat(PARSER.parse(new RuleUpdate("velocity-burst", VALID, at))).isEqualTo(parse(VALID));
        }

        @Test
        void keyMustBeTheRuleId() {
            RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class,
                    () -> PARSER.parse(new RuleUpdate("velocity-brust", VALID, at)));
            assertThat(e.category()).isEqualTo(Category.KEY_MISMATCH);
            assertThat(e.ruleId()).isEqualTo("velocity-burst");
            assertThat(e.version()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo(
                    "the record key is 'velocity-brust' but the rule's id is 'velocity-burst'; the key must be the rule id");
        }

        @Test
        void missingKeyIsRejected() {
            RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class,
                    () -> PARSER.parse(new RuleUpdate(null, VALID, at)));
            assertThat(e.category()).isEqualTo(Category.KEY_MISMATCH);
            assertThat(e.getMessage()).startsWith("the record has no key but the rule's id is 'velocity-burst'");
        }

        @Test
        void tombstoneIsRejectedWithAdvice() {
            RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class,
                    () -> PARSER.parse(new RuleUpdate("velocity-burst", null, at)));
            assertThat(e.category()).isEqualTo(Category.MALFORMED);
            assertThat(e.ruleId()).isEqualTo("velocity-burst");
            assertThat(e.version()).isZero();
            assertThat(e.getMessage()).contains("tombstone", "\"state\": \"DISABLED\" and a higher version");
        }
    }

    @Nested
    class Malformed {
        @Test
        void notJson() {
            RuleRejectedException e = rejected("{\"id\": \"x\", ");
            assertThat(e.category()).isEqualTo(Category.MALFORMED);
            assertThat(e.getMessage()).startsWith("not valid JSON: ").contains("(line 1, column");
            assertThat(e.ruleId()).isNull();
            assertThat(e.version()).isZero();
        }

        @Test
        void trailingData() {
            assertRejected(VALID + " {}", Category.MALFORMED, "not valid JSON", "Trailing token");
        }

        @Test
        void duplicateField() {
            assertRejected(VALID.replace("\"points\":300", "\"points\":300,\"points\":0"), Category.MALFORMED,
                    "not valid JSON", "Duplicate field 'points'");
        }

        @Test
        void notAnObject() {
            assertRejected("[" + VALID + "]", Category.MALFORMED, "a rule is one JSON object, not a list");
            assertRejected("\"rule\"", Category.MALFORMED, "a rule is one JSON object, not the string \"rule\"");
        }

        @Test
        void empty() {
            assertRejected("", Category.MALFORMED, "the rule is empty");
            assertRejected("   ", Category.MALFORMED, "the rule is empty");
        }

        @Test
        void tooLarge() {
            String json = VALID.replace("\"points\"", "\"description\":\"" + "x".repeat(70_000) + "\",\"points\"");
            assertRejected(json, Category.MALFORMED, "characters long; at most 65536 are allowed");
        }
    }

    @Nested
    class Fields {
        @Test
        void unknownTopLevelFieldIsRejectedWithASuggestion() {
            RuleRejectedException e = rejected(VALID.replace("\"points\"", "\"pionts\":1,\"points\""));
            assertThat(e.category()).isEqualTo(Category.BAD_FIELD);
            assertThat(e.ruleId()).isEqualTo("velocity-burst");
            assertThat(e.version()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("unknown field 'pionts' (did you mean 'points'?); a rule has id,"
                    + " version, state, description, when, points, decision, reason");
        }

        @Test
        void severalUnknownFieldsAreAllNamed() {
            assertRejected(VALID.replace("\"points\"", "\"enabled\":true,\"owner\":\"ana\",\"points\""),
                    Category.BAD_FIELD, "unknown fields 'enabled', 'owner'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "version", "state", "when"})
        void requiredFields(String field) {
            String json = switch (field) {
                case "id" -> "{\"version\":3,\"state\":\"ACTIVE\",\"when\":" + BURST + ",\"points\":1}";
                case "version" -> "{\"id\":\"a\",\"state\":\"ACTIVE\",\"when\":" + BURST + ",\"points\":1}";
                case "state" -> "{\"id\":\"a\",\"version\":3,\"when\":" + BURST + ",\"points\":1}";
                default -> "{\"id\":\"a\",\"version\":3,\"state\":\"ACTIVE\",\"points\":1}";
            };
            assertRejected(json, Category.BAD_FIELD, "the rule has no '" + field + "'");
        }

        @Test
        void wrongJsonTypes() {
            assertRejected(VALID.replace("\"ACTIVE\"", "1"), Category.BAD_FIELD, "state must be a string, not the number 1");
            assertRejected(VALID.replace("\"points\"", "\"description\":null,\"points\""), Category.BAD_FIELD,
                    "description must be a string, not null");
        }

        @Test
        void whenMustBeACondition() {
            assertRejected(pointsRule("a", 1, "ACTIVE", "[]", 1), Category.BAD_FIELD,
                    "when must be a condition object", "not a list");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"all\": " + BURST + "}", 1), Category.BAD_FIELD,
                    "when.all must be a non-empty list of conditions, not an object");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"any\": []}", 1), Category.BAD_FIELD,
                    "when.any must be a non-empty list of conditions, not a list");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"not\": [" + BURST + "]}", 1), Category.BAD_FIELD,
                    "when.not must be a condition object");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{}", 1), Category.BAD_FIELD,
                    "when is a comparison without feature, op, value");
        }

        @Test
        void combinatorTakesNoOtherField() {
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"all\":[" + BURST + "],\"any\":[" + BURST + "]}", 1),
                    Category.BAD_FIELD, "when has 'all', 'any'; a condition with 'all' must have no other field");
        }

        @Test
        void comparisonFields() {
            assertRejected(pointsRule("a", 1, "ACTIVE",
                            all(BURST, "{\"feature\":\"card.count_short\",\"op\":\">\",\"valeu\":1}"), 1),
                    Category.BAD_FIELD, "unknown field 'when.all[1].valeu' (did you mean 'value'?)");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"feature\":\"card.count_short\",\"value\":1}", 1),
                    Category.BAD_FIELD, "when is a comparison without op; a comparison has feature, op and value");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"feature\":7,\"op\":\"==\",\"value\":1}", 1),
                    Category.BAD_FIELD, "when.feature must be a feature name, not the number 7");
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @ValueSource(strings = {"Velocity", "-burst", "burst_1", "a b", ""})
        void badIds(String id) {
            RuleRejectedException e = rejected(pointsRule(id, 1, "ACTIVE", BURST, 1));
            assertThat(e.category()).isEqualTo(Category.BAD_VALUE);
            assertThat(e.ruleId()).isNull();
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("id '" + id + "' is not allowed: 1 to 64 characters, lower-case"
                    + " letters, digits and '-', not starting with '-'");
        }

        @Test
        void idLengthLimit() {
            parse(pointsRule("a".repeat(64), 1, "ACTIVE", BURST, 1));
            assertRejected(pointsRule("a".repeat(65), 1, "ACTIVE", BURST, 1), Category.BAD_VALUE, "is not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1.5", "\"3\"", "2147483648", "null"})
        void badVersions(String version) {
            String json = VALID.replace("\"version\":3", "\"version\":" + version);
            RuleRejectedException e = rejected(json);
            assertThat(e.category()).isEqualTo(Category.BAD_VALUE);
            assertThat(e.version()).isZero();
            assertThat(e.ruleId()).isEqualTo("velocity-burst");
            assertThat(e.getMessage()).startsWith("version must be a whole number from 1 to 2147483647, not ");
        }

        @Test
        void badState() {
            assertRejected(VALID.replace("\"ACTIVE\"", "\"active\""), Category.BAD_VALUE,
                    "state 'active' is not one of ACTIVE, SHADOW, DISABLED");
        }

        @Test
        void badReasonCode() {
            assertRejected(VALID.replace("\"points\"", "\"reason\":\"too-fast\",\"points\""), Category.BAD_VALUE,
                    "reason 'too-fast' is not allowed: 1 to 64 characters, upper-case letters, digits and '_'");
        }

        @Test
        void descriptionLimit() {
            parse(VALID.replace("\"points\"", "\"description\":\"" + "d".repeat(1000) + "\",\"points\""));
            assertRejected(VALID.replace("\"points\"", "\"description\":\"" + "d".repeat(1001) + "\",\"points\""),
                    Category.BAD_VALUE, "description is 1001 characters long; at most 1000 are allowed");
        }
    }

    @Nested
    class Features {
        @Test
        void unknownFeatureIsNamedWithASuggestionAndTheKnownOnes() {
            RuleRejectedException e = rejected(pointsRule("a", 1, "ACTIVE",
                    all(BURST, not(cmp("card.count_shrot", ">", "1"))), 1));
            assertThat(e.category()).isEqualTo(Category.UNKNOWN_FEATURE);
            assertThat(e.getMessage()).startsWith(
                    "when.all[1].not.feature: unknown feature 'card.count_shrot' (did you mean 'card.count_short'?);"
                            + " known features: card.count_short, card.count_medium");
            for (Feature f : Feature.values()) {
                assertThat(e.getMessage()).contains(f.featureName());
            }
        }

        @Test
        void farFromEveryFeatureGetsNoSuggestion() {
            RuleRejectedException e = rejected(pointsRule("a", 1, "ACTIVE", cmp("device.risk", ">", "1"), 1));
            assertThat(e.category()).isEqualTo(Category.UNKNOWN_FEATURE);
            assertThat(e.getMessage()).startsWith("when.feature: unknown feature 'device.risk'; known features: ");
        }

        @Test
        void everyFeatureOfTheCatalogueParses() {
            for (Feature f : Feature.values()) {
                String value = switch (f.type()) {
                    case NUMBER -> "1";
                    case BOOLEAN -> "true";
                    case STRING -> switch (f) {
                        case PAYMENT_TYPE -> "\"PURCHASE\"";
                        case PAYMENT_CURRENCY -> "\"EUR\"";
                        default -> "\"DE\"";
                    };
                };
                FraudRule rule = parse(pointsRule("a", 1, "ACTIVE", cmp(f.featureName(), "==", value), 1));
                assertThat(rule.features()).containsExactly(f);
            }
        }
    }

    @Nested
    class Operators {
        @Test
        void unknownOperator() {
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("card.count_short", "=>", "1"), 1), Category.BAD_OPERATOR,
                    "when.op: unknown operator the string \"=>\"; operators are ==, !=, >, >=, <, <=");
            assertRejected(pointsRule("a", 1, "ACTIVE", "{\"feature\":\"card.count_short\",\"op\":1,\"value\":1}", 1),
                    Category.BAD_OPERATOR, "when.op: unknown operator the number 1");
        }

        @ParameterizedTest
        @CsvSource({
            "payment.type, >, '\"REFUND\"', STRING",
            "payment.currency, <=, '\"EUR\"', STRING",
            "card.card_testing, <, 'true', BOOLEAN",
            "geo.ip_country_mismatch, >=, 'false', BOOLEAN"
        })
        void orderingNeedsANumberFeature(String feature, String op, String value, String type) {
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp(feature, op, value), 1), Category.BAD_OPERATOR,
                    "when.op: '" + op + "' needs a NUMBER feature, but '" + feature + "' is " + type
                            + ", which takes only == and !=");
        }
    }

    @Nested
    class TypeMismatch {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "card.count_short | '\"5\"' | number, not the string \"5\"",
            "card.count_short | true | number, not true",
            "merchant.refund_ratio | null | number, not null",
            "card.card_testing | '\"true\"' | true or false, not the string \"true\"",
            "card.card_testing | 1 | true or false, not the number 1",
            "payment.type | 1 | string, not the number 1",
            "payment.card_country | '[\"DE\"]' | string, not a list"
        })
        void valueTypeMustMatchTheFeature(String feature, String value, String expected) {
            RuleRejectedException e = rejected(pointsRule("a", 1, "ACTIVE", all(cmp(feature, "==", value)), 1));
            assertThat(e.category()).isEqualTo(Category.TYPE_MISMATCH);
            Feature f = Feature.byName(feature);
            assertThat(e.getMessage()).isEqualTo("when.all[0].value: '" + feature + "' is a " + f.type()
                    + " feature, so the value must be a JSON " + expected);
        }

        @Test
        void stringValuesAFeatureNeverTakes() {
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("payment.type", "==", "\"refund\""), 1),
                    Category.TYPE_MISMATCH, "when.value: 'payment.type' is never the string \"refund\";"
                            + " payment types are PURCHASE, REFUND, CHARGEBACK");
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("payment.currency", "!=", "\"eur\""), 1),
                    Category.TYPE_MISMATCH, "currencies are ISO 4217 codes in upper case");
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("payment.merchant_country", "==", "\"DEU\""), 1),
                    Category.TYPE_MISMATCH, "countries are ISO 3166-1 alpha-2 codes in upper case");
        }

        @Test
        void numbersOutOfRange() {
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("payment.amount_minor", ">", "99999999999999999999"), 1),
                    // a chain of 12 or more digits is masked like any possible card number
                    Category.TYPE_MISMATCH, "when.value: the number ****************9999 is out of range");
            assertRejected(pointsRule("a", 1, "ACTIVE", cmp("merchant.amount_zscore", ">", "1e999"), 1),
                    Category.TYPE_MISMATCH, "is out of range");
        }
    }

    @Nested
    class Outcomes {
        @Test
        void bothPointsAndDecision() {
            assertRejected(rule("a", 1, "ACTIVE", BURST, "\"points\":1,\"decision\":\"REVIEW\""), Category.BAD_OUTCOME,
                    "a rule has either points or a decision, not both");
        }

        @Test
        void neitherPointsNorDecision() {
            assertRejected("{\"id\":\"a\",\"version\":1,\"state\":\"ACTIVE\",\"when\":" + BURST + "}",
                    Category.BAD_OUTCOME, "a rule needs points (0 to 1000) or a decision (REVIEW or DECLINE)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1001", "2.5", "\"300\"", "null"})
        void pointsOutOfRange(String points) {
            assertRejected(rule("a", 1, "ACTIVE", BURST, "\"points\":" + points), Category.BAD_OUTCOME,
                    "points must be a whole number from 0 to 1000, not ");
        }

        @Test
        void pointsAtTheLimits() {
            assertThat(parse(pointsRule("a", 1, "ACTIVE", BURST, 0)).points()).isZero();
            assertThat(parse(pointsRule("a", 1, "ACTIVE", BURST, 1000)).points()).isEqualTo(1000);
        }

        @Test
        void approveCannotBeForced() {
            assertRejected(rule("a", 1, "ACTIVE", BURST, "\"decision\":\"APPROVE\""), Category.BAD_OUTCOME,
                    "decision APPROVE cannot be forced: rules only make a decision stricter; use REVIEW or DECLINE");
        }

        @Test
        void unknownDecision() {
            assertRejected(rule("a", 1, "ACTIVE", BURST, "\"decision\":\"BLOCK\""), Category.BAD_OUTCOME,
                    "decision 'BLOCK' is not one of REVIEW, DECLINE");
            assertRejected(rule("a", 1, "ACTIVE", BURST, "\"decision\":2"), Category.BAD_FIELD,
                    "decision must be a string, not the number 2");
        }
    }

    @Nested
    class Limits {
        private String nested(int depth) {
            String condition = BURST;
            for (int i = 1; i < depth; i++) {
                condition = i % 2 == 0 ? not(condition) : any(condition);
            }
            return condition;
        }

        @Test
        void depthEightIsAllowedNineIsNot() {
            assertThat(parse(pointsRule("a", 1, "ACTIVE", nested(8), 1)).comparisons()).isEqualTo(1);
            RuleRejectedException e = rejected(pointsRule("a", 1, "ACTIVE", nested(9), 1));
            assertThat(e.category()).isEqualTo(Category.LIMIT);
            assertThat(e.getMessage()).isEqualTo(
                    "when.not.any[0].not.any[0].not.any[0].not.any[0]: the condition nests deeper than 8 levels");
        }

        @Test
        void sixtyFourComparisonsAreAllowedSixtyFiveAreNot() {
            String[] many = Collections.nCopies(64, BURST).toArray(String[]::new);
            assertThat(parse(pointsRule("a", 1, "ACTIVE", all(many), 1)).comparisons()).isEqualTo(64);
            String[] tooMany = Arrays.copyOf(many, 65);
            tooMany[64] = BURST;
            RuleRejectedException e = rejected(pointsRule("a", 1, "ACTIVE", all(tooMany), 1));
            assertThat(e.category()).isEqualTo(Category.LIMIT);
            assertThat(e.getMessage()).isEqualTo("when.all[64]: the condition has more than 64 comparisons");
        }
    }

    @Test
    void parserIsUsableFromManyThreads() {
        assertThat(java.util.stream.IntStream.range(0, 200).parallel()
                        .mapToObj(i -> parse(pointsRule("r-" + i, 1 + i, "ACTIVE", BURST, i)).version())
                        .mapToInt(Integer::intValue).sum())
                .isEqualTo(200 * 201 / 2);
        assertThatThrownBy(() -> PARSER.parse("{")).isInstanceOf(RuleRejectedException.class);
    }
}
