package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.PaymentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The shipped default rules load, and give the outcomes their descriptions promise. */
class DefaultRulesTest {
    private static final FraudSettings SETTINGS = FraudSettings.defaults();
    private static final RuleBook BOOK = RuleBook.withDefaults();

    private static Evaluation evaluate(RuleFixtures.Values v) {
        return BOOK.evaluate(v.build(), SETTINGS);
    }

    private static List<String> codes(Evaluation e) {
        return java.util.Arrays.stream(e.reasons()).map(Reason::code).toList();
    }

    @Test
    void everyRuleInTheFileParsesOnItsOwn() throws IOException, RuleRejectedException {
        JsonNode array;
        try (InputStream in = DefaultRules.class.getResourceAsStream(DefaultRules.RESOURCE)) {
            assertThat(in).isNotNull();
            array = new ObjectMapper().readTree(in);
        }
        assertThat(array.isArray()).isTrue();
        List<FraudRule> loaded = DefaultRules.load();
        assertThat(loaded).hasSize(array.size());
        for (int i = 0; i < array.size(); i++) {
            FraudRule rule = RuleFixtures.PARSER.parse(array.get(i).toString());
            assertThat(rule).isEqualTo(loaded.get(i));
            assertThat(rule.version()).as(rule.id()).isEqualTo(1);
            assertThat(rule.description()).as(rule.id()).isNotBlank();
            assertThat(RuleFixtures.PARSER.parse(rule.toStoredRule())).isEqualTo(rule);
        }
    }

    @Test
    void theDefaultBook() {
        assertThat(BOOK.rules().keySet()).containsExactlyInAnyOrder(
                "card-testing", "velocity-burst", "velocity-hour", "rapid-repeat", "amount-velocity-24h",
                "merchant-hopping", "multi-country-hour", "country-mismatch", "foreign-ip", "merchant-outlier",
                "refund-heavy-merchant", "chargeback-heavy-merchant", "large-amount", "velocity-burst-3");
        assertThat(BOOK.shadowRules()).extracting(FraudRule::id).containsExactly("velocity-burst-3");
        assertThat(BOOK.rules().values()).noneMatch(r -> r.state() == RuleState.DISABLED);
        assertThat(DefaultRules.load()).isSameAs(DefaultRules.load());
        assertThat(RuleBook.withDefaults().rulesVersion()).isEqualTo(BOOK.rulesVersion());
    }

    @Test
    void anOrdinaryPurchaseIsApprovedWithoutReasons() {
        Evaluation e = evaluate(values().secondsSincePrevious(3600).countMedium(2).countLong(3));
        assertThat(e.score()).isZero();
        assertThat(e.decision()).isEqualTo(Decision.APPROVE);
        assertThat(e.reasons()).isEmpty();
        assertThat(e.shadowHits()).isEmpty();
    }

    @Test
    void velocityBurstIsReviewed() {
        Evaluation e = evaluate(values().countShort(5).countMedium(5).secondsSincePrevious(4));
        assertThat(e.score()).isEqualTo(550);
        assertThat(e.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(e)).containsExactly("VELOCITY_BURST", "RAPID_REPEAT");
        assertThat(e.shadowHits()).containsExactly(new ShadowHit("velocity-burst-3", 1, 300, null));
    }

    @Test
    void aCrossBorderBurstIsDeclined() {
        Evaluation e = evaluate(values().countShort(6).secondsSincePrevious(2).merchantCountry("FR"));
        assertThat(e.score()).isEqualTo(700);
        assertThat(e.decision()).isEqualTo(Decision.DECLINE);
        assertThat(codes(e)).containsExactly("VELOCITY_BURST", "COUNTRY_MISMATCH", "RAPID_REPEAT");
    }

    @Test
    void refundsDoNotCountAsABurst() {
        Evaluation e = evaluate(values().type(PaymentType.REFUND).countShort(6).secondsSincePrevious(2));
        assertThat(e.reasons()).isEmpty();
        assertThat(e.shadowHits()).isEmpty();
    }

    @Test
    void cardTestingIsDeclinedWhateverTheScore() {
        Evaluation e = evaluate(values().cardTesting(true).amountMinor(60_000).countShort(4).secondsSincePrevious(30));
        assertThat(e.decision()).isEqualTo(Decision.DECLINE);
        assertThat(e.forcedDecision()).isEqualTo(Decision.DECLINE);
        assertThat(e.score()).isZero();
        assertThat(e.reasons()).containsExactly(new Reason("CARD_TESTING", "card-testing", 1, 0));
    }

    @Test
    void countryMismatchAloneIsContextAndWithManyCountriesIsReviewed() {
        Evaluation alone = evaluate(values().cardCountry("DE").merchantCountry("FR").ipCountry("DE"));
        assertThat(alone.decision()).isEqualTo(Decision.APPROVE);
        assertThat(alone.reasons()).containsExactly(new Reason("COUNTRY_MISMATCH", "country-mismatch", 1, 150));

        Evaluation spread = evaluate(values().cardCountry("DE").merchantCountry("FR").distinctCountries(3));
        assertThat(spread.score()).isEqualTo(500);
        assertThat(spread.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(spread)).containsExactly("MULTI_COUNTRY_HOUR", "COUNTRY_MISMATCH");
    }

    @Test
    void aDomesticPaymentFromAForeignIp() {
        Evaluation e = evaluate(values().cardCountry("DE").merchantCountry("DE").ipCountry("NG"));
        assertThat(e.reasons()).containsExactly(new Reason("FOREIGN_IP", "foreign-ip", 1, 250));
        assertThat(e.decision()).isEqualTo(Decision.APPROVE);
    }

    @Test
    void merchantOutlierIsReviewedOnceTheBaselineCounts() {
        Evaluation e = evaluate(values().amountZScore(5.2).baselinePayments(120).amountMinor(90_000));
        assertThat(e.score()).isEqualTo(450);
        assertThat(e.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(e)).containsExactly("MERCHANT_OUTLIER");

        assertThat(evaluate(values().amountZScore(5.2).baselinePayments(10)).reasons()).isEmpty();
        assertThat(evaluate(values().amountZScore(-6).baselinePayments(120)).reasons()).isEmpty();

        Evaluation large = evaluate(values().amountZScore(9).baselinePayments(120).amountMinor(1_500_000));
        assertThat(large.decision()).isEqualTo(Decision.DECLINE);
        assertThat(codes(large)).containsExactly("MERCHANT_OUTLIER", "LARGE_AMOUNT");
    }

    @Test
    void refundsAtARefundHeavyMerchantAreReviewed() {
        Evaluation refund = evaluate(values().type(PaymentType.REFUND).refundRatio(0.4));
        assertThat(refund.score()).isEqualTo(450);
        assertThat(refund.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(refund)).containsExactly("REFUND_HEAVY_MERCHANT");

        assertThat(evaluate(values().type(PaymentType.PURCHASE).refundRatio(0.4)).reasons()).isEmpty();
        assertThat(evaluate(values().type(PaymentType.REFUND).refundRatio(0.1)).reasons()).isEmpty();
    }

    @Test
    void chargebackHeavyMerchantAddsWeight() {
        Evaluation e = evaluate(values().chargebackRatio(0.05));
        assertThat(e.reasons()).containsExactly(new Reason("CHARGEBACK_HEAVY_MERCHANT", "chargeback-heavy-merchant", 1, 200));
        assertThat(e.decision()).isEqualTo(Decision.APPROVE);
    }

    @Test
    void largeAmounts() {
        assertThat(evaluate(values().amountMinor(1_000_000)).decision()).isEqualTo(Decision.APPROVE);
        Evaluation crossBorder = evaluate(values().amountMinor(1_000_000).merchantCountry("FR"));
        assertThat(crossBorder.score()).isEqualTo(400);
        assertThat(crossBorder.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(crossBorder)).containsExactly("LARGE_AMOUNT", "COUNTRY_MISMATCH");
    }

    @Test
    void sustainedUseAcrossMerchants() {
        Evaluation e = evaluate(values().countMedium(25).distinctMerchants(6).amountLong(2_500_000).secondsSincePrevious(60));
        assertThat(e.score()).isEqualTo(650);
        assertThat(e.decision()).isEqualTo(Decision.REVIEW);
        assertThat(codes(e)).containsExactly("VELOCITY_HOUR", "AMOUNT_VELOCITY_24H", "MERCHANT_HOPPING");
    }
}
