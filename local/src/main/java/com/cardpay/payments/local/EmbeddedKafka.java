package com.cardpay.payments.local;

import kafka.server.BrokerServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka (KRaft) broker in this JVM, on loopback: for the local run and the
 * integration tests. Never part of the job jar.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    /** Security settings of {@link #admin()}: empty for a plaintext broker. */
    private final Map<String, Object> adminSecurity;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, Object> adminSecurity) {
        this.cluster = cluster;
        this.adminSecurity = adminSecurity;
    }

    /**
     * TLS on the broker's client listener (PKCS12 stores). The embedded controller stays
     * plaintext on its own loopback listener.
     *
     * @param keystore the broker's certificate (SAN {@code localhost}) and key; the broker also
     *     presents it as a client on its own listener (transaction markers go through it)
     * @param truststore the CA(s) whose client certificates are accepted, and which signed the
     *     broker's own certificate
     * @param requireClientCertificates mutual TLS: {@code ssl.client.auth=required}
     */
    public record BrokerTls(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
            boolean requireClientCertificates) {
        @Override
        public String toString() {
            return "BrokerTls[keystore=" + keystore + ", truststore=" + truststore
                    + ", requireClientCertificates=" + requireClientCertificates + "]";
        }
    }

    /** Starts one broker and one controller and waits until the broker is ready. */
    public static EmbeddedKafka start() throws Exception {
        return start(Map.of());
    }

    /** As {@link #start()}, without the broker's formatting chatter on standard output. */
    public static EmbeddedKafka startQuietly() throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return start();
        } finally {
            System.setOut(stdout);
        }
    }

    public static EmbeddedKafka start(Map<String, String> brokerConfig) throws Exception {
        return start(nodes(), brokerConfig, Map.of());
    }

    /**
     * As {@link #start()}, with the broker's client listener on TLS (and mutual TLS if {@code
     * tls.requireClientCertificates()}). {@link #bootstrapServers()} then points at the TLS
     * listener, as {@code localhost:port}; {@link #admin()} connects with the broker's own
     * certificate.
     */
    public static EmbeddedKafka startWithTls(BrokerTls tls) throws Exception {
        return startWithTls(tls, Map.of());
    }

    public static EmbeddedKafka startWithTls(BrokerTls tls, Map<String, String> brokerConfig) throws Exception {
        TestKitNodes nodes = nodes();
        Map<String, String> config = new LinkedHashMap<>(tlsListenerConfig(nodes, tls));
        config.putAll(brokerConfig);
        Map<String, Object> admin = new HashMap<>();
        admin.put("security.protocol", "SSL");
        admin.put("ssl.truststore.location", tls.truststore().toString());
        admin.put("ssl.truststore.type", "PKCS12");
        admin.put("ssl.truststore.password", tls.truststorePassword());
        admin.put("ssl.keystore.location", tls.keystore().toString());
        admin.put("ssl.keystore.type", "PKCS12");
        admin.put("ssl.keystore.password", tls.keystorePassword());
        return start(nodes, config, admin);
    }

    /**
     * Broker settings for TLS on the broker listener. The test kit refuses SSL as its broker
     * security protocol, but sets {@code listener.security.protocol.map} only when it is absent:
     * overriding it turns the broker listener ({@code EXTERNAL}) into SSL and leaves the
     * controller listener plaintext. The {@code ssl.*} settings are listener-prefixed, so they
     * apply to that listener only: its server side and the broker's own client connections to it.
     */
    static Map<String, String> tlsListenerConfig(TestKitNodes nodes, BrokerTls tls) {
        String listener = nodes.brokerListenerName().value();
        String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listener.security.protocol.map",
                listener + ":SSL," + nodes.controllerListenerName().value() + ":" + nodes.controllerListenerProtocol().name);
        config.put(prefix + "ssl.keystore.type", "PKCS12");
        config.put(prefix + "ssl.keystore.location", tls.keystore().toString());
        config.put(prefix + "ssl.keystore.password", tls.keystorePassword());
        config.put(prefix + "ssl.truststore.type", "PKCS12");
        config.put(prefix + "ssl.truststore.location", tls.truststore().toString());
        config.put(prefix + "ssl.truststore.password", tls.truststorePassword());
        config.put(prefix + "ssl.client.auth", tls.requireClientCertificates() ? "required" : "none");
        // The broker's client side (transaction markers to itself) verifies the broker's name: https.
        config.put(prefix + "ssl.endpoint.identification.algorithm", "https");
        return config;
    }

    private static TestKitNodes nodes() {
        return new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1).build();
    }

    private static EmbeddedKafka start(TestKitNodes nodes, Map<String, String> brokerConfig,
            Map<String, Object> adminSecurity) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                // A single broker can only replicate once; these default to 3.
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                // The first transactional producer creates __transaction_state; with the default 50
                // partitions that took about 15 s here, and every sink waited for it.
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
        brokerConfig.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            // A broker that cannot start (a bad store, say) must not leave its threads behind.
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new EmbeddedKafka(cluster, Map.copyOf(adminSecurity));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker (a controlled shutdown: every client loses its connections, the controller
     * stays up). For fault tests: {@link #restartBroker} brings it back.
     */
    public void stopBroker() {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    /**
     * Starts the stopped broker again, on the same port (the test kit reopens its socket there) and
     * with its logs, so committed data and transactions survive; returns once it serves clients.
     */
    public void restartBroker() throws InterruptedException {
        cluster.brokers().values().forEach(BrokerServer::startup);
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker does not answer a minute after its restart", e);
        }
    }

    /** Creates topics (replication factor 1); topics that already exist are left alone. */
    public void createTopics(Collection<String> topics, int partitions) throws InterruptedException {
        try (Admin admin = admin()) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                }
            }
        }
    }

    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
