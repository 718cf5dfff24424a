package com.cardpay.payments.connectors.contracts.dlq;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.validation.RejectionCode;

/**
 * Reads {@code payments.dlq} records back into dead letters. {@code error_code} stays text: codes
 * are added over time, and a consumer reads a new one as a code it does not know. Every record has
 * a {@code source} but a settlement overflow, which has none. Headers travel as Kafka headers, so
 * they are empty here.
 */
public final class DeadLetterReader {
    private DeadLetterReader() {}

    public static DeadLetter read(byte[] value) throws UnreadableRecordException {
        JsonRecord r = JsonRecord.read(DlqTopic.NAME, value, DlqTopic.SCHEMA_VERSION);
        String code = r.text("error_code");
        if (r.has("source") == code.equals(RejectionCode.SETTLEMENT_OVERFLOW.name())) {
            throw r.problem("source", "must be there for every code but SETTLEMENT_OVERFLOW");
        }
        return new DeadLetter(code, r.text("error_message"), r.optionalText("field"), r.optionalSource(),
                r.optionalText("payment_id"), r.optionalText("merchant_id"), r.optionalText("masked_key"),
                r.text("masked_payload"), r.smallInteger("payload_bytes"), r.bool("payload_truncated"),
                MessageHeaders.EMPTY);
    }
}
