package com.cardpay.payments.connectors.vault;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A fake Vault set up as production expects it: a Kubernetes role, the token key in KV, a transit key. */
public final class VaultFixture {
    public static final String ROLE = "payments-job";
    public static final String JWT = "eyJhbGciOiJSUzI1NiJ9.service-account.sig";
    public static final String TOKEN_KEY_PATH = "payments/card-token-key";
    public static final String TRANSIT_KEY = "payments-pan";

    private VaultFixture() {}

    /** Registers the role, writes token key v1 and creates the transit key. */
    public static void provision(FakeVaultServer vault, Duration tokenTtl, Duration tokenMaxTtl) {
        vault.registerKubernetesRole(ROLE, JWT, tokenTtl, tokenMaxTtl, "payments-job");
        writeTokenKey(vault, (byte) 1);
        vault.createTransitKey(TRANSIT_KEY);
    }

    /** Writes a new version of the token key; returns its KV version. */
    public static int writeTokenKey(FakeVaultServer vault, byte fill) {
        return vault.putSecret(TOKEN_KEY_PATH, Map.of("key", tokenKeyText(fill)));
    }

    /**
     * Deletes the token key secret with all its versions and writes it anew ({@code vault kv
     * metadata delete}, then {@code vault kv put}): Vault numbers it from v1 again. Returns its version.
     */
    public static int recreateTokenKey(FakeVaultServer vault, byte fill) {
        vault.deleteSecret(FakeVaultServer.DEFAULT_KV_MOUNT, TOKEN_KEY_PATH);
        return writeTokenKey(vault, fill);
    }

    /** The key {@link #writeTokenKey} writes for {@code fill}. */
    public static byte[] tokenKeyBytes(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return key;
    }

    /** The base64 text of the key {@link #writeTokenKey} writes for {@code fill}, as it sits in KV. */
    public static String tokenKeyText(byte fill) {
        return Base64.getEncoder().encodeToString(tokenKeyBytes(fill));
    }

    /** Settings for Kubernetes auth with the JWT in {@code dir}; short timings for tests. */
    public static VaultSettings kubernetes(FakeVaultServer vault, Path dir, Duration keyCacheTtl, Duration refreshInterval,
            long dataKeyMaxUses) throws Exception {
        return kubernetes(vault, dir, keyCacheTtl, refreshInterval, dataKeyMaxUses, Duration.ofHours(1));
    }

    public static VaultSettings kubernetes(FakeVaultServer vault, Path dir, Duration keyCacheTtl, Duration refreshInterval,
            long dataKeyMaxUses, Duration dataKeyMaxAge) throws Exception {
        Path jwt = Files.writeString(dir.resolve("jwt"), JWT);
        return new VaultSettings(vault.address(), VaultSettings.AuthMethod.KUBERNETES, ROLE, jwt.toString(), "kubernetes",
                dir.resolve("no-token").toString(), "secret", TOKEN_KEY_PATH, "transit", TRANSIT_KEY,
                dataKeyMaxAge, dataKeyMaxUses, keyCacheTtl, refreshInterval, Duration.ofSeconds(2), null);
    }

    public static VaultSettings token(FakeVaultServer vault, Path tokenFile) {
        return new VaultSettings(vault.address(), VaultSettings.AuthMethod.TOKEN, ROLE, "/nonexistent/jwt", "kubernetes",
                tokenFile.toString(), "secret", TOKEN_KEY_PATH, "transit", TRANSIT_KEY, Duration.ofHours(1), 1_000_000,
                Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(2), null);
    }
}
