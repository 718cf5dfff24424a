package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.LogCapture;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.TlsHandshakeRecorder;
import com.cardpay.payments.integration.testutils.TlsHandshakeRecorder.Handshake;
import com.cardpay.payments.integration.testutils.TlsMaterial;
import com.cardpay.payments.integration.testutils.TlsMaterial.Renewal;
import com.cardpay.payments.integration.testutils.TlsMaterial.Store;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
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
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * cert-manager renews the job's Kafka client certificate under a running job, and the job carries
 * on with the new one, without a restart and exactly once. On a MiniCluster (parallelism 2) against
 * a real broker that requires client certificates:
 * <ol>
 *   <li>the job runs on its first certificate (issued by the test CA) and commits a first batch;</li>
 *   <li>the mounted keystore is replaced, atomically as the kubelet swaps a secret volume, by a
 *       renewed certificate from a new CA, under the same password (the job's truststore is the
 *       bundle of both CAs, as cert-manager's trust bundle is during a CA change);</li>
 *   <li>the broker moves to the new CA (its own renewed certificate, and trust in the new CA
 *       only) by a restart, as a Strimzi CA renewal rolls its brokers: every connection the job
 *       had is gone and must be made again, and the first certificate is refused from then on (a
 *       probe shows it). With the old certificate, each reconnection would fail and so would the
 *       job (restarts off);</li>
 *   <li>a second batch goes in; every valid payment of both batches is committed once, the job
 *       never left RUNNING, and every connection the broker accepted from the job's name since its
 *       restart presented the renewed certificate.</li>
 * </ol>
 * A dynamic update of the broker's stores through the Admin API was tried instead of the restart:
 * Kafka checks each such update by a handshake between the old and the new settings, and on this
 * single broker, whose own client uses the same listener, the two steps of a CA move (certificate,
 * then trust) raced each other's file swaps and were refused now and then. The restart is also
 * what forces every connection to be made again.
 *
 * <p>The same test without {@link com.cardpay.payments.connectors.kafka.RenewableStoresSslEngineFactory}
 * fails at step 3: Kafka's own factory keeps the keystore it loaded when each client was created.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaCertificateRotationITCase {
    private static final String BROKER_TAG = "rotation-it";
    private static final String JOB_SUBJECT = "CN=payments-job,O=cardpay-test";
    private static final int BATCH = 200;
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @TempDir
    static Path tlsDir;

    private static TlsMaterial tls;
    private static Renewal renewal;
    private static EmbeddedKafka kafka;
    /** The job's keystore as mounted from the cert-manager secret: rewritten on renewal. */
    private static Path mountedKeystore;
    /** The broker listener's keystore and truststore, rewritten when the broker moves to the new CA. */
    private static Path brokerKeystore;
    private static Path brokerTruststore;
    private static X509Certificate first;
    private static X509Certificate renewed;

    @BeforeAll
    static void startBrokerTrustingBothCas() throws Exception {
        tls = TlsMaterial.generate(tlsDir);
        renewal = tls.renewal();
        mountedKeystore = Files.createDirectories(tlsDir.resolve("mounted")).resolve("keystore.p12");
        Files.copy(tls.clientKeystore().path(), mountedKeystore);
        brokerKeystore = Files.copy(tls.brokerKeystore().path(), tlsDir.resolve("broker-listener-keystore.p12"));
        brokerTruststore = Files.copy(renewal.trustBoth().path(), tlsDir.resolve("broker-listener-truststore.p12"));
        kafka = EmbeddedKafka.startWithTls(new EmbeddedKafka.BrokerTls(brokerKeystore, tls.brokerKeystore().password(),
                brokerTruststore, renewal.trustBoth().password(), true), TlsHandshakeRecorder.brokerConfig(BROKER_TAG));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRenewedCertificateIsUsedWithoutARestartAndPaymentsFlowExactlyOnce(@TempDir Path checkpoints) throws Exception {
        first = TlsMaterial.certificate(tls.clientKeystore());
        renewed = TlsMaterial.certificate(renewal.renewedClientKeystore());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());

        PaymentsConfig config = PaymentsConfig.from(settings("rotation-it", checkpoints));
        Map<String, String> jobTls = config.kafkaTls().clientProperties();
        kafka.createTopics(TestJobs.topics(config), 2);
        SyntheticPayments generator = new SyntheticPayments(23, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> firstBatch = batch(generator);
        List<Generated> secondBatch = batch(generator);
        KafkaTestSupport.produce(kafka.bootstrapServers(), config.topics().raw(), firstBatch, jobTls);

        // Restarts off: a client refused after the renewal fails the job instead of being rebuilt
        // (a rebuilt client would load the new files anyway, and hide what this test is about).
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            awaitTokenized(job, config, validIds(firstBatch));
            List<Handshake> beforeRenewal = jobsHandshakes();
            assertThat(beforeRenewal).as("the job's connections before the renewal").isNotEmpty()
                    .allMatch(h -> h.from(first), "present the first certificate");

            // 2. cert-manager renews: the kubelet swaps the secret volume's files atomically.
            replaceAtomically(renewal.renewedClientKeystore().path(), mountedKeystore);
            // 3. The broker moves to the new CA: its own renewed certificate, and trust in the new
            // CA only. It restarts to do so, so every connection the job had is gone and must be made
            // again; with the first certificate each would now be refused, and the job would fail.
            kafka.stopBroker();
            replaceAtomically(renewal.renewedBrokerKeystore().path(), brokerKeystore);
            replaceAtomically(renewal.trustNewOnly().path(), brokerTruststore);
            int renewedAt = TlsHandshakeRecorder.handshakes(BROKER_TAG).size();
            kafka.restartBroker();
            assertRefusedByTheBroker(probeFailure(renewal.trustBoth(), tls.clientKeystore()));
            assertThat(probeFailure(renewal.trustBoth(), renewal.renewedClientKeystore())).as("a client with the renewed certificate")
                    .isNull();

            // 4. More payments, through the reconnected job.
            KafkaTestSupport.produce(kafka.bootstrapServers(), config.topics().raw(), secondBatch, jobTls);
            Set<String> valid = validIds(firstBatch);
            valid.addAll(validIds(secondBatch));
            List<ConsumerRecord<byte[], byte[]>> tokenized = awaitTokenized(job, config, valid);

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(tokenized.stream().map(r -> jsonField(r, "payment_id")).toList())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(valid);
            assertThat(readCommitted(kafka.bootstrapServers(), config.topics().vault(), jobTls)).hasSize(valid.size());
            long rejected = java.util.stream.Stream.concat(firstBatch.stream(), secondBatch.stream())
                    .filter(g -> g.expectedRejection() != null).count();
            assertThat(readCommitted(kafka.bootstrapServers(), config.topics().dlq(), jobTls)).hasSize((int) rejected);
            List<Handshake> afterRenewal = TlsHandshakeRecorder.handshakes(BROKER_TAG).stream().skip(renewedAt)
                    .filter(h -> h.clientSubject().equals(JOB_SUBJECT)).toList();
            // The job's source, its five sinks and the test's own clients reconnected: many more than these.
            assertThat(afterRenewal).as("the job's connections after the renewal (first %s, renewed %s)",
                    first.getSerialNumber(), renewed.getSerialNumber()).hasSizeGreaterThanOrEqualTo(6)
                    .allMatch(h -> h.from(renewed), "present the renewed certificate");
            // The job's own clients said so when they reloaded their stores.
            assertThat(LOGS.lines()).as("the job's clients reloading their stores")
                    .anyMatch(l -> l.contains("Kafka TLS stores reloaded") && l.contains(renewed.getSerialNumber().toString(16))
                            && l.contains("payments.raw"));
        } finally {
            JobEnd.cancel(job, checkpoints);
        }
    }

    private static Map<String, String> settings(String name, Path checkpoints) {
        Map<String, String> s = TestJobs.settings(name, kafka.bootstrapServers(), checkpoints);
        s.put("kafka.security-protocol", "ssl");
        s.put("kafka.ssl.truststore-path", renewal.trustBoth().path().toString());
        s.put("kafka.ssl.truststore-password-file", renewal.trustBoth().passwordFile().toString());
        s.put("kafka.ssl.keystore-path", mountedKeystore.toString());
        s.put("kafka.ssl.keystore-password-file", tls.clientKeystore().passwordFile().toString());
        return s;
    }

    private static List<Generated> batch(SyntheticPayments generator) {
        List<Generated> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(generator.next());
        }
        return batch;
    }

    private static Set<String> validIds(List<Generated> batch) {
        Set<String> ids = new HashSet<>();
        batch.stream().filter(g -> g.kind() == Kind.VALID).forEach(g -> ids.add(g.paymentId()));
        return ids;
    }

    /** Waits until {@code expected} payment ids are all committed to the tokenized topic; fails at once if the job does. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitTokenized(JobClient job, PaymentsConfig config, Set<String> expected)
            throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Set<String> seen = Set.of();
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get();
            if (status != JobStatus.RUNNING && status != JobStatus.CREATED && status != JobStatus.INITIALIZING) {
                Throwable why = catchThrowable(() -> job.getJobExecutionResult().get(10, TimeUnit.SECONDS));
                throw new AssertionError("the job left RUNNING: " + status + "; handshakes seen by the broker: "
                        + TlsHandshakeRecorder.handshakes(BROKER_TAG).stream().collect(java.util.stream.Collectors.groupingBy(
                                h -> h.clientSerial().toString(16), java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                        + " (first " + first.getSerialNumber().toString(16) + ", renewed " + renewed.getSerialNumber().toString(16)
                        + "); TLS log lines:\n" + String.join("\n", tlsLogLines()), why);
            }
            List<ConsumerRecord<byte[], byte[]>> tokenized = readCommitted(kafka.bootstrapServers(), config.topics().tokenized(),
                    config.kafkaTls().clientProperties());
            seen = new HashSet<>(tokenized.stream().map(r -> jsonField(r, "payment_id")).toList());
            if (seen.containsAll(expected)) {
                return tokenized;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + seen.size() + " of " + expected.size() + " payments committed within " + WITHIN);
    }

    private static List<String> tlsLogLines() {
        return LOGS.lines().stream().filter(l -> l.contains("TLS stores") || l.contains("Failed authentication")
                || l.contains("SSL handshake failed")).map(l -> l.lines().limit(3).collect(java.util.stream.Collectors.joining(" | ")))
                .limit(60).toList();
    }

    private static List<Handshake> jobsHandshakes() {
        return TlsHandshakeRecorder.handshakes(BROKER_TAG).stream().filter(h -> h.clientSubject().equals(JOB_SUBJECT)).toList();
    }

    /** Writes {@code source}'s content to {@code target} in one rename, as the kubelet does with a secret volume. */
    private static void replaceAtomically(Path source, Path target) throws IOException {
        Path staged = Files.copy(source, target.resolveSibling("." + target.getFileName() + ".staged"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Why an admin client with these stores could not describe the cluster, or null if it could. */
    private static Throwable probeFailure(Store truststore, Store keystore) {
        Map<String, Object> config = new HashMap<>(TlsMaterial.clientTls(truststore, keystore).clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            return catchThrowable(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                    .clusterId().get(20, TimeUnit.SECONDS));
        }
    }

    private static void assertRefusedByTheBroker(Throwable failure) {
        assertThat(failure).as("a client with the first certificate must be refused now").isNotNull();
        Throwable cause = failure;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(SslAuthenticationException.class);
    }
}
