package com.cardpay.payments.connectors.contracts.vault;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.model.VaultRecord;

/** Writes {@code payments.vault} records, in the order and names of its schema. */
public final class VaultJson {
    private VaultJson() {}

    public static byte[] write(VaultRecord v) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", VaultTopic.SCHEMA_VERSION);
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
}
