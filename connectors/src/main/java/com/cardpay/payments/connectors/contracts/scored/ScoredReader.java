package com.cardpay.payments.connectors.contracts.scored;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedReader;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;

import java.util.List;

/**
 * Reads {@code payments.scored} records back into scored payments; the payment part as
 * {@link TokenizedReader} reads it. The merchant features come back as written, to three decimals.
 */
public final class ScoredReader {
    private ScoredReader() {}

    public static ScoredPayment read(byte[] value) throws UnreadableRecordException {
        JsonRecord r = JsonRecord.read(ScoredTopic.NAME, value, ScoredTopic.SCHEMA_VERSION);
        List<JsonRecord> reasonRecords = r.objects("reasons");
        Reason[] reasons = new Reason[reasonRecords.size()];
        for (int i = 0; i < reasons.length; i++) {
            JsonRecord x = reasonRecords.get(i);
            reasons[i] = new Reason(x.text("code"), x.text("rule_id"), x.smallInteger("rule_version"), x.smallInteger("points"));
        }
        List<JsonRecord> hitRecords = r.objects("shadow_hits");
        ShadowHit[] hits = new ShadowHit[hitRecords.size()];
        for (int i = 0; i < hits.length; i++) {
            JsonRecord x = hitRecords.get(i);
            hits[i] = new ShadowHit(x.text("rule_id"), x.smallInteger("rule_version"), x.smallInteger("points"),
                    x.has("decision") ? x.enumValue("decision", Decision.class) : null);
        }
        JsonRecord f = r.object("features");
        CardFeatures card = new CardFeatures(f.integer("card.count_short"), f.integer("card.count_medium"),
                f.integer("card.count_long"), f.integer("card.amount_short"), f.integer("card.amount_medium"),
                f.integer("card.amount_long"), f.smallInteger("card.distinct_merchants"),
                f.smallInteger("card.distinct_countries"), f.bool("card.card_testing"),
                f.integer("card.seconds_since_previous"),
                // added later within schema_version 1: absent in older records, read as off, off, known
                f.has("payment.large_amount") && f.bool("payment.large_amount"),
                f.has("card.amount_long_over_limit") && f.bool("card.amount_long_over_limit"),
                !f.has("payment.currency_has_thresholds") || f.bool("payment.currency_has_thresholds"));
        MerchantFeatures merchant = new MerchantFeatures(f.number("merchant.amount_zscore"),
                f.number("merchant.refund_ratio"), f.number("merchant.chargeback_ratio"),
                f.integer("merchant.baseline_payments"),
                r.has("merchant_features_unavailable") && r.bool("merchant_features_unavailable"));
        return new ScoredPayment(TokenizedReader.payment(r), card, merchant, r.smallInteger("score"),
                r.enumValue("decision", Decision.class), reasons, hits, r.text("rules_version"), r.instant("scored_at"));
    }
}
