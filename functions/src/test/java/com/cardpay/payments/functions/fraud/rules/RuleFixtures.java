package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.CurrencyThresholds;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

/** Rules as JSON text and feature values for the rule tests. */
final class RuleFixtures {
    static final RuleParser PARSER = new RuleParser();

    private RuleFixtures() {}

    /** A comparison as JSON; {@code value} is JSON text ({@code 5}, {@code "REFUND"}, {@code true}). */
    static String cmp(String feature, String op, String value) {
        return "{\"feature\":\"" + feature + "\",\"op\":\"" + op + "\",\"value\":" + value + "}";
    }

    static String all(String... conditions) {
        return "{\"all\":[" + String.join(",", conditions) + "]}";
    }

    static String any(String... conditions) {
        return "{\"any\":[" + String.join(",", conditions) + "]}";
    }

    static String not(String condition) {
        return "{\"not\":" + condition + "}";
    }

    /** A rule as JSON; {@code outcome} is the JSON fragment {@code "points": 300} or {@code "decision": "DECLINE"}. */
    static String rule(String id, int version, String state, String when, String outcome) {
        return "{\"id\":\"" + id + "\",\"version\":" + version + ",\"state\":\"" + state + "\",\"when\":" + when
                + "," + outcome + "}";
    }

    static String pointsRule(String id, int version, String state, String when, int points) {
        return rule(id, version, state, when, "\"points\":" + points);
    }

    static FraudRule parse(String json) {
        try {
            return PARSER.parse(json);
        } catch (RuleRejectedException e) {
            throw new AssertionError("rejected: " + e.getMessage() + "\n" + json, e);
        }
    }

    /** An ACTIVE points rule on {@code when}. */
    static FraudRule points(String id, int points, String when) {
        return parse(pointsRule(id, 1, "ACTIVE", when, points));
    }

    static FraudRule forced(String id, String decision, String when) {
        return parse(rule(id, 1, "ACTIVE", when, "\"decision\":\"" + decision + "\""));
    }

    static RuleBook book(FraudRule... rules) {
        RuleBook book = RuleBook.empty();
        for (FraudRule rule : rules) {
            try {
                book = book.apply(rule);
            } catch (RuleRejectedException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return book;
    }

    static Values values() {
        return new Values();
    }

    /** Feature values with quiet defaults: a first, domestic, ordinary purchase. */
    static final class Values {
        PaymentType type = PaymentType.PURCHASE;
        long amountMinor = 1250;
        String currency = "EUR";
        String cardCountry = "DE";
        String merchantCountry = "DE";
        String ipCountry = null;
        long countShort = 1;
        long countMedium = 1;
        long countLong = 1;
        long amountShort = 1250;
        long amountMedium = 1250;
        long amountLong = 1250;
        int distinctMerchants = 1;
        int distinctCountries = 1;
        boolean cardTesting = false;
        long secondsSincePrevious = -1;
        double amountZScore = 0;
        double refundRatio = 0;
        double chargebackRatio = 0;
        long baselinePayments = 0;

        Values type(PaymentType v) { type = v; return this; }
        Values amountMinor(long v) { amountMinor = v; return this; }
        Values currency(String v) { currency = v; return this; }
        Values cardCountry(String v) { cardCountry = v; return this; }
        Values merchantCountry(String v) { merchantCountry = v; return this; }
        Values ipCountry(String v) { ipCountry = v; return this; }
        Values countShort(long v) { countShort = v; return this; }
        Values countMedium(long v) { countMedium = v; return this; }
        Values countLong(long v) { countLong = v; return this; }
        Values amountShort(long v) { amountShort = v; return this; }
        Values amountMedium(long v) { amountMedium = v; return this; }
        Values amountLong(long v) { amountLong = v; return this; }
        Values distinctMerchants(int v) { distinctMerchants = v; return this; }
        Values distinctCountries(int v) { distinctCountries = v; return this; }
        Values cardTesting(boolean v) { cardTesting = v; return this; }
        Values secondsSincePrevious(long v) { secondsSincePrevious = v; return this; }
        Values amountZScore(double v) { amountZScore = v; return this; }
        Values refundRatio(double v) { refundRatio = v; return this; }
        Values chargebackRatio(double v) { chargebackRatio = v; return this; }
        Values baselinePayments(long v) { baselinePayments = v; return this; }

        Feature.Values build() {
            TokenizedPayment payment = new TokenizedPayment("pay-1", "m-1", type, amountMinor, currency,
                    "tok_v1_" + "A".repeat(43), 1, "411111", "1111", cardCountry, merchantCountry, ipCountry,
                    null, 1_795_515_330_123L, type == PaymentType.PURCHASE ? null : "pay-0",
                    42L, new SourcePosition("payments.raw", 0, 7, 1_795_515_330_123L), MessageHeaders.EMPTY);
            // the threshold features as the card operator computes them, with the default thresholds
            CurrencyThresholds.Scale scale = FraudSettings.defaults().thresholds().forCurrency(currency);
            CardFeatures card = new CardFeatures(countShort, countMedium, countLong, amountShort, amountMedium, amountLong,
                    distinctMerchants, distinctCountries, cardTesting && scale != null, secondsSincePrevious,
                    scale != null && amountMinor >= scale.largePaymentMinor(),
                    scale != null && amountLong >= scale.cardAmountLongLimitMinor(), scale != null);
            MerchantFeatures merchant = new MerchantFeatures(amountZScore, refundRatio, chargebackRatio, baselinePayments);
            return new Feature.Values(payment, card, merchant);
        }
    }
}
