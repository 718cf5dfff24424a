package com.cardpay.payments.integration.testutils;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Ends a test's job cleanly, so that JUnit can delete the test's directories afterwards.
 *
 * <p>{@code cancel().get()} returns once the cancel is acknowledged; the job's tasks, and a
 * checkpoint still being written or aborted, may go on touching the checkpoint directory. JUnit
 * then failed to delete it ("DirectoryNotEmptyException" on {@code shared/}), failing a test whose
 * assertions had all passed. This waits for the job to reach a terminal state, then for the
 * directory to stop changing. Nothing a test asserts depends on this wait: it is cleanup only.
 */
public final class JobEnd {
    private static final Duration TERMINAL_WITHIN = Duration.ofMinutes(1);
    private static final Duration QUIET_FOR = Duration.ofMillis(500);
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(20);

    private JobEnd() {}

    /** Cancels the job and returns once it is over and {@code checkpoints} no longer changes. */
    public static void cancel(JobClient job, Path checkpoints) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
        awaitTerminal(job);
        awaitSettled(checkpoints);
    }

    public static JobStatus awaitTerminal(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TERMINAL_WITHIN.toNanos();
        JobStatus status;
        while (!(status = job.getJobStatus().get()).isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job.getJobID() + " still " + status + " after " + TERMINAL_WITHIN);
            }
            Thread.sleep(50);
        }
        return status;
    }

    private static void awaitSettled(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
        String last = snapshot(dir);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET_FOR.toNanos()) {
            Thread.sleep(100);
            String now = snapshot(dir);
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /** The files under {@code dir} with their sizes, as one string. */
    private static String snapshot(Path dir) {
        if (!Files.exists(dir)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            files.forEach(p -> {
                out.append(p);
                try {
                    out.append(':').append(Files.isRegularFile(p) ? Files.size(p) : -1).append('\n');
                } catch (IOException gone) {
                    out.append(":gone\n");
                }
            });
        } catch (NoSuchFileException | UncheckedIOException vanished) {
            return "changing";
        } catch (IOException e) {
            return "unreadable";
        }
        return out.toString();
    }
}
