package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.TopicSchemas.SCORED;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/**
 * The per-currency threshold features on {@code payments.scored}: written, conforming to the
 * schema, read back; a payment whose currency has no thresholds says which features were off and
 * why ({@code features_off}); a record written before these fields reads as before.
 */
class ScoredCurrencyThresholdsContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MerchantFeatures MERCHANT = new MerchantFeatures(0.5, 0.0, 0.0, 40);

    private static ScoredPayment scored(TokenizedPayment payment, CardFeatures card) {
        return new ScoredPayment(payment, card, MERCHANT, 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "r-1", 0L);
    }

    private static TokenizedPayment payment(String currency) throws Exception {
        return ContractSamples.accept(RawRecords.purchase().put("currency", currency)).payment();
    }

    @Test
    void aCurrencyWithThresholdsCarriesTheNewFeaturesAndNoFeaturesOff() throws Exception {
        CardFeatures card = new CardFeatures(1, 1, 1, 1_000_000, 1_000_000, 2_500_000, 1, 1, false, -1, true, true, true);
        byte[] value = ScoredJson.write(scored(payment("EUR"), card));

        assertThat(TopicSchemas.validate(SCORED, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        JsonNode json = JSON.readTree(value);
        assertThat(json.has("features_off")).isFalse();
        assertThat(json.get("features").get("payment.large_amount").asBoolean()).isTrue();
        assertThat(json.get("features").get("card.amount_long_over_limit").asBoolean()).isTrue();
        assertThat(json.get("features").get("payment.currency_has_thresholds").asBoolean()).isTrue();
        assertThat(ScoredReader.read(value).card()).isEqualTo(card);
    }

    @Test
    void aCurrencyWithoutThresholdsSaysWhichFeaturesWereOffAndWhy() throws Exception {
        CardFeatures card = new CardFeatures(4, 4, 4, 90_000, 90_000, 90_000, 1, 1, false, 3, false, false, false);
        byte[] value = ScoredJson.write(scored(payment("SEK"), card));

        assertThat(TopicSchemas.validate(SCORED, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        JsonNode off = JSON.readTree(value).get("features_off");
        assertThat(off.get("reason").asText()).isEqualTo("NO_THRESHOLDS_FOR_CURRENCY");
        assertThat(off.get("currency").asText()).isEqualTo("SEK");
        assertThat(off.get("features")).extracting(JsonNode::asText)
                .containsExactly("card.card_testing", "payment.large_amount", "card.amount_long_over_limit");
        assertThat(ScoredReader.read(value).card()).isEqualTo(card);
    }

    @Test
    void aRecordWrittenBeforeTheNewFieldsStillConformsAndReadsAsJudged() throws Exception {
        CardFeatures card = new CardFeatures(1, 1, 1, 100, 100, 100, 1, 1, false, -1);
        ObjectNode json = (ObjectNode) JSON.readTree(ScoredJson.write(scored(payment("EUR"), card)));
        ObjectNode features = (ObjectNode) json.get("features");
        features.remove("payment.large_amount");
        features.remove("card.amount_long_over_limit");
        features.remove("payment.currency_has_thresholds");
        byte[] old = JSON.writeValueAsBytes(json);

        assertThat(TopicSchemas.validate(SCORED, old)).isEmpty();
        assertThat(ScoredReader.read(old).card()).isEqualTo(card);
        assertThat(ScoredReader.read(old).card().thresholdsKnown()).isTrue();
    }

    @Test
    void featuresOffWithoutItsReasonBreaksTheContract() throws Exception {
        CardFeatures card = new CardFeatures(1, 1, 1, 100, 100, 100, 1, 1, false, -1, false, false, false);
        ObjectNode json = (ObjectNode) JSON.readTree(ScoredJson.write(scored(payment("SEK"), card)));
        ((ObjectNode) json.get("features_off")).remove("reason");

        assertThat(TopicSchemas.validate(SCORED, JSON.writeValueAsBytes(json))).isNotEmpty();
    }
}
