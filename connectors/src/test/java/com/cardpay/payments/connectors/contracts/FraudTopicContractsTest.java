package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.TopicSchemas.RULE_STATUS;
import static com.cardpay.payments.connectors.contracts.TopicSchemas.SCORED;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.rules.RuleStatusJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** payments.scored and payments.fraud-rules.status against their schemas. */
class FraudTopicContractsTest {
    private static final SourcePosition SOURCE = new SourcePosition("payments.raw", 1, 42, 0);
    private static final CardFeatures CARD = new CardFeatures(6, 9, 12, 3000, 9000, 12000, 3, 2, false, 4);
    private static final MerchantFeatures MERCHANT = new MerchantFeatures(4.25, 0.125, 0.01, 250);

    @Test
    void aScoredPaymentWithReasonsAndShadowHitsConforms() throws Exception {
        ScoredPayment scored = ContractSamples.scored(payment(), Decision.REVIEW);

        byte[] value = ScoredJson.write(scored);

        assertThat(TopicSchemas.validate(SCORED, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"decision\":\"REVIEW\"", "\"card.count_short\":6");
    }

    @Test
    void anApprovedPaymentWithNoHitsConforms() throws Exception {
        ScoredPayment scored = new ScoredPayment(payment(), CARD, MERCHANT, 0, Decision.APPROVE, new Reason[0],
                new ShadowHit[0], "r-0", 0L);

        assertThat(TopicSchemas.validate(SCORED, ScoredJson.write(scored))).isEmpty();
    }

    @Test
    void aPaymentScoredWithoutMerchantFeaturesSaysSoAndReadsBack() throws Exception {
        ScoredPayment scored = new ScoredPayment(payment(), CARD, MerchantFeatures.UNAVAILABLE, 0, Decision.APPROVE,
                new Reason[0], new ShadowHit[0], "r-0", 0L);

        byte[] value = ScoredJson.write(scored);

        assertThat(TopicSchemas.validate(SCORED, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"merchant_features_unavailable\":true");
        assertThat(ScoredReader.read(value).merchant()).isEqualTo(MerchantFeatures.UNAVAILABLE);
    }

    @Test
    void aPaymentWithItsMerchantFeaturesCarriesNoUnavailableField() throws Exception {
        ScoredPayment scored = new ScoredPayment(payment(), CARD, MERCHANT, 0, Decision.APPROVE, new Reason[0],
                new ShadowHit[0], "r-0", 0L);

        byte[] value = ScoredJson.write(scored);

        assertThat(new String(value, StandardCharsets.UTF_8)).doesNotContain("merchant_features_unavailable");
        assertThat(ScoredReader.read(value).merchant().unavailable()).isFalse();
    }

    @Test
    void anUnavailableFieldOtherThanTrueBreaksTheContract() throws Exception {
        byte[] value = ScoredJson.write(new ScoredPayment(payment(), CARD, MerchantFeatures.UNAVAILABLE, 0, Decision.APPROVE,
                new Reason[0], new ShadowHit[0], "r-0", 0L));
        String json = new String(value, StandardCharsets.UTF_8).replace("\"merchant_features_unavailable\":true",
                "\"merchant_features_unavailable\":false");

        assertThat(TopicSchemas.validate(SCORED, json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void aScoreAbove1000BreaksTheContract() throws Exception {
        ScoredPayment scored = new ScoredPayment(payment(), CARD, MERCHANT, 1001, Decision.DECLINE, new Reason[0],
                new ShadowHit[0], "r-0", 0L);

        assertThat(TopicSchemas.validate(SCORED, ScoredJson.write(scored))).isNotEmpty();
    }

    @Test
    void acceptedAndRejectedRuleStatusesConform() {
        RuleStatus accepted = new RuleStatus("velocity-burst", 4, true, "in force", "r-77", SOURCE);
        RuleStatus rejected = new RuleStatus(null, 0, false, "not JSON", "r-77", SOURCE);

        assertThat(TopicSchemas.validate(RULE_STATUS, RuleStatusJson.write(accepted))).isEmpty();
        assertThat(TopicSchemas.validate(RULE_STATUS, RuleStatusJson.write(rejected))).isEmpty();
    }

    @Test
    void aRuleSkippedOnRestoreIsRejectedWithOriginRestoreAndNoSource() {
        RuleStatus skipped = RuleStatus.rejectedOnRestore("night-owl", 3,
                "v3 kept in state was not restored: unknown feature; no rule night-owl is in force", "r-78");

        byte[] value = RuleStatusJson.write(skipped);

        assertThat(TopicSchemas.validate(RULE_STATUS, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(value, StandardCharsets.UTF_8))
                .contains("\"status\":\"REJECTED\"", "\"origin\":\"RESTORE\"").doesNotContain("\"source\"");
    }

    @Test
    void anUpdateStatusSaysItsOriginAndNeedsItsSource() {
        RuleStatus accepted = new RuleStatus("velocity-burst", 4, true, "in force", "r-77", SOURCE);
        String json = new String(RuleStatusJson.write(accepted), StandardCharsets.UTF_8);

        assertThat(json).contains("\"origin\":\"UPDATE\"", "\"source\":{");
        assertThat(TopicSchemas.validate(RULE_STATUS, json.replaceAll(",\"source\":\\{[^}]*}", "")
                .getBytes(StandardCharsets.UTF_8))).as("an update status without its source").isNotEmpty();
    }

    private TokenizedPayment payment() throws Exception {
        return ContractSamples.accept(RawRecords.purchase()).payment();
    }
}
