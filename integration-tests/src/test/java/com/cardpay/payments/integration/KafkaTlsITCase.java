package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.kafka.KafkaTls;
import com.cardpay.payments.connectors.kafka.PaymentsKafka;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.integration.testutils.TlsHandshakeRecorder;
import com.cardpay.payments.integration.testutils.TlsMaterial;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job over mutual TLS, on a real broker whose only client listener is SSL with {@code
 * ssl.client.auth=required}: the pipeline runs end to end with its client certificate and its
 * passwords as mounted-file references; clients without a certificate the broker trusts, or
 * without the CA that signed the broker's, are refused; no password reaches the job's client
 * properties or its job graph. The job's clients offer TLS 1.3 only: the broker sees TLS 1.3 on
 * every connection they make, and a broker limited to TLS 1.2 refuses them at the handshake.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaTlsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 400;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{mountedsecrets:([^}:]+):([^}:]+)}");
    private static final String PROBE_TOPIC = "tls-it.probe";
    private static final String BROKER_TAG = "tls-it";
    private static final String JOB_SUBJECT = "CN=payments-job,O=cardpay-test";

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @TempDir
    static Path tlsDir;

    private static TlsMaterial tls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithMutualTls() throws Exception {
        tls = TlsMaterial.generate(tlsDir);
        kafka = EmbeddedKafka.startWithTls(tls.brokerTls(true), TlsHandshakeRecorder.brokerConfig(BROKER_TAG));
        kafka.createTopics(List.of(PROBE_TOPIC), 1);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void pipelineRunsOverMutualTlsAndCommitsExactlyTheExpectedOutput(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(tlsSettings("tls-it", checkpoints));
        Map<String, String> kafkaTls = config.kafkaTls().clientProperties();
        kafka.createTopics(TestJobs.topics(config), 2);
        SyntheticPayments generator = new SyntheticPayments(11, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            input.add(generator.next());
        }
        // The input goes in over TLS too, with the job's certificate and its password references.
        KafkaTestSupport.produce(kafka.bootstrapServers(), config.topics().raw(), input, kafkaTls);

        // Restarts off: a TLS failure in any source or sink fails the job at once instead of looping.
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        job(config, kafkaTls).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            job.getJobExecutionResult().get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            job.cancel().get(30, TimeUnit.SECONDS);
            throw new AssertionError("the bounded job over TLS did not finish within 90 s", e);
        }

        Set<String> valid = new java.util.HashSet<>();
        input.stream().filter(g -> g.kind() == Kind.VALID).forEach(g -> valid.add(g.paymentId()));
        long rejected = input.stream().filter(g -> g.expectedRejection() != null).count();
        assertThat(valid).hasSizeGreaterThan(RECORDS / 2);
        assertThat(rejected).isPositive();
        assertThat(input).anyMatch(g -> g.kind() == Kind.EXACT_REPLAY);

        // Read back read_committed, over TLS as well.
        List<ConsumerRecord<byte[], byte[]>> tokenized = readCommitted(kafka.bootstrapServers(), config.topics().tokenized(), kafkaTls);
        List<ConsumerRecord<byte[], byte[]>> vault = readCommitted(kafka.bootstrapServers(), config.topics().vault(), kafkaTls);
        List<ConsumerRecord<byte[], byte[]>> dlq = readCommitted(kafka.bootstrapServers(), config.topics().dlq(), kafkaTls);
        assertThat(tokenized.stream().map(r -> jsonField(r, "payment_id")).toList())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(valid);
        assertThat(vault).hasSize(valid.size());
        assertThat(dlq).hasSize((int) rejected);
        // The broker's side of every connection the job's certificate made: all TLS 1.3.
        List<TlsHandshakeRecorder.Handshake> jobs = jobsHandshakes(BROKER_TAG);
        assertThat(jobs).as("connections with the job's certificate").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(h -> assertThat(h.protocol()).isEqualTo("TLSv1.3"));
    }

    @Test
    void theJobsClientsNegotiateTlsOnePointThree(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(tlsSettings("tls-version", checkpoints));
        assertThat(config.kafkaTls().clientProperties()).containsEntry("ssl.enabled.protocols", "TLSv1.3");
        int before = TlsHandshakeRecorder.handshakes(BROKER_TAG).size();

        Map<String, Object> jobs = clientConfig(config.kafkaTls());
        assertThat(adminFailure(jobs)).isNull();
        assertThat(producerFailure(jobs)).isNull();
        assertThat(consumerFailure(jobs)).isNull();

        List<TlsHandshakeRecorder.Handshake> made = TlsHandshakeRecorder.handshakes(BROKER_TAG).stream().skip(before)
                .filter(h -> h.clientSubject().equals(JOB_SUBJECT)).toList();
        assertThat(made).as("admin, producer and consumer connections").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(h -> assertThat(h.protocol()).isEqualTo("TLSv1.3"));
    }

    @Test
    void aBrokerLimitedToTlsOnePointTwoRefusesTheJobsClients(@TempDir Path checkpoints) throws Exception {
        String prefix = "listener.name.external.";
        Map<String, String> tls12Only = new HashMap<>(TlsHandshakeRecorder.brokerConfig("tls12-only"));
        tls12Only.put(prefix + "ssl.enabled.protocols", "TLSv1.2");
        tls12Only.put(prefix + "ssl.protocol", "TLSv1.2");
        try (EmbeddedKafka oldBroker = EmbeddedKafka.startWithTls(tls.brokerTls(true), tls12Only)) {
            oldBroker.createTopics(List.of(PROBE_TOPIC), 1);
            Map<String, String> settings = tlsSettings("tls12", checkpoints);
            settings.put("kafka.bootstrap-servers", oldBroker.bootstrapServers());
            Map<String, Object> jobs = clientConfig(PaymentsConfig.from(settings).kafkaTls(), oldBroker.bootstrapServers());

            assertRefusedForItsVersion("admin", adminFailure(jobs));
            assertRefusedForItsVersion("producer", producerFailure(jobs));
            assertRefusedForItsVersion("consumer", consumerFailure(jobs));
            assertThat(jobsHandshakes("tls12-only")).as("none of the job's connections got through").isEmpty();

            // The control: the same clients allowed TLS 1.2 by configuration get through, on TLS 1.2.
            settings.put("kafka.ssl.enabled-protocols", "TLSv1.3,TLSv1.2");
            Map<String, Object> allowed = clientConfig(PaymentsConfig.from(settings).kafkaTls(), oldBroker.bootstrapServers());
            assertThat(adminFailure(allowed)).isNull();
            assertThat(jobsHandshakes("tls12-only")).isNotEmpty()
                    .allSatisfy(h -> assertThat(h.protocol()).isEqualTo("TLSv1.2"));
        }
    }

    @Test
    void clientCertificateFromAnUntrustedCaIsRefusedByTheBroker() {
        Map<String, Object> untrusted = clientConfig(TlsMaterial.clientTls(tls.truststore(), tls.untrustedClientKeystore()));
        assertRefusedByTheBroker("producer", producerFailure(untrusted));
        assertRefusedByTheBroker("consumer", consumerFailure(untrusted));
        assertRefusedByTheBroker("admin", adminFailure(untrusted));
    }

    @Test
    void clientWithoutACertificateIsRefusedByTheBroker() {
        Map<String, Object> noCertificate = clientConfig(TlsMaterial.clientTls(tls.truststore(), null));
        assertRefusedByTheBroker("producer", producerFailure(noCertificate));
        assertRefusedByTheBroker("consumer", consumerFailure(noCertificate));
        assertRefusedByTheBroker("admin", adminFailure(noCertificate));
    }

    @Test
    void clientWithoutTheTruststoreCannotVerifyTheBroker() {
        // No truststore: the JVM's default CAs, which never signed the broker's certificate.
        Map<String, Object> noTruststore = clientConfig(TlsMaterial.clientTls(null, tls.clientKeystore()));
        assertThat(noTruststore).doesNotContainKey("ssl.truststore.location");
        assertBrokerNotVerified("producer", producerFailure(noTruststore));
        assertBrokerNotVerified("consumer", consumerFailure(noTruststore));
        assertBrokerNotVerified("admin", adminFailure(noTruststore));
        // A truststore with another CA in it fails the same way.
        Map<String, Object> wrongCa = clientConfig(TlsMaterial.clientTls(tls.untrustedTruststore(), tls.clientKeystore()));
        assertBrokerNotVerified("admin trusting another CA", adminFailure(wrongCa));
    }

    @Test
    void theTrustedClientCertificateIsAccepted() throws Exception {
        // The control for the refusals above: the same clients with the job's certificate get through.
        Map<String, Object> trusted = clientConfig(TlsMaterial.clientTls(tls.truststore(), tls.clientKeystore()));
        try (Admin admin = Admin.create(trusted)) {
            assertThat(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CLIENT_TIMEOUT.toMillis()))
                    .nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(producerFailure(trusted)).isNull();
        assertThat(consumerFailure(trusted)).isNull();
    }

    @Test
    void noStorePasswordInTheJobsClientPropertiesOrJobGraph(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(tlsSettings("tls-secrets", checkpoints));
        Map<String, String> props = config.kafkaTls().clientProperties();
        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", tls.truststore().path().toString())
                .containsEntry("ssl.keystore.location", tls.clientKeystore().path().toString())
                .containsKeys("ssl.truststore.password", "ssl.keystore.password", "ssl.key.password");
        assertThat(tls.passwords()).hasSize(7);
        for (Map.Entry<String, String> e : props.entrySet()) {
            for (String password : tls.passwords()) {
                assertThat(e.getValue()).as(e.getKey()).doesNotContain(password);
            }
        }
        // Every password is a reference, and each reference opens the right file.
        Map<String, String> expected = Map.of(
                "ssl.truststore.password", tls.truststore().password(),
                "ssl.keystore.password", tls.clientKeystore().password(),
                "ssl.key.password", tls.clientKeystore().password());
        assertThat(props.keySet().stream().filter(k -> k.contains("password")).toList())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        try (DirectoryConfigProvider provider = new DirectoryConfigProvider()) {
            provider.configure(Map.of());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Matcher m = PROVIDER_REFERENCE.matcher(props.get(e.getKey()));
                assertThat(m.matches()).as("%s is a provider reference: %s", e.getKey(), props.get(e.getKey())).isTrue();
                assertThat(provider.get(m.group(1), Set.of(m.group(2))).data()).as(e.getKey())
                        .containsExactly(Map.entry(m.group(2), e.getValue()));
            }
        }

        // Nor anywhere in the job graph that would be submitted (sources, sinks, config).
        byte[] graph = serializedJobGraph(config, props);
        assertThat(passwordsIn(graph)).isEmpty();
        // The control: the same scan finds a password that is there.
        Map<String, String> leaky = new HashMap<>(props);
        leaky.put("ssl.truststore.password", tls.truststore().password());
        assertThat(passwordsIn(serializedJobGraph(config, leaky))).containsExactly(tls.truststore().password());
    }

    /** The connections the broker tagged {@code tag} authenticated with the job's certificate (not its own). */
    private static List<TlsHandshakeRecorder.Handshake> jobsHandshakes(String tag) {
        return TlsHandshakeRecorder.handshakes(tag).stream().filter(h -> h.clientSubject().equals(JOB_SUBJECT)).toList();
    }

    private static PaymentsJob job(PaymentsConfig config, Map<String, String> kafkaTls) {
        // The TLS client properties are passed explicitly, on the source and on every sink.
        return PaymentsJob.withKafkaSinks(config, PaymentsKafka.rawPaymentsSource(config.bootstrapServers(),
                config.topics().raw(), config.consumerGroup(), config.startingOffsets(), kafkaTls,
                RawTopic.deserializer(LocalKeyProvider.factory(), config.maxEventTimeAhead()), true), kafkaTls);
    }

    private static Map<String, String> tlsSettings(String name, Path checkpoints) {
        Map<String, String> s = TestJobs.settings(name, kafka.bootstrapServers(), checkpoints);
        s.put("kafka.security-protocol", "ssl");
        s.put("kafka.ssl.truststore-path", tls.truststore().path().toString());
        s.put("kafka.ssl.truststore-password-file", tls.truststore().passwordFile().toString());
        s.put("kafka.ssl.keystore-path", tls.clientKeystore().path().toString());
        s.put("kafka.ssl.keystore-password-file", tls.clientKeystore().passwordFile().toString());
        s.put("kafka.ssl.key-password-file", tls.clientKeyPasswordFile().toString());
        s.put("source.bounded", "true");
        return s;
    }

    private static byte[] serializedJobGraph(PaymentsConfig config, Map<String, String> kafkaClientProperties) throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        job(config, kafkaClientProperties).build(env);
        return InstantiationUtil.serializeObject(env.getStreamGraph().getJobGraph());
    }

    private static List<String> passwordsIn(byte[] bytes) {
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        return tls.passwords().stream().filter(haystack::contains).toList();
    }

    /** A client's settings: the given TLS setting, short timeouts so that a refusal never hangs. */
    private static Map<String, Object> clientConfig(KafkaTls clientTls) {
        return clientConfig(clientTls, kafka.bootstrapServers());
    }

    private static Map<String, Object> clientConfig(KafkaTls clientTls, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(clientTls.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return config;
    }

    /** Why a producer could not send one record, or null if it could. */
    private static Throwable producerFailure(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        // At least linger.ms (5 ms by default) + request.timeout.ms.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis() + 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
        try {
            return catchThrowable(() -> producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe".getBytes(StandardCharsets.UTF_8)))
                    .get(2 * CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Why a consumer could not read the probe topic's metadata, or null if it could. */
    private static Throwable consumerFailure(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        try {
            return catchThrowable(() -> assertThat(consumer.partitionsFor(PROBE_TOPIC, CLIENT_TIMEOUT)).hasSize(1));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Why an admin client could not describe the cluster, or null if it could. */
    private static Throwable adminFailure(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            return catchThrowable(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CLIENT_TIMEOUT.toMillis()))
                    .clusterId().get(2 * CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** The client trusted the broker, and the broker refused the client's certificate (or its absence). */
    private static void assertRefusedByTheBroker(String client, Throwable failure) {
        Throwable cause = unwrap(client, failure);
        assertThat(cause).as("%s: %s", client, stackTrace(failure)).isInstanceOf(SslAuthenticationException.class);
        List<Throwable> chain = causes(cause);
        assertThat(chain).as("%s: %s", client, stackTrace(failure))
                .anyMatch(t -> t instanceof javax.net.ssl.SSLException && String.valueOf(t.getMessage()).contains("Received fatal alert"))
                .noneMatch(t -> t instanceof CertPathBuilderException);
    }

    /** The handshake failed on the TLS version: the broker answered the client's TLS 1.3 with protocol_version. */
    private static void assertRefusedForItsVersion(String client, Throwable failure) {
        Throwable cause = unwrap(client, failure);
        assertThat(cause).as("%s: %s", client, stackTrace(failure)).isInstanceOf(SslAuthenticationException.class);
        assertThat(causes(cause)).as("%s: %s", client, stackTrace(failure))
                .anyMatch(t -> t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).contains("protocol_version"));
    }

    /** The client could not build a path from the broker's certificate to a CA it trusts. */
    private static void assertBrokerNotVerified(String client, Throwable failure) {
        Throwable cause = unwrap(client, failure);
        assertThat(cause).as("%s: %s", client, stackTrace(failure)).isInstanceOf(SslAuthenticationException.class);
        assertThat(causes(cause)).as("%s: %s", client, stackTrace(failure))
                .anyMatch(t -> t instanceof SSLHandshakeException)
                .anyMatch(t -> t instanceof CertPathBuilderException);
    }

    private static Throwable unwrap(String client, Throwable failure) {
        assertThat(failure).as("%s must be refused", client).isNotNull();
        Throwable t = failure;
        while (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

}
