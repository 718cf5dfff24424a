package com.cardpay.payments.benchmarks.harness;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Timestamped progress lines on the console, with the step counter and elapsed time. */
final class Progress {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final int steps;
    private int step;

    Progress(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    void step(String what) {
        step++;
        say(String.format("[%d/%d] %s", step, steps, what));
    }

    void say(String line) {
        out.printf("%s %5.0fs  %s%n", LocalTime.now().format(CLOCK), (System.nanoTime() - started) / 1e9, line);
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
