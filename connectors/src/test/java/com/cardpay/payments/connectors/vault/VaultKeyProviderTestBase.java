package com.cardpay.payments.connectors.vault;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the {@link VaultKeyProvider} tests share: a fresh Vault stand-in per test, provisioned as
 * production expects it ({@link FakeVaultExtension}); a directory for the JWT and token files; the
 * metrics the provider reports to; opening a provider with Kubernetes auth, and waiting on it.
 */
abstract class VaultKeyProviderTestBase {
    @TempDir
    Path dir;

    @RegisterExtension
    final FakeVaultExtension vaultExtension = new FakeVaultExtension();

    FakeVaultServer vault;
    final RecordingMetricGroup metrics = new RecordingMetricGroup();

    @BeforeEach
    void useVault() {
        vault = vaultExtension.server();
    }

    /** A provider with Kubernetes auth against {@link #vault} that reports to {@link #metrics}. */
    VaultKeyProvider open(Duration keyCacheTtl, Duration refreshInterval, long dataKeyMaxUses) throws Exception {
        return VaultKeyProvider.open(settings(keyCacheTtl, refreshInterval, dataKeyMaxUses), metrics);
    }

    /** The settings {@link #open} uses: {@link VaultFixture#kubernetes} with the JWT in {@link #dir}. */
    VaultSettings settings(Duration keyCacheTtl, Duration refreshInterval, long dataKeyMaxUses) throws Exception {
        return VaultFixture.kubernetes(vault, dir, keyCacheTtl, refreshInterval, dataKeyMaxUses);
    }

    /** Whether asking for the token key fails because no confirmed key is at hand. */
    static boolean throwsKeyUnavailable(VaultKeyProvider keys) {
        try {
            keys.tokenKey();
            return false;
        } catch (KeyUnavailableException e) {
            return true;
        }
    }

    /** Polls every 50 ms until {@code condition} holds; fails the test after {@code timeout}. */
    static void awaitTrue(CheckedCondition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
