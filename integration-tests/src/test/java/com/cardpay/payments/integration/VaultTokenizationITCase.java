package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.vault.FakeVaultExtension;
import com.cardpay.payments.connectors.vault.VaultFixture;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.CardDataScanner;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.LogCapture;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.tools.detokenize.DetokenizeTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job with its keys from Vault (the HTTP stand-in, through vault-java-driver): tokenizes,
 * rides out an outage shorter than the key cache without pausing, stops emitting during an outage
 * longer than the cache and recovers by itself afterwards, with nothing lost or duplicated; the
 * restarts leave no key provider behind (one refresher thread per running source subtask, none once
 * the job is gone); then an authorised detokenization reveals a card and is audited.
 */
class VaultTokenizationITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(6);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture("com.cardpay");

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeVaultExtension vaultExtension = new FakeVaultExtension();

    private FakeVaultServer vault;

    @BeforeEach
    void useVault() {
        vault = vaultExtension.server();
    }

    @Test
    void ridesOutShortOutagesStopsForLongOnesAndRecoversWithNothingLostOrDuplicated() throws Exception {
        Path jwt = Files.writeString(dir.resolve("jwt"), VaultFixture.JWT);
        Map<String, String> settings = TestJobs.settings("vault-it", KAFKA.bootstrapServers(), dir.resolve("checkpoints"));
        settings.putAll(Map.of("tokenization.key-provider", "vault", "vault.address", vault.address(),
                "vault.kubernetes-jwt-path", jwt.toString(), "vault.key-cache-ttl", "6s",
                "vault.refresh-interval", "200ms", "vault.request-timeout", "1s"));
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        SyntheticPayments generator = new SyntheticPayments(5, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> all = new ArrayList<>();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            produce(config, generator, all, 500);
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), expectedIds(all).size(), Duration.ofMinutes(1));

            // Shorter than the key cache: tokenization goes on, output keeps being committed. Had it
            // stopped, the task would fail and no restart could get keys while Vault is down, so
            // nothing more would be committed before comeBack(): committing the batch proves it.
            vault.goDown(FakeVaultServer.Outage.CONNECTION_REFUSED);
            produce(config, generator, all, 500);
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), expectedIds(all).size(), Duration.ofSeconds(30));
            vault.comeBack();
            Thread.sleep(1_000);

            // Longer than the key cache: once it runs out, nothing more is emitted.
            vault.goDown();
            Thread.sleep(KEY_CACHE_TTL.plusSeconds(2).toMillis());
            int committedBefore = readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized()).size();
            produce(config, generator, all, 500);
            Thread.sleep(4_000);
            assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized())).hasSize(committedBefore);

            Instant back = Instant.now();
            vault.comeBack();
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), expectedIds(all).size(), Duration.ofMinutes(2));
            System.out.printf("Recovered %d s after Vault came back%n", Duration.between(back, Instant.now()).toSeconds());

            // The restarts each opened a key provider; only the running attempt's may be alive.
            awaitRefresherThreads(config.parallelism(), "one per running source subtask");
        } finally {
            JobEnd.cancel(job, dir);
        }
        awaitRefresherThreads(0, "none once the job has left the task manager");

        List<ConsumerRecord<byte[], byte[]>> tokenized = readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized());
        List<String> ids = tokenized.stream().map(r -> json(r).get("payment_id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds(all));
        assertThat(tokenized).allSatisfy(r -> assertThat(CardDataScanner.luhnValidRuns(text(r.value()))).isEmpty());
        assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().vault()))
                .hasSize(ids.size())
                .allSatisfy(r -> assertThat(json(r).get("key_provider").asText()).isEqualTo("vault"));

        String staffToken = assertAuthorisedDetokenization(config, tokenized, all);
        assertNoSecretInTheLogs(staffToken);
    }

    /** Polls (the threads of a closed provider end within about two Vault request timeouts). */
    private static void awaitRefresherThreads(int expected, String why) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long live = liveRefresherThreads();
        while (live != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " live vault-key-refresher threads (" + why
                        + "), found " + live + " after 30 s");
            }
            Thread.sleep(100);
            live = liveRefresherThreads();
        }
    }

    private static long liveRefresherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("vault-key-refresher")).count();
    }

    private static void assertNoSecretInTheLogs(String staffToken) {
        List<String> lines = LOGS.lines();
        String tokenKey = java.util.Base64.getEncoder().encodeToString(filled((byte) 1));
        assertThat(lines).as("the capture saw the Vault provider at work")
                .anyMatch(l -> l.contains("Vault: logged in with Kubernetes auth as role 'payments-job'"))
                .anyMatch(l -> l.contains("Vault refresh failed"));
        assertThat(lines).noneMatch(l -> l.contains(VaultFixture.JWT) || l.contains(staffToken) || l.contains(tokenKey)
                || l.contains("hvs."));
    }

    private static byte[] filled(byte b) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, b);
        return key;
    }

    private String assertAuthorisedDetokenization(PaymentsConfig config, List<ConsumerRecord<byte[], byte[]>> tokenized,
            List<Generated> all) throws IOException {
        JsonNode payment = json(tokenized.get(0));
        String pan = all.stream().filter(g -> g.paymentId().equals(payment.get("payment_id").asText())).findFirst()
                .orElseThrow().pan();
        String staffToken = vault.issueToken();
        Path tokenFile = Files.writeString(dir.resolve("staff-token"), staffToken);
        Path audit = dir.resolve("audit/detokenize.audit");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DetokenizeTool.run(new String[] {"--token", payment.get("card_token").asText(),
                "--reason", "dispute CB-1234", "--audit-log", audit.toString(),
                "--kafka.bootstrap-servers", KAFKA.bootstrapServers(), "--topics.raw", config.topics().raw(),
                "--topics.tokenized", config.topics().tokenized(), "--topics.vault", config.topics().vault(),
                "--topics.dlq", config.topics().dlq(), "--vault.address", vault.address(), "--development.allow-insecure", "true",
                "--vault.auth-method", "token", "--vault.token-path", tokenFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pan=" + pan);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING").doesNotContain(pan);
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"outcome\":\"requested\"", "dispute CB-1234", payment.get("card_token").asText());
        assertThat(lines.get(1)).contains("\"outcome\":\"revealed\"");
        assertThat(String.join("\n", lines)).doesNotContain(pan);
        return staffToken;
    }

    private void produce(PaymentsConfig config, SyntheticPayments generator, List<Generated> all, int n) {
        List<Generated> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(generator.next());
        }
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), batch);
        all.addAll(batch);
    }

    private static Set<String> expectedIds(List<Generated> all) {
        return all.stream().filter(g -> g.kind() == Kind.VALID).map(Generated::paymentId).collect(Collectors.toSet());
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new AssertionError(text(r.value()), e);
        }
    }
}
