package com.cardpay.payments.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** What tokenization does while Vault is down: cached keys until their lifetime ends, then a clear stop. */
class VaultOutageTest extends VaultKeyProviderTestBase {
    private static final Duration REFRESH = Duration.ofMillis(200);

    @Test
    void anOutageShorterThanTheCacheLifetimeIsInvisibleToTokenization() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofSeconds(5), REFRESH, 1_000_000)) {
            vault.goDown(FakeVaultServer.Outage.CONNECTION_REFUSED);
            long outageEnds = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int used = 0;
            while (System.nanoTime() < outageEnds) {
                keys.tokenKey();
                keys.dataKey();
                used++;
                Thread.sleep(1);
            }
            awaitTrue(() -> metrics.gaugeValue("vault_circuit_state").equals(1), Duration.ofSeconds(5));
            vault.comeBack();

            assertThat(used).isPositive();
            assertThat(metrics.count("vault_failures")).isPositive();
            awaitTrue(() -> metrics.gaugeValue("vault_circuit_state").equals(0), Duration.ofSeconds(10));
            awaitTrue(() -> ((Long) metrics.gaugeValue("vault_seconds_since_token_key_confirmed")) == 0, Duration.ofSeconds(5));
        }
    }

    @Test
    void anOutageLongerThanTheCacheLifetimeStopsTokenizationThenItRecoversByItself() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofSeconds(1), REFRESH, 1_000_000)) {
            vault.goDown();

            awaitTrue(() -> throwsKeyUnavailable(keys), Duration.ofSeconds(5));
            assertThatThrownBy(keys::tokenKey).isInstanceOf(KeyUnavailableException.class)
                    .hasMessageContaining("vault.key-cache-ttl");

            vault.comeBack();
            awaitTrue(() -> !throwsKeyUnavailable(keys), Duration.ofSeconds(15));
            assertThat(keys.tokenKey().version()).isEqualTo(1);
        }
    }

    @Test
    void aDataKeyAtItsUseLimitIsNotStretchedWhileVaultIsDown() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofMinutes(1), REFRESH, 10)) {
            vault.goDown();
            for (int i = 0; i < 10; i++) {
                keys.dataKey();
            }

            assertThatThrownBy(keys::dataKey).isInstanceOf(KeyUnavailableException.class)
                    .hasMessageContaining("use limit");

            vault.comeBack();
            awaitTrue(() -> {
                try {
                    return keys.dataKey() != null;
                } catch (KeyUnavailableException e) {
                    return false;
                }
            }, Duration.ofSeconds(15));
        }
    }
}
