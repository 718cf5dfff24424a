package com.cardpay.payments.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU time of this process (broker, Flink MiniCluster and harness all live in it), in total and by
 * thread group. Groups go by thread name, so they are approximate: Flink task threads carry
 * {@code (i/n)#attempt}; the Kafka sink's producers run {@code kafka-producer-network-thread};
 * the in-process broker's threads carry Kafka's own names. What no live Java thread accounts for
 * (GC, JIT, threads that ended within the window) is {@code jvm-and-exited}.
 */
final class CpuMeter {
    private static final Pattern FLINK_SUBTASK = Pattern.compile(".*\\(\\d+/\\d+\\)(#\\d+)?.*");
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One reading: wall clock, process CPU and per-thread CPU, all in nanoseconds. */
    record Sample(long wallNanos, long processCpuNanos, Map<Long, Long> threadCpu, Map<Long, String> threadGroup) {}

    private CpuMeter() {}

    static Sample sample() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Long> threadCpu = new LinkedHashMap<>();
        Map<Long, String> groups = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {
                threadCpu.put(ids[i], cpu[i]);
                groups.put(ids[i], group(infos[i].getThreadName()));
            }
        }
        return new Sample(System.nanoTime(), OS.getProcessCpuTime(), threadCpu, groups);
    }

    /** Cores used between two samples, in total and by group (threads alive at both ends). */
    static Map<String, Double> coresBetween(Sample from, Sample to) {
        double wall = Math.max(1, to.wallNanos() - from.wallNanos());
        Map<String, Double> byGroup = new TreeMap<>();
        long accounted = 0;
        for (Map.Entry<Long, Long> e : to.threadCpu().entrySet()) {
            Long before = from.threadCpu().get(e.getKey());
            long used = e.getValue() - (before == null ? 0 : before);
            accounted += used;
            byGroup.merge(to.threadGroup().get(e.getKey()), used / wall, Double::sum);
        }
        long process = to.processCpuNanos() - from.processCpuNanos();
        byGroup.put("jvm-and-exited", Math.max(0, process - accounted) / wall);
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("total", process / wall);
        result.putAll(byGroup);
        return result;
    }

    static String group(String name) {
        if (name.startsWith("Source Data Fetcher")) {
            return "flink-source-fetcher";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "kafka-producers";
        }
        if (FLINK_SUBTASK.matcher(name).matches()) {
            return "flink-tasks";
        }
        if (name.startsWith("flink-") || name.startsWith("pekko") || name.contains("Checkpoint") || name.startsWith("AsyncOperations")
                || name.startsWith("jobmanager") || name.startsWith("taskmanager") || name.startsWith("rocksdb")) {
            return "flink-runtime";
        }
        if (name.contains("kafka") || name.contains("raft") || name.contains("broker") || name.contains("controller")
                || name.contains("ExpirationReaper") || name.contains("coordinator") || name.contains("LogCleaner")
                || name.contains("transaction") || name.contains("quorum") || name.contains("ReplicaFetcher")) {
            return "kafka-broker";
        }
        return "other";
    }
}
