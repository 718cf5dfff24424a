package com.cardpay.payments.integration.testutils;

import com.cardpay.payments.tools.reconcile.ReconcileTool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reconciliation tool run in the test's JVM, as an operator runs it, with what it printed. */
public final class Reconcile {
    private Reconcile() {}

    /** The tool's exit code and standard output (its progress on standard error is dropped). */
    public record Outcome(int exitCode, String output) {}

    public static Outcome run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReconcileTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs it until it reports no mismatch or {@code within} has passed, and returns the last
     * outcome: late payments' adjustments are emitted once event time passes their batch.
     */
    public static Outcome untilClean(String[] args, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Outcome outcome = run(args);
        while (outcome.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(2_000); // between two full reads of four topics
            outcome = run(args);
        }
        return outcome;
    }

    /** The job's settings as {@code --key value} arguments, then {@code extra}. */
    public static String[] args(Map<String, String> settings, String... extra) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }
}
