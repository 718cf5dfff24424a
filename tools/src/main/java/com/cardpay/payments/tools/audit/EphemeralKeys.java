package com.cardpay.payments.tools.audit;

import com.cardpay.payments.functions.tokenization.DataKey;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.tokenization.TokenKey;

import java.security.SecureRandom;

/**
 * Random keys that live as long as one audit: the audit runs the job's own ingest step, which
 * tokenizes and seals every accepted payment, only to learn what the job accepted and how dedupe
 * tells an exact replay from a conflict (the content hash covers the card token, and one key gives
 * one token per card). No token or ciphertext made with these keys ever leaves the process, and
 * they unwrap nothing.
 */
final class EphemeralKeys implements KeyProvider {
    private final TokenKey tokenKey;
    private final DataKey dataKey;

    EphemeralKeys() {
        SecureRandom random = new SecureRandom();
        byte[] token = new byte[32];
        byte[] data = new byte[32];
        random.nextBytes(token);
        random.nextBytes(data);
        tokenKey = new TokenKey(1, token);
        dataKey = new DataKey(data, "audit:ephemeral", 1);
    }

    @Override
    public String name() {
        return "audit-ephemeral";
    }

    @Override
    public TokenKey tokenKey() {
        return tokenKey;
    }

    @Override
    public DataKey dataKey() {
        return dataKey;
    }

    @Override
    public byte[] unwrapDataKey(String wrapped) throws KeyUnavailableException {
        throw new KeyUnavailableException("the audit's keys unwrap nothing");
    }

    @Override
    public void close() {
        // nothing to release: the keys are garbage once the audit is done
    }
}
