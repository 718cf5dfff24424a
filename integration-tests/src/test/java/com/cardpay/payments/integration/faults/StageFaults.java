package com.cardpay.payments.integration.faults;

import com.cardpay.payments.jobs.StageHook;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault suite's {@link StageHook}: on command, the next record a stage emits throws (the stage's
 * task fails after it changed its state), or blocks its task until released (so that a checkpoint
 * stays in progress for as long as the test needs).
 *
 * <p>Flink gives every task its own deserialized copy of the hook, and fresh ones on each restart,
 * so the commands live in a JVM-wide registry under this instance's id (the MiniCluster runs in the
 * test's JVM), as in {@code FailOnceDeserializer}.
 */
public final class StageFaults implements StageHook {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Controls> CONTROLS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    private static final class Controls {
        final AtomicReference<Stage> throwAt = new AtomicReference<>();
        final Map<Stage, AtomicInteger> thrown = new ConcurrentHashMap<>();
        final AtomicReference<Stage> holdAt = new AtomicReference<>();
        final AtomicBoolean held = new AtomicBoolean();
        volatile CountDownLatch release = new CountDownLatch(0);
    }

    /** The exception a stage throws on command. */
    public static final class InjectedStageFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedStageFault(Stage stage) {
            super("injected failure after " + stage + " (faults.StageFaults), on purpose");
        }
    }

    public StageFaults() {
        CONTROLS.put(id, new Controls());
    }

    /** The next record {@code stage} emits, on any subtask, fails its task; once. */
    public void throwOnce(Stage stage) {
        controls().throwAt.set(stage);
    }

    /** Whether the last {@link #throwOnce} has fired. */
    public boolean armed() {
        return controls().throwAt.get() != null;
    }

    /** How often {@code stage} has thrown. */
    public int thrown(Stage stage) {
        return controls().thrown.computeIfAbsent(stage, s -> new AtomicInteger()).get();
    }

    /** The next record {@code stage} emits blocks its task until {@link #release}. */
    public void hold(Stage stage) {
        Controls c = controls();
        c.release = new CountDownLatch(1);
        c.held.set(false);
        c.holdAt.set(stage);
    }

    /** True once a task is blocked by {@link #hold}. */
    public boolean holding() {
        return controls().held.get();
    }

    /** Lets the blocked task go on (if it still exists) and holds nothing more. */
    public void release() {
        Controls c = controls();
        c.holdAt.set(null);
        c.release.countDown();
    }

    @Override
    public void emitted(Stage stage, Object record) throws Exception {
        Controls c = controls();
        if (c.throwAt.compareAndSet(stage, null)) {
            c.thrown.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
            throw new InjectedStageFault(stage);
        }
        if (c.holdAt.get() == stage && c.held.compareAndSet(false, true)) {
            c.release.await(); // interrupted when the task is cancelled: the failover ends the wait
        }
    }

    private Controls controls() {
        return CONTROLS.get(id);
    }
}
