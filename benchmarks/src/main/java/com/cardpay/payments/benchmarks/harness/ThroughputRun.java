package com.cardpay.payments.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sustained throughput of one variant over the preloaded backlog.
 *
 * <p>Progress is the records the job's Kafka source has emitted ({@link SourceRecordsMetric}),
 * sampled every 250 ms with a CPU sample. The steady window runs from the first sample at least
 * {@code warmup} after the first sample that showed any record (start-up, JIT and RocksDB warm-up
 * left out) to the last sample before the backlog was drained or the time cap was hit (a sample
 * that reached the end of the backlog is left out: the source may have idled before it).
 * Throughput = records between the two window samples / time between them.
 */
final class ThroughputRun {
    /** One reading of the source's record count, as the harness saw it. */
    record CommitEvent(long nanos, long committed, CpuMeter.Sample cpu) {}

    record Result(Variant variant, String label, double paymentsPerSecond, double windowSeconds, long windowRecords,
            boolean windowOk, boolean drained, Map<String, Double> cpuCores, double cpuMicrosPerPayment,
            CheckpointStats checkpoints, double checkpointIntervalMillis) {}

    /** The pipeline's source operator name (PaymentsJob names it so). */
    static final String PIPELINE_SOURCE = "payments.raw: parse, validate, tokenize";

    private ThroughputRun() {}

    static Result run(JobRunner runner, Variant variant, String label, String backlogTopic, long backlogRecords,
            Map<String, String> jobSettings, Map<String, String> flinkSettings, Duration warmup, Duration cap,
            Progress progress) throws Exception {
        String runId = label.replaceAll("[^A-Za-z0-9-]", "-");
        JobRunner.Started job = runner.start(variant, runId, backlogTopic, jobSettings, flinkSettings);
        long submitted = System.nanoTime();
        List<CommitEvent> events = new ArrayList<>();
        long lastPrint = submitted;
        long lastPrintCount = 0;
        SourceRecordsMetric metric = new SourceRecordsMetric(job.client().getJobID().toString(),
                variant.isPipeline() ? PIPELINE_SOURCE : PassthroughJob.SOURCE_NAME);
        try {
            while (true) {
                Thread.sleep(250);
                long count = metric.read();
                long now = System.nanoTime();
                if (count > 0) {
                    events.add(new CommitEvent(now, count, CpuMeter.sample()));
                }
                if (now - lastPrint >= 2_000_000_000L) {
                    JobRunner.checkRunning(job);
                    long shown = Math.max(0, count);
                    progress.say(String.format("  %s: read %,d of %,d (%,.0f/s over the last %.0f s)", label, shown,
                            backlogRecords, (shown - lastPrintCount) / ((now - lastPrint) / 1e9), (now - lastPrint) / 1e9));
                    lastPrint = now;
                    lastPrintCount = shown;
                }
                if (count >= backlogRecords || now - submitted >= cap.toNanos()) {
                    break;
                }
            }
            if (events.isEmpty()) {
                throw new IllegalStateException(label + ": the source's record counter never appeared (is "
                        + SourceRecordsMetric.class.getSimpleName() + "'s reporter registered as a service?)");
            }
            CheckpointStats checkpoints = CheckpointStats.read(job.restPort(), job.client().getJobID().toString());
            return result(variant, label, events, backlogRecords, warmup, checkpoints,
                    job.config().checkpointInterval().toMillis());
        } finally {
            metric.close();
            JobRunner.stop(job);
        }
    }

    static Result result(Variant variant, String label, List<CommitEvent> events, long backlogRecords, Duration warmup,
            CheckpointStats checkpoints, double intervalMillis) {
        boolean drained = !events.isEmpty() && events.get(events.size() - 1).committed() >= backlogRecords;
        List<CommitEvent> usable = drained ? events.subList(0, events.size() - 1) : events;
        if (usable.size() < 2) {
            return new Result(variant, label, Double.NaN, 0, 0, false, drained, Map.of(), Double.NaN, checkpoints, intervalMillis);
        }
        long steadyFrom = usable.get(0).nanos() + warmup.toNanos();
        CommitEvent start = usable.stream().filter(e -> e.nanos() >= steadyFrom).findFirst().orElse(null);
        CommitEvent end = usable.get(usable.size() - 1);
        boolean ok = start != null && start != end;
        if (!ok) {
            // Too short a run for the warm-up asked: report what there is, flagged.
            start = usable.get(0);
        }
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        long records = end.committed() - start.committed();
        Map<String, Double> cores = CpuMeter.coresBetween(start.cpu(), end.cpu());
        double perSecond = records / seconds;
        double cpuMicros = cores.get("total") * 1e6 / perSecond;
        return new Result(variant, label, perSecond, seconds, records, ok, drained, cores, cpuMicros, checkpoints, intervalMillis);
    }
}
