package com.cardpay.payments.connectors.vault;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.time.Duration;

/**
 * How to reach HashiCorp Vault and where the keys live. Holds paths and names only: the login JWT
 * and the token are read from files on the task managers, never carried in config or arguments.
 *
 * @param address Vault's address, e.g. {@code https://vault.vault.svc:8200}
 * @param kubernetesJwtPath the service-account token file, for Kubernetes auth
 * @param tokenPath a file holding a Vault token, for token auth
 * @param tokenKeyPath KV v2 secret (under {@code kvMount}) whose field {@code key} is the base64 HMAC
 *     key for card tokens; the secret's KV version is the token key version
 * @param transitKey the transit key that wraps data keys
 * @param dataKeyMaxAge a data key is replaced after this long
 * @param dataKeyMaxUses a data key is replaced after sealing this many PANs
 * @param keyCacheTtl how long cached keys stay usable after the last successful refresh from Vault;
 *     after that, tokenization stops rather than use keys it cannot confirm
 * @param refreshInterval how often the background refresher checks the token key version and
 *     pre-fetches data keys
 * @param caCertPath PEM file of the CA that signed Vault's certificate, or null for the JVM's
 */
public record VaultSettings(
        String address,
        AuthMethod authMethod,
        String kubernetesRole,
        String kubernetesJwtPath,
        String kubernetesMount,
        String tokenPath,
        String kvMount,
        String tokenKeyPath,
        String transitMount,
        String transitKey,
        Duration dataKeyMaxAge,
        long dataKeyMaxUses,
        Duration keyCacheTtl,
        Duration refreshInterval,
        Duration requestTimeout,
        @Nullable String caCertPath) implements Serializable {

    /** How the job logs in to Vault. */
    public enum AuthMethod {
        /** {@code auth/<mount>/login} with the pod's service-account JWT and a role. */
        KUBERNETES,
        /** A token read from {@code tokenPath}, for environments without Kubernetes. */
        TOKEN
    }
}
