package com.cardpay.payments.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console tables and the JSON form of the results. */
final class Report {
    static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%,.0f", millis);
    }

    static void throughputTable(PrintStream out, List<ThroughputRun.Result> runs) {
        out.println();
        out.println("Throughput (preloaded backlog; records read by the Kafka source over the steady window)");
        out.printf("  %-20s %12s %9s %12s %10s %12s %s%n", "run", "payments/s", "window", "records", "CPU cores",
                "CPU us/pay", "checkpoints (completed, p50/max ms)");
        for (ThroughputRun.Result r : runs) {
            out.printf(Locale.ROOT, "  %-20s %,12.0f %8.1fs %,12d %10.2f %12.1f %d, %s/%s%s%n", r.label(), r.paymentsPerSecond(),
                    r.windowSeconds(), r.windowRecords(), r.cpuCores().getOrDefault("total", Double.NaN), r.cpuMicrosPerPayment(),
                    r.checkpoints().completed(), ms(r.checkpoints().p50Millis()), ms(r.checkpoints().maxMillis()),
                    r.windowOk() ? "" : "  (window shorter than asked: more --records or a longer cap)");
        }
        for (ThroughputRun.Result r : runs) {
            out.printf(Locale.ROOT, "  %-20s CPU cores by thread group: %s%n", r.label(), cores(r.cpuCores()));
        }
        ratio(runs).ifPresent(x -> out.printf(Locale.ROOT, "  ratio pipeline / passthrough: %.2f%n", x));
        ratio(runs, Variant.PASSTHROUGH_THREE_RECORDS).ifPresent(x -> out.printf(Locale.ROOT,
                "  ratio passthrough-3-records / passthrough: %.2f (what three output records per payment alone allow)%n", x));
    }

    static java.util.Optional<Double> ratio(List<ThroughputRun.Result> runs) {
        return ratio(runs, Variant.PIPELINE);
    }

    /** {@code variant}'s throughput over the passthrough's, in the same run. */
    static java.util.Optional<Double> ratio(List<ThroughputRun.Result> runs, Variant variant) {
        var a = runs.stream().filter(r -> r.variant() == Variant.PASSTHROUGH).findFirst();
        var b = runs.stream().filter(r -> r.variant() == variant && !r.label().contains("profiled")).findFirst();
        if (a.isEmpty() || b.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(b.get().paymentsPerSecond() / a.get().paymentsPerSecond());
    }

    static void latencyTable(PrintStream out, String title, List<LatencyRun.Result> runs) {
        if (runs.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        out.printf("  %-44s %8s %8s %8s %8s %9s %8s %14s %s%n", "run", "p50 ms", "p95 ms", "p99 ms", "max ms", "samples",
                "missing", "ckpt p50/max", "p99 target");
        for (LatencyRun.Result r : runs) {
            Percentiles p = r.latency();
            out.printf(Locale.ROOT, "  %-44s %8s %8s %8s %8s %,9d %8s %14s %s%n", r.label(), ms(p.p50()), ms(p.p95()), ms(p.p99()),
                    ms(p.max()), p.count(), r.missing() < 0 ? "?" : Long.toString(r.missing()),
                    ms(r.checkpoints().p50Millis()) + "/" + ms(r.checkpoints().maxMillis()),
                    (r.error() != null ? "ERROR " + r.error() : r.meetsTarget() ? "meets" : "misses")
                            + (r.saturated() ? String.format(Locale.ROOT, " (saturated: %,d behind at the end)", r.behindAtEnd()) : ""));
        }
    }

    static String cores(Map<String, Double> cores) {
        StringBuilder b = new StringBuilder();
        cores.forEach((k, v) -> {
            if (!k.equals("total") && v >= 0.005) {
                b.append(String.format(Locale.ROOT, "%s %.2f, ", k, v));
            }
        });
        return b.length() == 0 ? "n/a" : b.substring(0, b.length() - 2);
    }

    static ObjectNode json(ThroughputRun.Result r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("variant", r.variant().label);
        n.put("label", r.label());
        n.put("checkpoint_interval_ms", r.checkpointIntervalMillis());
        n.put("payments_per_second", round(r.paymentsPerSecond()));
        n.put("window_seconds", round(r.windowSeconds()));
        n.put("window_records", r.windowRecords());
        n.put("window_ok", r.windowOk());
        n.put("backlog_drained", r.drained());
        ObjectNode cpu = n.putObject("cpu_cores");
        r.cpuCores().forEach((k, v) -> cpu.put(k, round(v)));
        n.put("cpu_micros_per_payment", round(r.cpuMicrosPerPayment()));
        n.set("checkpoints", json(r.checkpoints()));
        return n;
    }

    static ObjectNode json(LatencyRun.Result r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("variant", r.variant().label);
        n.put("label", r.label());
        n.put("checkpoint_interval_ms", r.checkpointIntervalMillis());
        ObjectNode settings = n.putObject("settings");
        r.settings().forEach(settings::put);
        n.put("offered_rate", r.rate());
        n.put("p50_ms", round(r.latency().p50()));
        n.put("p95_ms", round(r.latency().p95()));
        n.put("p99_ms", round(r.latency().p99()));
        n.put("max_ms", round(r.latency().max()));
        n.put("samples", r.latency().count());
        n.put("sent_in_window", r.sentInWindow());
        n.put("expected_outputs", r.expected());
        n.put("missing_outputs", r.missing());
        n.put("sent_not_seen_at_window_end", r.behindAtEnd());
        n.put("saturated", r.saturated());
        n.put("target_p99_ms", r.targetP99Millis());
        n.put("meets_target", r.meetsTarget());
        if (r.error() != null) {
            n.put("error", r.error());
        }
        n.set("checkpoints", json(r.checkpoints()));
        return n;
    }

    static ObjectNode json(CheckpointStats c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("completed", c.completed());
        n.put("failed", c.failed());
        n.put("duration_p50_ms", round(c.p50Millis()));
        n.put("duration_p99_ms", round(c.p99Millis()));
        n.put("duration_max_ms", round(c.maxMillis()));
        n.put("latest_state_bytes", c.latestStateBytes());
        return n;
    }

    static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode a = JSON.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }

    /** NaN is not JSON: it becomes null. */
    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
    }
}
