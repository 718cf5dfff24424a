package com.cardpay.payments.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.DataKey;

import io.github.jopenlibs.vault.VaultException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Login, key loading and rotation against the Vault stand-in, through vault-java-driver. */
class VaultKeyProviderTest extends VaultKeyProviderTestBase {
    private static final String PAN = "4111111111111111";

    @Test
    void kubernetesLoginLoadsTheTokenKeyAndADataKey() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofMinutes(15), Duration.ofSeconds(30), 1000)) {
            CardTokenizer tokenizer = new CardTokenizer(keys);

            CardTokenizer.Token token = tokenizer.tokenize(PAN);
            VaultRecord sealed = tokenizer.seal(token, PAN, "12/29", MessageHeaders.EMPTY);

            assertThat(token.value()).startsWith("tok_v1_");
            assertThat(tokenizer.tokenize(PAN)).isEqualTo(token);
            assertThat(sealed.wrappedDataKey()).startsWith("vault:v1:");
            assertThat(sealed.keyProvider()).isEqualTo("vault");
            assertThat(CardTokenizer.open(sealed, keys).pan()).isEqualTo(PAN);
            assertThat(vault.requestCount(FakeVaultServer.Endpoint.KUBERNETES_LOGIN)).isEqualTo(1);
            assertThat(metrics.count("vault_calls")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.gaugeValue("vault_circuit_state")).isEqualTo(0);
            assertThat(metrics.gaugeValue("vault_token_key_version")).isEqualTo(1);
        }
    }

    @Test
    void tokenAuthReadsTheTokenFromAFile() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), vault.issueToken());

        try (VaultKeyProvider keys = VaultKeyProvider.open(VaultFixture.token(vault, tokenFile), metrics)) {
            assertThat(keys.tokenKey().version()).isEqualTo(1);
            assertThat(vault.requestCount(FakeVaultServer.Endpoint.KUBERNETES_LOGIN)).isZero();
        }
    }

    @Test
    void aWrongRoleFailsAtStartWithAMessageThatSaysWhatToFixAndNoSecret() throws Exception {
        VaultSettings good = settings(Duration.ofMinutes(15), Duration.ofSeconds(30), 1000);
        VaultSettings wrongRole = new VaultSettings(good.address(), good.authMethod(), "payments-jbo", good.kubernetesJwtPath(),
                good.kubernetesMount(), good.tokenPath(), good.kvMount(), good.tokenKeyPath(), good.transitMount(),
                good.transitKey(), good.dataKeyMaxAge(), good.dataKeyMaxUses(), good.keyCacheTtl(), good.refreshInterval(),
                good.requestTimeout(), good.caCertPath());

        assertThatThrownBy(() -> VaultKeyProvider.open(wrongRole, metrics))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("role 'payments-jbo'")
                .hasMessageContaining("vault.kubernetes-role")
                .hasMessageNotContaining(VaultFixture.JWT);
    }

    @Test
    void aRevokedTokenFailsAtStartNamingTheTokenFile() throws Exception {
        String token = vault.issueToken();
        vault.revokeToken(token);
        Path tokenFile = Files.writeString(dir.resolve("token"), token);

        assertThatThrownBy(() -> VaultKeyProvider.open(VaultFixture.token(vault, tokenFile), metrics))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining(tokenFile.toString())
                .hasMessageContaining("HTTP 403")
                .hasMessageNotContaining(token);
    }

    @Test
    void theTokenIsRenewedBeforeItsLeaseEnds() throws Exception {
        vault.registerKubernetesRole(VaultFixture.ROLE, VaultFixture.JWT, Duration.ofSeconds(3), Duration.ofHours(1));

        try (VaultKeyProvider keys = open(Duration.ofMinutes(1), Duration.ofMillis(200), 1000)) {
            awaitTrue(() -> vault.requestCount(FakeVaultServer.Endpoint.TOKEN_RENEW_SELF) >= 2, Duration.ofSeconds(10));

            assertThat(vault.requestCount(FakeVaultServer.Endpoint.KUBERNETES_LOGIN)).isEqualTo(1);
            assertThat(keys.tokenKey().version()).isEqualTo(1);
        }
    }

    @Test
    void whenRenewalIsRefusedItLogsInAgain() throws Exception {
        // The lease cannot outlive its max TTL: renewals run out, then a fresh login is needed.
        vault.registerKubernetesRole(VaultFixture.ROLE, VaultFixture.JWT, Duration.ofSeconds(2), Duration.ofSeconds(3));

        try (VaultKeyProvider keys = open(Duration.ofMinutes(1), Duration.ofMillis(200), 1000)) {
            awaitTrue(() -> vault.requestCount(FakeVaultServer.Endpoint.KUBERNETES_LOGIN) >= 2, Duration.ofSeconds(15));

            assertThat(keys.tokenKey().version()).isEqualTo(1);
        }
    }

    @Test
    void aNewTokenKeyVersionMovesNewTokensToIt() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofMinutes(1), Duration.ofMillis(200), 1000)) {
            CardTokenizer tokenizer = new CardTokenizer(keys);
            String before = tokenizer.tokenize(PAN).value();

            assertThat(VaultFixture.writeTokenKey(vault, (byte) 2)).isEqualTo(2);
            awaitTrue(() -> keys.tokenKey().version() == 2, Duration.ofSeconds(5));

            String after = tokenizer.tokenize(PAN).value();
            assertThat(before).startsWith("tok_v1_");
            assertThat(after).startsWith("tok_v2_").isNotEqualTo("tok_v2_" + before.substring(7));
        }
    }

    @Test
    void afterATransitRotationNewDataKeysUseTheNewVersionAndOldCiphertextsStillOpen() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofMinutes(1), Duration.ofMillis(100), 5)) {
            CardTokenizer tokenizer = new CardTokenizer(keys);
            CardTokenizer.Token token = tokenizer.tokenize(PAN);
            VaultRecord old = tokenizer.seal(token, PAN, "12/29", MessageHeaders.EMPTY);

            assertThat(vault.rotateTransitKey(VaultFixture.TRANSIT_KEY)).isEqualTo(2);
            // Use up the current data key (5 uses); its successor is fetched after the rotation.
            awaitTrue(() -> useDataKey(keys).version() == 2, Duration.ofSeconds(10));

            VaultRecord fresh = tokenizer.seal(token, PAN, "12/29", MessageHeaders.EMPTY);
            assertThat(old.wrappedDataKey()).startsWith("vault:v1:");
            assertThat(fresh.wrappedDataKey()).startsWith("vault:v2:");
            assertThat(CardTokenizer.open(old, keys).pan()).isEqualTo(PAN);
            assertThat(CardTokenizer.open(fresh, keys).pan()).isEqualTo(PAN);
        }
    }

    @Test
    void aDataKeyIsReplacedWhenItReachesItsMaximumAge() throws Exception {
        VaultSettings settings = VaultFixture.kubernetes(vault, dir, Duration.ofMinutes(1), Duration.ofMillis(100), 1_000_000,
                Duration.ofSeconds(1));
        try (VaultKeyProvider keys = VaultKeyProvider.open(settings, metrics)) {
            String first = keys.dataKey().wrapped();
            int datakeyCallsAtStart = vault.requestCount(FakeVaultServer.Endpoint.TRANSIT_DATAKEY);

            awaitTrue(() -> !useDataKey(keys).wrapped().equals(first) && useDataKey(keys).version() == 1, Duration.ofSeconds(5));

            assertThat(vault.requestCount(FakeVaultServer.Endpoint.TRANSIT_DATAKEY)).isGreaterThan(datakeyCallsAtStart);
        }
    }

    private static DataKey useDataKey(VaultKeyProvider keys) {
        try {
            return keys.dataKey();
        } catch (Exception e) {
            // The successor is not there yet; the caller retries.
            return new DataKey(new byte[32], "vault:v0:", 0);
        }
    }
}
