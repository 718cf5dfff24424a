package com.cardpay.payments.functions.fraud.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The scoring operator through Flink's keyed broadcast harness: rules in force, updates, statuses, restore. */
class FraudScoringFunctionTest {
    private static final AtomicLong IDS = new AtomicLong();
    private static final SourcePosition RULES_TOPIC = new SourcePosition("payments.fraud-rules", 0, 7, 0);
    private static final CardFeatures QUIET_CARD = new CardFeatures(1, 1, 1, 1000, 1000, 1000, 1, 1, false, -1);
    private static final CardFeatures BURSTING_CARD = new CardFeatures(6, 6, 6, 6000, 6000, 6000, 1, 1, false, 5);
    private static final String LARGE_AMOUNT_DECLINES = "{\"id\":\"large-amount\",\"version\":2,\"state\":\"ACTIVE\","
            + "\"description\":\"large purchases are declined outright\","
            + "\"when\":{\"feature\":\"payment.amount_minor\",\"op\":\">=\",\"value\":1000000},\"decision\":\"DECLINE\"}";

    private KeyedBroadcastOperatorTestHarness<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void theDefaultRulesScoreFromTheFirstPayment() throws Exception {
        harness.processElement(new StreamRecord<>(payment(1_500, QUIET_CARD), 1));
        harness.processElement(new StreamRecord<>(payment(1_500, BURSTING_CARD), 2));

        List<ScoredPayment> out = harness.extractOutputValues();
        assertThat(out.get(0).decision()).isEqualTo(Decision.APPROVE);
        assertThat(out.get(0).reasons()).isEmpty();
        assertThat(out.get(1).reasons()).extracting(Reason::ruleId).contains("velocity-burst");
        assertThat(out.get(1).score()).isGreaterThanOrEqualTo(400);
        assertThat(out.get(1).decision()).isIn(Decision.REVIEW, Decision.DECLINE);
        assertThat(out.get(1).shadowHits()).extracting(h -> h.ruleId()).contains("velocity-burst-3");
        assertThat(out.get(1).rulesVersion()).isEqualTo(out.get(0).rulesVersion()).isNotBlank();
    }

    @Test
    void anAcceptedUpdateChangesDecisionsFromThenOnAndIsReported() throws Exception {
        harness.processElement(new StreamRecord<>(payment(1_200_000, QUIET_CARD), 1));
        harness.processBroadcastElement(new StreamRecord<>(update(LARGE_AMOUNT_DECLINES), 2));
        harness.processElement(new StreamRecord<>(payment(1_200_000, QUIET_CARD), 3));

        List<ScoredPayment> out = harness.extractOutputValues();
        assertThat(out.get(0).decision()).isNotEqualTo(Decision.DECLINE);
        assertThat(out.get(1).decision()).isEqualTo(Decision.DECLINE);
        assertThat(out.get(1).rulesVersion()).isNotEqualTo(out.get(0).rulesVersion());
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.accepted()).isTrue();
            assertThat(s.ruleId()).isEqualTo("large-amount");
            assertThat(s.version()).isEqualTo(2);
        });
    }

    @Test
    void aBadRuleIsRejectedWithItsReasonAndChangesNothing() throws Exception {
        harness.processElement(new StreamRecord<>(payment(1_500, BURSTING_CARD), 1));
        harness.processBroadcastElement(new StreamRecord<>(update(
                "{\"id\":\"velocity-burst\",\"version\":9,\"state\":\"ACTIVE\",\"when\":{\"feature\":\"card.count_2m\",\"op\":\">\",\"value\":1},\"points\":900}"), 2));
        harness.processBroadcastElement(new StreamRecord<>(update("not json at all"), 3));
        harness.processBroadcastElement(new StreamRecord<>(update(LARGE_AMOUNT_DECLINES.replace("\"version\":2", "\"version\":1")), 4));
        harness.processElement(new StreamRecord<>(payment(1_500, BURSTING_CARD), 5));

        List<ScoredPayment> out = harness.extractOutputValues();
        assertThat(out.get(1).score()).isEqualTo(out.get(0).score());
        assertThat(out.get(1).rulesVersion()).isEqualTo(out.get(0).rulesVersion());
        assertThat(statuses()).hasSize(3).allSatisfy(s -> assertThat(s.accepted()).isFalse());
        assertThat(statuses().get(0).message()).contains("card.count_2m");
    }

    @Test
    void aRejectedRuleNeverEchoesACardNumberToTheStatusTopic() throws Exception {
        // Rules are typed by people; a card number pasted by mistake must not reach the status topic,
        // whether the parser quotes it (bad JSON), names it (an id, a field) or repeats a value.
        String pan = "4111 1111 1111 1111";
        List<String> updates = List.of(
                "{\"id\": 4111111111111111x}",
                "{\"id\":\"" + pan + "\",\"version\":1}",
                "{\"id\":\"r1\",\"version\":1,\"" + pan + "\":1}",
                "{\"id\":\"r1\",\"version\":1,\"state\":\"ACTIVE\",\"when\":{\"feature\":\"" + pan
                        + "\",\"op\":\">\",\"value\":1},\"points\":10}");
        long t = 1;
        for (String update : updates) {
            harness.processBroadcastElement(new StreamRecord<>(update(update), t++));
        }

        assertThat(statuses()).hasSize(updates.size()).allSatisfy(s -> {
            assertThat(s.accepted()).isFalse();
            assertThat(CardNumberDetector.containsCardNumber(s.message())).as(s.message()).isFalse();
            assertThat(s.ruleId() == null || !CardNumberDetector.containsCardNumber(s.ruleId())).as(s.ruleId()).isTrue();
        });
    }

    @Test
    void aShadowRuleIsReportedButChangesNoDecision() throws Exception {
        harness.processBroadcastElement(new StreamRecord<>(update(LARGE_AMOUNT_DECLINES.replace("ACTIVE", "SHADOW")), 1));
        harness.processElement(new StreamRecord<>(payment(1_200_000, QUIET_CARD), 2));

        ScoredPayment scored = harness.extractOutputValues().get(0);
        assertThat(scored.decision()).isNotEqualTo(Decision.DECLINE);
        assertThat(Arrays.stream(scored.shadowHits()).map(h -> h.ruleId())).contains("large-amount");
        assertThat(Arrays.stream(scored.reasons()).map(Reason::ruleId)).doesNotContain("large-amount");
    }

    @Test
    void theRulesInForceAndTheMerchantProfileSurviveARestore() throws Exception {
        harness.processBroadcastElement(new StreamRecord<>(update(LARGE_AMOUNT_DECLINES), 1));
        harness.processElement(new StreamRecord<>(payment(1_500, QUIET_CARD), 2));
        OperatorSubtaskState snapshot = harness.snapshot(1, 3);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.processElement(new StreamRecord<>(payment(1_200_000, QUIET_CARD), 4));

        ScoredPayment scored = harness.extractOutputValues().get(0);
        assertThat(scored.decision()).isEqualTo(Decision.DECLINE);
        assertThat(scored.merchant().baselinePayments()).isEqualTo(1);
    }

    @Test
    void aMerchantProfileExpiresAfterItsTtl() throws Exception {
        harness.setStateTtlProcessingTime(0);
        harness.processElement(new StreamRecord<>(payment(1_500, QUIET_CARD), 1));
        harness.setStateTtlProcessingTime(FraudSettings.defaults().merchantStateTtl().toMillis() + 1);
        harness.processElement(new StreamRecord<>(payment(1_500, QUIET_CARD), 2));

        assertThat(harness.extractOutputValues().get(1).merchant().baselinePayments())
                .as("the expired profile is gone; the baseline starts again").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private List<RuleStatus> statuses() {
        return harness.getSideOutput(FraudScoringFunction.RULE_STATUS).stream().map(StreamRecord::getValue).toList();
    }

    private static KeyedBroadcastOperatorTestHarness<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> newHarness()
            throws Exception {
        // Not opened yet: a restore test initializes state first.
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new FraudScoringFunction(FraudSettings.defaults()),
                        List.of(FraudScoringFunction.RULES)),
                p -> p.payment().merchantId(), Types.STRING, 1, 1, 0);
    }

    /** A rules-topic record: keyed by the rule's id, as the contract says. */
    private static RuleUpdate update(String json) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        return new RuleUpdate(id.find() ? id.group(1) : null, json, RULES_TOPIC);
    }

    private static CardFeaturedPayment payment(long amountMinor, CardFeatures card) {
        TokenizedPayment p = new TokenizedPayment("pay-" + IDS.incrementAndGet(), "m-1", PaymentType.PURCHASE, amountMinor,
                "EUR", "tok_v1_card", 1, "411111", "1111", "DE", "DE", null, null, 1_795_515_330_123L, null, 1L,
                new SourcePosition("payments.raw", 0, 1, 0), MessageHeaders.EMPTY);
        return new CardFeaturedPayment(p, card);
    }
}
