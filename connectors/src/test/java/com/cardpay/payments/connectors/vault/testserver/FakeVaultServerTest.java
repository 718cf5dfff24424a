package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Endpoint;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Outage;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.RecordedRequest;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.HealthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import io.github.jopenlibs.vault.rest.RestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Drives {@link FakeVaultServer} only through vault-java-driver 6.2.0, the way the job's Vault key
 * provider does, so these tests also pin down the driver's behaviour the provider relies on.
 *
 * <p>Driver facts proven here:
 * <ul>
 *   <li>{@code auth()} calls throw {@link VaultException} for every non-200 answer, 4xx included,
 *       with {@code getHttpStatusCode()} set; {@code logical()} calls do NOT throw on 4xx: the
 *       caller must check {@code getRestResponse().getStatus()} (403, 404, 400 come back as
 *       responses). 5xx throws from both.
 *   <li>Connection refused, dropped connection and read timeout are {@link VaultException} with
 *       status 0, caused by the driver's {@link RestException}.
 *   <li>{@code withRetries(n, ms)} mutates the shared {@link VaultConfig}: afterwards every call
 *       on it makes up to 1 + n attempts, for any exception (5xx, connection errors, and 4xx from
 *       {@code auth()}), never for a 4xx from {@code logical()}.
 * </ul>
 */
class FakeVaultServerTest {

    private static final String KV_PATH = "secret/payments/token-key";
    private static final String ROLE = "payments-job";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.service-account.signature";

    /** No VAULT_ADDR / VAULT_TOKEN / ~/.vault-token: the tests see only what they configure. */
    private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {
        @Override
        public String loadVariable(String name) {
            return null;
        }
    };

    private FakeVaultServer server;

    @BeforeEach
    void startServer() {
        server = FakeVaultServer.start();
        server.registerKubernetesRole(ROLE, JWT, Duration.ofMinutes(10), Duration.ofMinutes(30),
                "payments-keys");
        server.createTransitKey("payments-dek");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /**
     * The configuration that works for both engines through one {@link Vault}: global KV engine
     * version 1 (so {@code logical().write("transit/...")} is sent verbatim) plus a KV v2 entry for
     * the one secret path. The driver looks the map up by the exact secret path plus "/", not by
     * mount, and falls back to the global version for everything else.
     */
    private VaultConfig config(String token) throws VaultException {
        return new VaultConfig()
                .environmentLoader(NO_ENVIRONMENT)
                .address(server.address())
                .token(token)
                .engineVersion(1)
                .putSecretsEngineVersionForPath(KV_PATH + "/", "2")
                .openTimeout(5)
                .readTimeout(5)
                .build();
    }

    private Vault vault(String token) throws VaultException {
        return Vault.create(config(token));
    }

    private String login() throws VaultException {
        return vault(null).auth().loginByKubernetes(ROLE, JWT).getAuthClientToken();
    }

    private static String body(LogicalResponse response) {
        return new String(response.getRestResponse().getBody(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------
    // Kubernetes auth
    // ------------------------------------------------------------------------------------------

    @Test
    void kubernetesLoginReturnsRenewableTokenWithRolePolicies() throws Exception {
        VaultConfig config = config(null);
        Vault vault = Vault.create(config);
        AuthResponse auth = vault.auth().loginByKubernetes(ROLE, JWT);

        assertThat(auth.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(auth.getAuthClientToken()).startsWith("hvs.");
        assertThat(auth.getTokenAccessor()).isNotBlank();
        assertThat(auth.getAuthPolicies()).containsExactly("default", "payments-keys");
        assertThat(auth.getAuthLeaseDuration()).isEqualTo(600);
        assertThat(auth.isAuthRenewable()).isTrue();
        assertThat(auth.getRenewable()).isFalse(); // the envelope's, as in Vault
        assertThat(server.isTokenLive(auth.getAuthClientToken())).isTrue();

        // the driver reads config.getToken() on every call: setting it switches the same Vault
        config.token(auth.getAuthClientToken());
        LookupResponse self = vault.auth().lookupSelf();
        assertThat(self.getId()).isEqualTo(auth.getAuthClientToken());
        assertThat(self.getPath()).isEqualTo("auth/kubernetes/login");
        assertThat(self.getPolicies()).containsExactly("default", "payments-keys");
        assertThat(self.getTTL()).isBetween(599L, 600L);
        assertThat(self.isRenewable()).isTrue();
        assertThat(server.requestCount(Endpoint.KUBERNETES_LOGIN)).isEqualTo(1);
    }

    @Test
    void kubernetesLoginOnAnotherMountUsesAuthPath() throws Exception {
        server.registerKubernetesRole("k8s-prod", "other-role", "other-jwt", Duration.ofMinutes(5),
                Duration.ofHours(1));

        AuthResponse auth = vault(null).auth().loginByKubernetes("other-role", "other-jwt", "auth/k8s-prod");

        assertThat(auth.getAuthLeaseDuration()).isEqualTo(300);
        assertThat(server.requests(Endpoint.KUBERNETES_LOGIN))
                .containsExactly(new RecordedRequest("POST", "/v1/auth/k8s-prod/login",
                        Endpoint.KUBERNETES_LOGIN, 200));
        // the role lives on its own mount only
        VaultException onDefaultMount = catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes("other-role", "other-jwt"));
        assertThat(onDefaultMount.getHttpStatusCode()).isEqualTo(400);
    }

    @Test
    void kubernetesLoginRefusesUnknownRoleWrongJwtAndMissingFields() throws Exception {
        VaultException unknownRole = catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes("no-such-role", JWT));
        assertThat(unknownRole.getHttpStatusCode()).isEqualTo(400);
        assertThat(unknownRole).hasMessageContaining("invalid role name \\\"no-such-role\\\"");

        VaultException wrongJwt = catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes(ROLE, "a-stale-service-account-jwt"));
        assertThat(wrongJwt.getHttpStatusCode()).isEqualTo(403);
        assertThat(wrongJwt).hasMessageContaining("{\"errors\":[\"permission denied\"]}");

        VaultException missingJwt = catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes(ROLE, ""));
        assertThat(missingJwt.getHttpStatusCode()).isEqualTo(400);
        assertThat(missingJwt).hasMessageContaining("missing jwt");

        // re-registering the role with a new JWT (a rotated service-account token) replaces it
        server.registerKubernetesRole(ROLE, "rotated-jwt", Duration.ofMinutes(10), Duration.ofMinutes(30));
        assertThat(catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes(ROLE, JWT)).getHttpStatusCode()).isEqualTo(403);
        assertThat(vault(null).auth().loginByKubernetes(ROLE, "rotated-jwt").getAuthClientToken()).isNotBlank();

        assertThat(server.requests(Endpoint.KUBERNETES_LOGIN)).extracting(RecordedRequest::status)
                .containsExactly(400, 403, 400, 403, 200);
    }

    // ------------------------------------------------------------------------------------------
    // Tokens: lookup-self, renew-self, expiry, revocation
    // ------------------------------------------------------------------------------------------

    @Test
    void lookupSelfAndRenewSelfFollowTheClock() throws Exception {
        String token = login(); // ttl 10 min, max 30 min
        Vault vault = vault(token);

        server.advanceClock(Duration.ofMinutes(4));
        assertThat(vault.auth().lookupSelf().getTTL()).isBetween(359L, 360L);

        AuthResponse renewed = vault.auth().renewSelf(); // no increment: the role's TTL again
        assertThat(renewed.getAuthLeaseDuration()).isEqualTo(600);
        assertThat(renewed.getAuthClientToken()).isEqualTo(token);
        LookupResponse afterRenewal = vault.auth().lookupSelf();
        assertThat(afterRenewal.getTTL()).isBetween(599L, 600L);
        assertThat(afterRenewal.getLastRenewalTime()).isNotNull();

        AuthResponse withIncrement = vault.auth().renewSelf(120);
        assertThat(withIncrement.getAuthLeaseDuration()).isEqualTo(120);

        assertThat(server.requests(Endpoint.TOKEN_RENEW_SELF)).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/auth/token/renew-self");
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(server.requestCount(Endpoint.TOKEN_LOOKUP_SELF)).isEqualTo(2);
    }

    @Test
    void renewalIsCappedAtMaxTtlAndAnExpiredTokenGets403() throws Exception {
        String token = login(); // ttl 10 min, max 30 min after login
        Vault vault = vault(token);
        for (int i = 0; i < 2; i++) {
            server.advanceClock(Duration.ofMinutes(8));
            assertThat(vault.auth().renewSelf().getAuthLeaseDuration()).isEqualTo(600);
        }

        server.advanceClock(Duration.ofMinutes(8)); // 24 min after login: 6 min of max TTL left
        AuthResponse capped = vault.auth().renewSelf(3600);
        assertThat(capped.getAuthLeaseDuration()).isBetween(359L, 360L);
        assertThat(new String(capped.getRestResponse().getBody(), StandardCharsets.UTF_8))
                .contains("exceeded the effective max_ttl");

        server.advanceClock(Duration.ofMinutes(6).plusSeconds(1));
        assertThat(server.isTokenLive(token)).isFalse();

        VaultException renew = catchThrowableOfType(VaultException.class, () -> vault.auth().renewSelf());
        assertThat(renew.getHttpStatusCode()).isEqualTo(403);
        assertThat(renew).hasMessageContaining("permission denied");
        VaultException lookup = catchThrowableOfType(VaultException.class, () -> vault.auth().lookupSelf());
        assertThat(lookup.getHttpStatusCode()).isEqualTo(403);
        // logical() does not throw on 4xx: the 403 comes back as the response
        assertThat(vault.logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void tokenExpiresAfterItsTtlWithoutRenewal() throws Exception {
        String token = server.issueToken(Duration.ofSeconds(30), true, Duration.ofMinutes(5), "payments-keys");
        Vault vault = vault(token);
        assertThat(vault.auth().lookupSelf().getPath()).isEqualTo("auth/token/create");

        server.advanceClock(Duration.ofSeconds(30));

        assertThat(catchThrowableOfType(VaultException.class, () -> vault.auth().lookupSelf())
                .getHttpStatusCode()).isEqualTo(403);
    }

    @Test
    void revokedTokenGets403Everywhere() throws Exception {
        server.putSecret("payments/token-key", Map.of("key", "AAAA"));
        String token = server.issueToken(Duration.ofHours(1), true, null);
        Vault vault = vault(token);
        assertThat(vault.logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(200);

        server.revokeToken(token);

        assertThat(catchThrowableOfType(VaultException.class, () -> vault.auth().lookupSelf())
                .getHttpStatusCode()).isEqualTo(403);
        assertThat(catchThrowableOfType(VaultException.class, () -> vault.auth().renewSelf())
                .getHttpStatusCode()).isEqualTo(403);
        LogicalResponse read = vault.logical().read(KV_PATH);
        assertThat(read.getRestResponse().getStatus()).isEqualTo(403);
        assertThat(body(read)).isEqualTo("{\"errors\":[\"permission denied\"]}");
        LogicalResponse datakey = vault.logical().write("transit/datakey/wrapped/payments-dek", null);
        assertThat(datakey.getRestResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void missingTokenGets403AndNonRenewableTokenCannotBeRenewed() throws Exception {
        assertThat(vault(null).logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(403);
        assertThat(catchThrowableOfType(VaultException.class, () -> vault(null).auth().lookupSelf())
                .getHttpStatusCode()).isEqualTo(403);

        String fixed = server.issueToken(Duration.ofHours(1), false, null);
        VaultException renew = catchThrowableOfType(VaultException.class, () -> vault(fixed).auth().renewSelf());
        assertThat(renew.getHttpStatusCode()).isEqualTo(400);
        assertThat(renew).hasMessageContaining("lease is not renewable");
        assertThat(vault(fixed).auth().lookupSelf().isRenewable()).isFalse();
    }

    // ------------------------------------------------------------------------------------------
    // KV v2
    // ------------------------------------------------------------------------------------------

    @Test
    void kvV2ReadsLatestAndSpecificVersionThroughThePathMap() throws Exception {
        assertThat(server.putSecret("payments/token-key", Map.of("key", "AAAA"))).isEqualTo(1);
        assertThat(server.putSecret("payments/token-key", Map.of("key", "BBBB"))).isEqualTo(2);
        Vault vault = vault(login());

        LogicalResponse latest = vault.logical().read(KV_PATH);
        assertThat(latest.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(latest.getData()).containsExactly(Map.entry("key", "BBBB"));
        assertThat(latest.getDataMetadata().getVersion()).isEqualTo(2L);

        LogicalResponse first = vault.logical().read(KV_PATH, true, 1);
        assertThat(first.getData()).containsExactly(Map.entry("key", "AAAA"));
        assertThat(first.getDataMetadata().getVersion()).isEqualTo(1L);

        assertThat(server.requests(Endpoint.KV_READ)).extracting(RecordedRequest::path)
                .containsOnly("/v1/secret/data/payments/token-key");

        // missing version and missing secret: 404 {"errors":[]}, returned, not thrown
        LogicalResponse noVersion = vault.logical().read(KV_PATH, true, 3);
        assertThat(noVersion.getRestResponse().getStatus()).isEqualTo(404);
        assertThat(body(noVersion)).isEqualTo("{\"errors\":[]}");
        assertThat(noVersion.getData()).isEmpty();
        server.deleteSecret("secret", "payments/token-key");
        assertThat(vault.logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void kvV2ReadsWithExplicitDataPathUnderEngineVersion1() throws Exception {
        server.putSecret("payments/token-key", Map.of("key", "AAAA"));
        server.putSecret("payments/token-key", Map.of("key", "BBBB"));
        VaultConfig config = new VaultConfig().environmentLoader(NO_ENVIRONMENT)
                .address(server.address()).token(login()).engineVersion(1).build();
        Vault vault = Vault.create(config);

        // v1 semantics: the path is sent as is and getData() is the outer "data" object
        LogicalResponse latest = vault.logical().read("secret/data/payments/token-key");
        assertThat(latest.getData()).containsKeys("data", "metadata");
        assertThat(latest.getDataObject().get("data").asObject().getString("key", null)).isEqualTo("BBBB");
        assertThat(latest.getDataObject().get("metadata").asObject().getInt("version", 0)).isEqualTo(2);

        // a version read needs the query in the path: read(path, retry, version) refuses engine 1
        LogicalResponse first = vault.logical().read("secret/data/payments/token-key?version=1");
        assertThat(first.getDataObject().get("data").asObject().getString("key", null)).isEqualTo("AAAA");
        assertThatThrownBy(() -> vault.logical().read("secret/data/payments/token-key", true, 1))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("only supported in KV Engine version 2");
    }

    @Test
    void defaultEngineVersion2RewritesTransitPathsIntoDataPaths() throws Exception {
        // the pitfall: without engineVersion(1) the driver assumes KV v2 for every logical() call
        VaultConfig config = new VaultConfig().environmentLoader(NO_ENVIRONMENT)
                .address(server.address()).token(login()).build();
        Vault vault = Vault.create(config);

        LogicalResponse response = vault.logical().write("transit/datakey/wrapped/payments-dek", null);

        assertThat(response.getRestResponse().getStatus()).isEqualTo(404);
        assertThat(server.requests()).last().isEqualTo(new RecordedRequest("POST",
                "/v1/transit/data/datakey/wrapped/payments-dek", Endpoint.UNKNOWN, 404));
    }

    // ------------------------------------------------------------------------------------------
    // Transit
    // ------------------------------------------------------------------------------------------

    @Test
    void wrappedDatakeyDecryptsToA256BitKey() throws Exception {
        Vault vault = vault(login());

        LogicalResponse datakey = vault.logical().write("transit/datakey/wrapped/payments-dek", null);
        assertThat(datakey.getRestResponse().getStatus()).isEqualTo(200);
        String ciphertext = datakey.getData().get("ciphertext");
        assertThat(ciphertext).startsWith("vault:v1:");
        assertThat(datakey.getData()).containsEntry("key_version", "1").doesNotContainKey("plaintext");

        LogicalResponse decrypted = vault.logical().write("transit/decrypt/payments-dek",
                Map.of("ciphertext", ciphertext));
        assertThat(decrypted.getRestResponse().getStatus()).isEqualTo(200);
        byte[] dataKey = Base64.getDecoder().decode(decrypted.getData().get("plaintext"));
        assertThat(dataKey).hasSize(32)
                .isEqualTo(server.transitDecrypt("transit", "payments-dek", ciphertext));

        // every call makes a fresh key
        String other = vault.logical().write("transit/datakey/wrapped/payments-dek", null)
                .getData().get("ciphertext");
        assertThat(server.transitDecrypt("transit", "payments-dek", other)).isNotEqualTo(dataKey);

        // the plaintext variant returns the same key it wraps
        LogicalResponse plain = vault.logical().write("transit/datakey/plaintext/payments-dek", null);
        assertThat(Base64.getDecoder().decode(plain.getData().get("plaintext")))
                .isEqualTo(server.transitDecrypt("transit", "payments-dek", plain.getData().get("ciphertext")));

        assertThat(server.requestCount(Endpoint.TRANSIT_DATAKEY)).isEqualTo(3);
        assertThat(server.requestCount(Endpoint.TRANSIT_DECRYPT)).isEqualTo(1);
    }

    @Test
    void tamperedOrMalformedCiphertextIs400WithVaultsMessage() throws Exception {
        Vault vault = vault(login());
        String ciphertext = vault.logical().write("transit/datakey/wrapped/payments-dek", null)
                .getData().get("ciphertext");
        byte[] raw = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "vault:v1:" + Base64.getEncoder().encodeToString(raw);

        Map<String, String> expected = Map.of(
                tampered, "cipher: message authentication failed",
                ciphertext.substring("vault:".length()), "invalid ciphertext: no prefix",
                ciphertext.replace("vault:v1:", "vault:v7:"), "invalid ciphertext: version is too new",
                "vault:v1:not*base64", "invalid ciphertext: could not decode base64");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            LogicalResponse response = vault.logical().write("transit/decrypt/payments-dek",
                    Map.of("ciphertext", e.getKey()));
            assertThat(response.getRestResponse().getStatus()).as(e.getValue()).isEqualTo(400);
            assertThat(body(response)).isEqualTo("{\"errors\":[\"" + e.getValue() + "\"]}");
        }

        LogicalResponse noKey = vault.logical().write("transit/decrypt/no-such-key",
                Map.of("ciphertext", ciphertext));
        assertThat(noKey.getRestResponse().getStatus()).isEqualTo(400);
        assertThat(body(noKey)).contains("encryption key not found");
    }

    @Test
    void rotationKeepsOldCiphertextsDecryptableAndNewDatakeysUseTheNewVersion() throws Exception {
        Vault vault = vault(login());
        String v1 = vault.logical().write("transit/datakey/wrapped/payments-dek", null).getData().get("ciphertext");
        byte[] v1Key = server.transitDecrypt("transit", "payments-dek", v1);

        // rotate through the API: Vault 1.10+ answers 200 with the key's description
        LogicalResponse rotated = vault.logical().write("transit/keys/payments-dek/rotate", null);
        assertThat(rotated.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(rotated.getData()).containsEntry("latest_version", "2")
                .containsEntry("type", "aes256-gcm96").containsEntry("min_decryption_version", "1");
        assertThat(rotated.getDataObject().get("keys").asObject().names()).containsExactly("1", "2");

        LogicalResponse v2 = vault.logical().write("transit/datakey/wrapped/payments-dek", null);
        assertThat(v2.getData().get("ciphertext")).startsWith("vault:v2:");
        assertThat(v2.getData()).containsEntry("key_version", "2");

        LogicalResponse oldDecrypt = vault.logical().write("transit/decrypt/payments-dek", Map.of("ciphertext", v1));
        assertThat(oldDecrypt.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(oldDecrypt.getData().get("plaintext"))).isEqualTo(v1Key);

        // rotate through the control API; the key read endpoint reports it
        assertThat(server.rotateTransitKey("payments-dek")).isEqualTo(3);
        assertThat(vault.logical().read("transit/keys/payments-dek").getData()).containsEntry("latest_version", "3");
        assertThat(vault.logical().write("transit/decrypt/payments-dek", Map.of("ciphertext", v1))
                .getRestResponse().getStatus()).isEqualTo(200);

        // retiring v1 makes its ciphertexts undecryptable
        server.setMinDecryptionVersion("transit", "payments-dek", 2);
        LogicalResponse retired = vault.logical().write("transit/decrypt/payments-dek", Map.of("ciphertext", v1));
        assertThat(retired.getRestResponse().getStatus()).isEqualTo(400);
        assertThat(body(retired)).contains("disallowed by policy (too old)");
        assertThat(server.requestCount(Endpoint.TRANSIT_ROTATE)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------
    // Faults
    // ------------------------------------------------------------------------------------------

    @Test
    void injected5xxIsAVaultExceptionWithThatStatus() throws Exception {
        server.putSecret("payments/token-key", Map.of("key", "AAAA"));
        Vault vault = vault(login());

        server.failNextRequests(1, 500);
        VaultException read = catchThrowableOfType(VaultException.class, () -> vault.logical().read(KV_PATH));
        assertThat(read.getHttpStatusCode()).isEqualTo(500);
        assertThat(read).hasMessageContaining("{\"errors\":[\"internal error\"]}");

        server.failNextRequests(1, 502);
        VaultException write = catchThrowableOfType(VaultException.class,
                () -> vault.logical().write("transit/datakey/wrapped/payments-dek", null));
        assertThat(write.getHttpStatusCode()).isEqualTo(502);

        server.failNextRequests(1, 503);
        VaultException renew = catchThrowableOfType(VaultException.class, () -> vault.auth().renewSelf());
        assertThat(renew.getHttpStatusCode()).isEqualTo(503);

        // a fault aimed at one endpoint leaves the others alone
        server.failNextRequests(1, 500, Endpoint.TRANSIT_DATAKEY);
        assertThat(vault.logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(200);
        assertThat(catchThrowableOfType(VaultException.class,
                () -> vault.logical().write("transit/datakey/wrapped/payments-dek", null))
                .getHttpStatusCode()).isEqualTo(500);
        assertThat(server.pendingFaults()).isZero();

        // a 429 is 4xx: logical() returns it, auth() throws it
        server.failNextRequests(2, 429);
        assertThat(vault.logical().read(KV_PATH).getRestResponse().getStatus()).isEqualTo(429);
        assertThat(catchThrowableOfType(VaultException.class, () -> vault.auth().lookupSelf())
                .getHttpStatusCode()).isEqualTo(429);
    }

    @Test
    void withRetriesMakesOnePlusNAttemptsOnAnyException() throws Exception {
        server.putSecret("payments/token-key", Map.of("key", "AAAA"));
        Vault vault = vault(login()).withRetries(2, 10);

        server.failNextRequests(2, 503);
        LogicalResponse read = vault.logical().read(KV_PATH);
        assertThat(read.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(read.getRetries()).isEqualTo(2);
        assertThat(server.requests(Endpoint.KV_READ)).extracting(RecordedRequest::status)
                .containsExactly(503, 503, 200);

        server.clearRequestLog();
        server.failNextRequests(3, 500);
        assertThat(catchThrowableOfType(VaultException.class, () -> vault.logical().read(KV_PATH))
                .getHttpStatusCode()).isEqualTo(500);
        assertThat(server.requestCount(Endpoint.KV_READ)).isEqualTo(3);

        // auth() throws on 4xx, so a refused login is retried too
        server.clearRequestLog();
        assertThat(catchThrowableOfType(VaultException.class,
                () -> vault.auth().loginByKubernetes(ROLE, "wrong")).getHttpStatusCode()).isEqualTo(403);
        assertThat(server.requestCount(Endpoint.KUBERNETES_LOGIN)).isEqualTo(3);

        // logical() returns 4xx, so nothing is retried
        server.clearRequestLog();
        assertThat(vault.logical().read("secret/payments/missing").getRestResponse().getStatus()).isEqualTo(404);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void versionedReadRetriesOnceEvenWhenAskedNotToRetry() throws Exception {
        // driver quirk: read(path, false, version) uses a retry count of 1 instead of 0
        server.putSecret("payments/token-key", Map.of("key", "AAAA"));
        Vault vault = vault(login());
        server.failNextRequests(1, 500);

        LogicalResponse response = vault.logical().read(KV_PATH, false, 1);

        assertThat(response.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(response.getRetries()).isEqualTo(1);
    }

    @Test
    void sealedVaultAnswers503UntilItComesBack() throws Exception {
        String token = login();
        Vault vault = vault(token);

        server.goDown();

        VaultException login = catchThrowableOfType(VaultException.class,
                () -> vault(null).auth().loginByKubernetes(ROLE, JWT));
        assertThat(login.getHttpStatusCode()).isEqualTo(503);
        assertThat(login).hasMessageContaining("{\"errors\":[\"Vault is sealed\"]}");
        assertThat(catchThrowableOfType(VaultException.class, () -> vault.logical().read(KV_PATH))
                .getHttpStatusCode()).isEqualTo(503);
        assertThat(catchThrowableOfType(VaultException.class,
                () -> vault.logical().write("transit/datakey/wrapped/payments-dek", null))
                .getHttpStatusCode()).isEqualTo(503);
        HealthResponse health = vault.debug().health();
        assertThat(health.getRestResponse().getStatus()).isEqualTo(503);
        assertThat(health.getSealed()).isTrue();

        server.comeBack();

        assertThat(vault.auth().lookupSelf().getId()).isEqualTo(token);
        assertThat(vault.debug().health().getSealed()).isFalse();
    }

    @Test
    void refusedAndDroppedConnectionsAreStatusZero() throws Exception {
        String token = login();
        Vault vault = vault(token);

        server.goDown(Outage.CONNECTION_REFUSED);
        VaultException refused = catchThrowableOfType(VaultException.class, () -> vault.auth().lookupSelf());
        assertThat(refused.getHttpStatusCode()).isZero();
        assertThat(refused.getCause()).isInstanceOf(RestException.class)
                .hasCauseInstanceOf(ConnectException.class);
        int seenWhileRefused = server.requestCount();

        server.goDown(Outage.CONNECTION_DROPPED);
        VaultException dropped = catchThrowableOfType(VaultException.class, () -> vault.logical().read(KV_PATH));
        assertThat(dropped.getHttpStatusCode()).isZero();
        assertThat(dropped.getCause()).isInstanceOf(RestException.class);
        assertThat(dropped).hasStackTraceContaining("HTTP/1.1 header parser received no bytes");
        // java.net.http itself resends an idempotent GET once on a dropped connection (not a POST),
        // before and independently of the driver's withRetries
        assertThat(server.requests(Endpoint.KV_READ)).extracting(RecordedRequest::status).containsExactly(0, 0);
        assertThat(catchThrowableOfType(VaultException.class,
                () -> vault.logical().write("transit/datakey/wrapped/payments-dek", null))
                .getHttpStatusCode()).isZero();
        assertThat(server.requestCount(Endpoint.TRANSIT_DATAKEY)).isEqualTo(1);

        server.comeBack();
        assertThat(vault.auth().lookupSelf().getId()).isEqualTo(token);
        assertThat(seenWhileRefused).isEqualTo(1); // only the login: refused requests never arrive
    }

    @Test
    void delayBeyondTheReadTimeoutIsStatusZeroAndWithinItIsJustSlow() throws Exception {
        String token = login();
        VaultConfig oneSecond = new VaultConfig().environmentLoader(NO_ENVIRONMENT)
                .address(server.address()).token(token).engineVersion(1).readTimeout(1).build();
        server.setResponseDelay(Duration.ofMillis(1500));

        VaultException timeout = catchThrowableOfType(VaultException.class,
                () -> Vault.create(oneSecond).auth().lookupSelf());
        assertThat(timeout.getHttpStatusCode()).isZero();
        assertThat(timeout).hasRootCauseInstanceOf(HttpTimeoutException.class);

        server.setResponseDelay(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(vault(token).auth().lookupSelf().getId()).isEqualTo(token);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    // ------------------------------------------------------------------------------------------
    // Strictness and observation
    // ------------------------------------------------------------------------------------------

    @Test
    void unknownPathIs404AndUnsupportedMethodIs405() throws Exception {
        Vault vault = vault(login());

        LogicalResponse noMount = vault.logical().read("cubbyhole/whatever");
        assertThat(noMount.getRestResponse().getStatus()).isEqualTo(404);
        LogicalResponse noPath = vault.logical().write("transit/encrypt/payments-dek",
                Map.of("plaintext", "AAAA"));
        assertThat(noPath.getRestResponse().getStatus()).isEqualTo(404);
        LogicalResponse getOnDecrypt = vault.logical().read("transit/decrypt/payments-dek");
        assertThat(getOnDecrypt.getRestResponse().getStatus()).isEqualTo(405);
        // the fake models a least-privilege policy: no KV writes, no key management
        Map<String, Object> secret = new HashMap<>();
        secret.put("key", "x");
        assertThat(vault.logical().write(KV_PATH, secret).getRestResponse().getStatus()).isEqualTo(403);
        assertThat(vault.logical().write("transit/keys/new-key", null).getRestResponse().getStatus())
                .isEqualTo(403);

        // the token check comes first: without a token even an unknown path is 403
        assertThat(vault(null).logical().read("cubbyhole/whatever").getRestResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void requestLogHoldsMethodPathAndStatusButNoSecrets() throws Exception {
        server.putSecret("payments/token-key", Map.of("key", "c2VjcmV0LWhtYWMta2V5"));
        String token = login();
        Vault vault = vault(token);
        vault.auth().renewSelf();
        vault.logical().read(KV_PATH);
        String ciphertext = vault.logical().write("transit/datakey/wrapped/payments-dek", null)
                .getData().get("ciphertext");
        String plaintext = vault.logical().write("transit/decrypt/payments-dek", Map.of("ciphertext", ciphertext))
                .getData().get("plaintext");
        vault.logical().read("auth/token/lookup/" + token); // a token in a path is redacted

        List<RecordedRequest> log = server.requests();
        assertThat(log).extracting(RecordedRequest::toString).containsExactly(
                "POST /v1/auth/kubernetes/login -> 200",
                "POST /v1/auth/token/renew-self -> 200",
                "GET /v1/secret/data/payments/token-key -> 200",
                "POST /v1/transit/datakey/wrapped/payments-dek -> 200",
                "POST /v1/transit/decrypt/payments-dek -> 200",
                "GET /v1/auth/token/lookup/<redacted> -> 404");
        assertThat(log.toString()).doesNotContain(token, JWT, "c2VjcmV0LWhtYWMta2V5", ciphertext, plaintext);
        assertThat(server.requestCount(Endpoint.KUBERNETES_LOGIN)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.TOKEN_RENEW_SELF)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.KV_READ)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.TRANSIT_DATAKEY)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.TRANSIT_DECRYPT)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.UNKNOWN)).isEqualTo(1);
    }
}
