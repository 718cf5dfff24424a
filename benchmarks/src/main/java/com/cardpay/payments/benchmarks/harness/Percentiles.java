package com.cardpay.payments.benchmarks.harness;

import java.util.Arrays;

/** Exact percentiles of a set of latencies (nearest-rank on the sorted samples), in milliseconds. */
record Percentiles(long count, double p50, double p95, double p99, double max) {
    static final Percentiles EMPTY = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles ofNanos(long[] samples, int count) {
        if (count == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Percentiles(count, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[count - 1] / 1e6);
    }

    /** Nearest rank: the smallest sample with at least q of all samples at or below it. */
    static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
