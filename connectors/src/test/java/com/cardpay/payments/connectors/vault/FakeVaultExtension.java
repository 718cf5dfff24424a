package com.cardpay.payments.connectors.vault;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * A fresh Vault stand-in per test, provisioned as production expects it ({@link VaultFixture}):
 * {@code @RegisterExtension final FakeVaultExtension vault = new FakeVaultExtension();}.
 */
public final class FakeVaultExtension implements BeforeEachCallback, AfterEachCallback {
    private FakeVaultServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = FakeVaultServer.start();
        VaultFixture.provision(server, Duration.ofHours(1), Duration.ofHours(24));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    public FakeVaultServer server() {
        return server;
    }
}
