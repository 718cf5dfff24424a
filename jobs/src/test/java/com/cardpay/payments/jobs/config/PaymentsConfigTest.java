package com.cardpay.payments.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cardpay.payments.connectors.vault.VaultSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

class PaymentsConfigTest {

    private static Map<String, String> local() {
        Map<String, String> s = new HashMap<>();
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        return s;
    }

    private static ConfigException rejected(Map<String, String> settings) {
        try {
            PaymentsConfig.from(settings);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("config was accepted: " + settings);
    }

    @Test
    void defaultsWithLocalKeysAreValid() {
        PaymentsConfig config = PaymentsConfig.from(local());

        assertThat(config.topics().raw()).isEqualTo("payments.raw");
        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.maxParallelism()).isEqualTo(720);
        assertThat(config.consumerGroup()).isEqualTo("payments-job");
        assertThat(config.transactionalIdPrefix("vault")).isEqualTo("payments-job-vault");
    }

    @Test
    void byDefaultKeysComeFromVaultWithKubernetesAuth() {
        PaymentsConfig config = PaymentsConfig.from(Map.of());

        assertThat(config.keyProvider()).isEqualTo(PaymentsConfig.KeyProviderKind.VAULT);
        assertThat(config.vault().authMethod()).isEqualTo(VaultSettings.AuthMethod.KUBERNETES);
        assertThat(config.vault().keyCacheTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.kafkaTls().clientProperties()).isEmpty();
    }

    @Test
    void localKeysAreRefusedWithoutTheDevelopmentKey() {
        ConfigException e = rejected(Map.of("tokenization.key-provider", "local"));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("tokenization.key-provider: local uses public development keys")
                .contains("development.allow-insecure=true");
    }

    @Test
    void anHttpVaultAddressIsRefusedWithoutTheDevelopmentKey() {
        ConfigException e = rejected(Map.of("vault.address", "http://vault.vault.svc:8200"));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("vault.address: must start with https://")
                .contains("development.allow-insecure=true", "'http://vault.vault.svc:8200'");
    }

    @Test
    void theDevelopmentKeyAllowsAnHttpVaultForATestServer() {
        PaymentsConfig config = PaymentsConfig.from(Map.of("vault.address", "http://127.0.0.1:8200",
                "development.allow-insecure", "true"));

        assertThat(config.vault().address()).isEqualTo("http://127.0.0.1:8200");
        assertThat(config.developmentAllowInsecure()).isTrue();
    }

    @Test
    void theDevelopmentKeyIsOffByDefaultAndNeverWidensTheSchemes() {
        assertThat(PaymentsConfig.from(Map.of()).developmentAllowInsecure()).isFalse();
        assertThat(rejected(Map.of("vault.address", "vault.vault.svc:8200", "development.allow-insecure", "true")).problems())
                .singleElement().asString().startsWith("vault.address: must start with https://");
        assertThat(rejected(Map.of("development.allow-insecure", "yes")).problems())
                .containsExactly("development.allow-insecure: must be true or false, got 'yes'");
    }

    @Test
    void vaultKeyCacheMustOutliveTwoRefreshes() {
        ConfigException e = rejected(Map.of("vault.key-cache-ttl", "30s", "vault.refresh-interval", "30s"));

        assertThat(e.problems()).singleElement().asString().startsWith("vault.key-cache-ttl: must be at least twice");
    }

    @Test
    void tlsNeedsATruststoreAndPasswordFilesNotPasswords() {
        ConfigException e = rejected(Map.of("kafka.security-protocol", "ssl", "kafka.ssl.keystore-path", "/etc/kafka/client.p12"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "kafka.ssl.truststore-path: is required when kafka.security-protocol is ssl",
                "kafka.ssl.keystore-password-file: is required with kafka.ssl.keystore-path");
    }

    @Test
    void unknownKeyIsNamed() {
        Map<String, String> s = local();
        s.put("dedupe.tll", "7d");

        assertThat(rejected(s).problems()).containsExactly("dedupe.tll: unknown key (see README, 'Configuration')");
    }

    @Test
    void everyProblemIsReportedAtOnceEachNamingItsKey() {
        Map<String, String> s = local();
        s.put("dedupe.ttl", "seven days");
        s.put("job.parallelism", "0");
        s.put("kafka.starting-offsets", "newest");
        s.put("checkpoint.storage", "no scheme here");

        assertThat(rejected(s).problems()).hasSize(4)
                .anyMatch(p -> p.startsWith("dedupe.ttl: must be a duration"))
                .anyMatch(p -> p.startsWith("job.parallelism: must be a positive whole number"))
                .anyMatch(p -> p.startsWith("kafka.starting-offsets: must be one of committed, earliest, latest"))
                .anyMatch(p -> p.startsWith("checkpoint.storage: must be a URI"));
    }

    @Test
    void transactionTimeoutMustOutlastCheckpointAndRestart() {
        Map<String, String> s = local();
        s.put("kafka.transaction-timeout", "2m");

        assertThat(rejected(s).problems()).singleElement().asString()
                .startsWith("kafka.transaction-timeout: must exceed checkpoint.interval + checkpoint.timeout + restart.max-backoff");
    }

    @Test
    void transactionTimeoutMustStayBelowTheBrokerMaximum() {
        Map<String, String> s = local();
        s.put("kafka.transaction-timeout", "20m");

        assertThat(rejected(s).problems()).singleElement().asString()
                .startsWith("kafka.transaction-timeout: must not exceed kafka.broker-max-transaction-timeout");
    }

    @Test
    void maxParallelismBelowParallelismIsRefused() {
        Map<String, String> s = local();
        s.put("job.parallelism", "8");
        s.put("job.max-parallelism", "4");

        assertThat(rejected(s).problems()).singleElement().asString().startsWith("job.max-parallelism: must be at least");
    }

    @Test
    void cardWindowsAreConfigurable() {
        Map<String, String> s = local();
        s.put("fraud.card-window.short", "5m");
        s.put("fraud.card-window.medium", "2h");
        s.put("fraud.card-window.long", "7d");
        s.put("fraud.card-distinct-window", "10m");

        PaymentsConfig config = PaymentsConfig.from(s);

        assertThat(config.fraud().shortWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.fraud().mediumWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(config.fraud().longWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(config.fraud().distinctWindow()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void cardWindowsMustMakeWholeBucketsAndGrowShortToLong() {
        Map<String, String> s = local();
        s.put("fraud.card-window.short", "5s");
        s.put("fraud.card-window.medium", "90d");
        s.put("fraud.card-window.long", "1h");

        assertThat(rejected(s).problems()).containsExactlyInAnyOrder(
                "fraud.card-window.short: must split into 6 equal buckets of whole milliseconds, each at least 1s; got PT5S",
                "fraud.card-window.medium: must be positive and at most 31d, got PT2160H",
                "fraud.card-window.medium: must be shorter than fraud.card-window.long (PT1H)");
    }

    @Test
    void outputTopicsMustDifferFromEachOther() {
        Map<String, String> s = local();
        s.put("topics.dlq", "payments.tokenized");

        assertThat(rejected(s).problems()).containsExactly("topics.raw: the topics.* keys must all name different topics");
    }

    @Test
    void argumentsOverrideTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "tokenization.key-provider=local\ndevelopment.allow-insecure=true\ndedupe.ttl=3d\ntopics.raw=from-file\n");

        PaymentsConfig config = PaymentsConfigLoader.load(new String[] {"--config", file.toString(), "--dedupe.ttl=1d"});

        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(config.topics().raw()).isEqualTo("from-file");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void malformedArgumentsAreNamed() {
        assertThatThrownBy(() -> PaymentsConfigLoader.load(new String[] {"dedupe.ttl", "1d"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("argument 'dedupe.ttl': expected --key value or --key=value");
        assertThatThrownBy(() -> PaymentsConfigLoader.load(new String[] {"--dedupe.ttl"}))
                .hasMessageContaining("dedupe.ttl: no value given");
    }

    @Test
    void readmeDocumentsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (ConfigKey key : ConfigKey.values()) {
            assertThat(readme).as("README row for %s", key.key())
                    .contains("| `" + key.key() + "` | `" + key.defaultValue() + "` |");
        }
    }
}
