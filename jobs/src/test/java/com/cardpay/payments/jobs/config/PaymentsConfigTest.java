package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigSamples.local;
import static com.cardpay.payments.jobs.config.ConfigSamples.rejected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cardpay.payments.connectors.vault.VaultSettings;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class PaymentsConfigTest {

    @Test
    void defaultsWithLocalKeysAreValid() {
        PaymentsConfig config = PaymentsConfig.from(local());

        assertThat(config.topics().raw()).isEqualTo("payments.raw");
        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.maxParallelism()).isEqualTo(720);
        assertThat(config.consumerGroup()).isEqualTo("payments-job");
        assertThat(config.transactionalIdPrefix("dlq")).isEqualTo("payments-job.dev-dlq");
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
    void tlsIsVersionOnePointThreeOnlyUnlessConfigured() {
        assertThat(PaymentsConfig.from(local()).kafkaTls().enabledProtocols()).containsExactly("TLSv1.3");
        Map<String, String> s = local();
        s.put("kafka.ssl.enabled-protocols", "TLSv1.3, TLSv1.2");

        assertThat(PaymentsConfig.from(s).kafkaTls().enabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void tlsVersionsBelowOnePointTwoAreRefusedNamingTheKey() {
        for (String value : List.of("TLSv1.1", "TLSv1.3,TLSv1", "SSLv3", "", "TLSv1.3,TLSv1.3", "tlsv1.3")) {
            Map<String, String> s = local();
            s.put("kafka.ssl.enabled-protocols", value);

            assertThat(rejected(s).problems()).as(value).singleElement().asString()
                    .startsWith("kafka.ssl.enabled-protocols: must list TLSv1.3 and/or TLSv1.2");
        }
    }

    @Test
    void aKmsKeyForCheckpointsIsAnIdAnAliasOrAnArn() {
        for (String key : List.of("1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab",
                "alias/payments-checkpoints", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:kms:eu-west-1:111122223333:alias/payments-checkpoints")) {
            Map<String, String> s = local();
            s.put("checkpoint.storage", "s3://payments-checkpoints/payments-job");
            s.put("s3.sse-kms-key-id", key);

            assertThat(PaymentsConfig.from(s).s3().sseKmsKeyId()).isEqualTo(key);
        }
        assertThat(PaymentsConfig.from(local()).s3().sseKmsKeyId()).as("default: the bucket's own encryption").isNull();
    }

    @Test
    void aKmsKeyThatIsNoKeyIsRefusedNamingTheKey() {
        for (String key : List.of("aws:kms", "arn:aws:s3:::payments-checkpoints", "my key", "arn:aws:kms:eu-west-1:1:key/x")) {
            Map<String, String> s = local();
            s.put("checkpoint.storage", "s3://payments-checkpoints/payments-job");
            s.put("s3.sse-kms-key-id", key);

            assertThat(rejected(s).problems()).as(key).singleElement().asString()
                    .startsWith("s3.sse-kms-key-id: must be a KMS key id, alias/name or key/alias ARN");
        }
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
                .startsWith("kafka.transaction-timeout: must exceed checkpoint.interval + (checkpoint.tolerable-failures + 1) x "
                        + "checkpoint.timeout + checkpoint.tolerable-failures x checkpoint.min-pause + restart.max-backoff"
                        + " + kafka.longest-planned-outage (PT9M1S)");
    }

    @Test
    void theTransactionalIdPrefixIsJobNameDotEnvironmentAndNeitherMayHoldADot() {
        Map<String, String> s = local();
        s.put("job.name", "payments-job");
        s.put("deployment.environment", "prod");
        assertThat(PaymentsConfig.from(s).transactionalIdPrefix("scored")).isEqualTo("payments-job.prod-scored");

        // "a.b" + "c" and "a" + "b.c" would share a prefix: refused, naming each key
        s.put("job.name", "payments.job");
        s.put("deployment.environment", "prod.eu");
        assertThat(rejected(s).problems()).anyMatch(p -> p.startsWith("job.name: must be letters, digits, '-' and '_'"))
                .anyMatch(p -> p.startsWith("deployment.environment: must be letters, digits, '-' and '_'"));
    }

    @Test
    void theLongestPlannedOutageCountsAgainstTheTransactionTimeout() {
        Map<String, String> s = local();
        s.put("kafka.longest-planned-outage", "3m");   // 7m1s + 3m = 10m1s > 10m
        assertThat(rejected(s).problems()).singleElement().asString()
                .startsWith("kafka.transaction-timeout: must exceed").contains("(PT10M1S)", "got PT10M");

        s.put("kafka.longest-planned-outage", "-1m");
        assertThat(rejected(s).problems()).singleElement().asString().startsWith("kafka.longest-planned-outage: ");
    }

    @Test
    void everyToleratedCheckpointFailureCountsAgainstTheTransactionTimeout() {
        Map<String, String> s = local();
        // 1s + 4 x 2m + 3 x 1s + 1m = 9m4s: still inside the default 10m with no planned outage
        s.put("kafka.longest-planned-outage", "0s");
        s.put("checkpoint.tolerable-failures", "3");
        s.put("checkpoint.min-pause", "1s");
        assertThat(PaymentsConfig.from(s).checkpoints().longestOpenTransaction(Duration.ofMinutes(1)))
                .isEqualTo(Duration.parse("PT9M4S"));

        // 1s + 5 x 2m + 4 x 1s + 1m = 11m5s
        s.put("checkpoint.tolerable-failures", "4");
        assertThat(rejected(s).problems()).singleElement().asString()
                .startsWith("kafka.transaction-timeout: must exceed").contains("(PT11M5S)", "got PT10M");
    }

    @Test
    void checkpointAndRestartDefaults() {
        PaymentsConfig config = PaymentsConfig.from(local());

        CheckpointSettings c = config.checkpoints();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.minPause()).isEqualTo(Duration.ZERO);
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.tolerableFailures()).isEqualTo(2);
        assertThat(c.storage()).hasToString("file:///tmp/payments-job/checkpoints");
        assertThat(c.savepointStorage()).hasToString("file:///tmp/payments-job/checkpoints/savepoints");
        assertThat(c.incremental()).isTrue();
        assertThat(c.unaligned()).isFalse();
        assertThat(c.alignedTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retainOnCancel()).isTrue();
        assertThat(c.localRecovery()).isTrue();
        assertThat(c.usesS3()).isFalse();
        RestartSettings r = config.restart();
        assertThat(r.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.backoffMultiplier()).isEqualTo(2.0);
        assertThat(r.jitter()).isEqualTo(0.1);
        assertThat(r.resetBackoffAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(r.maxAttempts()).isEqualTo(RestartSettings.UNLIMITED);
        assertThat(config.s3()).isEqualTo(new S3Settings(null, null, false, null, null));
        assertThat(config.s3().differsFromDefaults()).isFalse();
    }

    @Test
    void checkpointAndRestartKeysAreRead() {
        Map<String, String> s = local();
        s.put("checkpoint.interval", "5s");
        s.put("checkpoint.min-pause", "2s");
        s.put("checkpoint.timeout", "1m");
        s.put("checkpoint.tolerable-failures", "0");
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod/");
        s.put("checkpoint.savepoint-storage", "s3a://payments-savepoints/prod");
        s.put("checkpoint.incremental", "false");
        s.put("checkpoint.unaligned", "true");
        s.put("checkpoint.aligned-timeout", "0s");
        s.put("checkpoint.retain-on-cancel", "false");
        s.put("checkpoint.local-recovery", "false");
        s.put("restart.initial-backoff", "500ms");
        s.put("restart.max-backoff", "5m");
        s.put("restart.backoff-multiplier", "1.5");
        s.put("restart.jitter", "0");
        s.put("restart.reset-backoff-after", "6h");
        s.put("restart.max-attempts", "20");

        PaymentsConfig config = PaymentsConfig.from(s);

        assertThat(config.checkpoints()).isEqualTo(new CheckpointSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 0, URI.create("s3://payments-checkpoints/prod/"), URI.create("s3a://payments-savepoints/prod"),
                false, true, Duration.ZERO, false, false));
        assertThat(config.checkpoints().usesS3()).isTrue();
        assertThat(config.restart()).isEqualTo(new RestartSettings(Duration.ofMillis(500), Duration.ofMinutes(5), 1.5, 0.0,
                Duration.ofHours(6), 20));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void savepointsGoBesideTheCheckpointsByDefault() {
        Map<String, String> s = local();
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod/");

        assertThat(PaymentsConfig.from(s).checkpoints().savepointStorage()).hasToString("s3://payments-checkpoints/prod/savepoints");
    }

    @Test
    void checkpointSettingsAreCheckedEachNamingItsKey() {
        Map<String, String> s = local();
        s.put("checkpoint.min-pause", "2s");
        s.put("checkpoint.aligned-timeout", "5s");
        s.put("checkpoint.tolerable-failures", "-1");
        s.put("checkpoint.local-recovery", "yes");
        s.put("checkpoint.storage", "s3:///no-bucket");
        s.put("checkpoint.savepoint-storage", "file:relative/savepoints");

        assertThat(rejected(s).problems()).containsExactlyInAnyOrder(
                "checkpoint.min-pause: must be at most checkpoint.interval (PT1S), or checkpoints would come less often "
                        + "than the interval says; got PT2S",
                "checkpoint.aligned-timeout: is only used with checkpoint.unaligned=true, which is not set",
                "checkpoint.tolerable-failures: must be a whole number, 0 or more, got '-1'",
                "checkpoint.local-recovery: must be true or false, got 'yes'",
                "checkpoint.storage: must name a bucket, as in s3://bucket/path (bucket names: lowercase letters, digits, '-' "
                        + "and '.'), got 's3:///no-bucket'",
                "checkpoint.savepoint-storage: must be an absolute file:/// URI, got 'file:relative/savepoints'");
    }

    @Test
    void anAlignedTimeoutMustEndBeforeTheCheckpointTimeout() {
        Map<String, String> s = local();
        s.put("checkpoint.unaligned", "true");
        s.put("checkpoint.aligned-timeout", "2m");

        assertThat(rejected(s).problems()).containsExactly(
                "checkpoint.aligned-timeout: must be shorter than checkpoint.timeout (PT2M), got PT2M");
    }

    @Test
    void restartLimitsAreCheckedEachNamingItsKey() {
        Map<String, String> s = local();
        s.put("restart.backoff-multiplier", "0.5");
        s.put("restart.jitter", "NaN");
        s.put("restart.reset-backoff-after", "1m");
        s.put("restart.max-attempts", "0");
        s.put("restart.initial-backoff", "2m");

        assertThat(rejected(s).problems()).containsExactlyInAnyOrder(
                "restart.backoff-multiplier: must be a number from 1.0 to 10.0, got '0.5'",
                "restart.jitter: must be a number from 0.0 to 1.0, got 'NaN'",
                "restart.reset-backoff-after: must be longer than restart.max-backoff (PT1M), got PT1M",
                "restart.max-attempts: must be unlimited or a positive whole number, got '0'",
                "restart.max-backoff: must be at least restart.initial-backoff (PT2M)");
    }

    private static Map<String, String> s3() {
        Map<String, String> s = local();
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod");
        return s;
    }

    @Test
    void s3SettingsAreRead() {
        Map<String, String> s = s3();
        s.put("s3.endpoint", "https://minio.storage.svc:9000");
        s.put("s3.region", "eu-west-1");
        s.put("s3.path-style-access", "true");
        s.put("s3.access-key-file", "/var/run/secrets/s3/access-key");
        s.put("s3.secret-key-file", "/var/run/secrets/s3/secret-key");

        S3Settings s3 = PaymentsConfig.from(s).s3();

        assertThat(s3).isEqualTo(new S3Settings(URI.create("https://minio.storage.svc:9000"), "eu-west-1", true,
                "/var/run/secrets/s3/access-key", "/var/run/secrets/s3/secret-key"));
        assertThat(s3.keysFromFiles()).isTrue();
        assertThat(s3.differsFromDefaults()).isTrue();
    }

    @Test
    void withoutKeyFilesThePodIdentitySignsIn() {
        S3Settings s3 = PaymentsConfig.from(s3()).s3();

        assertThat(s3.keysFromFiles()).isFalse();
        assertThat(s3.endpoint()).isNull();
        assertThat(s3.region()).isNull();
    }

    @Test
    void s3SettingsAreCheckedEachNamingItsKey() {
        Map<String, String> s = s3();
        s.put("s3.endpoint", "https://s3.example.com/some/path");
        s.put("s3.region", "EU West 1");
        s.put("s3.path-style-access", "maybe");
        s.put("s3.access-key-file", "secrets/access-key");

        assertThat(rejected(s).problems()).containsExactlyInAnyOrder(
                "s3.endpoint: must be https://host or https://host:port, without a path, got 'https://s3.example.com/some/path'",
                "s3.region: must be a region name such as eu-west-1 (lowercase letters, digits and '-'), got 'EU West 1'",
                "s3.path-style-access: must be true or false, got 'maybe'",
                "s3.secret-key-file: is required with s3.access-key-file",
                "s3.access-key-file: must be an absolute path, got 'secrets/access-key'");
    }

    @Test
    void keysNeverGoInAnEndpointOrALocationAndAreNeverEchoed() {
        Map<String, String> s = s3();
        s.put("s3.endpoint", "https://AKIAEXAMPLE:wJalrXUtnFEMI@s3.example.com");
        s.put("checkpoint.savepoint-storage", "s3://AKIAEXAMPLE:wJalrXUtnFEMI@payments-savepoints/prod");

        ConfigException e = rejected(s);

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "s3.endpoint: must not carry user info: credentials never go in config (use s3.access-key-file and "
                        + "s3.secret-key-file, or the pod's identity)",
                "checkpoint.savepoint-storage: must not carry user info: credentials never go in config (see s3.access-key-file)");
        assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI", "AKIAEXAMPLE");
    }

    /**
     * A real AWS secret key holds '/' (the documentation's own example does): in a URI it ends the
     * authority before the '@', so Java sees no user info and the value was echoed in full.
     */
    @Test
    void aSecretKeyWithASlashIsNeverEchoedEither() {
        Map<String, String> s = s3();
        s.put("s3.endpoint", "https://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY@s3.example.com");
        s.put("checkpoint.savepoint-storage", "s3://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY@payments-savepoints/prod");

        ConfigException e = rejected(s);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("s3.endpoint: "))
                .anySatisfy(p -> assertThat(p).startsWith("checkpoint.savepoint-storage: "));
        assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI", "bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE");
    }

    /** The same where the host is no valid host name (a compose service such as minio_1): no user info for Java either. */
    @Test
    void keysBeforeAnUnderscoreHostAreNeverEchoed() {
        Map<String, String> s = s3();
        s.put("development.allow-insecure", "true");
        s.put("s3.endpoint", "http://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY@minio_1:9000");
        s.put("checkpoint.storage", "s3://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY@payments_checkpoints/prod");

        ConfigException e = rejected(s);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("s3.endpoint: "))
                .anySatisfy(p -> assertThat(p).startsWith("checkpoint.storage: "));
        assertThat(e.getMessage()).doesNotContain("wJalrXUtnFEMI", "AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void anHttpEndpointIsRefusedWithoutTheDevelopmentKey() {
        Map<String, String> s = s3();
        s.put("development.allow-insecure", "false");
        s.put("tokenization.key-provider", "vault");
        s.put("s3.endpoint", "http://127.0.0.1:9090");

        assertThat(rejected(s).problems()).singleElement().asString()
                .startsWith("s3.endpoint: must start with https://: over http:// every checkpoint")
                .contains("development.allow-insecure=true");

        s.put("development.allow-insecure", "true");
        assertThat(PaymentsConfig.from(s).s3().endpoint()).hasToString("http://127.0.0.1:9090");
    }

    @Test
    void s3KeysWithoutAnyS3LocationAreAMistake() {
        Map<String, String> s = local();
        s.put("s3.endpoint", "https://s3.example.com");
        s.put("s3.secret-key-file", "/var/run/secrets/s3/secret-key");
        s.put("s3.access-key-file", "/var/run/secrets/s3/access-key");

        assertThat(rejected(s).problems()).containsExactlyInAnyOrder(
                "s3.endpoint: is set, but neither checkpoint.storage nor checkpoint.savepoint-storage is an s3:// URI",
                "s3.access-key-file: is set, but neither checkpoint.storage nor checkpoint.savepoint-storage is an s3:// URI",
                "s3.secret-key-file: is set, but neither checkpoint.storage nor checkpoint.savepoint-storage is an s3:// URI");

        s.put("checkpoint.savepoint-storage", "s3://payments-savepoints/prod");
        assertThat(PaymentsConfig.from(s).checkpoints().usesS3()).isTrue();
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
