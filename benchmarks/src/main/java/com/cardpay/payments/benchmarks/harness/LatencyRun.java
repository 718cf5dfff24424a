package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments.Generated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Commit-visible latency of one variant at a fixed offered rate.
 *
 * <p>A paced sender offers the payments at the rate from before the job is up; the first output
 * record the {@code read_committed} probe sees marks the job as running. The measured window
 * starts {@code warmup} after that (start-up backlog and JIT left out) and lasts {@code measure};
 * the sender stops at its end. Latency of a record = the moment the probe's {@code poll()}
 * returned it minus its send time, for every output record sent inside the window. The run then
 * waits until every expected output is seen (or a timeout; the shortfall is reported as missing).
 */
final class LatencyRun {
    record Result(Variant variant, String label, long checkpointIntervalMillis, Map<String, String> settings, int rate,
            Percentiles latency, long sentInWindow, long expected, long missing, long behindAtEnd, CheckpointStats checkpoints,
            double targetP99Millis, String error) {
        boolean meetsTarget() {
            return error == null && missing == 0 && latency.p99() <= targetP99Millis;
        }

        /**
         * The job fell behind the offered rate: at the window's end more records were sent and not
         * yet seen than one checkpoint interval plus one second of sending would explain (the
         * passthrough drops unparseable records and the pipeline replays and rejects, so "seen"
         * trails "sent" by a few percent anyway). Its latency then measures a queue, not the job.
         */
        boolean saturated() {
            return behindAtEnd > (long) rate * (checkpointIntervalMillis + 1_000) / 1_000 + sentInWindow / 10;
        }
    }

    private LatencyRun() {}

    static Result run(JobRunner runner, EmbeddedKafka kafka, Variant variant, String label, Map<String, String> jobSettings,
            Map<String, String> flinkSettings, Map<String, String> shownSettings, List<Generated> pool, int rate,
            Duration warmup, Duration measure, double targetP99Millis, int partitions, Progress progress) throws Exception {
        String runId = label.replaceAll("[^A-Za-z0-9-]", "-");
        String raw = "bench." + runId + ".raw";
        kafka.createTopics(List.of(raw), partitions);
        JobRunner.Started job = runner.start(variant, runId, raw, jobSettings, flinkSettings);
        long interval = job.config().checkpointInterval().toMillis();
        LatencyProbe probe = new LatencyProbe(kafka.bootstrapServers(), job.outputTopic());
        PacedSender sender = new PacedSender(kafka.bootstrapServers(), raw, pool, rate);
        try {
            probe.start();
            sender.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (probe.firstSeenNanos() == Long.MIN_VALUE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no output within 120 s");
                }
                failIfBroken(job, probe, sender);
                Thread.sleep(20);
            }
            long from = probe.firstSeenNanos() + warmup.toNanos();
            long until = from + measure.toNanos();
            sender.measure(from, until);
            probe.window(from, until);
            progress.say(String.format("  %s: output flowing; measuring %d s after %d s of warm-up", label,
                    measure.toSeconds(), warmup.toSeconds()));
            long lastPrint = System.nanoTime();
            while (System.nanoTime() < until) {
                Thread.sleep(100);
                failIfBroken(job, probe, sender);
                if (System.nanoTime() - lastPrint >= 3_000_000_000L) {
                    lastPrint = System.nanoTime();
                    Percentiles sofar = probe.percentiles();
                    progress.say(String.format("  %s: sent %,d, seen %,d, samples %,d, p99 so far %s ms", label, sender.sent(),
                            probe.seen(), sofar.count(), Report.ms(sofar.p99())));
                }
            }
            long behindAtEnd = sender.sent() - probe.seen();
            sender.join(10_000);
            long drainDeadline = System.nanoTime() + Math.max(10_000, 3 * interval + 5_000) * 1_000_000L;
            while (probe.samples() < sender.expected(variant) && System.nanoTime() < drainDeadline) {
                failIfBroken(job, probe, sender);
                Thread.sleep(50);
            }
            CheckpointStats checkpoints = CheckpointStats.read(job.restPort(), job.client().getJobID().toString());
            long expected = sender.expected(variant);
            return new Result(variant, label, interval, shownSettings, rate, probe.percentiles(), sender.sentInWindow(), expected,
                    Math.max(0, expected - probe.samples()), behindAtEnd, checkpoints, targetP99Millis, null);
        } catch (IllegalStateException e) {
            return new Result(variant, label, interval, shownSettings, rate, probe.percentiles(), sender.sentInWindow(),
                    sender.expected(variant), -1, -1, CheckpointStats.UNKNOWN, targetP99Millis, e.getMessage());
        } finally {
            sender.shutdown();
            probe.shutdown();
            JobRunner.stop(job);
        }
    }

    private static void failIfBroken(JobRunner.Started job, LatencyProbe probe, PacedSender sender) throws Exception {
        if (sender.failure() != null) {
            throw new IllegalStateException("sender failed: " + sender.failure());
        }
        if (probe.failure() != null) {
            throw new IllegalStateException("probe failed: " + probe.failure());
        }
        JobRunner.checkRunning(job);
    }
}
