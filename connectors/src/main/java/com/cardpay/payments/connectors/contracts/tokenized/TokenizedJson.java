package com.cardpay.payments.connectors.contracts.tokenized;

import static com.cardpay.payments.connectors.contracts.ContractJson.optional;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;

/** Writes {@code payments.tokenized} records, in the order and names of its schema. */
public final class TokenizedJson {
    private TokenizedJson() {}

    public static byte[] write(TokenizedPayment p) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", TokenizedTopic.SCHEMA_VERSION);
            paymentFields(g, p);
        });
    }

    /** The payment's fields, after {@code schema_version}; {@code payments.scored} starts with them too. */
    public static void paymentFields(JsonGenerator g, TokenizedPayment p) throws IOException {
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
        ContractJson.source(g, p.source());
    }
}
