package com.cardpay.payments.connectors.contracts.tokenized;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.TokenizedPayment;

/**
 * Reads {@code payments.tokenized} records back into payments. The wire carries no content hash
 * (dedupe's own), no headers (they travel as Kafka headers) and no source timestamp: those are 0,
 * {@link MessageHeaders#EMPTY} and {@link JsonRecord#NO_TIMESTAMP}.
 */
public final class TokenizedReader {
    /** The content hash of a payment read from a topic: the wire does not carry it. */
    public static final long NO_CONTENT_HASH = 0L;

    private TokenizedReader() {}

    public static TokenizedPayment read(byte[] value) throws UnreadableRecordException {
        return payment(JsonRecord.read(TokenizedTopic.NAME, value, TokenizedTopic.SCHEMA_VERSION));
    }

    /** The payment's fields of a record; {@code payments.scored} records start with them too. */
    public static TokenizedPayment payment(JsonRecord r) throws UnreadableRecordException {
        PaymentType type = r.enumValue("type", PaymentType.class);
        String original = r.optionalText("original_payment_id");
        if ((type == PaymentType.PURCHASE) != (original == null)) {
            throw r.problem("original_payment_id", "must be present on REFUND and CHARGEBACK only");
        }
        return new TokenizedPayment(r.text("payment_id"), r.text("merchant_id"), type, r.integer("amount_minor"),
                r.text("currency"), r.text("card_token"), r.smallInteger("token_key_version"), r.text("card_bin"),
                r.optionalText("card_last4"), r.text("card_country"), r.text("merchant_country"),
                r.optionalText("ip_country"), r.optionalText("device_id"), r.instant("event_time"), original,
                NO_CONTENT_HASH, r.source(), MessageHeaders.EMPTY);
    }
}
