package com.cardpay.payments.integration.testutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar tools/target/payments-tools.jar <tool> ...} in a JVM of its own, as an
 * operator runs it from a shell: only the jar on the class path, no cluster.
 */
public final class ToolsJar {
    private ToolsJar() {}

    /** What the tool printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {}

    /**
     * @param dir where its output files go
     * @param environment extra environment variables ({@code FLINK_PLUGINS_DIR}, for example)
     */
    public static Result run(Path dir, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "tool", ".out");
        Path err = Files.createTempFile(dir, "tool", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", BuiltJars.toolsJar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar payments-tools.jar " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The settings as {@code --key value} arguments, as the tools take them. */
    public static List<String> settingsArgs(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }
}
