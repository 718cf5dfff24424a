package com.cardpay.payments.local;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.ObjectStorage;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.Durations;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.common.ToolArguments;
import com.cardpay.payments.tools.reconcile.ReconcileTool;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the payments job on this machine: an in-process Kafka broker, a payment generator, and a
 * Flink MiniCluster with RocksDB, local checkpoints, the web UI and the Prometheus endpoint. With
 * {@code --bootstrap-servers} it uses that broker instead and generates nothing.
 */
public final class LocalPaymentsRunner {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Set<String> RUNNER_FLAGS = Set.of(
            "duration", "rate", "malformed-share", "duplicate-share", "bootstrap-servers", "web-port", "prometheus-port", "partitions");

    private LocalPaymentsRunner() {}

    /** The local run's settings before the command line's: what differs from the defaults, and why. */
    public static Map<String, String> localSettings(Path checkpoints) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tokenization.key-provider", "local");
        // A development run: local keys (or a Vault test server over http) are allowed here only.
        settings.put("development.allow-insecure", "true");
        settings.put("checkpoint.storage", checkpoints.toAbsolutePath().toUri().toString());
        // One-minute settlement windows, so that settlements appear within a short run.
        settings.put("settlement.window", "1m");
        settings.put("settlement.allowed-lateness", "5s");
        // The generator stamps payments with the wall clock; the lead may not exceed the lateness.
        settings.put("source.max-event-time-ahead", "5s");
        return settings;
    }

    public static void main(String[] args) throws Exception {
        ToolArguments arguments = ToolArguments.split(args, RUNNER_FLAGS);
        try {
            run(arguments.own(), arguments.configArgs());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(Map<String, String> flags, String[] jobArgs) throws Exception {
        Duration duration = flags.containsKey("duration") ? parseDuration(flags.get("duration")) : null;
        int rate = Integer.parseInt(flags.getOrDefault("rate", "500"));
        double malformed = Double.parseDouble(flags.getOrDefault("malformed-share", "0.05"));
        double duplicates = Double.parseDouble(flags.getOrDefault("duplicate-share", "0.05"));
        int webPort = Integer.parseInt(flags.getOrDefault("web-port", "8081"));
        int prometheusPort = Integer.parseInt(flags.getOrDefault("prometheus-port", "9249"));
        String external = flags.get("bootstrap-servers");
        if (rate <= 0 || malformed < 0 || duplicates < 0 || malformed + duplicates > 1) {
            throw new IllegalArgumentException("--rate must be positive; --malformed-share and --duplicate-share in [0, 1], summing to at most 1");
        }

        Path runDir = Files.createDirectories(Path.of("local-run", "run-" + System.currentTimeMillis()));
        EmbeddedKafka kafka = null;
        if (external == null) {
            say("Starting an in-process Kafka broker (KRaft) ...");
            kafka = EmbeddedKafka.startQuietly();
        }
        String bootstrap = external != null ? external : kafka.bootstrapServers();

        Map<String, String> settings = localSettings(runDir.resolve("checkpoints"));
        settings.putAll(PaymentsConfigLoader.settings(jobArgs));
        settings.put("kafka.bootstrap-servers", bootstrap);
        PaymentsConfig config = PaymentsConfig.from(settings);

        if (kafka != null) {
            kafka.createTopics(config.topics().all(), Integer.parseInt(flags.getOrDefault("partitions", "4")));
        }
        say("Kafka: " + bootstrap + " | topics: " + config.topics().raw() + " -> " + String.join(", ", config.topics().outputs()));

        // This JVM is the Flink cluster: with s3:// checkpoints, it sets up the S3 file system from
        // the s3.* keys (the plugin comes from FLINK_PLUGINS_DIR, which ./run-local sets).
        ObjectStorage.configureThisProcess(config);
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestOptions.PORT, webPort);
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        flink.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        flink.setString("metrics.reporter.prom.port", Integer.toString(prometheusPort));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        say("Flink job " + job.getJobID() + " running: web UI http://localhost:" + webPort
                + " | metrics http://localhost:" + prometheusPort + "/metrics | logs " + runDir.getParent().resolve("flink.log"));

        PaymentGenerator generator = null;
        if (external == null) {
            generator = new PaymentGenerator(bootstrap, config.topics().raw(), rate, malformed, duplicates);
            generator.start();
            say(String.format("Generating %d payments/s (%.0f%% malformed, %.0f%% replays) into %s",
                    rate, malformed * 100, duplicates * 100, config.topics().raw()));
        }
        say(duration == null ? "Press Ctrl-C to stop." : "Running for " + duration.toSeconds() + " s (Ctrl-C stops early).");

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        JobObserver observer = new JobObserver(prometheusPort, webPort);
        Progress progress = new Progress();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (CommittedOutputCounter committed = new CommittedOutputCounter(bootstrap, config.topics().outputs())) {
            while (!stop.await(Math.min(5_000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)
                    && System.nanoTime() < deadline) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    say("The job ended: " + job.getJobStatus().get());
                    break;
                }
                say(progress.line(observer.counters(), committed.poll(), observer.checkpoints(job.getJobID().toString()), config));
            }
            say("Stopping ...");
            if (generator != null) {
                generator.shutdown();
                if (generator.failure() != null) {
                    say("The generator could not send every payment: " + generator.failure());
                }
            }
            // Let the last records reach a checkpoint, and the counter read them, before cancelling.
            Map<String, Long> counters = observer.counters();
            Map<String, Long> outputs = committed.poll();
            long settle = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < settle
                    && outputs.getOrDefault(config.topics().tokenized(), 0L) < counters.getOrDefault("payments_records_tokenized", 0L)) {
                Thread.sleep(Math.max(200, config.checkpointInterval().toMillis()));
                counters = observer.counters();
                outputs = committed.poll();
            }
            String checkpoints = observer.checkpoints(job.getJobID().toString());
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            progress.summary(generator == null ? null : generator.sent(), counters, outputs, checkpoints, config);
            if (kafka != null) {
                // our own broker and generator: the whole input is known, so every closed line can be checked
                reconcile(settings);
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            stopped.countDown();
        }
    }

    /** Runs the reconciliation tool over what this run wrote, and prints what it found. */
    private static void reconcile(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReconcileTool.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        say("  reconciliation:   " + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1))
                + (code == 0 ? "" : " (exit " + code + ")"));
        lines.stream().limit(Math.max(0, Math.min(20, lines.size() - 1))).forEach(l -> say("    " + l));
    }

    private static Duration parseDuration(String text) {
        Duration d = Durations.parse(text);
        if (d == null) {
            throw new IllegalArgumentException("--duration must be a duration such as " + Durations.EXAMPLES + ", got '" + text + "'");
        }
        return d;
    }

    static void say(String line) {
        System.out.println(LocalTime.now().format(CLOCK) + "  " + line);
    }
}
