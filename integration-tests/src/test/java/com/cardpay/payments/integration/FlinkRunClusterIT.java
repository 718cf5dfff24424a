package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.BuiltJars;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.StandaloneFlinkCluster;
import com.cardpay.payments.tools.reconcile.ReconcileTool;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shaded job jar on a real standalone Flink cluster through {@code flink run}, as the
 * data-platform team runs it: Flink's artifacts come from the cluster, everything else from the jar.
 */
class FlinkRunClusterIT {
    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static StandaloneFlinkCluster flink;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        flink = StandaloneFlinkCluster.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        kafka.close();
    }

    @Test
    void flinkRunTakesTheJobJarAndTheJobWritesItsTopics() throws Exception {
        String name = "cluster-it";
        kafka.createTopics(List.of(name + ".raw", name + ".tokenized", name + ".vault", name + ".dlq",
                "payments.scored", "payments.fraud-rules", "payments.fraud-rules.status", "payments.settlements"), 2);
        SyntheticPayments generator = new SyntheticPayments(11, 0.1, 0.1, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            input.add(generator.next());
        }
        KafkaTestSupport.produce(kafka.bootstrapServers(), name + ".raw", input);

        StandaloneFlinkCluster.Result run = flink.flinkRun(BuiltJars.jobJar(), List.of(
                "--job.name", name, "--kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--topics.raw", name + ".raw", "--topics.tokenized", name + ".tokenized",
                "--topics.vault", name + ".vault", "--topics.dlq", name + ".dlq",
                "--kafka.starting-offsets", "earliest", "--source.bounded", "true",
                "--checkpoint.interval", "500ms", "--checkpoint.storage", dir.resolve("checkpoints").toUri().toString(),
                "--tokenization.key-provider", "local", "--development.allow-insecure", "true"), Duration.ofMinutes(4));

        assertThat(run.exitCode()).as(run.output()).isZero();
        long valid = input.stream().filter(g -> g.kind() == Kind.VALID).count();
        long rejected = input.stream().filter(g -> g.expectedRejection() != null).count();
        assertThat(readCommitted(kafka.bootstrapServers(), name + ".tokenized")).hasSize((int) valid);
        assertThat(readCommitted(kafka.bootstrapServers(), name + ".vault")).hasSize((int) valid);
        assertThat(readCommitted(kafka.bootstrapServers(), name + ".dlq")).hasSize((int) rejected);
        // The bounded run ends with event time at its end: every settlement line is out, and exact.
        assertThat(readCommitted(kafka.bootstrapServers(), "payments.settlements")).isNotEmpty();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int reconciled = ReconcileTool.run(new String[] {"--job.name", name, "--kafka.bootstrap-servers",
                kafka.bootstrapServers(), "--topics.raw", name + ".raw", "--topics.dlq", name + ".dlq",
                "--tokenization.key-provider", "local", "--development.allow-insecure", "true", "--closed-before", "all"},
                new PrintStream(report, true, StandardCharsets.UTF_8), System.err);
        assertThat(reconciled).as(report.toString(StandardCharsets.UTF_8)).isZero();
    }

    /**
     * The upgrade runbook's CLI path (savepoints/README.md): {@code flink stop --savepointPath},
     * then {@code flink run -d -s <savepoint> -p 1}. The payments after the savepoint come out once
     * each, and none from before it again.
     */
    @Test
    void flinkStopWithASavepointAndRunFromItCarriesOn() throws Exception {
        String name = "cluster-upgrade";
        List<String> topics = List.of(name + ".raw", name + ".tokenized", name + ".vault", name + ".dlq", name + ".scored",
                name + ".fraud-rules", name + ".fraud-rules.status", name + ".settlements");
        kafka.createTopics(topics, 2);
        List<String> args = List.of("--job.name", name, "--kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--topics.raw", topics.get(0), "--topics.tokenized", topics.get(1), "--topics.vault", topics.get(2),
                "--topics.dlq", topics.get(3), "--topics.scored", topics.get(4), "--topics.fraud-rules", topics.get(5),
                "--topics.fraud-rules-status", topics.get(6), "--topics.settlements", topics.get(7),
                "--kafka.starting-offsets", "earliest", "--checkpoint.interval", "500ms",
                "--checkpoint.storage", dir.resolve("checkpoints-upgrade").toUri().toString(),
                "--tokenization.key-provider", "local", "--development.allow-insecure", "true");
        SyntheticPayments generator = new SyntheticPayments(13, 0.1, 0.1, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> first = generator.next(300);
        List<Generated> second = generator.next(300);
        KafkaTestSupport.produce(kafka.bootstrapServers(), topics.get(0), first);

        String before = flink.submitDetached(BuiltJars.jobJar(), args, Duration.ofMinutes(2));
        KafkaTestSupport.awaitCommitted(kafka.bootstrapServers(), topics.get(1), valid(first).size(), Duration.ofMinutes(2));
        StandaloneFlinkCluster.Result stop = flink.flink(List.of("stop", "--savepointPath",
                dir.resolve("savepoints").toUri().toString(), before), Duration.ofMinutes(2));
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        Matcher path = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(stop.output());
        assertThat(path.find()).as(stop.output()).isTrue();

        KafkaTestSupport.produce(kafka.bootstrapServers(), topics.get(0), second);
        String after = flink.submitDetached(List.of("-s", path.group(1), "-p", "1"), BuiltJars.jobJar(), args,
                Duration.ofMinutes(2));
        try {
            List<String> all = new ArrayList<>(valid(first));
            all.addAll(valid(second));
            KafkaTestSupport.awaitCommitted(kafka.bootstrapServers(), topics.get(1), all.size(), Duration.ofMinutes(2));
            assertThat(readCommitted(kafka.bootstrapServers(), topics.get(1))).extracting(r -> KafkaTestSupport.jsonField(r, "payment_id"))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        } finally {
            flink.flink(List.of("cancel", after), Duration.ofMinutes(1));
        }
    }

    private static List<String> valid(List<Generated> input) {
        return input.stream().filter(g -> g.kind() == Kind.VALID).map(Generated::paymentId).toList();
    }

    @Test
    void anInvalidConfigurationIsRefusedBeforeSubmissionNamingEachKey() throws Exception {
        StandaloneFlinkCluster.Result run = flink.flinkRun(BuiltJars.jobJar(),
                List.of("--dedupe.ttl", "a week", "--tokenization.key-provider", "local"), Duration.ofMinutes(2));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("dedupe.ttl: must be a duration such as 500ms, 30s, 10m, 2h or 7d, got 'a week'",
                "tokenization.key-provider: local uses public development keys");
    }

}
