package com.cardpay.payments.connectors.contracts.scored;

import static com.cardpay.payments.connectors.contracts.ContractJson.optional;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.CurrencyThresholds;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes {@code payments.scored} records: the tokenized payment's fields, then the verdict and its
 * explanation, in the order and names of the schema. Features are named as in the rule language;
 * the merchant's ratios and z-score are rounded to three decimals.
 */
public final class ScoredJson {
    /** {@code features_off.reason}: the payment's currency has no fraud thresholds. */
    public static final String NO_THRESHOLDS_FOR_CURRENCY = "NO_THRESHOLDS_FOR_CURRENCY";

    private ScoredJson() {}

    public static byte[] write(ScoredPayment s) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", ScoredTopic.SCHEMA_VERSION);
            TokenizedJson.paymentFields(g, s.payment());
            g.writeNumberField("score", s.score());
            g.writeStringField("decision", s.decision().name());
            g.writeArrayFieldStart("reasons");
            for (Reason r : s.reasons()) {
                g.writeStartObject();
                g.writeStringField("code", r.code());
                g.writeStringField("rule_id", r.ruleId());
                g.writeNumberField("rule_version", r.ruleVersion());
                g.writeNumberField("points", r.points());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("shadow_hits");
            for (ShadowHit h : s.shadowHits()) {
                g.writeStartObject();
                g.writeStringField("rule_id", h.ruleId());
                g.writeNumberField("rule_version", h.ruleVersion());
                g.writeNumberField("points", h.points());
                optional(g, "decision", h.forcedDecision() == null ? null : h.forcedDecision().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("rules_version", s.rulesVersion());
            // Optional, added within schema_version 1: present (true) only when the merchant
            // features are the neutral defaults after a failed calculation, so records of the normal
            // case are byte for byte as before and consumers that do not know it are unaffected.
            if (s.merchant().unavailable()) {
                g.writeBooleanField("merchant_features_unavailable", true);
            }
            features(g, s);
            featuresOff(g, s);
            g.writeStringField("scored_at", Instant.ofEpochMilli(s.scoredAtMillis()).toString());
        });
    }

    private static void features(JsonGenerator g, ScoredPayment s) throws IOException {
        CardFeatures c = s.card();
        MerchantFeatures m = s.merchant();
        g.writeObjectFieldStart("features");
        g.writeNumberField("card.count_short", c.countShort());
        g.writeNumberField("card.count_medium", c.countMedium());
        g.writeNumberField("card.count_long", c.countLong());
        g.writeNumberField("card.amount_short", c.amountShort());
        g.writeNumberField("card.amount_medium", c.amountMedium());
        g.writeNumberField("card.amount_long", c.amountLong());
        g.writeNumberField("card.distinct_merchants", c.distinctMerchants());
        g.writeNumberField("card.distinct_countries", c.distinctCountries());
        g.writeBooleanField("card.card_testing", c.cardTesting());
        g.writeNumberField("card.seconds_since_previous", c.secondsSincePrevious());
        g.writeBooleanField("card.amount_long_over_limit", c.amountLongOverLimit());
        g.writeBooleanField("payment.large_amount", c.largePayment());
        g.writeBooleanField("payment.currency_has_thresholds", c.thresholdsKnown());
        g.writeNumberField("merchant.amount_zscore", Math.round(m.amountZScore() * 1000) / 1000.0);
        g.writeNumberField("merchant.refund_ratio", Math.round(m.refundRatio() * 1000) / 1000.0);
        g.writeNumberField("merchant.chargeback_ratio", Math.round(m.chargebackRatio() * 1000) / 1000.0);
        g.writeNumberField("merchant.baseline_payments", m.baselinePayments());
        g.writeEndObject();
    }

    /**
     * When the payment's currency has no fraud thresholds: which features were off and why, so that
     * a consumer can tell "not large" from "not judged". Absent otherwise.
     */
    private static void featuresOff(JsonGenerator g, ScoredPayment s) throws IOException {
        if (s.card().thresholdsKnown()) {
            return;
        }
        g.writeObjectFieldStart("features_off");
        g.writeStringField("reason", NO_THRESHOLDS_FOR_CURRENCY);
        g.writeStringField("currency", s.payment().currency());
        g.writeArrayFieldStart("features");
        for (Feature f : CurrencyThresholds.FEATURES_NEEDING_THRESHOLDS) {
            g.writeString(f.featureName());
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
