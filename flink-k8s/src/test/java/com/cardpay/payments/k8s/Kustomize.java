package com.cardpay.payments.k8s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with a real kubectl's built-in kustomize ({@code kubectl kustomize DIR},
 * offline). Which kubectl: {@code $KUBECTL}, else {@code flink-k8s/.tools/kubectl} (what
 * {@code flink-k8s/install-kubectl} puts there: upstream kubectl 1.34.5 with kustomize 5.7.1, from
 * npm), else {@code kubectl} on the PATH. Kustomize 5 is required: older ones (Debian's kubectl
 * 1.20 has kustomize 2.0.3) do not know the {@code patches} field these overlays use. There is no
 * fallback renderer: without kubectl the tests fail and say how to install it.
 */
final class Kustomize {
    private static String kubectl;

    private Kustomize() {}

    static synchronized String kubectl() {
        if (kubectl != null) {
            return kubectl;
        }
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("KUBECTL");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        Path local = Manifests.root().resolve(".tools/kubectl");
        if (Files.isExecutable(local)) {
            candidates.add(local.toString());
        }
        candidates.add("kubectl");
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                String version = run(List.of(candidate, "version", "--client"), null);
                if (version.contains("Kustomize Version: v5")) {
                    System.out.println("[flink-k8s] rendering with " + candidate + ": " + version.replace('\n', ' ').trim());
                    kubectl = candidate;
                    return kubectl;
                }
                tried.add(candidate + " (no kustomize 5: " + version.replace('\n', ' ').trim() + ")");
            } catch (IOException e) {
                tried.add(candidate + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("No kubectl with kustomize 5 to render the overlays; tried " + tried
                + ". Install one with flink-k8s/install-kubectl (what .ci/run does), or set KUBECTL.");
    }

    /** The rendered documents of a kustomization folder. */
    static List<Manifests.Doc> render(Path dir) {
        String rel = Manifests.root().relativize(dir).toString();
        try {
            String out = run(List.of(kubectl(), "kustomize", dir.toString()), null);
            return Manifests.parse(rel + " (rendered)", out);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + rel + " failed: " + e.getMessage(), e);
        }
    }

    static String run(List<String> command, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
        errReader.start();
        copy(p.getInputStream(), out);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit code " + p.exitValue() + ": " + err.toString(StandardCharsets.UTF_8).trim());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The exit code tells.
        }
    }
}
