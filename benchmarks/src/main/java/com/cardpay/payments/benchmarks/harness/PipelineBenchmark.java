package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark (issue 6), one command: an in-process Kafka broker, a preloaded
 * backlog, and in turn (a) the exactly-once passthrough floor and (b) the payments pipeline, each
 * on its own MiniCluster with identical settings: sustained throughput with CPU, then
 * commit-visible latency at a fixed offered rate against checkpoint interval, then (full mode)
 * a sweep of latency knobs and a JFR-profiled pipeline run. Prints tables, writes
 * {@code latest.json} and {@code latest.svg} to the results directory.
 *
 * <p>Run: {@code ./run-benchmark [--quick]}, or {@code java -cp benchmarks/target/benchmarks.jar
 * com.cardpay.payments.benchmarks.harness.PipelineBenchmark --quick} (it restarts itself with the
 * module opens Flink needs on Java 17 when they are missing). See benchmarks/README-performance.md.
 */
public final class PipelineBenchmark {
    /** Java 17 module opens every Flink JVM needs (Flink's env.java.default-opts.all). */
    static final List<String> FLINK_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED");

    /** One named set of latency knobs for the sweep (pipeline only). */
    record Knob(String name, Map<String, String> job, Map<String, String> flink) {}

    static final List<Knob> SWEEP = List.of(
            new Knob("100ms + unaligned", Map.of("checkpoint.interval", "100ms"),
                    Map.of("execution.checkpointing.unaligned.enabled", "true")),
            new Knob("100ms + buffer-timeout 5ms", Map.of("checkpoint.interval", "100ms"),
                    Map.of("execution.buffer-timeout.interval", "5ms")),
            new Knob("100ms + min-pause 50ms", Map.of("checkpoint.interval", "100ms"),
                    Map.of("execution.checkpointing.min-pause", "50ms")),
            new Knob("200ms", Map.of("checkpoint.interval", "200ms"), Map.of()),
            new Knob("250ms + unaligned + buffer-timeout 5ms", Map.of("checkpoint.interval", "250ms"),
                    Map.of("execution.checkpointing.unaligned.enabled", "true", "execution.buffer-timeout.interval", "5ms")));

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (!Object.class.getModule().isOpen("java.util", PipelineBenchmark.class.getModule())) {
            System.exit(relaunchWithOpens(args));
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (HarnessOptions.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.out);
        if (System.getProperty("log4j.configurationFile") == null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "classpath:log4j2-harness.properties");
        }
        System.setProperty("benchmark.log.file", options.out.resolve("harness.log").toAbsolutePath().toString());
        int code = 0;
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        // Kafka and Flink leave non-daemon threads behind.
        System.exit(code);
    }

    private static void run(HarnessOptions o) throws Exception {
        int steps = 1 + (o.throughput ? 1 + o.variants.size() + (o.profile && o.variants.contains(Variant.PIPELINE) ? 1 : 0) : 0)
                + (o.latency ? 1 + o.intervals.size() * o.variants.size() : 0)
                + (o.sweep && o.variants.contains(Variant.PIPELINE) ? SWEEP.size() : 0)
                + (o.growth ? CostGrowth.steps(o) : 0)
                + (o.throughput ? o.warmUpRuns * o.variants.size() : 0);
        Progress progress = new Progress(System.out, steps);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        progress.say(String.format(Locale.ROOT, "Pipeline benchmark (%s mode), %d cores, load average %.2f; results to %s",
                o.quick ? "quick" : "full", Runtime.getRuntime().availableProcessors(), loadBefore, o.out));
        if (loadBefore > 0.5 * Runtime.getRuntime().availableProcessors()) {
            progress.say("Note: the machine is already busy; figures will be contended.");
        }
        Path work = Files.createTempDirectory("payments-bench-");
        ObjectNode root = Report.JSON.createObjectNode();
        List<ThroughputRun.Result> throughput = new ArrayList<>();
        List<LatencyRun.Result> latency = new ArrayList<>();
        List<LatencyRun.Result> sweep = new ArrayList<>();
        ObjectNode profile = null;
        ObjectNode growth = null;
        progress.step("Starting an in-process Kafka broker (KRaft) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.startQuietly(); ThrowawayOtlpReceiver receiver = tracingReceiver(o, progress)) {
            JobRunner runner = new JobRunner(kafka, work, o.partitions);
            Backlog.Mix mix = new Backlog.Mix(o.malformedShare, o.duplicateShare, o.lateShare);
            ObjectNode backlogJson = null;
            if (o.throughput) {
                String backlog = "bench.backlog";
                kafka.createTopics(List.of(backlog), o.partitions);
                progress.step(String.format("Preloading %,d payments into %s ...", o.records, backlog));
                Backlog.Loaded loaded = Backlog.preload(kafka.bootstrapServers(), backlog, o.records, mix, o.seed, o.tracing == null,
                        o.population, n -> progress.say(String.format("  preloaded %,d", n)));
                progress.say(String.format(Locale.ROOT, "  %,d records, %.0f bytes on average, in %.1f s: %s", loaded.records(),
                        (double) loaded.bytes() / loaded.records(), loaded.seconds(), loaded.kinds()));
                backlogJson = Report.JSON.createObjectNode();
                backlogJson.put("records", loaded.records());
                backlogJson.put("average_bytes", Report.round((double) loaded.bytes() / loaded.records()));
                ObjectNode kinds = backlogJson.putObject("kinds");
                loaded.kinds().forEach((k, v) -> kinds.put(k.name(), v));

                Map<String, String> job = withInterval(o.jobSettings, o.throughputInterval);
                // Broker, job and harness share one JVM: the first runs execute partly interpreted
                // (a second pipeline run in the same JVM is about 50% faster, a fourth about twice
                // as fast). Unmeasured runs first let the JIT compile what every variant runs.
                for (int i = 0; i < o.warmUpRuns; i++) {
                    for (Variant variant : o.variants) {
                        progress.step(String.format("JIT warm-up %d, %s (not measured, cap %d s) ...", i + 1, variant.label,
                                o.warmUpCap.toSeconds()));
                        ThroughputRun.run(runner, variant, "warmup-" + i + "-" + variant.label, backlog, o.records, job,
                                o.flinkSettings, o.throughputWarmup, o.warmUpCap, progress);
                    }
                }
                for (Variant variant : o.variants) {
                    Duration cap = variant.isPipeline() ? o.pipelineCap : o.passthroughCap;
                    progress.step(String.format("Throughput, %s (checkpoint %s, cap %d s) ...", variant.label,
                            text(o.throughputInterval), cap.toSeconds()));
                    ThroughputRun.Result r = ThroughputRun.run(runner, variant, "tput-" + variant.label, backlog, o.records,
                            job, o.flinkSettings, o.throughputWarmup, cap, progress);
                    progress.say(String.format(Locale.ROOT, "  %s: %,.0f payments/s over %.1f s, %.2f CPU cores", variant.label,
                            r.paymentsPerSecond(), r.windowSeconds(), r.cpuCores().getOrDefault("total", Double.NaN)));
                    throughput.add(r);
                }
                if (o.profile && o.variants.contains(Variant.PIPELINE)) {
                    progress.step("Throughput, pipeline under JFR (profile settings) ...");
                    profile = profiledRun(o, runner, backlog, job, stamp, throughput, progress);
                }
            }
            if (o.latency) {
                int poolSize = (int) Math.min(2_000_000, (long) o.rate
                        * (o.latencyWarmup.toSeconds() + o.latencyMeasure.toSeconds() + 25));
                progress.step(String.format("Generating %,d payments for the paced latency runs ...", poolSize));
                List<Generated> pool = pool(poolSize, mix, o.seed + 1);
                for (Duration interval : o.intervals) {
                    for (Variant variant : o.variants) {
                        String label = "lat-" + variant.label + "-" + text(interval);
                        progress.step(String.format("Latency, %s, checkpoint %s, %,d payments/s ...", variant.label,
                                text(interval), o.rate));
                        Map<String, String> shown = new LinkedHashMap<>(o.jobSettings);
                        shown.putAll(o.flinkSettings);
                        shown.put("checkpoint.interval", text(interval));
                        LatencyRun.Result r = LatencyRun.run(runner, kafka, variant, label, withInterval(o.jobSettings, interval),
                                o.flinkSettings, shown, pool, o.rate, o.latencyWarmup, o.latencyMeasure, o.targetP99.toMillis(),
                                o.partitions, progress);
                        say(progress, r);
                        latency.add(r);
                    }
                }
                if (o.sweep && o.variants.contains(Variant.PIPELINE)) {
                    for (Knob knob : SWEEP) {
                        progress.step("Latency knobs, pipeline: " + knob.name() + " ...");
                        Map<String, String> job = new LinkedHashMap<>(o.jobSettings);
                        job.putAll(knob.job());
                        Map<String, String> flink = new LinkedHashMap<>(o.flinkSettings);
                        flink.putAll(knob.flink());
                        Map<String, String> shown = new LinkedHashMap<>(job);
                        shown.putAll(flink);
                        LatencyRun.Result r = LatencyRun.run(runner, kafka, Variant.PIPELINE,
                                "knob-" + knob.name().replaceAll("[^A-Za-z0-9]+", "-"), job, flink, shown, pool, o.rate,
                                o.latencyWarmup, o.latencyMeasure, o.targetP99.toMillis(), o.partitions, progress);
                        say(progress, r);
                        sweep.add(r);
                    }
                }
            }
            if (o.growth) {
                growth = CostGrowth.run(o, runner, kafka, mix, progress);
            }
            root.set("harness", harnessJson(o, loadBefore, progress, stamp));
            if (backlogJson != null) {
                backlogJson.set("mix", Report.JSON.valueToTree(Map.of("malformed", o.malformedShare,
                        "duplicate", o.duplicateShare, "late", o.lateShare)));
            }
        } finally {
            deleteQuietly(work);
        }

        ObjectNode t = root.putObject("throughput");
        t.put("definition", "records emitted by the Kafka source (operator numRecordsOut, REST, sampled every 250 ms) per "
                + "second between the first sample at least the warm-up after the first record and the last sample before "
                + "the backlog drained or the cap; CPU = process CPU time over the same window");
        t.put("warmup_seconds", o.throughputWarmup.toSeconds());
        t.set("runs", Report.array(throughput.stream().map(Report::json).toList()));
        Report.ratio(throughput).ifPresent(x -> t.put("ratio_pipeline_to_passthrough", Report.round(x)));
        Report.ratio(throughput, Variant.PASSTHROUGH_THREE_RECORDS)
                .ifPresent(x -> t.put("ratio_passthrough_3_records_to_passthrough", Report.round(x)));
        ObjectNode l = root.putObject("latency");
        l.put("definition", "poll() return time of a read_committed consumer of the output topic minus the send time "
                + "stamped in a header just before producer.send(); records sent in the measured window only");
        l.put("offered_rate", o.rate);
        l.put("warmup_seconds", o.latencyWarmup.toSeconds());
        l.put("measure_seconds", o.latencyMeasure.toSeconds());
        l.put("target_p99_ms", o.targetP99.toMillis());
        l.set("runs", Report.array(latency.stream().map(Report::json).toList()));
        l.set("knob_sweep", Report.array(sweep.stream().map(Report::json).toList()));
        List<String> meeting = Stream.concat(latency.stream(), sweep.stream()).filter(LatencyRun.Result::meetsTarget)
                .filter(r -> r.variant() == Variant.PIPELINE).map(r -> r.label() + " " + r.settings()).toList();
        l.set("pipeline_settings_meeting_target", Report.JSON.valueToTree(meeting));
        if (profile != null) {
            root.set("profile", profile);
        }
        if (growth != null) {
            root.set("growth", growth);
        }

        Report.throughputTable(System.out, throughput);
        Report.latencyTable(System.out, String.format("Commit-visible latency at %,d payments/s (read_committed consumer; "
                + "%d s warm-up, %d s measured)", o.rate, o.latencyWarmup.toSeconds(), o.latencyMeasure.toSeconds()), latency);
        Report.latencyTable(System.out, "Latency knobs, pipeline", sweep);
        System.out.println();
        System.out.println(meeting.isEmpty() ? "No pipeline setting met p99 <= " + o.targetP99.toMillis() + " ms."
                : "Pipeline settings meeting p99 <= " + o.targetP99.toMillis() + " ms: " + String.join("; ", meeting));

        if (growth != null) {
            System.out.println();
            CostGrowth.table(growth).forEach(System.out::println);
        }

        String json = Report.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        String svg = chart(o, throughput, latency);
        write(o.out.resolve("run-" + stamp + ".json"), json);
        write(o.out.resolve("run-" + stamp + ".svg"), svg);
        Files.copy(o.out.resolve("run-" + stamp + ".json"), o.out.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(o.out.resolve("run-" + stamp + ".svg"), o.out.resolve("latest.svg"), StandardCopyOption.REPLACE_EXISTING);
        if (growth != null) {
            String growthSvg = GrowthChart.render(String.format(Locale.ROOT, "%,d payments per backlog, checkpoint %s, %s",
                    o.records, text(o.throughputInterval), root.path("harness").path("git_commit").asText("")), growth);
            write(o.out.resolve("growth-" + stamp + ".svg"), growthSvg);
            Files.copy(o.out.resolve("growth-" + stamp + ".svg"), o.out.resolve("growth.svg"), StandardCopyOption.REPLACE_EXISTING);
        }
        progress.say("Wrote " + o.out.resolve("latest.json") + " and " + o.out.resolve("latest.svg") + " (also run-" + stamp + ".*)");
    }

    private static ObjectNode profiledRun(HarnessOptions o, JobRunner runner, String backlog,
            Map<String, String> job, String stamp, List<ThroughputRun.Result> throughput, Progress progress) throws Exception {
        Path jfr = o.out.resolve("profile-" + stamp + ".jfr");
        ThroughputRun.Result r;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.setName("payments-pipeline");
            recording.start();
            r = ThroughputRun.run(runner, Variant.PIPELINE, "tput-pipeline-profiled", backlog, o.records, job,
                    o.flinkSettings, o.throughputWarmup, o.pipelineCap, progress);
            recording.stop();
            recording.dump(jfr);
        }
        throughput.add(r);
        JfrSummary.Summary summary = JfrSummary.summarize(jfr);
        String text = summary.text(25);
        write(o.out.resolve("profile-" + stamp + ".txt"), text);
        progress.say("  profile: " + jfr + " (summary in profile-" + stamp + ".txt); hottest frames:");
        summary.selfMethods().entrySet().stream().limit(12).forEach(e -> progress.say(String.format(Locale.ROOT,
                "    %5.1f%%  %s", 100.0 * e.getValue() / summary.samples(), e.getKey())));
        progress.say("  by library (top frame):");
        summary.selfOrigin().entrySet().stream().limit(8).forEach(e -> progress.say(String.format(Locale.ROOT,
                "    %5.1f%%  %s", 100.0 * e.getValue() / summary.samples(), e.getKey())));
        ObjectNode n = Report.JSON.createObjectNode();
        n.put("recording", jfr.toString());
        n.put("samples", summary.samples());
        n.put("payments_per_second_while_profiled", Report.round(r.paymentsPerSecond()));
        n.set("top_self", top(summary.selfMethods(), summary.samples(), 25));
        n.set("own_code_inclusive", top(summary.ownInclusive(), summary.samples(), 25));
        n.set("top_frame_by_library", top(summary.selfOrigin(), summary.samples(), 15));
        n.set("by_thread_group", top(summary.threadGroups(), summary.samples(), 10));
        return n;
    }

    private static ObjectNode top(Map<String, Long> counts, long total, int limit) {
        ObjectNode n = Report.JSON.createObjectNode();
        counts.entrySet().stream().limit(limit).forEach(e -> n.put(e.getKey(), Report.round(100.0 * e.getValue() / total)));
        return n;
    }

    private static void say(Progress progress, LatencyRun.Result r) {
        if (r.error() != null) {
            progress.say("  " + r.label() + ": ERROR " + r.error());
            return;
        }
        progress.say(String.format(Locale.ROOT, "  %s: p50 %s, p95 %s, p99 %s, max %s ms over %,d samples, %d missing",
                r.label(), Report.ms(r.latency().p50()), Report.ms(r.latency().p95()), Report.ms(r.latency().p99()),
                Report.ms(r.latency().max()), r.latency().count(), r.missing()));
    }

    private static String chart(HarnessOptions o, List<ThroughputRun.Result> throughput, List<LatencyRun.Result> latency) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (Variant v : o.variants) {
            double tput = throughput.stream().filter(r -> r.variant() == v && !r.label().contains("profiled"))
                    .mapToDouble(ThroughputRun.Result::paymentsPerSecond).findFirst().orElse(Double.NaN);
            List<SvgChart.Point> points = latency.stream().filter(r -> r.variant() == v && r.error() == null)
                    .sorted(Comparator.comparingLong(LatencyRun.Result::checkpointIntervalMillis))
                    .map(r -> new SvgChart.Point(r.checkpointIntervalMillis(), r.latency().p50(), r.latency().p99())).toList();
            series.add(new SvgChart.Series(v.label, tput, points));
        }
        String subtitle = String.format(Locale.ROOT, "%s mode, %s; parallelism 2, RocksDB incremental, exactly-once KafkaSinks, "
                + "in-process broker; latency at %,d payments/s", o.quick ? "quick" : "full", Instant.now(), o.rate);
        return SvgChart.render("Payments pipeline vs exactly-once passthrough", subtitle, series, o.targetP99.toMillis());
    }

    /** For {@code --tracing RATIO}: a throwaway receiver, and the job pointed at it; null otherwise. */
    private static ThrowawayOtlpReceiver tracingReceiver(HarnessOptions o, Progress progress) throws IOException {
        if (o.tracing == null || o.tracing.equals("off")) {
            progress.say("Tracing: " + (o.tracing == null ? "off (backlog with sampled traceparents)" : "off (backlog without traceparents)"));
            return null;
        }
        ThrowawayOtlpReceiver receiver = new ThrowawayOtlpReceiver();
        o.jobSettings.put("tracing.otlp-endpoint", receiver.endpoint());
        progress.say("Tracing: on, sample ratio " + o.tracing + " of a backlog without traceparents, to a throwaway receiver at "
                + receiver.endpoint());
        o.tracingReceiver = receiver;
        return receiver;
    }

    private static ObjectNode harnessJson(HarnessOptions o, double loadBefore, Progress progress, String stamp) {
        ObjectNode h = Report.JSON.createObjectNode();
        h.put("tracing", o.tracing == null ? "not set" : o.tracing);
        if (o.tracingReceiver != null) {
            h.put("tracing_export_requests", o.tracingReceiver.requests());
            h.put("tracing_export_bytes", o.tracingReceiver.bytes());
            progress.say(String.format(Locale.ROOT, "Tracing: the receiver got %,d export requests, %,d bytes",
                    o.tracingReceiver.requests(), o.tracingReceiver.bytes()));
        }
        h.put("mode", o.quick ? "quick" : "full");
        h.put("jit_warm_up_runs", o.warmUpRuns);
        h.put("run", stamp);
        h.put("seconds", Report.round(progress.elapsedSeconds()));
        h.put("cores", Runtime.getRuntime().availableProcessors());
        h.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        MachineInfo.put(h);
        h.put("population", o.population == null ? "default (20,000 cards, 20 merchants, none hot)" : o.population.label());
        if (o.growth) {
            h.put("growth_interval_ms", o.growthInterval.toMillis());
            h.set("growth_rates", Report.JSON.valueToTree(o.growthRates));
        }
        h.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        h.put("load_average_before", Report.round(loadBefore));
        h.put("load_average_after", Report.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        h.put("throughput_checkpoint_interval_ms", o.throughputInterval.toMillis());
        h.put("records", o.records);
        h.put("partitions", o.partitions);
        h.set("job_settings", Report.JSON.valueToTree(o.jobSettings));
        h.set("flink_settings", Report.JSON.valueToTree(o.flinkSettings));
        return h;
    }

    private static Map<String, String> withInterval(Map<String, String> job, Duration interval) {
        Map<String, String> settings = new LinkedHashMap<>(job);
        settings.put("checkpoint.interval", text(interval));
        return settings;
    }

    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static List<Generated> pool(int size, Backlog.Mix mix, long seed) {
        SyntheticPayments payments = new SyntheticPayments(seed, mix.malformed(), mix.duplicate(), mix.late(),
                SyntheticPayments.startOfBacklogEndingAt(Instant.now(), size));
        List<Generated> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(payments.next());
        }
        return pool;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }

    /** Restarts this JVM with the module opens and a 3 GB heap; returns its exit code. */
    private static int relaunchWithOpens(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmArgs);
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
            command.add("-Xmx3g");
        }
        command.addAll(FLINK_OPENS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PipelineBenchmark.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
