package com.cardpay.payments.connectors.keys;

import com.cardpay.payments.functions.tokenization.KeyProvider;

import java.io.Serializable;

/**
 * Ships to the task managers inside the job graph and opens a {@link KeyProvider} there. It holds
 * only how to reach the keys (a provider name, addresses, file paths), never a key or a secret.
 */
@FunctionalInterface
public interface KeyProviderFactory extends Serializable {
    KeyProvider open() throws Exception;
}
