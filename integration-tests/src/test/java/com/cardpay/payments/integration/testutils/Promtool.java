package com.cardpay.payments.integration.testutils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks a Prometheus exposition with {@code promtool check metrics}, the parser and linter of the
 * Prometheus project. CI installs promtool and sets {@code PROMTOOL_REQUIRED=1}, so there the check
 * always runs; on a machine without promtool it is skipped (and says so), so that {@code mvn verify}
 * still runs on a bare Java + Maven machine.
 */
public final class Promtool {
    /**
     * Lints about how Flink's reporter names its series (counters without {@code _total}, and the
     * like): style, not validity. Everything else promtool prints is a problem.
     */
    private static final List<String> NAMING_LINTS = List.of(
            "should have \"_total\" suffix", "should not have \"_total\" suffix", "should have \"_count\" suffix",
            "should not have \"_count\" suffix", "should have \"_sum\" suffix", "should not have \"_sum\" suffix",
            "should have \"_bucket\" suffix", "should not have \"_bucket\" suffix", "metric names should be written in 'snake_case'",
            "counter metrics should have \"_total\" suffix", "no help text", "should not contain abbreviated units");

    private Promtool() {}

    /**
     * What promtool finds wrong with {@code exposition} beyond naming style: parse errors and other
     * lints; empty when it is valid. Null when promtool is not installed and not required.
     */
    public static List<String> problems(String exposition) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            if (System.getenv("PROMTOOL_REQUIRED") != null) {
                throw new AssertionError("promtool is required (PROMTOOL_REQUIRED is set) but could not be run", notInstalled);
            }
            System.err.println("promtool not installed: the exposition check is skipped");
            return null;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        return output.lines().filter(line -> !line.isBlank())
                .filter(line -> NAMING_LINTS.stream().noneMatch(line::contains)).toList();
    }
}
