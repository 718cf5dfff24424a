package com.cardpay.payments.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.tokenization.DataKey;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.tokenization.TokenKey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A closed provider leaves nothing behind: no refresher thread renewing a token, no key to hand out. */
class VaultKeyProviderCloseTest extends VaultKeyProviderTestBase {
    @Test
    void closeStopsTheRefresherThreadAndDropsTheKeys() throws Exception {
        Set<Thread> before = refresherThreads();
        VaultKeyProvider keys = open(Duration.ofMinutes(1), Duration.ofMillis(100), 1000);
        Set<Thread> started = refresherThreads();
        started.removeAll(before);
        TokenKey tokenKey = keys.tokenKey();
        byte[] dataKeyBefore = keys.dataKey().plaintext().clone();
        DataKey dataKey = keys.dataKey();

        keys.close();

        assertThat(started).as("the provider's own refresher").hasSize(1);
        Thread refresher = started.iterator().next();
        refresher.join(Duration.ofSeconds(10).toMillis());
        assertThat(refresher.isAlive()).as("refresher still running after close").isFalse();
        assertThatThrownBy(keys::tokenKey).isInstanceOf(KeyUnavailableException.class).hasMessageContaining("closed");
        assertThatThrownBy(keys::dataKey).isInstanceOf(KeyUnavailableException.class).hasMessageContaining("closed");
        // Keys already handed out stay intact: a caller still sealing must never use a zeroed key.
        assertThat(tokenKey.secret()).isEqualTo(VaultFixture.tokenKeyBytes((byte) 1));
        assertThat(dataKey.plaintext()).isEqualTo(dataKeyBefore);
        keys.close(); // closing twice is harmless
    }

    private static Set<Thread> refresherThreads() {
        List<Thread> all = List.copyOf(Thread.getAllStackTraces().keySet());
        Set<Thread> refreshers = new HashSet<>();
        for (Thread t : all) {
            if (t.getName().equals("vault-key-refresher") && t.isAlive()) {
                refreshers.add(t);
            }
        }
        return refreshers;
    }
}
