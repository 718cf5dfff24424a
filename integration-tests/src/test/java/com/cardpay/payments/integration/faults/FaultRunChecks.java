package com.cardpay.payments.integration.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.faults.Fault.Type;
import com.cardpay.payments.integration.faults.FaultDriver.Injected;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.Reconcile.Outcome;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.tools.audit.Audit.Output;
import com.cardpay.payments.tools.audit.AuditReport;
import com.cardpay.payments.tools.audit.AuditTool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault run from its plan to its verdict, the same for the CI run and the larger one: inject the
 * plan, finish the input, wait until every payment is committed, reconcile settlements while the
 * job still runs (late adjustments go out on a timer), stop the job, then judge with the tools:
 * the audit (every output against the input, by id, and its expectations against the generator's
 * ground truth) and the reconciliation (every closed settlement line to the minor unit). Prints the
 * report (timeline, failovers, checkpoints, resume times, the tools' verdicts) before asserting.
 */
public final class FaultRunChecks {
    /**
     * One-minute settlement windows, so that the run's 17 minutes of event time close many; late
     * payments (up to an hour behind) land within the adjustment horizon; event time moves with the
     * records only (idleness out of reach).
     */
    public static final Map<String, String> SETTLEMENT = Map.of("settlement.window", "1m",
            "settlement.allowed-lateness", "2s", "source.max-event-time-ahead", "2s",
            "settlement.adjustment-horizon", "3h", "source.idleness", "1h");

    private static final Duration COMMITTING_STALLS_AFTER = Duration.ofMinutes(2);
    private static final Duration RECONCILED_WITHIN = Duration.ofMinutes(2);

    /** Stops the job (cancel, or whatever the cluster needs). */
    public interface StopJob {
        void stop() throws Exception;
    }

    private final PaymentsConfig config;
    private final Map<String, String> settings;
    private final FaultDriver driver;
    private final PaymentLoad load;
    private final OutputTail tail;
    private List<Injected> injected = List.of();
    private String failures = "";

    public FaultRunChecks(PaymentsConfig config, Map<String, String> settings, FaultDriver driver, PaymentLoad load,
            OutputTail tail) {
        this.config = config;
        this.settings = settings;
        this.driver = driver;
        this.load = load;
        this.tail = tail;
    }

    /** The whole run; fails, with the report printed, on any finding. */
    public void run(List<Fault> plan, int partitions, StopJob stopJob) throws Exception {
        FaultTimeline timeline = driver.timeline();
        injected = driver.run(plan);
        Instant closing = load.close(partitions);
        timeline.log("input complete: " + load.records() + " records " + load.kinds() + ", closing payments at " + closing);
        driver.awaitProgress("every payment committed to " + config.topics().tokenized(), tail::count, load.payments(),
                COMMITTING_STALLS_AFTER);
        timeline.log("every payment committed");
        String[] reconcileArgs = Reconcile.args(settings, "--closed-before", closing.minus(Duration.ofMinutes(30)).toString());
        Outcome reconciled = Reconcile.untilClean(reconcileArgs, RECONCILED_WITHIN);
        timeline.log("reconciled while running: exit " + reconciled.exitCode());
        failures = driver.failures();
        stopJob.stop();
        timeline.log("job stopped; auditing");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        AuditReport audit = AuditTool.audit(config, null, EnumSet.allOf(Output.class), false, Clock.systemUTC(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        Outcome settled = Reconcile.run(reconcileArgs);
        timeline.log("audited and reconciled");
        String report = report(audit, settled);
        System.out.println(report);

        assertThat(audit.clean()).as("the audit is clean\n" + report).isTrue();
        assertThat(audit.input()).as("the audit's input against the generator's ground truth\n" + report)
                .startsWith("input: " + load.records() + " records; " + load.payments() + " payments (0 clock-dependent)");
        for (String topic : List.of(config.topics().tokenized(), config.topics().scored(), config.topics().vault())) {
            assertThat(audit.output(topic).expected()).as(topic + " expected, against ground truth").isEqualTo(load.payments());
        }
        assertThat(audit.output(config.topics().dlq()).expected()).as("dead letters expected, against ground truth")
                .isEqualTo(load.deadLetters());
        assertThat(settled.exitCode()).as("reconciliation\n" + report).isZero();
        assertThat(settled.output()).contains("; 0 mismatches");
        assertThat(linesCompared(settled.output())).as("settlement lines compared").isGreaterThan(100);
    }

    private String report(AuditReport audit, Outcome settled) {
        List<String> r = new ArrayList<>();
        r.add("[faults] ===== fault run report =====");
        r.add("timeline (seconds since the start):");
        r.add(driver.timeline().text());
        r.add(failures);
        driver.absorbCheckpoints();
        r.add("checkpoints: " + driver.checkpointLog().summary());
        r.add("faults injected: " + injected.size() + " " + injected.stream().map(i -> i.fault().type()).toList());
        r.add("output resumed after each TaskManager kill: " + resumeTimes());
        r.add("audit:");
        audit.lines().forEach(l -> r.add("  " + l));
        List<String> lines = settled.output().lines().toList();
        r.add("reconciliation: " + (lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1)));
        lines.stream().limit(Math.min(50, Math.max(0, lines.size() - 1))).forEach(l -> r.add("  " + l));
        return String.join("\n", r);
    }

    /** Seconds from each kill until output resumed, and their median and maximum. */
    public String resumeTimes() {
        double[] s = injected.stream().filter(i -> i.fault().type() == Type.TASK_MANAGER_KILL
                || i.fault().type() == Type.TASK_MANAGER_KILL_IN_CHECKPOINT).mapToDouble(Injected::resumeSeconds).sorted().toArray();
        if (s.length == 0) {
            return "no kills";
        }
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        StringBuilder each = new StringBuilder();
        for (double x : s) {
            each.append(each.length() == 0 ? "" : ", ").append(String.format("%.1f", x));
        }
        return String.format("%s s (median %.1f s, max %.1f s)", each, median, s[s.length - 1]);
    }

    public List<Injected> injected() {
        return injected;
    }

    /** Some failover of the job had {@code cause} in its root cause. */
    public void assertFailureSeen(String cause) {
        assertThat(failures).as("a failover caused by: " + cause + "\n" + failures).contains(cause);
    }

    /** At least one kill struck while a checkpoint was in progress, and that checkpoint failed. */
    public void assertKilledDuringACheckpoint() {
        assertThat(driver.killedInCheckpoint()).as("kills during a checkpoint").isNotEmpty()
                .anySatisfy(id -> assertThat(driver.checkpointLog().get(id)).isNotNull()
                        .satisfies(c -> assertThat(c.status()).isEqualTo("FAILED")));
    }

    private static int linesCompared(String output) {
        Matcher m = Pattern.compile("(\\d+) lines compared").matcher(output);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
