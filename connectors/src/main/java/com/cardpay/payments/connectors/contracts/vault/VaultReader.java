package com.cardpay.payments.connectors.contracts.vault;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.VaultRecord;

/** Reads {@code payments.vault} records; headers travel as Kafka headers, so they are empty here. */
public final class VaultReader {
    private VaultReader() {}

    public static VaultRecord read(byte[] value) throws UnreadableRecordException {
        JsonRecord r = JsonRecord.read(VaultTopic.NAME, value, VaultTopic.SCHEMA_VERSION);
        return new VaultRecord(r.text("card_token"), r.smallInteger("token_key_version"), r.text("algorithm"),
                r.text("iv"), r.text("ciphertext"), r.text("wrapped_data_key"), r.smallInteger("data_key_version"),
                r.text("key_provider"), MessageHeaders.EMPTY);
    }
}
