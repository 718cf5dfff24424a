package com.cardpay.payments.connectors.contracts;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import javax.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes the output topics' JSON, field by field, in the order and names of the schemas under
 * {@code schemas/}. Explicit on purpose: these are contracts with downstream teams, and a renamed
 * Java field must not rename a JSON field. Nulls are left out.
 */
public final class ContractJson {
    /** Version of each output contract, written into every record as {@code schema_version}. */
    public static final int TOKENIZED_SCHEMA_VERSION = 1;
    public static final int VAULT_SCHEMA_VERSION = 1;
    public static final int DLQ_SCHEMA_VERSION = 1;
    public static final int SCORED_SCHEMA_VERSION = 1;
    public static final int RULE_STATUS_SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private ContractJson() {}

    public static byte[] tokenized(TokenizedPayment p) {
        return write(g -> {
            g.writeNumberField("schema_version", TOKENIZED_SCHEMA_VERSION);
            paymentFields(g, p);
        });
    }

    /** {@code payments.scored}: the tokenized payment's fields, then the verdict and its explanation. */
    public static byte[] scored(ScoredPayment s) {
        return write(g -> {
            g.writeNumberField("schema_version", SCORED_SCHEMA_VERSION);
            paymentFields(g, s.payment());
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
            features(g, s);
            g.writeStringField("scored_at", Instant.ofEpochMilli(s.scoredAtMillis()).toString());
        });
    }

    /** {@code payments.fraud-rules.status}: what became of one rule update, or of a stored rule on restore. */
    public static byte[] ruleStatus(RuleStatus s) {
        return write(g -> {
            g.writeNumberField("schema_version", RULE_STATUS_SCHEMA_VERSION);
            optional(g, "rule_id", s.ruleId());
            g.writeNumberField("version", s.version());
            g.writeStringField("status", s.accepted() ? "ACCEPTED" : "REJECTED");
            g.writeStringField("origin", s.origin().name());
            g.writeStringField("message", s.message());
            g.writeStringField("rules_version", s.rulesVersion());
            if (s.source() != null) {
                source(g, s.source());
            }
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
        g.writeNumberField("merchant.amount_zscore", Math.round(m.amountZScore() * 1000) / 1000.0);
        g.writeNumberField("merchant.refund_ratio", Math.round(m.refundRatio() * 1000) / 1000.0);
        g.writeNumberField("merchant.chargeback_ratio", Math.round(m.chargebackRatio() * 1000) / 1000.0);
        g.writeNumberField("merchant.baseline_payments", m.baselinePayments());
        g.writeEndObject();
    }

    private static void paymentFields(JsonGenerator g, TokenizedPayment p) throws IOException {
        g.writeStringField("payment_id", p.paymentId());
        g.writeStringField("merchant_id", p.merchantId());
        g.writeStringField("type", p.type().name());
        g.writeNumberField("amount_minor", p.amountMinor());
        g.writeStringField("currency", p.currency());
        g.writeStringField("card_token", p.cardToken());
        g.writeNumberField("token_key_version", p.tokenKeyVersion());
        g.writeStringField("card_bin", p.cardBin());
        optional(g, "card_last4", p.cardLast4());
        g.writeStringField("card_country", p.cardCountry());
        g.writeStringField("merchant_country", p.merchantCountry());
        optional(g, "ip_country", p.ipCountry());
        optional(g, "device_id", p.deviceId());
        g.writeStringField("event_time", Instant.ofEpochMilli(p.eventTimeMillis()).toString());
        optional(g, "original_payment_id", p.originalPaymentId());
        source(g, p.source());
    }

    public static byte[] vault(VaultRecord v) {
        return write(g -> {
            g.writeNumberField("schema_version", VAULT_SCHEMA_VERSION);
            g.writeStringField("card_token", v.cardToken());
            g.writeNumberField("token_key_version", v.tokenKeyVersion());
            g.writeStringField("algorithm", v.algorithm());
            g.writeStringField("iv", v.iv());
            g.writeStringField("ciphertext", v.ciphertext());
            g.writeStringField("wrapped_data_key", v.wrappedDataKey());
            g.writeNumberField("data_key_version", v.dataKeyVersion());
            g.writeStringField("key_provider", v.keyProvider());
        });
    }

    public static byte[] deadLetter(DeadLetter d) {
        return write(g -> {
            g.writeNumberField("schema_version", DLQ_SCHEMA_VERSION);
            g.writeStringField("error_code", d.errorCode());
            g.writeStringField("error_message", d.errorMessage());
            optional(g, "field", d.field());
            if (d.source() != null) {
                source(g, d.source());
            }
            optional(g, "payment_id", d.paymentId());
            optional(g, "merchant_id", d.merchantId());
            optional(g, "masked_key", d.maskedKey());
            g.writeStringField("masked_payload", d.maskedPayload());
            g.writeNumberField("payload_bytes", d.payloadBytes());
            g.writeBooleanField("payload_truncated", d.payloadTruncated());
        });
    }

    private static void source(JsonGenerator g, SourcePosition s) throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("topic", s.topic());
        g.writeNumberField("partition", s.partition());
        g.writeNumberField("offset", s.offset());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** Writes the fields of one JSON object. */
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** One JSON object, written by {@code fields}, as UTF-8 bytes. */
    static byte[] write(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON encoding to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
