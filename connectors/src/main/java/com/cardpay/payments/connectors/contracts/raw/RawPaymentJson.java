package com.cardpay.payments.connectors.contracts.raw;

import static com.cardpay.payments.connectors.contracts.ContractJson.optional;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.validation.CardPayment;

import java.time.Instant;

/**
 * Writes a payment as a {@code payments.raw} record, in the order of the contract's table: what
 * upstream producers send. The job only reads this topic; the writer is for tests and tools that
 * produce input. The record holds the PAN in clear: never log it.
 */
public final class RawPaymentJson {
    private RawPaymentJson() {}

    public static byte[] write(CardPayment p) {
        return ContractJson.write(g -> {
            g.writeStringField("payment_id", p.paymentId());
            g.writeStringField("merchant_id", p.merchantId());
            g.writeStringField("type", p.type().name());
            g.writeNumberField("amount_minor", p.amountMinor());
            g.writeStringField("currency", p.currency());
            g.writeStringField("pan", p.pan());
            g.writeStringField("expiry", p.expiry());
            g.writeStringField("card_country", p.cardCountry());
            g.writeStringField("merchant_country", p.merchantCountry());
            optional(g, "ip_country", p.ipCountry());
            optional(g, "device_id", p.deviceId());
            g.writeStringField("event_time", Instant.ofEpochMilli(p.eventTimeMillis()).toString());
            optional(g, "original_payment_id", p.originalPaymentId());
        });
    }
}
