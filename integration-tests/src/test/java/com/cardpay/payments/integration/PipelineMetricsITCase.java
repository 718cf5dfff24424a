package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.PrometheusText;
import com.cardpay.payments.local.PrometheusText.Sample;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.CardDataScanner;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.Promtool;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The job's metrics as an operator sees them: the job runs on a real broker with Flink's
 * Prometheus reporter, a known mix of records goes in, and once the committed output is complete
 * the {@code /metrics} endpoint must show exactly what went in, per counter and per DLQ code, with
 * no card data in any label.
 */
class PipelineMetricsITCase {
    private static final int RECORDS = 2000;
    private static final int PROMETHEUS_PORT = MiniClusters.freePort();
    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12,}");
    /**
     * Labels that hold Flink's own generated identifiers (hex ids; the MiniCluster's TaskManager id
     * is a UUID), with '-' and ':' turned into '_' by the reporter. They are random, so a run of 12
     * decimal digits turns up in one of them now and then; they are checked to be ids instead.
     */
    private static final Set<String> FLINK_ID_LABELS = Set.of("job_id", "task_id", "task_attempt_id", "operator_id", "tm_id");
    private static final String FLINK_ID = "[0-9a-f]+(_[0-9a-f]+)*";

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withPrometheusReporter(PROMETHEUS_PORT);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void prometheusShowsExactlyWhatWentInPerCounterAndCode(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("metrics-it", KAFKA.bootstrapServers(), checkpoints));
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);
        SyntheticPayments generator = new SyntheticPayments(2026, 0.10, 0.10, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            input.add(generator.next());
        }
        Map<String, Long> expected = expectedCounters(input);
        assertThat(expected.get("payments_duplicates")).as("the mix has exact replays").isPositive();
        assertThat(expected.get("dlq." + RejectionCode.DUPLICATE_CONFLICT)).as("the mix has conflicting replays").isPositive();
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), expected.get("payments_records_tokenized"),
                    Duration.ofMinutes(1));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().dlq(), expected.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("dlq.")).mapToLong(Map.Entry::getValue).sum(), Duration.ofMinutes(1));

            String body = scrapeSettled(RECORDS);
            List<Sample> samples = PrometheusText.parse(body);
            // The ingest-stage counters; the fraud stage's own metrics are checked by its tests.
            Map<String, Long> actual = new java.util.TreeMap<>(PrometheusText.paymentsCounters(samples));
            // Every unique payment gets exactly one fraud decision; the other fraud series exist.
            assertThat(actual.get("payments_fraud_decisions")).isEqualTo(expected.get("payments_records_tokenized"));
            assertThat(actual.get("payments_fraud_rule_updates_rejected")).isZero();
            assertThat(samples).anyMatch(m -> m.name().endsWith("payments_fraud_scoring_nanos"))
                    .anyMatch(m -> m.name().endsWith("payments_fraud_decisions_per_second") && m.labels().containsKey("decision"))
                    .anyMatch(m -> m.name().endsWith("payments_fraud_rule_hits") && m.labels().containsKey("rule_id"));
            actual.keySet().removeIf(name -> name.startsWith("payments_fraud_"));
            // Settlement's series exist from the start; its 24 h windows are still open, so nothing is late or overflowed.
            assertThat(actual).containsEntry("payments_settlement_beyond_horizon", 0L)
                    .containsEntry("payments_settlement_overflows", 0L).containsEntry("payments_settlement_late_payments", 0L)
                    .containsKeys("payments_settlement_lines_emitted", "payments_settlement_adjustments");
            actual.keySet().removeIf(name -> name.startsWith("payments_settlement_"));
            // The commit-visible latency histogram measured every tokenized payment once (all committed by now).
            assertThat(actual.get("payments_commit_visible_latency_ms_count")).isEqualTo(expected.get("payments_records_tokenized"));
            actual.keySet().removeIf(name -> name.startsWith("payments_commit_visible_latency_ms"));
            assertThat(actual).as("payments_* counters summed over subtasks, from:%n%s", String.join("\n", ourLines(body)))
                    .isEqualTo(expected);

            assertNoCardDataInMetrics(body, samples, input);
            List<String> promtool = Promtool.problems(body);
            if (promtool != null) {
                assertThat(promtool).as("promtool check metrics, beyond naming style").isEmpty();
            }
        } finally {
            JobEnd.cancel(job, checkpoints);
        }
    }

    /** What the job must count for {@code input}, keyed as {@link PrometheusText#paymentsCounters} keys it. */
    private static Map<String, Long> expectedCounters(List<Generated> input) {
        long valid = input.stream().filter(g -> g.kind() == Kind.VALID).count();
        long exactReplays = input.stream().filter(g -> g.kind() == Kind.EXACT_REPLAY).count();
        long conflictingReplays = input.stream().filter(g -> g.kind() == Kind.CONFLICTING_REPLAY).count();
        Map<String, Long> expected = new TreeMap<>();
        expected.put("payments_records_read", (long) input.size());
        expected.put("payments_records_valid", valid + exactReplays + conflictingReplays);
        expected.put("payments_records_tokenized", valid);
        expected.put("payments_duplicates", exactReplays);
        for (RejectionCode code : Stream.of(RejectionCode.values()).filter(RejectionCode::fromIngest).toList()) {
            // Every code's series exists from the start, at zero if nothing was rejected with it.
            expected.put("dlq." + code.name(), input.stream().filter(g -> g.expectedRejection() == code).count());
        }
        assertThat(expected.get("dlq." + RejectionCode.DUPLICATE_CONFLICT)).isEqualTo(conflictingReplays);
        return expected;
    }

    private static void assertNoCardDataInMetrics(String body, List<Sample> samples, List<Generated> input) {
        List<Sample> ours = samples.stream().filter(s -> s.name().contains(PrometheusText.PREFIX)).toList();
        assertThat(ours).isNotEmpty();
        for (Sample sample : ours) {
            assertThat(sample.name()).as("metric name").doesNotContainPattern(TWELVE_DIGITS);
            sample.labels().forEach((key, value) -> {
                if (FLINK_ID_LABELS.contains(key)) {
                    assertThat(value).as("label %s of %s", key, sample.name()).matches(FLINK_ID);
                } else {
                    assertThat(value).as("label %s of %s", key, sample.name()).doesNotContainPattern(TWELVE_DIGITS);
                }
            });
            String code = sample.labels().get("error_code");
            if (code != null) {
                assertThat(RejectionCode.valueOf(code)).isNotNull();
            }
        }
        // The same on the raw lines, as a scraper stores them (value included), Flink's ids left out.
        List<String> lines = ourLines(body);
        assertThat(lines).hasSize(ours.size());
        for (String line : lines) {
            String withoutIds = line.replaceAll("\\b(" + String.join("|", FLINK_ID_LABELS) + ")=\"" + FLINK_ID + "\"", "$1=\"\"");
            // Histogram and rate values are floating point, whose digits mean nothing: labels only for those.
            String checked = line.contains("_payments_fraud_") || line.contains("_payments_commit_visible_latency_ms") ? withoutIds.substring(0, withoutIds.lastIndexOf('}') + 1) : withoutIds;
            assertThat(checked).as("metric line").doesNotContainPattern(TWELVE_DIGITS);
        }
        // Every metric of the cluster: no label that looks like a card (values are left out: floating-point
        // gauges such as 5.827709405555555E7 hold Luhn-valid runs by chance), and no card of the input anywhere.
        List<String> leaks = new ArrayList<>();
        for (Sample sample : samples) {
            sample.labels().forEach((key, value) -> {
                if (!FLINK_ID_LABELS.contains(key)) {
                    CardDataScanner.luhnValidRuns(value).forEach(run -> leaks.add(sample.name() + " " + key + "=" + run));
                }
            });
        }
        Set<String> pans = new HashSet<>();
        input.forEach(g -> pans.add(g.pan()));
        pans.stream().filter(body::contains).forEach(leaks::add);
        assertThat(leaks).as("card numbers on /metrics").isEmpty();
    }

    /** The sample lines of the job's own metrics, as served. */
    private static List<String> ourLines(String body) {
        return body.lines().filter(l -> !l.startsWith("#") && l.split("[{ ]", 2)[0].contains(PrometheusText.PREFIX)).toList();
    }

    /**
     * The scrape once every record is read and the job's counters have stopped moving: the committed
     * output is complete by now, but exact replays leave no output, and the counters are read live.
     */
    private static String scrapeSettled(long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = scrape();
        Map<String, Long> last = PrometheusText.paymentsCounters(body);
        int unchanged = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            String next = scrape();
            Map<String, Long> counters = PrometheusText.paymentsCounters(next);
            unchanged = counters.equals(last) ? unchanged + 1 : 0;
            body = next;
            last = counters;
            if (unchanged >= 2 && counters.getOrDefault("payments_records_read", 0L) >= records) {
                break;
            }
        }
        return body;
    }

    private static String scrape() {
        return MiniClusters.scrapePrometheus(PROMETHEUS_PORT);
    }
}
