package com.cardpay.payments.integration.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a fault run did and when, in seconds since its start, with how many payments had been sent
 * and committed at that moment: printed as it happens (so a hung run can be read from the log) and
 * whole at the end, and attached to every failure message.
 */
public final class FaultTimeline {
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final List<String> lines = new ArrayList<>();
    private final LongSupplier sent;
    private final LongSupplier committed;

    public FaultTimeline(LongSupplier sent, LongSupplier committed) {
        this.sent = sent;
        this.committed = committed;
    }

    /** Adds and prints one line. */
    public synchronized void log(String what) {
        String line = String.format("  %7.1fs  sent %8d  committed %8d  %s", seconds(), safe(sent), safe(committed), what);
        lines.add(line);
        System.out.println("[faults]" + line);
    }

    /** Seconds since the run started. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** A wall-clock instant (epoch ms, as REST reports them) in seconds since the run started. */
    public double secondsAt(long epochMillis) {
        return (epochMillis - startMillis) / 1e3;
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    private static long safe(LongSupplier s) {
        try {
            return s.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
