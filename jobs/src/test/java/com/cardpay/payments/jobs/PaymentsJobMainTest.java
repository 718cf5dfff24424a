package com.cardpay.payments.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.jobs.config.ConfigException;

import org.junit.jupiter.api.Test;

/** The {@code flink run} entry point refuses development settings before anything is built or submitted. */
class PaymentsJobMainTest {

    @Test
    void localKeysAreRefusedWithoutTheDevelopmentKey() {
        assertThatThrownBy(() -> PaymentsJobMain.main(new String[] {"--tokenization.key-provider", "local"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokenization.key-provider: local uses public development keys");
    }

    @Test
    void anHttpVaultIsRefusedWithoutTheDevelopmentKey() {
        assertThatThrownBy(() -> PaymentsJobMain.main(new String[] {"--vault.address", "http://vault:8200"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vault.address: must start with https://");
    }
}
