package com.cardpay.payments.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a result was measured on and from: the machine (CPU model, cores, memory, OS) and the git
 * commit of the code (with "-dirty" when the tree had uncommitted changes), so that a committed
 * result file says where its figures come from.
 */
final class MachineInfo {
    private MachineInfo() {}

    static void put(ObjectNode h) {
        h.put("git_commit", gitCommit());
        h.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        h.put("memory_total", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        h.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    static String gitCommit() {
        String commit = git("rev-parse", "--short=12", "HEAD");
        if (commit.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + "-dirty";
    }

    private static String git(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The value of the first "key : value" line of a /proc file, or "unknown". */
    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
