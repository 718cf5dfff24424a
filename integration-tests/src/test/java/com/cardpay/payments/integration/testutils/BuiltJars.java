package com.cardpay.payments.integration.testutils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The deployable jars the reactor built before this module's tests ran. */
public final class BuiltJars {
    private BuiltJars() {}

    /** The job jar that {@code flink run} and the image take: {@code jobs/target/payments-job-*.jar}. */
    public static Path jobJar() throws IOException {
        return find(Path.of("..", "jobs", "target"), "payments-job-.*\\.jar");
    }

    /** The operator tools' runnable jar: {@code tools/target/payments-tools.jar}. */
    public static Path toolsJar() throws IOException {
        return find(Path.of("..", "tools", "target"), "payments-tools\\.jar");
    }

    private static Path find(Path dir, String pattern) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no " + dir + ": run 'mvn package' (or verify) from the top first");
        }
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(p -> p.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + pattern + " in " + dir + ": run 'mvn package' first"))
                    .toAbsolutePath().normalize();
        }
    }
}
