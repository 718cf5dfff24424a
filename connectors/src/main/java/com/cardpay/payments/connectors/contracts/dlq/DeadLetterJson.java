package com.cardpay.payments.connectors.contracts.dlq;

import static com.cardpay.payments.connectors.contracts.ContractJson.optional;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.model.DeadLetter;

/** Writes {@code payments.dlq} records, in the order and names of its schema. */
public final class DeadLetterJson {
    private DeadLetterJson() {}

    public static byte[] write(DeadLetter d) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", DlqTopic.SCHEMA_VERSION);
            g.writeStringField("error_code", d.errorCode());
            g.writeStringField("error_message", d.errorMessage());
            optional(g, "field", d.field());
            if (d.source() != null) {
                ContractJson.source(g, d.source());
            }
            optional(g, "payment_id", d.paymentId());
            optional(g, "merchant_id", d.merchantId());
            optional(g, "masked_key", d.maskedKey());
            g.writeStringField("masked_payload", d.maskedPayload());
            g.writeNumberField("payload_bytes", d.payloadBytes());
            g.writeBooleanField("payload_truncated", d.payloadTruncated());
        });
    }
}
