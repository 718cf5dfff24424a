package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.all;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.any;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.cmp;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.not;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.points;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluationTest {
    private static boolean matches(String condition, RuleFixtures.Values values) {
        return points("r", 1, condition).matches(values.build());
    }

    private static final String HIGH = cmp("card.count_short", ">=", "5");
    private static final String REFUND = cmp("payment.type", "==", "\"REFUND\"");

    @ParameterizedTest(name = "{0} {1} 5 with count {2}: {3}")
    @CsvSource({
        "card.count_short, ==, 5, true",  "card.count_short, ==, 4, false",
        "card.count_short, !=, 5, false", "card.count_short, !=, 6, true",
        "card.count_short, >, 5, false",  "card.count_short, >, 6, true",
        "card.count_short, >=, 4, false", "card.count_short, >=, 5, true",
        "card.count_short, <, 5, false",  "card.count_short, <, 4, true",
        "card.count_short, <=, 6, false", "card.count_short, <=, 5, true"
    })
    void everyOperatorOnWholeNumbers(String feature, String op, long count, boolean expected) {
        assertThat(matches(cmp(feature, op, "5"), values().countShort(count))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "z-score {1} {2} at {0}: {3}")
    @CsvSource({
        "4.0, ==, 4.0, true",  "4.1, ==, 4.0, false",
        "4.0, !=, 4.0, false", "4.1, !=, 4.0, true",
        "4.0, >, 4.0, false",  "4.01, >, 4.0, true",
        "3.99, >=, 4.0, false", "4.0, >=, 4.0, true", "4.0, >=, 4, true",
        "4.0, <, 4.0, false",  "-4.5, <, -4, true",
        "4.01, <=, 4.0, false", "4.0, <=, 4, true"
    })
    void everyOperatorOnDecimals(double zScore, String op, String value, boolean expected) {
        assertThat(matches(cmp("merchant.amount_zscore", op, value), values().amountZScore(zScore))).isEqualTo(expected);
    }

    @Test
    void wholeFeatureAgainstADecimalValue() {
        String condition = cmp("card.count_short", ">", "4.5");
        assertThat(matches(condition, values().countShort(4))).isFalse();
        assertThat(matches(condition, values().countShort(5))).isTrue();
    }

    @Test
    void largeWholeNumbersCompareExactly() {
        long beyondDoublePrecision = (1L << 53) + 1;
        String condition = cmp("card.amount_long", ">", Long.toString(1L << 53));
        assertThat(matches(condition, values().amountLong(beyondDoublePrecision))).isTrue();
        assertThat(matches(condition, values().amountLong(1L << 53))).isFalse();
    }

    @Test
    void notANumberOnlySatisfiesNotEqual() {
        RuleFixtures.Values nan = values().amountZScore(Double.NaN);
        for (String op : new String[] {"==", ">", ">=", "<", "<="}) {
            assertThat(matches(cmp("merchant.amount_zscore", op, "0"), nan)).as(op).isFalse();
        }
        assertThat(matches(cmp("merchant.amount_zscore", "!=", "0"), nan)).isTrue();
    }

    @Test
    void negativeSentinelOfSecondsSincePrevious() {
        String recent = all(cmp("card.seconds_since_previous", ">=", "0"), cmp("card.seconds_since_previous", "<", "10"));
        assertThat(matches(recent, values().secondsSincePrevious(-1))).isFalse();
        assertThat(matches(recent, values().secondsSincePrevious(0))).isTrue();
        assertThat(matches(recent, values().secondsSincePrevious(9))).isTrue();
        assertThat(matches(recent, values().secondsSincePrevious(10))).isFalse();
    }

    @Test
    void booleans() {
        assertThat(matches(cmp("card.card_testing", "==", "true"), values().cardTesting(true))).isTrue();
        assertThat(matches(cmp("card.card_testing", "==", "true"), values().cardTesting(false))).isFalse();
        assertThat(matches(cmp("card.card_testing", "==", "false"), values().cardTesting(false))).isTrue();
        assertThat(matches(cmp("card.card_testing", "!=", "true"), values().cardTesting(false))).isTrue();
        assertThat(matches(cmp("card.card_testing", "!=", "false"), values().cardTesting(false))).isFalse();
    }

    @Test
    void derivedGeographyBooleans() {
        String mismatch = cmp("geo.card_merchant_country_mismatch", "==", "true");
        assertThat(matches(mismatch, values().cardCountry("DE").merchantCountry("FR"))).isTrue();
        assertThat(matches(mismatch, values().cardCountry("DE").merchantCountry("DE"))).isFalse();
        String ip = cmp("geo.ip_country_mismatch", "==", "true");
        assertThat(matches(ip, values().ipCountry(null))).isFalse();
        assertThat(matches(ip, values().ipCountry("DE"))).isFalse();
        assertThat(matches(ip, values().ipCountry("NG"))).isTrue();
    }

    @Test
    void stringsAreExactAndCaseSensitive() {
        assertThat(matches(REFUND, values().type(PaymentType.REFUND))).isTrue();
        assertThat(matches(REFUND, values().type(PaymentType.PURCHASE))).isFalse();
        assertThat(matches(cmp("payment.type", "!=", "\"REFUND\""), values().type(PaymentType.PURCHASE))).isTrue();
        assertThat(matches(cmp("payment.type", "!=", "\"REFUND\""), values().type(PaymentType.REFUND))).isFalse();
        assertThat(matches(cmp("payment.currency", "==", "\"JPY\""), values().currency("JPY"))).isTrue();
        assertThat(matches(cmp("payment.card_country", "==", "\"US\""), values().cardCountry("DE"))).isFalse();
        assertThat(matches(cmp("payment.merchant_country", "!=", "\"US\""), values().merchantCountry("DE"))).isTrue();
    }

    @Test
    void allNeedsEveryPart() {
        String condition = all(HIGH, REFUND);
        assertThat(matches(condition, values().countShort(5).type(PaymentType.REFUND))).isTrue();
        assertThat(matches(condition, values().countShort(5))).isFalse();
        assertThat(matches(condition, values().countShort(1).type(PaymentType.REFUND))).isFalse();
        assertThat(matches(condition, values())).isFalse();
    }

    @Test
    void anyNeedsOnePart() {
        String condition = any(HIGH, REFUND);
        assertThat(matches(condition, values().countShort(5).type(PaymentType.REFUND))).isTrue();
        assertThat(matches(condition, values().countShort(5))).isTrue();
        assertThat(matches(condition, values().type(PaymentType.REFUND))).isTrue();
        assertThat(matches(condition, values())).isFalse();
    }

    @Test
    void notInverts() {
        assertThat(matches(not(HIGH), values().countShort(5))).isFalse();
        assertThat(matches(not(HIGH), values().countShort(4))).isTrue();
        assertThat(matches(not(not(HIGH)), values().countShort(5))).isTrue();
    }

    @Test
    void nestedCombination() {
        // (burst and not refund) or (card testing and cross-border)
        String condition = any(
                all(HIGH, not(REFUND)),
                all(cmp("card.card_testing", "==", "true"), cmp("geo.card_merchant_country_mismatch", "==", "true")));
        assertThat(matches(condition, values().countShort(6))).isTrue();
        assertThat(matches(condition, values().countShort(6).type(PaymentType.REFUND))).isFalse();
        assertThat(matches(condition, values().cardTesting(true).merchantCountry("FR"))).isTrue();
        assertThat(matches(condition, values().cardTesting(true))).isFalse();
    }

    @Test
    void everyFeatureIsReadFromTheRightPlace() {
        RuleFixtures.Values v = values().amountMinor(11).countShort(12).countMedium(13).countLong(14).amountShort(15)
                .amountMedium(16).amountLong(17).distinctMerchants(18).distinctCountries(19).secondsSincePrevious(20)
                .amountZScore(21.5).refundRatio(0.22).chargebackRatio(0.23).baselinePayments(24);
        String[][] expected = {
            {"payment.amount_minor", "11"}, {"card.count_short", "12"}, {"card.count_medium", "13"},
            {"card.count_long", "14"}, {"card.amount_short", "15"}, {"card.amount_medium", "16"},
            {"card.amount_long", "17"}, {"card.distinct_merchants", "18"},
            {"card.distinct_countries", "19"}, {"card.seconds_since_previous", "20"},
            {"merchant.amount_zscore", "21.5"}, {"merchant.refund_ratio", "0.22"},
            {"merchant.chargeback_ratio", "0.23"}, {"merchant.baseline_payments", "24"}
        };
        for (String[] e : expected) {
            assertThat(matches(cmp(e[0], "==", e[1]), v)).as(e[0]).isTrue();
        }
        assertThat(expected.length).isEqualTo((int) java.util.Arrays.stream(Feature.values())
                .filter(f -> f.type() == Feature.Type.NUMBER).count());
    }
}
