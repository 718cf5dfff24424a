package com.cardpay.payments.integration.faults;

import com.cardpay.payments.integration.faults.Fault.Type;
import com.cardpay.payments.integration.faults.FlinkRest.Checkpoint;
import com.cardpay.payments.integration.faults.FlinkRest.Failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs a fault plan against a running job: waits until the input reaches each fault's point,
 * injects it, and waits until the job has recovered before the next one, while the input goes on to
 * the next point and no further. Recovered means: every task running, a checkpoint triggered after
 * the fault has completed, and committed output has moved past what was committed when the fault
 * struck ({@link OutputTail}). The time from a fault to that last condition is its resume time.
 */
public final class FaultDriver {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(50);

    /** How the faults are made on this cluster. */
    public interface Injectors {
        /**
         * Kills a TaskManager that runs tasks and starts a replacement.
         *
         * @param duringCheckpoint kill while a checkpoint is in progress
         * @return what was done; with {@code duringCheckpoint}, the id of the checkpoint in progress
         */
        Kill killTaskManager(boolean duringCheckpoint, FaultDriver driver) throws Exception;

        String throwFrom(com.cardpay.payments.jobs.StageHook.Stage stage, FaultDriver driver) throws Exception;

        String restartBroker(FaultDriver driver) throws Exception;

        String vaultOutage(FaultDriver driver) throws Exception;
    }

    /** A kill, and the checkpoint that was in progress (or -1). */
    public record Kill(String what, long checkpointInProgress) {}

    /** One injected fault and how long output took to resume after it. */
    public record Injected(Fault fault, String what, long startMillis, double resumeSeconds) {}

    private final FaultTimeline timeline;
    private final PaymentLoad load;
    private final OutputTail tail;
    private final FlinkRest rest;
    private final CheckpointLog checkpoints;
    private final Injectors injectors;
    private final List<Injected> injected = new ArrayList<>();
    private final List<Long> killedInCheckpoint = new ArrayList<>();

    public FaultDriver(FaultTimeline timeline, PaymentLoad load, OutputTail tail, FlinkRest rest, CheckpointLog checkpoints,
            Injectors injectors) {
        this.timeline = timeline;
        this.load = load;
        this.tail = tail;
        this.rest = rest;
        this.checkpoints = checkpoints;
        this.injectors = injectors;
    }

    /**
     * Injects every fault of {@code plan}, in order. A kill meant to strike during a checkpoint
     * that found the checkpoint already complete is tried again at the next kill (or added).
     */
    public List<Injected> run(List<Fault> plan) throws Exception {
        List<Fault> todo = new ArrayList<>(plan);
        boolean owedCheckpointKill = false;
        for (int i = 0; i < todo.size(); i++) {
            Fault fault = todo.get(i);
            if (owedCheckpointKill && fault.type() == Type.TASK_MANAGER_KILL) {
                fault = new Fault(Type.TASK_MANAGER_KILL_IN_CHECKPOINT, null, fault.at());
                owedCheckpointKill = false;
            }
            long at = fault.at();
            load.allowUpTo(i + 1 < todo.size() ? todo.get(i + 1).at() : Long.MAX_VALUE);
            await("input reaches " + at, () -> load.sent() >= at, RECOVERY_TIMEOUT);
            // A kill or an outage strikes at once; a stage throws some time after it is armed, and
            // the fault (and the output reached then) is taken from when it did.
            boolean armed = fault.type() == Type.STAGE_EXCEPTION;
            OutputTail.Mark mark = tail.mark();
            long start = System.currentTimeMillis();
            String what = inject(fault);
            if (armed) {
                mark = tail.mark();
                start = System.currentTimeMillis();
            }
            timeline.log(fault.type() + ": " + what);
            long resumedAt = awaitRecovery(mark, start);
            Injected done = new Injected(fault, what, start, (resumedAt - start) / 1e3);
            injected.add(done);
            timeline.log(String.format("  recovered: output resumed %.1f s after the fault", done.resumeSeconds()));
            if (fault.type() == Type.TASK_MANAGER_KILL_IN_CHECKPOINT && !checkpointFailed(what)) {
                owedCheckpointKill = true;
                if (todo.stream().skip(i + 1).noneMatch(f -> f.type() == Type.TASK_MANAGER_KILL)) {
                    todo.add(new Fault(Type.TASK_MANAGER_KILL_IN_CHECKPOINT, null, Math.min(load.total(), load.sent() + 2_000)));
                    owedCheckpointKill = false;
                }
            }
        }
        load.allowUpTo(Long.MAX_VALUE);
        return injected;
    }

    private String inject(Fault fault) throws Exception {
        return switch (fault.type()) {
            case TASK_MANAGER_KILL -> injectors.killTaskManager(false, this).what();
            case TASK_MANAGER_KILL_IN_CHECKPOINT -> {
                Kill kill = injectors.killTaskManager(true, this);
                killedInCheckpoint.add(kill.checkpointInProgress());
                yield kill.what() + " [checkpoint " + kill.checkpointInProgress() + "]";
            }
            case STAGE_EXCEPTION -> injectors.throwFrom(fault.stage(), this);
            case BROKER_RESTART -> injectors.restartBroker(this);
            case VAULT_OUTAGE -> injectors.vaultOutage(this);
        };
    }

    /** Whether the checkpoint a kill struck during ended FAILED, as it must; logs what it found. */
    private boolean checkpointFailed(String what) {
        long id = killedInCheckpoint.get(killedInCheckpoint.size() - 1);
        Checkpoint c = checkpoints.get(id);
        String status = c == null ? "unknown" : c.status();
        timeline.log("  checkpoint " + id + " in progress at the kill ended " + status
                + (status.equals("FAILED") ? "" : ": not a kill during a checkpoint, trying again"));
        return status.equals("FAILED");
    }

    /** What REST reports now; its failures count as "not yet". */
    public List<Checkpoint> checkpointsNow() {
        List<Checkpoint> now = ask(rest::checkpoints, List.of());
        checkpoints.absorb(now);
        return now;
    }

    public FaultTimeline timeline() {
        return timeline;
    }

    public CheckpointLog checkpointLog() {
        return checkpoints;
    }

    /** Ids of the checkpoints that were in progress at a kill. */
    public List<Long> killedInCheckpoint() {
        return List.copyOf(killedInCheckpoint);
    }

    /**
     * Waits until every task runs, a checkpoint triggered after the fault has completed and
     * committed output has moved past {@code mark}: output committed after the fault from work done
     * before it does not count, since only a checkpoint after the fault can commit new work.
     *
     * @return when all of that first held
     */
    private long awaitRecovery(OutputTail.Mark mark, long since) throws Exception {
        await("recovery: a checkpoint triggered after the fault complete, committed output beyond the fault",
                () -> checkpoints.completedSince(since) && tail.beyond(mark), RECOVERY_TIMEOUT);
        long resumed = System.currentTimeMillis();
        awaitRunning(RECOVERY_TIMEOUT);
        return resumed;
    }

    /**
     * Waits until {@code progress} reaches {@code target}, for as long as it keeps moving: fails
     * only when it has not moved for {@code stall} (a backlog of a million payments takes minutes,
     * however long a fixed timeout would be too short on some machine).
     */
    public void awaitProgress(String what, LongSupplier progress, long target, Duration stall) throws InterruptedException {
        long[] last = {progress.getAsLong(), System.nanoTime()};
        await(what + " (" + target + ", no progress for " + stall + ")", () -> {
            long now = progress.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            if (now < target && System.nanoTime() - last[1] > stall.toNanos()) {
                throw new AssertionError("stalled at " + now + " of " + target + ": " + what + "\n" + timeline.text());
            }
            return now >= target;
        }, Duration.ofDays(1));
    }

    /** Waits until the job and every one of its tasks run, as REST reports them. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        await("every task running", () -> ask(rest::allTasksRunning, false), timeout);
    }

    /** Polls {@code condition} (absorbing checkpoint statistics as it goes) until true, or fails with the timeline. */
    public void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            absorbCheckpoints();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "\n" + timeline.text() + "\n" + failures());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    public void absorbCheckpoints() {
        checkpoints.absorb(ask(rest::checkpoints, List.of()));
    }

    /** The job's failures, one line each, at seconds since the run started. */
    public String failures() {
        StringBuilder out = new StringBuilder("job failures (failovers), root causes:");
        for (Failure f : ask(rest::failures, List.<Failure>of())) {
            out.append(String.format("%n  %7.1fs  %s%s", timeline.secondsAt(f.timestamp()), f.exception(),
                    f.task() == null ? "" : "  [" + f.task() + "]"));
        }
        return out.toString();
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /**
     * A REST call whose failure (the JobManager busy restarting the job, the broker away) counts as
     * "not yet": {@code otherwise} is returned instead.
     */
    private static <T> T ask(Call<T> call, T otherwise) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (Exception e) {
            return otherwise;
        }
    }
}
