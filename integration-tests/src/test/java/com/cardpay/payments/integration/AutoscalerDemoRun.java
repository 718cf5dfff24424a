package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.faults.FaultRunChecks;
import com.cardpay.payments.integration.faults.FlinkRest;
import com.cardpay.payments.integration.faults.OutputTail;
import com.cardpay.payments.integration.faults.PaymentLoad;
import com.cardpay.payments.integration.testutils.BuiltJars;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.StandaloneFlinkCluster;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.tools.audit.Audit.Output;
import com.cardpay.payments.tools.audit.AuditReport;
import com.cardpay.payments.tools.audit.AuditTool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The operator's autoscaler, for real (issue 14; {@code ./run-autoscaler-demo}, flink-k8s/README.md):
 * {@code flink-autoscaler} 1.10.0 in a JVM of its own ({@code flink-k8s/autoscaler-driver}, Flink
 * 1.19.1 client classes) drives the payments job on a real standalone Flink 2.2 cluster (adaptive
 * scheduler, rescaling in place through {@code PUT /jobs/<id>/resource-requirements}). A backlog of
 * payments waits on {@code payments.raw} when the job starts at parallelism 1; the autoscaler must
 * raise the parallelism, and once the backlog is gone and the input quiet, lower it again. Then the
 * job is stopped and judged as the fault suite judges it: the audit (every payment exactly once in
 * tokenized, vault and scored, every dead letter once, against the generator's ground truth) and the
 * reconciliation of the settlements.
 *
 * <p>Not an {@code *ITCase}: failsafe runs it only when named. {@code -Ddemo.payments} sets the
 * backlog; {@code -Dautoscaler.driver.classpath} is the driver's classpath (the script builds it).
 */
class AutoscalerDemoRun {
    private static final int PAYMENTS = Integer.getInteger("demo.payments", 400_000);
    private static final int PARTITIONS = 4;
    private static final Duration SCALE_UP_WITHIN = Duration.ofMinutes(8);
    private static final Duration SCALE_DOWN_WITHIN = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> timeline = new ArrayList<>();
    private long t0;
    private long maxPending = -1;

    @Test
    void theAutoscalerScalesTheJobUpForABacklogAndDownAfterItExactlyOnce() throws Exception {
        String driverClasspath = System.getProperty("autoscaler.driver.classpath", "");
        assertThat(driverClasspath).as("-Dautoscaler.driver.classpath (./run-autoscaler-demo builds it)").isNotBlank();
        t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.startQuietly()) {
            Map<String, String> settings = TestJobs.settings("autoscaler-demo", kafka.bootstrapServers(), dir.resolve("checkpoints"));
            settings.putAll(FaultRunChecks.SETTLEMENT);
            settings.put("job.parallelism", "1");
            settings.put("checkpoint.interval", "1s");
            PaymentsConfig config = PaymentsConfig.from(settings);
            kafka.createTopics(TestJobs.topics(config), PARTITIONS);

            PaymentLoad load = new PaymentLoad(20261203L, PAYMENTS, 1_000_000, kafka.bootstrapServers(), config.topics().raw());
            load.start();
            load.join();
            log("backlog on " + config.topics().raw() + ": " + load.records() + " records (" + load.payments() + " payments) in "
                    + PARTITIONS + " partitions " + load.kinds());

            Map<String, String> flinkConfig = new HashMap<>(FlinkRest.FRESH);
            flinkConfig.put("jobmanager.scheduler", "adaptive");
            flinkConfig.put("jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling", "5s");
            Instant closing;
            try (StandaloneFlinkCluster flink = StandaloneFlinkCluster.start(dir.resolve("flink"), 1, PARTITIONS, flinkConfig);
                    OutputTail tail = new OutputTail(kafka.bootstrapServers(), config.topics().tokenized())) {
                List<String> args = new ArrayList<>();
                settings.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
                String jobId = flink.submitDetached(BuiltJars.jobJar(), args, Duration.ofMinutes(3));
                FlinkRest rest = new FlinkRest(flink.restUri(), jobId);
                await("the job's tasks running", Duration.ofMinutes(3), () -> rest.allTasksRunning());
                Map<String, Integer> initial = parallelism(flink.restUri(), jobId);
                log("job " + jobId + " running, parallelism " + initial);

                Process driver = startDriver(driverClasspath, flink.restUri(), jobId);
                try {
                    Map<String, Integer> peak = new LinkedHashMap<>(initial);
                    Observation up = watch(flink.restUri(), jobId, tail, SCALE_UP_WITHIN,
                            p -> p.entrySet().stream().anyMatch(e -> e.getValue() > initial.get(e.getKey())), peak);
                    assertThat(up).as("a scale-up within " + SCALE_UP_WITHIN + "\n" + report()).isNotNull();
                    log("SCALED UP: " + initial + " -> " + up.parallelism() + " (pendingRecords then " + up.pending() + ")");

                    await("every payment committed to " + config.topics().tokenized(), Duration.ofMinutes(10), () -> {
                        trackParallelism(flink.restUri(), jobId, peak);
                        return tail.count() >= load.payments();
                    });
                    log("backlog gone: " + tail.count() + " payments committed; pendingRecords " + pendingRecords(flink.restUri(), jobId)
                            + "; parallelism " + parallelism(flink.restUri(), jobId) + " (peak " + peak + ")");

                    Map<String, Integer> top = new LinkedHashMap<>(peak);
                    Observation down = watch(flink.restUri(), jobId, tail, SCALE_DOWN_WITHIN,
                            p -> p.entrySet().stream().anyMatch(e -> e.getValue() < top.get(e.getKey())), peak);
                    assertThat(down).as("a scale-down within " + SCALE_DOWN_WITHIN + " of the backlog's end\n" + report()).isNotNull();
                    log("SCALED DOWN: " + top + " -> " + down.parallelism());
                    // The closing payments (one per merchant, an hour of event time later) go in only
                    // now, as in the fault suite: Flink does not checkpoint watermarks, so after a
                    // rescale a source subtask whose partitions bring no new record emits none, and
                    // holds back event time for source.idleness (1 h here, as in the fault suite).
                    // Sent with the backlog, they were read before the scale-down, and the windows
                    // still open at its checkpoint were never emitted (runs 3 to 5, README).
                    closing = load.close(PARTITIONS);
                    log("closing payments sent: one per merchant at " + closing);
                } finally {
                    driver.destroy();
                    driver.waitFor();
                }

                String[] reconcileArgs = Reconcile.args(settings, "--closed-before", closing.minus(Duration.ofMinutes(30)).toString());
                diagnose(flink.restUri(), jobId, kafka.bootstrapServers(), config.topics().outputs());
                Reconcile.Outcome reconciled = Reconcile.untilClean(reconcileArgs, Duration.ofMinutes(2));
                log("reconciled while running: exit " + reconciled.exitCode());
                diagnose(flink.restUri(), jobId, kafka.bootstrapServers(), config.topics().outputs());
                rest.cancel(Duration.ofMinutes(2));
                log("job cancelled; auditing");
                AuditReport audit = AuditTool.audit(config, null, EnumSet.allOf(Output.class), false, Clock.systemUTC(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                Reconcile.Outcome settled = Reconcile.run(reconcileArgs);
                List<String> lines = settled.output().lines().toList();
                log("pendingRecords of the Kafka source at its highest: " + maxPending);
                log("audit: " + (audit.clean() ? "clean" : "FINDINGS") + "; reconciliation: "
                        + (lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1)));
                System.out.println(report());
                Map<String, Long> kinds = new java.util.TreeMap<>();
                lines.forEach(l -> {
                    String kind = l.split("\\s+", 2)[0];
                    if (kind.matches("[A-Z_]+")) {
                        kinds.merge(kind, 1L, Long::sum);
                    }
                });
                System.out.println("[autoscaler-demo] reconciliation findings by kind: " + kinds);
                lines.stream().limit(40).forEach(l -> System.out.println("[autoscaler-demo]   " + l));
                Files.write(Path.of("target", "autoscaler-demo", "reconciliation.txt"), lines);
                audit.lines().forEach(l -> System.out.println("[autoscaler-demo]   " + l));
                System.out.println("[autoscaler-demo] driver log: " + driverLog().toAbsolutePath());

                assertThat(maxPending).as("the Kafka source's pendingRecords, at its highest").isPositive();
                assertThat(Files.readAllLines(driverLog()).stream().filter(l -> l.contains(" REALIZED ")).count())
                        .as("rescales the autoscaler applied").isGreaterThanOrEqualTo(2);
                assertThat(audit.clean()).as("the audit is clean").isTrue();
                for (String topic : List.of(config.topics().tokenized(), config.topics().scored(), config.topics().vault())) {
                    assertThat(audit.output(topic).expected()).as(topic + " expected, against ground truth").isEqualTo(load.payments());
                }
                assertThat(audit.output(config.topics().dlq()).expected()).isEqualTo(load.deadLetters());
                assertThat(settled.exitCode()).as("reconciliation").isZero();
            }
        }
    }

    private record Observation(Map<String, Integer> parallelism, long pending) {}

    /** Polls until the job's parallelism satisfies {@code change}; null if it does not in time. */
    private Observation watch(URI rest, String jobId, OutputTail tail, Duration within, Predicate<Map<String, Integer>> change,
            Map<String, Integer> peak) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Integer> last = parallelism(rest, jobId);
        long lastReport = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Integer> now = trackParallelism(rest, jobId, peak);
            long pending = pendingRecords(rest, jobId);
            maxPending = Math.max(maxPending, pending);
            if (!now.equals(last)) {
                log("parallelism " + last + " -> " + now + "; pendingRecords " + pending + ", committed " + tail.count());
                last = now;
            }
            if (change.test(now)) {
                return new Observation(now, pending);
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(20).toNanos()) {
                log("waiting: parallelism " + now + ", pendingRecords " + pending + ", committed " + tail.count());
                lastReport = System.nanoTime();
            }
            Thread.sleep(1000);
        }
        return null;
    }

    private Map<String, Integer> trackParallelism(URI rest, String jobId, Map<String, Integer> peak) throws Exception {
        Map<String, Integer> now = parallelism(rest, jobId);
        now.forEach((k, v) -> peak.merge(k, v, Math::max));
        return now;
    }

    /** Vertex name (shortened) to its current parallelism. */
    private Map<String, Integer> parallelism(URI rest, String jobId) throws Exception {
        Map<String, Integer> p = new LinkedHashMap<>();
        for (JsonNode v : get(rest, "/jobs/" + jobId).path("vertices")) {
            p.put(shortName(v.path("name").asText()), v.path("parallelism").asInt());
        }
        return p;
    }

    /**
     * What the job's operators and the output topics look like: each vertex's lowest input
     * watermark, and each output partition where the last stable offset (what read_committed
     * consumers can reach) is behind the high watermark (an open transaction).
     */
    private void diagnose(URI rest, String jobId, String bootstrap, List<String> topics) {
        try {
            Map<String, String> watermarks = new LinkedHashMap<>();
            for (JsonNode v : get(rest, "/jobs/" + jobId).path("vertices")) {
                long low = Long.MAX_VALUE;
                for (JsonNode w : get(rest, "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/watermarks")) {
                    low = Math.min(low, Long.parseLong(w.path("value").asText()));
                }
                watermarks.put(shortName(v.path("name").asText()), low == Long.MIN_VALUE ? "none" : low == Long.MAX_VALUE ? "-"
                        : Instant.ofEpochMilli(low).toString());
            }
            log("lowest input watermark per vertex: " + watermarks);
            Map<String, Object> props = Map.of("bootstrap.servers", bootstrap,
                    "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                    "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            Map<String, Object> committed = new HashMap<>(props);
            committed.put("isolation.level", "read_committed");
            try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(committed);
                    var u = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props)) {
                for (String topic : topics) {
                    List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(topic).stream()
                            .map(pi -> new org.apache.kafka.common.TopicPartition(topic, pi.partition())).toList();
                    Map<org.apache.kafka.common.TopicPartition, Long> stable = c.endOffsets(parts);
                    Map<org.apache.kafka.common.TopicPartition, Long> high = u.endOffsets(parts);
                    List<String> behind = new ArrayList<>();
                    for (var tp : parts) {
                        if (!stable.get(tp).equals(high.get(tp))) {
                            behind.add(tp.partition() + ": last stable " + stable.get(tp) + " < high watermark " + high.get(tp));
                        }
                    }
                    log(topic + ": " + (behind.isEmpty() ? "no open transaction holds back read_committed consumers"
                            : "OPEN TRANSACTIONS hold back read_committed consumers on " + behind));
                }
            }
        } catch (Exception e) {
            log("diagnosis failed: " + e);
        }
    }

    /** The job's vertices by what they do (their names are long operator chains). */
    static String shortName(String vertex) {
        if (vertex.startsWith("Source: payments.raw")) {
            return "raw-source";
        }
        if (vertex.startsWith("Source: payments.fraud-rules")) {
            return "rules-source";
        }
        if (vertex.startsWith("dedupe")) {
            return "dedupe+sink";
        }
        if (vertex.startsWith("fraud: card features")) {
            return "card-features";
        }
        if (vertex.startsWith("fraud: merchant features")) {
            return "scoring";
        }
        if (vertex.startsWith("settlement")) {
            return "settlement";
        }
        if (vertex.contains("payments.dlq")) {
            return "dlq-sink";
        }
        return vertex.length() > 24 ? vertex.substring(0, 24) : vertex;
    }

    /** The Kafka source's pendingRecords, summed over its subtasks; -1 if not reported. */
    private long pendingRecords(URI rest, String jobId) throws Exception {
        for (JsonNode v : get(rest, "/jobs/" + jobId).path("vertices")) {
            String base = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            for (JsonNode m : get(rest, base)) {
                String id = m.path("id").asText();
                if (id.endsWith(".pendingRecords") && id.startsWith("Source__payments_raw")) {
                    JsonNode value = get(rest, base + "?get=" + id + "&agg=sum");
                    return value.isArray() && !value.isEmpty() ? (long) value.get(0).path("sum").asDouble() : -1;
                }
            }
        }
        return -1;
    }

    private JsonNode get(URI rest, String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private Process startDriver(String classpath, URI rest, String jobId) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("flink.jvm.opens", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", classpath, "com.cardpay.payments.autoscalerdemo.AutoscalerDriver",
                rest.toString().replaceAll("/$", ""), jobId,
                // The production values (flink-k8s/base/flinkdeployment.yaml) scaled down from minutes
                // to seconds, so that the demonstration takes minutes, not hours.
                "job.autoscaler.metrics.window", "40s",
                "job.autoscaler.stabilization.interval", "20s",
                "job.autoscaler.target.utilization", "0.6",
                "job.autoscaler.target.utilization.boundary", "0.2",
                "job.autoscaler.restart.time", "15s",
                // 30 s: the backlog must outlast what parallelism 1 can do in that long, or no scale-up is needed.
                "job.autoscaler.catch-up.duration", "30s",
                "job.autoscaler.scale-down.interval", "0s",
                "job.autoscaler.vertex.max-parallelism", String.valueOf(PARTITIONS),
                "job.autoscaler.vertex.min-parallelism", "1"));
        Path log = driverLog();
        log("autoscaler driver started (flink-autoscaler 1.10.0 in its own JVM); log " + log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The driver's log, kept after the run (integration-tests/target/autoscaler-demo/). */
    private static Path driverLog() throws IOException {
        return Files.createDirectories(Path.of("target", "autoscaler-demo")).resolve("driver.log");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void await(String what, Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within + "\n" + report());
            }
            Thread.sleep(1000);
        }
    }

    private void log(String line) {
        String entry = String.format("%6.1f s  %s", (System.nanoTime() - t0) / 1e9, line);
        timeline.add(entry);
        System.out.println("[autoscaler-demo] " + entry);
    }

    private String report() {
        StringBuilder r = new StringBuilder("[autoscaler-demo] ===== timeline =====\n");
        timeline.forEach(l -> r.append("[autoscaler-demo] ").append(l).append('\n'));
        try {
            Files.readAllLines(driverLog()).stream()
                    .filter(l -> l.contains("REALIZED") || l.contains("SCALE-FAILED") || l.contains("ScalingReport") || l.contains("DRIVER"))
                    .forEach(l -> r.append("[autoscaler-demo] driver: ").append(l).append('\n'));
        } catch (IOException e) {
            r.append("[autoscaler-demo] (no driver log)\n");
        }
        return r.toString();
    }
}
