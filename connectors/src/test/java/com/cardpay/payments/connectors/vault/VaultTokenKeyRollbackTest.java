package com.cardpay.payments.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * A card token key may only move forward. A version that goes back, or other key material under
 * the version in use, would give the same card a second {@code tok_v<n>_} token: it is refused,
 * counted as an alarm, logged without key material, and not taken as a confirmation of the key.
 */
class VaultTokenKeyRollbackTest extends VaultKeyProviderTestBase {
    private static final String PAN = "4111111111111111";
    private static final Duration REFRESH = Duration.ofMillis(100);

    @Test
    void aVersionThatGoesBackIsRefusedAndTheCardKeepsItsToken() throws Exception {
        assertThat(VaultFixture.writeTokenKey(vault, (byte) 2)).isEqualTo(2);
        try (CapturedLogs logs = CapturedLogs.of(VaultKeyProvider.class);
                VaultKeyProvider keys = open(Duration.ofMinutes(1), REFRESH, 1000)) {
            CardTokenizer tokenizer = new CardTokenizer(keys);
            String token = tokenizer.tokenize(PAN).value();

            // The secret's metadata is deleted and the secret written again: Vault counts from v1.
            assertThat(VaultFixture.recreateTokenKey(vault, (byte) 7)).isEqualTo(1);
            awaitTrue(() -> metrics.count("vault_token_key_rejected") >= 1, Duration.ofSeconds(10));

            assertThat(token).startsWith("tok_v2_");
            assertThat(new CardTokenizer(keys).tokenize(PAN).value()).isEqualTo(token);
            assertThat(metrics.gaugeValue("vault_token_key_version")).isEqualTo(2);
            assertRefusalLoggedWithoutKeyMaterial(logs, "went back from v2 to v1", (byte) 2, (byte) 7);
        }
    }

    @Test
    void otherKeyMaterialUnderTheSameVersionIsRefusedAndTheCardKeepsItsToken() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(VaultKeyProvider.class);
                VaultKeyProvider keys = open(Duration.ofMinutes(1), REFRESH, 1000)) {
            String token = new CardTokenizer(keys).tokenize(PAN).value();

            assertThat(VaultFixture.recreateTokenKey(vault, (byte) 9)).isEqualTo(1);
            awaitTrue(() -> metrics.count("vault_token_key_rejected") >= 1, Duration.ofSeconds(10));

            assertThat(token).startsWith("tok_v1_");
            assertThat(new CardTokenizer(keys).tokenize(PAN).value()).isEqualTo(token);
            assertRefusalLoggedWithoutKeyMaterial(logs, "changed its key material under the same version v1",
                    (byte) 1, (byte) 9);
        }
    }

    @Test
    void aRefusedKeyIsNoConfirmationSoTokenizationStopsUntilAHigherVersionArrives() throws Exception {
        try (VaultKeyProvider keys = open(Duration.ofSeconds(1), REFRESH, 1000)) {
            VaultFixture.recreateTokenKey(vault, (byte) 9);

            awaitTrue(() -> throwsKeyUnavailable(keys), Duration.ofSeconds(10));
            assertThat(metrics.count("vault_token_key_rejected")).isPositive();

            // A rotation to a version above the one in use (v1) is accepted, and confirms the key again.
            assertThat(VaultFixture.writeTokenKey(vault, (byte) 3)).isEqualTo(2);
            awaitTrue(() -> !throwsKeyUnavailable(keys), Duration.ofSeconds(10));
            assertThat(keys.tokenKey().version()).isEqualTo(2);
        }
    }

    private static void assertRefusalLoggedWithoutKeyMaterial(CapturedLogs logs, String what, byte... keyFills) {
        assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains(what) && l.contains("refused"));
        for (byte fill : keyFills) {
            assertThat(logs.lines()).noneMatch(l -> l.contains(VaultFixture.tokenKeyText(fill)));
        }
    }
}
