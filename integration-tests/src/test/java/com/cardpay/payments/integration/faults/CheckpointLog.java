package com.cardpay.payments.integration.faults;

import com.cardpay.payments.integration.faults.FlinkRest.Checkpoint;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Every checkpoint the run saw, by id, its last reported status winning: REST only remembers the
 * latest few, so the driver feeds it whatever REST says each time it asks.
 */
public final class CheckpointLog {
    private final Map<Long, Checkpoint> byId = new TreeMap<>();

    public synchronized void absorb(List<Checkpoint> checkpoints) {
        checkpoints.forEach(c -> byId.put(c.id(), c));
    }

    public synchronized Checkpoint get(long id) {
        return byId.get(id);
    }

    /** True once a checkpoint triggered at or after {@code epochMillis} has completed. */
    public synchronized boolean completedSince(long epochMillis) {
        return byId.values().stream().anyMatch(c -> c.status().equals("COMPLETED") && c.triggerTimestamp() >= epochMillis);
    }

    /** Counts by status, and durations and sizes of the completed checkpoints. */
    public synchronized String summary() {
        List<Checkpoint> completed = byId.values().stream().filter(c -> c.status().equals("COMPLETED")).toList();
        long failed = byId.values().stream().filter(c -> c.status().equals("FAILED")).count();
        return String.format("%d checkpoints seen: %d completed, %d failed; completed: duration %s ms, "
                        + "checkpointed size %s KiB, full state size %s KiB (p50 / p90 / max)",
                byId.size(), completed.size(), failed, percentiles(completed, Checkpoint::durationMillis, 1),
                percentiles(completed, Checkpoint::checkpointedSize, 1024), percentiles(completed, Checkpoint::stateSize, 1024));
    }

    private static String percentiles(List<Checkpoint> list, ToLongFunction<Checkpoint> field, long unit) {
        long[] v = list.stream().mapToLong(field).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        return v[v.length / 2] / unit + " / " + v[(int) (v.length * 0.9)] / unit + " / " + v[v.length - 1] / unit;
    }
}
