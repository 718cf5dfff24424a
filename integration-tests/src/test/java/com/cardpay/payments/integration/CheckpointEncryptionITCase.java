package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.S3MockServer;
import com.cardpay.payments.integration.testutils.TlsMaterial;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.ObjectStorage;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SSE-KMS on the checkpoint bucket: with {@code s3.sse-kms-key-id} set, the objects a checkpoint
 * writes with a single PUT (RocksDB's SST files in {@code shared/}, directory markers) were stored
 * with {@code x-amz-server-side-encryption: aws:kms} and that key, as a HEAD on each shows; the
 * checkpoint's {@code _metadata}, a multipart upload, is not checked (see the test). Against a real
 * S3 API server (S3Mock, its own JVM, over HTTPS) that knows one KMS key and refuses writes naming any other,
 * through {@code flink-s3-fs-hadoop} as a plugin, with the payments job (parallelism 2) on the real
 * broker. The control: the same job without the key writes objects that carry no KMS header, so
 * the header is the setting's doing, not the server's.
 *
 * <p>S3Mock does not encrypt anything: it checks the key id against the keys it was given and
 * stores and returns the encryption headers. What this proves is what the job asks S3 for; that
 * AWS then encrypts with the key is AWS's part (flink-k8s/storage/README.md).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CheckpointEncryptionITCase {
    private static final String BUCKET = "payments-checkpoints";
    // S3Mock knows keys by ARN but checks the id in a request against their key ids only (real S3
    // takes an id, an alias or an ARN): the job is given the id.
    private static final String KMS_KEY_ID = "6f1c2a9e-0d7b-4c55-9a31-2b8e4f0c7d10";
    private static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + KMS_KEY_ID;
    private static final String SSE = "x-amz-server-side-encryption";
    private static final String SSE_KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    private static final Path PLUGINS = Path.of("target", "plugins");
    private static final Duration WITHIN = Duration.ofMinutes(2);

    /** S3 over HTTPS, as in production: the AWS SDK refuses to send encryption headers over plain HTTP. */
    private static final TlsMaterial TLS = tlsMaterial();

    @RegisterExtension
    @Order(1)
    static final S3MockServer S3 = new S3MockServer(BUCKET, List.of(KMS_KEY_ARN), TLS.brokerKeystore());

    @RegisterExtension
    @Order(2)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(FlinkSettings.clusterSettings(PaymentsConfig.from(Map.of())))
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

    private static final Map<String, String> TRUST = Map.of("javax.net.ssl.trustStore", TLS.truststore().path().toString(),
            "javax.net.ssl.trustStorePassword", TLS.truststore().password(), "javax.net.ssl.trustStoreType", "PKCS12");
    private static final Map<String, String> TRUST_BEFORE = new java.util.HashMap<>();

    /** The S3 client (the AWS SDK in the plugin) trusts the JVM's default truststore: the test CA, for this class. */
    @BeforeAll
    static void trustTheTestCa() {
        TRUST.forEach((k, v) -> {
            TRUST_BEFORE.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
    }

    @AfterAll
    static void leaveTheFileSystemsAsFound() {
        FileSystem.initialize(new Configuration(), null);
        TRUST_BEFORE.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private static TlsMaterial tlsMaterial() {
        try {
            return TlsMaterial.generate(Files.createTempDirectory("sse-kms-it-tls"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot generate the test's TLS material", e);
        }
    }

    @Test
    void checkpointObjectsAskForSseKmsWithTheConfiguredKey(@InjectMiniCluster MiniCluster cluster, @TempDir Path secrets)
            throws Exception {
        Map<String, String> settings = s3Settings("sse-kms-it", "encrypted", secrets);
        settings.put("s3.sse-kms-key-id", KMS_KEY_ID);

        Map<String, Map<String, List<String>>> objects = checkpointObjects(cluster, PaymentsConfig.from(settings));

        // Objects completed from a multipart upload (ETag "<md5>-<parts>") are left out: the
        // checkpoint's _metadata, which Flink writes through its S3 recoverable writer. S3Mock shows
        // no encryption headers on such objects; whether it drops them at CompleteMultipartUpload or
        // the upload never asked, it cannot show. The bucket policy backstop covers them
        // (flink-k8s/storage/README.md).
        Map<String, Map<String, List<String>>> singlePut = new java.util.TreeMap<>(objects);
        singlePut.values().removeIf(h -> h.getOrDefault("etag", List.of("")).get(0).matches("\"?[0-9a-f]+-[0-9]+\"?"));
        assertThat(singlePut.keySet()).as("single-PUT objects: RocksDB's SST files in shared/")
                .anyMatch(k -> k.contains("/shared/"));
        singlePut.forEach((key, headers) -> {
            assertThat(headers.get(SSE)).as("%s of %s", SSE, key).containsExactly("aws:kms");
            assertThat(headers.get(SSE_KEY)).as("%s of %s", SSE_KEY, key).singleElement().isIn(KMS_KEY_ID, KMS_KEY_ARN);
        });
    }

    @Test
    void withoutTheKeyCheckpointObjectsAskForNoKmsEncryption(@InjectMiniCluster MiniCluster cluster, @TempDir Path secrets)
            throws Exception {
        Map<String, Map<String, List<String>>> objects = checkpointObjects(cluster,
                PaymentsConfig.from(s3Settings("sse-none-it", "default", secrets)));

        objects.forEach((key, headers) -> {
            assertThat(headers.getOrDefault(SSE, List.of())).as("%s of %s", SSE, key).doesNotContain("aws:kms");
            assertThat(headers).as("headers of %s", key).doesNotContainKey(SSE_KEY);
        });
    }

    /**
     * Runs the job until a checkpoint with state in {@code shared/} has completed, cancels it, and
     * returns the headers of every object the job left in the bucket, by key: the checkpoint
     * retained on cancel, its _metadata and the shared/ files (those Flink is still deleting as it
     * shuts down are left out).
     */
    private static Map<String, Map<String, List<String>>> checkpointObjects(MiniCluster cluster, PaymentsConfig config) throws Exception {
        ObjectStorage.configureThisProcess(config, ObjectStorage.pluginsIn(PLUGINS));
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        SyntheticPayments generator = new SyntheticPayments(31, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            input.add(generator.next());
        }
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);
        JobClient job = TestJobs.start(config, null);
        JobID id = job.getJobID();
        String prefix = key(config) + "/" + id + "/";
        try {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (true) {
                AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS);
                CompletedCheckpointStats latest = graph.getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
                if (latest != null && !S3.keys(prefix + "shared/").isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    FailedCheckpointStats failed = graph.getCheckpointStatsSnapshot().getHistory().getLatestFailedCheckpoint();
                    throw new AssertionError("no completed checkpoint with shared/ state in the bucket within " + WITHIN + "; job "
                            + graph.getState() + ", last failed checkpoint: " + (failed == null ? "none" : failed.getFailureMessage())
                            + ", job failure: " + (graph.getFailureInfo() == null ? "none" : graph.getFailureInfo().getExceptionAsString())
                            + "\nS3Mock's log:\n" + S3.logTail());
                }
                Thread.sleep(100);
            }
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
            JobEnd.awaitTerminal(job);
        }
        // Cancelled: Flink deletes nothing more, and keeps its last checkpoint (checkpoint.retain-on-cancel).
        Map<String, Map<String, List<String>>> objects = new java.util.TreeMap<>();
        for (String key : S3.keys(prefix)) {
            Map<String, List<String>> headers = S3.head(key);
            if (headers != null) {
                objects.put(key, headers);
            }
        }
        assertThat(objects.keySet()).as("objects under %s", prefix).anyMatch(k -> k.matches(".*/chk-[0-9]+/_metadata"))
                .anyMatch(k -> k.startsWith(prefix + "shared/"));
        return objects;
    }

    /** The bucket path of {@code checkpoint.storage}, without the bucket. */
    private static String key(PaymentsConfig config) {
        return config.checkpoints().storage().getPath().substring(1);
    }

    private static Map<String, String> s3Settings(String name, String prefix, Path secrets) throws IOException {
        Map<String, String> s = TestJobs.settings(name, KAFKA.bootstrapServers(), secrets.resolve("unused"));
        s.put("checkpoint.storage", "s3://" + BUCKET + "/" + prefix);
        s.put("checkpoint.interval", "500ms");
        s.put("s3.endpoint", S3.httpsEndpoint().toString());
        s.put("s3.region", "us-east-1");
        s.put("s3.path-style-access", "true");
        s.put("s3.access-key-file", Files.writeString(secrets.resolve("access-key"), "AKIASSEKMSITEXAMPLE1").toString());
        s.put("s3.secret-key-file", Files.writeString(secrets.resolve("secret-key"), "sse-kms-it/secret0123456789EXAMPLE").toString());
        return s;
    }
}
