package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the pipeline's cost grows (issue 16): throughput, CPU per payment and RocksDB state size
 * with 10^4, 10^5 and 10^6 distinct cards and 10^2 and 10^4 merchants, one of them taking a quarter
 * of all payments; throughput at parallelism 1 and 2; and commit-visible latency at several
 * offered rates at one checkpoint interval. Each population gets its own backlog of the same size.
 */
final class CostGrowth {
    static final double HOT_SHARE = 0.25;
    static final List<Population> POPULATIONS = List.of(
            new Population(10_000, 100, HOT_SHARE),
            new Population(100_000, 100, HOT_SHARE),
            new Population(1_000_000, 100, HOT_SHARE),
            new Population(100_000, 10_000, HOT_SHARE));
    /** The population of the parallelism and rate runs: the middle one. */
    static final Population REFERENCE = POPULATIONS.get(1);

    private CostGrowth() {}

    /** Progress steps {@link #run} takes. */
    static int steps(HarnessOptions o) {
        return POPULATIONS.size() * 2 + 1 + 1 + o.growthRates.size();
    }

    static ObjectNode run(HarnessOptions o, JobRunner runner, EmbeddedKafka kafka, Backlog.Mix mix, Progress progress)
            throws Exception {
        ObjectNode growth = Report.JSON.createObjectNode();
        growth.put("hot_merchant_share", HOT_SHARE);
        growth.put("records_per_backlog", o.records);
        ArrayNode populations = growth.putArray("populations");
        Map<String, String> job = new LinkedHashMap<>(o.jobSettings);
        job.put("checkpoint.interval", PipelineBenchmark.text(o.throughputInterval));
        String referenceBacklog = null;
        for (int i = 0; i < POPULATIONS.size(); i++) {
            Population population = POPULATIONS.get(i);
            String backlog = "bench.growth-" + i;
            kafka.createTopics(List.of(backlog), o.partitions);
            progress.step("Cost growth: preloading " + population.label() + " ...");
            Backlog.preload(kafka.bootstrapServers(), backlog, o.records, mix, o.seed, o.tracing == null, population, n -> { });
            if (population.equals(REFERENCE)) {
                referenceBacklog = backlog;
            }
            progress.step("Cost growth: pipeline throughput, " + population.label() + " ...");
            ThroughputRun.Result r = ThroughputRun.run(runner, Variant.PIPELINE, "growth-" + i, backlog, o.records, job,
                    o.flinkSettings, o.throughputWarmup, o.pipelineCap, progress);
            say(progress, population.label(), r);
            ObjectNode n = Report.json(r);
            n.put("cards", population.cards());
            n.put("merchants", population.merchants());
            populations.add(n);
        }
        ArrayNode parallelism = growth.putArray("parallelism");
        for (int p : new int[] {1, 2}) {
            Map<String, String> at = new LinkedHashMap<>(job);
            at.put("job.parallelism", Integer.toString(p));
            progress.step("Cost growth: pipeline throughput at parallelism " + p + ", " + REFERENCE.label() + " ...");
            ThroughputRun.Result r = ThroughputRun.run(runner, Variant.PIPELINE, "growth-p" + p, referenceBacklog, o.records,
                    at, o.flinkSettings, o.throughputWarmup, o.pipelineCap, progress);
            say(progress, "parallelism " + p, r);
            ObjectNode n = Report.json(r);
            n.put("parallelism", p);
            parallelism.add(n);
        }
        ArrayNode rates = growth.putArray("rates");
        for (int rate : o.growthRates) {
            progress.step(String.format(Locale.ROOT, "Cost growth: latency at %,d payments/s, checkpoint %s ...", rate,
                    PipelineBenchmark.text(o.growthInterval)));
            Map<String, String> at = new LinkedHashMap<>(o.jobSettings);
            at.put("checkpoint.interval", PipelineBenchmark.text(o.growthInterval));
            Map<String, String> shown = new LinkedHashMap<>(at);
            shown.putAll(o.flinkSettings);
            LatencyRun.Result r = LatencyRun.run(runner, kafka, Variant.PIPELINE, "growth-rate-" + rate, at, o.flinkSettings,
                    shown, pool(o, rate, mix), rate, o.latencyWarmup, o.latencyMeasure, o.targetP99.toMillis(), o.partitions,
                    progress);
            progress.say(String.format(Locale.ROOT, "  %,d/s: p50 %.0f ms, p99 %.0f ms%s", rate, r.latency().p50(),
                    r.latency().p99(), r.saturated() ? " (saturated)" : ""));
            rates.add(Report.json(r));
        }
        return growth;
    }

    private static List<Generated> pool(HarnessOptions o, int rate, Backlog.Mix mix) {
        int size = (int) Math.min(2_000_000, (long) rate * (o.latencyWarmup.toSeconds() + o.latencyMeasure.toSeconds() + 25));
        SyntheticPayments payments = new SyntheticPayments(o.seed + rate, mix.malformed(), mix.duplicate(), mix.late(),
                SyntheticPayments.startOfBacklogEndingAt(Instant.now(), size))
                .withPopulation(REFERENCE.cards(), REFERENCE.merchants(), REFERENCE.hotMerchantShare());
        List<Generated> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(payments.next());
        }
        return pool;
    }

    private static void say(Progress progress, String what, ThroughputRun.Result r) {
        progress.say(String.format(Locale.ROOT, "  %s: %,.0f payments/s, %.0f us CPU per payment, state %,d KiB", what,
                r.paymentsPerSecond(), r.cpuMicrosPerPayment(), r.checkpoints().latestStateBytes() / 1024));
    }

    /** The console summary. */
    static List<String> table(ObjectNode growth) {
        List<String> lines = new ArrayList<>();
        lines.add("Cost growth (pipeline):");
        growth.path("populations").forEach(n -> lines.add(String.format(Locale.ROOT,
                "  %,9d cards %,6d merchants: %,8.0f payments/s  %5.0f us CPU/payment  state %,9d KiB",
                n.path("cards").asInt(), n.path("merchants").asInt(), n.path("payments_per_second").asDouble(),
                n.path("cpu_micros_per_payment").asDouble(), n.path("checkpoints").path("latest_state_bytes").asLong() / 1024)));
        growth.path("parallelism").forEach(n -> lines.add(String.format(Locale.ROOT, "  parallelism %d: %,8.0f payments/s",
                n.path("parallelism").asInt(), n.path("payments_per_second").asDouble())));
        growth.path("rates").forEach(n -> lines.add(String.format(Locale.ROOT, "  %,6d/s offered: p50 %5.0f ms  p99 %5.0f ms%s",
                n.path("offered_rate").asInt(), n.path("p50_ms").asDouble(), n.path("p99_ms").asDouble(),
                n.path("saturated").asBoolean() ? "  (saturated)" : "")));
        return lines;
    }
}
