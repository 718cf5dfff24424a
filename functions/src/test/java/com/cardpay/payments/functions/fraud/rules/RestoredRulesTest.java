package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.PARSER;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.cmp;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.pointsRule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Rebuilding the rules in force from broadcast state: a stored rule that today's parser rejects
 * (it was accepted by an older, looser one) is skipped and reported, never fatal.
 */
class RestoredRulesTest {
    /** Stored by an older version, before {@code card.hour_of_day} was dropped from the language. */
    private static final StoredRule NIGHT_OWL = new StoredRule("night-owl", 3, "{\"id\":\"night-owl\",\"version\":3,"
            + "\"state\":\"ACTIVE\",\"description\":\"seen on card 4111 1111 1111 1111\",\"when\":"
            + cmp("card.hour_of_day", "<", "5") + ",\"points\":150}");
    private static final StoredRule LARGE_AMOUNT = new StoredRule("large-amount", 2, pointsRule("large-amount", 2,
            "ACTIVE", cmp("payment.amount_minor", ">=", "1000000"), 500));

    @Test
    void aStoredRuleThatNoLongerParsesIsSkippedAndTheOthersAreInForce() {
        RestoredRules restored = RestoredRules.from(List.of(NIGHT_OWL, LARGE_AMOUNT), PARSER);

        assertThat(restored.book().rule("large-amount")).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(2));
        assertThat(restored.book().rule("night-owl")).isEmpty();
        assertThat(restored.book().rules()).containsKeys(RuleBook.withDefaults().rules().keySet().toArray(String[]::new));
        assertThat(restored.skipped()).singleElement().satisfies(s -> {
            assertThat(s.ruleId()).isEqualTo("night-owl");
            assertThat(s.version()).isEqualTo(3);
            assertThat(s.message()).contains("card.hour_of_day", "no rule night-owl is in force");
        });
    }

    @Test
    void theMessageIsShortAndNeverQuotesTheStoredRule() {
        RestoredRules restored = RestoredRules.from(List.of(NIGHT_OWL), PARSER);

        String message = restored.skipped().get(0).message();
        assertThat(message).hasSizeLessThanOrEqualTo(RestoredRules.MAX_MESSAGE_CHARS)
                .doesNotContain("4111", "seen on card", NIGHT_OWL.json())
                .as("the parser's list of known features is left out").doesNotContain("known features");
    }

    @Test
    void aSkippedOverrideOfADefaultRuleLeavesTheDefaultInForceAndSaysSo() {
        FraudRule defaultBurst = RuleBook.withDefaults().rule("velocity-burst").orElseThrow();
        StoredRule burst = new StoredRule("velocity-burst", 4, pointsRule("velocity-burst", 4, "ACTIVE",
                cmp("card.count_short", "=>", "3"), 600));

        RestoredRules restored = RestoredRules.from(List.of(burst), PARSER);

        assertThat(restored.book().rule("velocity-burst")).contains(defaultBurst);
        assertThat(restored.skipped()).singleElement().satisfies(s -> assertThat(s.message())
                .contains("unknown operator", "velocity-burst v" + defaultBurst.version() + " is in force instead"));
    }

    @Test
    void storedRulesThatParseAreAllRestoredWithNothingSkipped() throws Exception {
        RestoredRules restored = RestoredRules.from(List.of(LARGE_AMOUNT), PARSER);

        assertThat(restored.skipped()).isEmpty();
        assertThat(restored.book().rulesVersion()).isEqualTo(RuleBook.withDefaults().apply(
                PARSER.parse(LARGE_AMOUNT)).rulesVersion());
    }

    @Test
    void skippedRulesAreListedByIdWhateverTheStateOrder() {
        StoredRule other = new StoredRule("after-hours", 1, NIGHT_OWL.json().replace("night-owl", "after-hours")
                .replace("\"version\":3", "\"version\":1"));

        assertThat(RestoredRules.from(List.of(NIGHT_OWL, other), PARSER).skipped())
                .extracting(RestoredRules.Skipped::ruleId).containsExactly("after-hours", "night-owl");
        assertThat(RestoredRules.from(List.of(other, NIGHT_OWL), PARSER).skipped())
                .extracting(RestoredRules.Skipped::ruleId).containsExactly("after-hours", "night-owl");
    }
}
