package com.cardpay.payments.functions.fraud.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.rules.StoredRule;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * A rule in broadcast state that today's parser rejects (stored by an older job with a looser
 * parser) must not fail the restore: it is skipped, reported once on the status output, counted,
 * and the other rules stay in force.
 */
class FraudRulesRestoreTest {
    static final String REJECTED_ON_RESTORE = "payments_fraud_rules_rejected_on_restore";

    /** Names a feature the language no longer has. */
    private static final StoredRule NIGHT_OWL = new StoredRule("night-owl", 3, "{\"id\":\"night-owl\",\"version\":3,"
            + "\"state\":\"ACTIVE\",\"when\":{\"feature\":\"card.hour_of_day\",\"op\":\"<\",\"value\":5},\"points\":150}");
    private static final String LARGE_AMOUNT_JSON = "{\"id\":\"large-amount\",\"version\":2,\"state\":\"ACTIVE\","
            + "\"when\":{\"feature\":\"payment.amount_minor\",\"op\":\">=\",\"value\":1000000},\"decision\":\"DECLINE\"}";
    private static final StoredRule LARGE_AMOUNT = new StoredRule("large-amount", 2, LARGE_AMOUNT_JSON);
    private static final String NIGHT_OWL_FIXED = "{\"id\":\"night-owl\",\"version\":%d,\"state\":\"ACTIVE\","
            + "\"when\":{\"feature\":\"card.seconds_since_previous\",\"op\":\"<\",\"value\":5},\"points\":150}";

    @Test
    void theJobGoesOnWithTheOtherRulesAndReportsTheRejectedOneOnceWithACount() throws Exception {
        OperatorSubtaskState snapshot = ScoringHarness.snapshotHolding(NIGHT_OWL, LARGE_AMOUNT);

        try (ScoringHarness h = ScoringHarness.restored(snapshot, 0, 1)) {
            h.pay(1_200_000).pay(1_500).pay(1_200_000);

            assertThat(h.scored()).extracting(ScoredPayment::decision)
                    .containsExactly(Decision.DECLINE, Decision.APPROVE, Decision.DECLINE);
            assertThat(h.statuses()).singleElement().satisfies(s -> {
                assertThat(s.accepted()).isFalse();
                assertThat(s.origin()).isEqualTo(RuleStatus.Origin.RESTORE);
                assertThat(s.ruleId()).isEqualTo("night-owl");
                assertThat(s.version()).isEqualTo(3);
                assertThat(s.message()).contains("card.hour_of_day");
                assertThat(s.source()).as("a stored rule has no record position").isNull();
                assertThat(s.rulesVersion()).isEqualTo(h.scored().get(0).rulesVersion());
            });
            assertThat(h.counter(REJECTED_ON_RESTORE)).isEqualTo(1);
            assertThat(h.counter("payments_fraud_rule_updates_rejected")).isZero();
        }
    }

    @Test
    void whenARuleUpdateComesFirstTheReportPrecedesItsStatus() throws Exception {
        try (ScoringHarness h = ScoringHarness.restored(ScoringHarness.snapshotHolding(NIGHT_OWL, LARGE_AMOUNT), 0, 1)) {
            h.publish("night-owl", NIGHT_OWL_FIXED.formatted(4)).pay(1_500);

            assertThat(h.statuses()).extracting(RuleStatus::origin, RuleStatus::accepted)
                    .containsExactly(tuple(RuleStatus.Origin.RESTORE, false),
                            tuple(RuleStatus.Origin.UPDATE, true));
            assertThat(h.counter(REJECTED_ON_RESTORE)).isEqualTo(1);
        }
    }

    /** Every subtask restores the same broadcast state; like every rule status, the report comes from subtask 0. */
    @Test
    void anotherSubtaskSkipsTheRuleTooButReportsAndCountsNothing() throws Exception {
        try (ScoringHarness h = ScoringHarness.restored(ScoringHarness.snapshotHolding(NIGHT_OWL, LARGE_AMOUNT), 1, 2)) {
            h.pay(1_200_000);

            assertThat(h.scored()).singleElement().extracting(ScoredPayment::decision).isEqualTo(Decision.DECLINE);
            assertThat(h.statuses()).isEmpty();
            assertThat(h.counter(REJECTED_ON_RESTORE)).isZero();
        }
    }

    /** Two different rules must never share a version, so the skipped one's version stays taken. */
    @Test
    void theSkippedVersionCannotBeReusedAndTheNextOneReplacesIt() throws Exception {
        OperatorSubtaskState afterFix;
        try (ScoringHarness h = ScoringHarness.restored(ScoringHarness.snapshotHolding(NIGHT_OWL, LARGE_AMOUNT), 0, 1)) {
            h.publish("night-owl", NIGHT_OWL_FIXED.formatted(3)).publish("night-owl", NIGHT_OWL_FIXED.formatted(4));

            assertThat(h.statuses()).extracting(RuleStatus::origin, RuleStatus::accepted, RuleStatus::version)
                    .containsExactly(tuple(RuleStatus.Origin.RESTORE, false, 3),
                            tuple(RuleStatus.Origin.UPDATE, false, 3),
                            tuple(RuleStatus.Origin.UPDATE, true, 4));
            assertThat(h.statuses().get(1).message()).contains("version 3", "could not be restored");
            afterFix = h.snapshot(2, 2);
        }

        try (ScoringHarness h = ScoringHarness.restored(afterFix, 0, 1)) {
            h.pay(1_500);

            assertThat(h.statuses()).as("the replaced rule is gone from state").isEmpty();
            assertThat(h.counter(REJECTED_ON_RESTORE)).isZero();
        }
    }
}
