package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.vault.FakeVaultExtension;
import com.cardpay.payments.connectors.vault.VaultFixture;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.PromQl;
import com.cardpay.payments.integration.testutils.PromQl.Selector;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.PrometheusText;
import com.cardpay.payments.local.PrometheusText.Sample;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * No dangling metric: every series that an alert of {@code flink-k8s/monitoring/prometheus-rule.yaml}
 * or a panel of {@code flink-k8s/monitoring/dashboard.json} selects must be one the job really
 * exports. The job runs as in production as far as metrics go (keys from the Vault stand-in, so the
 * {@code vault_*} series exist; Flink's Prometheus reporter; parallelism 2; a real broker), its
 * {@code /metrics} endpoint is scraped once it has processed payments and completed checkpoints,
 * and each selector, with its label matchers, must match at least one scraped series. Series that
 * come from outside the job are listed in {@link #EXTERNAL}, each with where it comes from, and
 * that list may hold nothing the files do not use.
 */
class MonitoringMetricsITCase {
    static final Path MONITORING = Path.of("..", "flink-k8s", "monitoring");
    private static final int PROMETHEUS_PORT = MiniClusters.freePort();

    /** Series that no Flink job process exports, with their source. Nothing else is exempt. */
    static final Map<String, String> EXTERNAL = Map.of(
            "certmanager_certificate_expiration_timestamp_seconds",
            "cert-manager's controller (its /metrics, scraped by cert-manager's own ServiceMonitor), per Certificate",
            "flink_k8soperator_namespace_resource_AutoScaler_errors",
            "the Flink Kubernetes Operator's JVM (AutoscalerFlinkMetrics 'errors' counter, resource scope), not the job",
            "flink_k8soperator_namespace_resource_AutoScaler_jobVertexID_PARALLELISM_Current",
            "the Flink Kubernetes Operator's JVM (AutoscalerFlinkMetrics, one gauge per job vertex), not the job",
            "kube_deployment_status_replicas_available",
            "kube-state-metrics, per Deployment (the operator's JobManager Deployment is named after the FlinkDeployment)",
            "up",
            "Prometheus itself, one per scrape target (podmonitor.yaml's pods, job label payments-job): 1 when the scrape succeeded",
            "kafka_connect_mirror_source_connector_replication_latency_ms_max",
            "MirrorMaker 2's Connect workers in region-b (MirrorSourceConnector replication-latency-ms-max per topic and"
                    + " partition, through Strimzi's JMX exporter rules in kafka/mirror-maker2.yaml), not the job");

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withPrometheusReporter(PROMETHEUS_PORT);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    final FakeVaultExtension vault = new FakeVaultExtension();

    @TempDir
    Path dir;

    @Test
    void everySeriesThatAnAlertOrPanelSelectsIsExported() throws Exception {
        Path jwt = Files.writeString(dir.resolve("jwt"), VaultFixture.JWT);
        Map<String, String> settings = TestJobs.settings("monitoring-it", KAFKA.bootstrapServers(), dir.resolve("checkpoints"));
        settings.putAll(Map.of("tokenization.key-provider", "vault", "vault.address", vault.server().address(),
                "vault.kubernetes-jwt-path", jwt.toString(), "vault.refresh-interval", "200ms"));
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        SyntheticPayments generator = new SyntheticPayments(15, 0.10, 0.10, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            input.add(generator.next());
        }
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        String body;
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(),
                    input.stream().filter(g -> g.kind() == Kind.VALID).count(), Duration.ofMinutes(2));
            body = scrapeWithCompletedCheckpoints();
            body = scrapeOnceEveryPaymentIsMeasured(body);
        } finally {
            JobEnd.cancel(job, dir);
        }
        Path dump = Path.of("target", "monitoring-scrape.prom");
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, body);
        List<Sample> samples = withTargetLabels(PrometheusText.parse(body));
        Map<String, String> expressions = expressions();
        Set<String> recorded = recordedNames();

        Map<String, List<String>> dangling = new TreeMap<>();
        Set<String> externalUsed = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            for (Selector selector : PromQl.selectors(e.getValue())) {
                if (selector.name() != null && recorded.contains(selector.name())) {
                    continue; // a recording rule of the same file, whose own expression is checked
                }
                if (selector.name() != null && EXTERNAL.containsKey(selector.name())) {
                    externalUsed.add(selector.name());
                    continue;
                }
                checked++;
                if (samples.stream().noneMatch(s -> selector.matches(s.name(), s.labels()))) {
                    dangling.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(selector.toString());
                }
            }
        }
        assertThat(dangling).as("selectors that match no series the job exports (scrape saved to %s)", dump.toAbsolutePath())
                .isEmpty();
        assertThat(checked).as("selectors checked against the scrape").isGreaterThan(20);
        assertThat(EXTERNAL.keySet()).as("external series no rule or panel uses any more").containsExactlyInAnyOrderElementsOf(externalUsed);

        // The latency SLO's series is not only there but measures: every payment written to
        // payments.tokenized (all committed by now) was measured once, and each subtask's p99 is a
        // real duration (here it includes the job's start: the input was produced before it).
        assertThat(sum(samples, LATENCY + "_count")).as("payments measured for %s", LATENCY)
                .isEqualTo(sum(samples, TOKENIZED)).isPositive();
        List<Double> p99 = samples.stream().filter(s -> s.name().equals(LATENCY) && "0.99".equals(s.labels().get("quantile")))
                .map(Sample::value).toList();
        System.out.println("MonitoringMetricsITCase: commit-visible p99 per subtask (ms): " + p99);
        assertThat(p99).as("p99 of %s per subtask", LATENCY).hasSize(2)
                .allSatisfy(v -> assertThat(v).isFinite().isPositive().isLessThan(Duration.ofMinutes(5).toMillis()));
    }

    static final String LATENCY = "flink_taskmanager_job_task_operator_payments_commit_visible_latency_ms";
    static final String TOKENIZED = "flink_taskmanager_job_task_operator_payments_records_tokenized";

    private static double sum(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /**
     * The scrape once the latency histograms have recorded every tokenized payment: dedupe records
     * them in the same checkpoint notification in which the chained sink commits, right after it,
     * so a consumer may see the last payments a moment before they are measured.
     */
    private static String scrapeOnceEveryPaymentIsMeasured(String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Sample> samples = PrometheusText.parse(body);
            if (sum(samples, LATENCY + "_count") == sum(samples, TOKENIZED)) {
                return body;
            }
            Thread.sleep(200);
            body = scrape();
        }
        return body; // the assertion says by how much they differ
    }

    /**
     * The samples as Prometheus stores them through {@code podmonitor.yaml}: with the target labels
     * its relabelings and {@code podTargetLabels} add ({@code namespace}, {@code pod},
     * {@code component}), which rules may select on, and without the labels its metric relabelings
     * drop. The namespace is the one the PodMonitor watches.
     */
    static List<Sample> withTargetLabels(List<Sample> samples) throws IOException {
        JsonNode podMonitor = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("podmonitor.yaml").toFile());
        JsonNode spec = podMonitor.path("spec");
        Set<String> relabelled = new TreeSet<>();
        spec.path("podMetricsEndpoints").forEach(e -> e.path("relabelings").forEach(r -> relabelled.add(r.path("targetLabel").asText())));
        assertThat(relabelled).as("target labels the PodMonitor sets").contains("namespace", "pod");
        assertThat(spec.path("podTargetLabels").toString()).as("podTargetLabels").contains("\"component\"");
        String namespace = spec.path("namespaceSelector").path("matchNames").path(0).asText();
        assertThat(namespace).as("the PodMonitor's namespace").isNotEmpty();
        List<Pattern> dropped = new ArrayList<>();
        spec.path("podMetricsEndpoints").forEach(e -> e.path("metricRelabelings").forEach(r -> {
            assertThat(r.path("action").asText()).as("metricRelabelings this test applies").isEqualTo("labeldrop");
            dropped.add(Pattern.compile(r.path("regex").asText()));
        }));
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            String component = s.name().startsWith("flink_jobmanager_") ? "jobmanager" : "taskmanager";
            Map<String, String> labels = new LinkedHashMap<>(s.labels());
            labels.keySet().removeIf(label -> dropped.stream().anyMatch(p -> p.matcher(label).matches()));
            labels.putIfAbsent("namespace", namespace);
            labels.putIfAbsent("component", component);
            labels.putIfAbsent("pod", "payments-job-" + component);
            out.add(new Sample(s.name(), labels, s.value()));
        }
        return out;
    }

    /** Every PromQL expression of the rules and the dashboard, keyed by where it is. */
    static Map<String, String> expressions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode group : rules().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String id = rule.has("alert") ? "alert " + rule.get("alert").asText() : "record " + rule.get("record").asText();
                out.put("prometheus-rule.yaml: " + id, rule.get("expr").asText());
            }
        }
        assertThat(out).as("rules in prometheus-rule.yaml").hasSizeGreaterThan(10);
        Path dashboard = MONITORING.resolve("dashboard.json");
        if (Files.exists(dashboard)) {
            JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
            int before = out.size();
            collectPanelTargets(root.path("panels"), out);
            assertThat(out.size()).as("panel queries in dashboard.json").isGreaterThan(before);
        }
        return out;
    }

    private static void collectPanelTargets(JsonNode panels, Map<String, String> out) {
        for (JsonNode panel : panels) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                out.put("dashboard.json: panel '" + panel.path("title").asText() + "' target " + i++, target.path("expr").asText());
            }
            collectPanelTargets(panel.path("panels"), out); // panels inside a collapsed row
        }
    }

    private static Set<String> recordedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rules().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    names.add(rule.get("record").asText());
                }
            }
        }
        return names;
    }

    private static JsonNode rules() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheus-rule.yaml").toFile());
    }

    /**
     * The scrape once the job has completed a few checkpoints (the checkpoint gauges hold real
     * values then) and its counters have moved.
     */
    private static String scrapeWithCompletedCheckpoints() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = scrape();
        while (System.nanoTime() < deadline) {
            double completed = PrometheusText.parse(body).stream()
                    .filter(s -> s.name().equals("flink_jobmanager_job_numberOfCompletedCheckpoints"))
                    .mapToDouble(Sample::value).max().orElse(0);
            if (completed >= 3) {
                return body;
            }
            Thread.sleep(300);
            body = scrape();
        }
        throw new AssertionError("no three completed checkpoints on /metrics within 60 s:\n" + body);
    }

    private static String scrape() {
        return MiniClusters.scrapePrometheus(PROMETHEUS_PORT);
    }
}
