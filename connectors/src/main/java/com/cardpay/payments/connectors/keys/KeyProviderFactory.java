package com.cardpay.payments.connectors.keys;

import com.cardpay.payments.functions.tokenization.KeyProvider;

import org.apache.flink.metrics.MetricGroup;

import java.io.Serializable;

/**
 * Ships to the task managers inside the job graph and opens a {@link KeyProvider} there. It holds
 * only how to reach the keys (a provider name, addresses, file paths), never a key or a secret.
 */
@FunctionalInterface
public interface KeyProviderFactory extends Serializable {
    /**
     * @param metrics where the provider registers its own metrics (calls, failures, circuit state)
     * @throws Exception with a message that says what to fix, when the keys cannot be reached at all
     */
    KeyProvider open(MetricGroup metrics) throws Exception;
}
