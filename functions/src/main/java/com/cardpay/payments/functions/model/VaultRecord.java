package com.cardpay.payments.functions.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The envelope-encrypted card data behind a token: the record of the restricted topic
 * {@code payments.vault}, keyed by {@code cardToken}. The PAN and expiry are sealed with AES-256-GCM
 * under a data key; the data key itself is stored only wrapped by the key-management system.
 *
 * @param iv base64 of the 96-bit GCM nonce
 * @param ciphertext base64 of the GCM ciphertext and tag; the card token is the associated data
 * @param wrappedDataKey the data key as wrapped by the key provider (for Vault, {@code vault:v<n>:…})
 * @param dataKeyVersion the version of the wrapping key
 */
@TypeInfo(VaultRecordSerializer.Factory.class)
public record VaultRecord(
        String cardToken,
        int tokenKeyVersion,
        String algorithm,
        String iv,
        String ciphertext,
        String wrappedDataKey,
        int dataKeyVersion,
        String keyProvider,
        MessageHeaders headers) {

    @Override
    public String toString() {
        return "VaultRecord[cardToken=" + cardToken + ", tokenKeyVersion=" + tokenKeyVersion
                + ", dataKeyVersion=" + dataKeyVersion + ", keyProvider=" + keyProvider + "]";
    }
}
