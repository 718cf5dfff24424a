package com.cardpay.payments.functions.tokenization;

/**
 * Where tokenization gets its keys. Implementations (local development keys, HashiCorp Vault) live
 * in the connectors module; they cache keys in memory so that no call leaves the process on the
 * hot path, and they never put keys into Flink state.
 */
public interface KeyProvider extends AutoCloseable {

    /** A short name written next to each ciphertext, so a reader knows who can unwrap it. */
    String name();

    /** The HMAC key for new tokens. */
    TokenKey tokenKey() throws KeyUnavailableException;

    /** The data key for new ciphertexts; the provider rotates it by age and use. */
    DataKey dataKey() throws KeyUnavailableException;

    /** Unwraps a stored data key, for authorised detokenization only. */
    byte[] unwrapDataKey(String wrapped) throws KeyUnavailableException;

    @Override
    void close();
}
