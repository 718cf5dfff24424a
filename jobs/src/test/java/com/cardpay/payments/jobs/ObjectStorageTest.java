package com.cardpay.payments.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.S3Settings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

class ObjectStorageTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    @AfterEach
    void resetFileSystems() {
        FileSystem.initialize(new Configuration(), null);
    }

    private S3Settings withKeyFiles(String accessKey, String secretKey) throws Exception {
        Path access = Files.writeString(dir.resolve("access-key"), accessKey);
        Path secret = Files.writeString(dir.resolve("secret-key"), secretKey);
        return new S3Settings(URI.create("http://127.0.0.1:9090"), "us-east-1", true, access.toString(), secret.toString());
    }

    @Test
    void keysFromFilesSignInWithThoseKeysOnly() throws Exception {
        Configuration fs = ObjectStorage.fileSystemSettings(withKeyFiles("AKIAIOSFODNN7EXAMPLE\n", SECRET + "\r\n"));

        assertThat(fs.toMap()).containsOnly(
                Map.entry("s3.endpoint", "http://127.0.0.1:9090"),
                Map.entry("s3.endpoint.region", "us-east-1"),
                Map.entry("s3.path.style.access", "true"),
                Map.entry("s3.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"),
                Map.entry("s3.access-key", "AKIAIOSFODNN7EXAMPLE"),
                Map.entry("s3.secret-key", SECRET));
    }

    @Test
    void 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() {
        Configuration fs = ObjectStorage.fileSystemSettings(new S3Settings(null, null, false, null, null));

        assertThat(fs.toMap()).containsOnly(
                Map.entry("s3.path.style.access", "false"),
                Map.entry("s3.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain"));
    }

    @Test
    void aKmsKeyIdAsksS3aForSseKmsWithThatKey() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555";
        Configuration fs = ObjectStorage.fileSystemSettings(new S3Settings(null, null, false, null, null, key));

        // flink-s3-fs-hadoop hands s3.* to S3A as fs.s3a.*: fs.s3a.encryption.algorithm and .key.
        assertThat(fs.toMap()).containsEntry("s3.encryption.algorithm", "SSE-KMS").containsEntry("s3.encryption.key", key);
        assertThat(ObjectStorage.fileSystemSettings(new S3Settings(null, null, false, null, null)).toMap())
                .doesNotContainKeys("s3.encryption.algorithm", "s3.encryption.key");
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsNamedButNeverShown() throws Exception {
        S3Settings s3 = withKeyFiles("", "[default]\naws_secret_access_key = " + SECRET + "\n");

        assertThatThrownBy(() -> ObjectStorage.fileSystemSettings(s3))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "s3.access-key-file: '" + dir.resolve("access-key") + "' is empty",
                        "s3.secret-key-file: '" + dir.resolve("secret-key") + "' must hold the key alone, on one line (not a credentials file)"))
                .message().doesNotContain(SECRET);
    }

    @Test
    void aMissingOrOversizedKeyFileIsNamed() throws Exception {
        Path big = Files.writeString(dir.resolve("big"), "x".repeat(5000));
        S3Settings s3 = new S3Settings(null, null, false, dir.resolve("nowhere").toString(), big.toString());

        assertThatThrownBy(() -> ObjectStorage.fileSystemSettings(s3))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "s3.access-key-file: '" + dir.resolve("nowhere") + "' is not a readable file",
                        "s3.secret-key-file: '" + big + "' is larger than 4096 bytes: not a key"));
    }

    @Test
    void anS3LocationWithoutTheS3PluginFailsAtStartupNamingItsKey() throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod");
        PaymentsConfig config = PaymentsConfig.from(s);
        Path noPlugins = Files.createDirectories(dir.resolve("plugins"));

        assertThatThrownBy(() -> ObjectStorage.configureThisProcess(config, ObjectStorage.pluginsIn(noPlugins)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p).startsWith("checkpoint.storage: no file system for s3:// in this process; put "
                                + "flink-s3-fs-hadoop in a plugins/s3-fs-hadoop/ directory"),
                        p -> assertThat(p).startsWith("checkpoint.savepoint-storage: no file system for s3://")));
    }
}
