package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.LogCapture;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A non-critical part failing (flink-k8s/DEGRADATION.md, "metrics reporter"): the Prometheus
 * reporter cannot start because its port is taken, as when another process holds 9249. Flink
 * logs that it could not set the reporter up and runs on without it; the payments go through,
 * each once. The alerting side (a warning, FlinkMetricsMissing, never a page) is tested by
 * promtool.
 */
class MetricsReporterLostITCase {
    /** Held for the whole class, before the MiniCluster starts its reporter on the same port. */
    private static final ServerSocket TAKEN = bind();

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = MiniClusters.withPrometheusReporter(TAKEN.getLocalPort());

    @RegisterExtension
    @Order(3)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @AfterAll
    static void release() throws IOException {
        TAKEN.close();
    }

    @Test
    void aReporterThatCannotStartCostsTheMetricsAndNoPayment() throws Exception {
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("reporter-lost", KAFKA.bootstrapServers(),
                dir.resolve("checkpoints")));
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        List<Generated> input = new SyntheticPayments(31, 0, 0, 0, Instant.parse("2026-11-24T10:00:00Z")).next(300);
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);

        JobClient job = TestJobs.start(config, null);
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), input.size(),
                    Duration.ofMinutes(2));
            assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized()))
                    .extracting(r -> jsonField(r, "payment_id")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(input.stream().filter(g -> g.kind() == Kind.VALID)
                            .map(Generated::paymentId).toList());
        } finally {
            JobEnd.cancel(job, dir.resolve("checkpoints"));
        }
        // The reporter really did not start: Flink said so.
        List<String> reporterFailures = LOGS.lines().stream()
                .filter(l -> l.contains("Could not instantiate MetricReporter prom")).toList();
        assertThat(reporterFailures).as("Flink's log of the reporter it could not set up").isNotEmpty();
        System.out.println("reporter lost: " + reporterFailures.get(0).lines().limit(3).toList());
    }

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
