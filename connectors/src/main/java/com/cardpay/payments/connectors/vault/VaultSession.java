package com.cardpay.payments.connectors.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An authenticated Vault client: logs in (Kubernetes auth, or a token from a file), renews the
 * token before its lease runs out, and logs in again when renewal is refused. The JWT and token are
 * read from files when needed and never logged.
 */
final class VaultSession {
    private static final Logger LOG = LoggerFactory.getLogger(VaultSession.class);

    private final VaultSettings settings;
    private final VaultCalls calls;
    private final Clock clock;
    private volatile Vault vault;
    private volatile Instant tokenExpiry = Instant.MIN;
    private volatile Instant renewAt = Instant.MIN;
    private volatile boolean renewable;

    VaultSession(VaultSettings settings, VaultCalls calls, Clock clock) {
        this.settings = settings;
        this.calls = calls;
        this.clock = clock;
    }

    /** The client with a live token, logging in or renewing first when due. */
    Vault client() throws VaultException {
        Instant now = clock.instant();
        if (vault == null || !now.isBefore(tokenExpiry)) {
            login();
        } else if (!now.isBefore(renewAt)) {
            renewOrLogin();
        }
        return vault;
    }

    /** Forgets the token, so that the next call logs in again (after Vault refused it, e.g. revoked). */
    void invalidate() {
        tokenExpiry = Instant.MIN;
    }

    /** Logs in now; at startup, so that a wrong role or token fails the job with a clear message. */
    void login() throws VaultException {
        if (settings.authMethod() == VaultSettings.AuthMethod.TOKEN) {
            Vault withToken = Vault.create(config(readSecretFile(settings.tokenPath(), "vault.token-path")));
            try {
                var lookup = calls.call("token lookup-self", () -> withToken.auth().lookupSelf());
                vault = withToken;
                lease(Duration.ofSeconds(lookup.getTTL()), lookup.isRenewable());
                LOG.info("Vault: authenticated with the token from {} (ttl {} s, renewable {})",
                        settings.tokenPath(), lookup.getTTL(), lookup.isRenewable());
            } catch (VaultException e) {
                throw refused("the token in " + settings.tokenPath() + " was refused", e);
            }
            return;
        }
        Vault anonymous = Vault.create(config(null));
        String jwt = readSecretFile(settings.kubernetesJwtPath(), "vault.kubernetes-jwt-path");
        try {
            AuthResponse auth = calls.call("kubernetes login", () -> anonymous.auth()
                    .loginByKubernetes(settings.kubernetesRole(), jwt, "auth/" + settings.kubernetesMount()));
            vault = Vault.create(config(auth.getAuthClientToken()));
            lease(Duration.ofSeconds(auth.getAuthLeaseDuration()), auth.isAuthRenewable());
            LOG.info("Vault: logged in with Kubernetes auth as role '{}' (lease {} s, renewable {})",
                    settings.kubernetesRole(), auth.getAuthLeaseDuration(), auth.isAuthRenewable());
        } catch (VaultException e) {
            throw refused("Kubernetes login as role '" + settings.kubernetesRole() + "' (mount '"
                    + settings.kubernetesMount() + "') was refused; check vault.kubernetes-role and that the "
                    + "service account is bound to that role", e);
        }
    }

    private void renewOrLogin() throws VaultException {
        if (!renewable) {
            login();
            return;
        }
        try {
            AuthResponse renewed = calls.call("token renew-self", () -> vault.auth().renewSelf());
            lease(Duration.ofSeconds(renewed.getAuthLeaseDuration()), renewed.isAuthRenewable());
            LOG.debug("Vault: token renewed for {} s", renewed.getAuthLeaseDuration());
        } catch (VaultException e) {
            if (VaultCalls.isTransient(e)) {
                throw e;
            }
            LOG.warn("Vault: token renewal refused (HTTP {}); logging in again", e.getHttpStatusCode());
            login();
        }
    }

    private void lease(Duration ttl, boolean isRenewable) {
        Instant now = clock.instant();
        // A zero TTL is a root-like token that never expires.
        tokenExpiry = ttl.isZero() ? Instant.MAX : now.plus(ttl);
        // Renew at two thirds of the lease: time for retries before it runs out.
        renewAt = ttl.isZero() ? Instant.MAX : now.plus(ttl.multipliedBy(2).dividedBy(3));
        renewable = isRenewable;
    }

    private VaultConfig config(String token) throws VaultException {
        int timeoutSeconds = (int) Math.max(1, settings.requestTimeout().toSeconds());
        VaultConfig config = new VaultConfig()
                // Never pick up VAULT_TOKEN or ~/.vault-token from the environment: only what we configure.
                .environmentLoader(VaultTls.NO_ENVIRONMENT)
                .address(settings.address())
                // Without a read timeout a hung Vault would block the refresher forever.
                .openTimeout(timeoutSeconds)
                .readTimeout(timeoutSeconds)
                // Engine v1 globally keeps transit paths as they are; the token key path alone is KV v2
                // (the driver matches the secret's full path, not the mount).
                .engineVersion(1)
                .putSecretsEngineVersionForPath(settings.kvMount() + "/" + settings.tokenKeyPath() + "/", "2");
        if (token != null) {
            config.token(token);
        }
        // Always our own: the driver's default would take VAULT_SSL_VERIFY from the environment.
        config.sslConfig(VaultTls.sslConfig(settings.caCertPath()));
        return config.build();
    }

    private static VaultException refused(String what, VaultException e) {
        String message = "Vault at this address: " + what + " (HTTP " + e.getHttpStatusCode() + ")";
        return new VaultException(message, e.getHttpStatusCode());
    }

    private static String readSecretFile(String path, String key) throws VaultException {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new VaultException("cannot read " + key + " file " + path + ": " + e.getClass().getSimpleName(), 0);
        }
    }
}
