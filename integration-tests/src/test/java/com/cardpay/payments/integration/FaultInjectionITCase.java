package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.vault.FakeVaultExtension;
import com.cardpay.payments.connectors.vault.VaultFixture;
import com.cardpay.payments.integration.faults.CheckpointLog;
import com.cardpay.payments.integration.faults.Fault;
import com.cardpay.payments.integration.faults.FaultDriver;
import com.cardpay.payments.integration.faults.FaultRunChecks;
import com.cardpay.payments.integration.faults.FaultTimeline;
import com.cardpay.payments.integration.faults.FlinkRest;
import com.cardpay.payments.integration.faults.MiniClusterFaults;
import com.cardpay.payments.integration.faults.OutputTail;
import com.cardpay.payments.integration.faults.PaymentLoad;
import com.cardpay.payments.integration.faults.StageFaults;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.StageHook.Stage;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exactly-once under real failures, in CI: the whole pipeline on a MiniCluster of two one-slot
 * TaskManagers (parallelism 2) against the real broker, with its keys from the Vault stand-in, over
 * 100,000 synthetic payments with known ground truth (valid, exact and conflicting replays, every
 * kind of malformed record, out of order and minutes late; event time from the records only). At
 * seeded random points of the input ({@code -Dfaults.seed}, printed) it injects:
 *
 * <ol>
 *   <li>three TaskManager kills, one of them while a checkpoint is in progress (proven by REST:
 *       in progress and partly acknowledged at the kill, failed afterwards);
 *   <li>an exception from each stateful stage: dedupe, card features, fraud scoring, settlement
 *       (the {@code StageHook} test seam);
 *   <li>one broker stop and restart;
 *   <li>a Vault outage longer than {@code vault.key-cache-ttl}.
 * </ol>
 *
 * Afterwards the audit tool, reading every output {@code read_committed}, must find every valid
 * payment exactly once in {@code payments.tokenized}, {@code payments.scored} and (by card token)
 * {@code payments.vault}, every rejected record exactly once in the DLQ, and nothing else; its
 * expectations must match the generator's ground truth; and the reconciliation tool must find every
 * settlement line equal to the ground truth to the minor unit. The run prints a timeline of what it
 * injected and when.
 */
class FaultInjectionITCase {
    private static final long SEED = Long.getLong("faults.seed", 20261203L);
    private static final int PAYMENTS = 100_000;
    private static final int RATE = 2_000;
    private static final int TASK_MANAGERS = 2;
    private static final int PARTITIONS = 4;
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(Configuration.fromMap(FlinkRest.FRESH))
            .setNumberTaskManagers(TASK_MANAGERS).setNumberSlotsPerTaskManager(1).build());

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    final FakeVaultExtension vault = new FakeVaultExtension();

    @TempDir
    Path dir;

    @Test
    void everyPaymentExactlyOnceThroughKillsStageFailuresABrokerRestartAndAVaultOutage(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Map<String, String> settings = settings();
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), PARTITIONS);
        StageFaults hook = new StageFaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).withStageHook(hook).build(env);

        List<Fault> faults = new ArrayList<>(List.of(Fault.of(Fault.Type.TASK_MANAGER_KILL),
                Fault.of(Fault.Type.TASK_MANAGER_KILL), Fault.of(Fault.Type.TASK_MANAGER_KILL_IN_CHECKPOINT),
                Fault.of(Fault.Type.BROKER_RESTART), Fault.of(Fault.Type.VAULT_OUTAGE)));
        for (Stage stage : Stage.values()) {
            faults.add(Fault.stage(stage));
        }
        List<Fault> plan = Fault.plan(SEED, PAYMENTS, faults);
        System.out.printf("[faults] FaultInjectionITCase seed %d (-Dfaults.seed), %,d payments at %,d/s, plan: %s%n",
                SEED, PAYMENTS, RATE, plan);

        JobClient job = env.executeAsync(config.jobName());
        PaymentLoad load = new PaymentLoad(SEED, PAYMENTS, RATE, KAFKA.bootstrapServers(), config.topics().raw());
        try (OutputTail tail = new OutputTail(KAFKA.bootstrapServers(), config.topics().tokenized())) {
            FaultTimeline timeline = new FaultTimeline(load::sent, tail::count);
            FlinkRest rest = new FlinkRest(cluster.getRestAddress().get(), job.getJobID().toString());
            FaultDriver driver = new FaultDriver(timeline, load, tail, rest, new CheckpointLog(), new MiniClusterFaults(
                    cluster, TASK_MANAGERS, hook, SEED, KAFKA.broker(), vault.server(), Duration.ofSeconds(4),
                    KEY_CACHE_TTL.plusSeconds(3)));
            driver.awaitRunning(Duration.ofMinutes(3));
            timeline.log("job running; input starts");
            load.start();

            FaultRunChecks checks = new FaultRunChecks(config, settings, driver, load, tail);
            checks.run(plan, PARTITIONS, () -> JobEnd.cancel(job, dir));

            assertThat(checks.injected()).as("faults injected").hasSizeGreaterThanOrEqualTo(plan.size());
            for (Stage stage : Stage.values()) {
                assertThat(hook.thrown(stage)).as(stage + " threw").isPositive();
                checks.assertFailureSeen("InjectedStageFault: injected failure after " + stage);
            }
            checks.assertFailureSeen("KeyUnavailableException");
            checks.assertKilledDuringACheckpoint();
        }
    }

    private Map<String, String> settings() throws Exception {
        Path jwt = Files.writeString(dir.resolve("jwt"), VaultFixture.JWT);
        Map<String, String> s = TestJobs.settings("faults-it", KAFKA.bootstrapServers(), dir.resolve("checkpoints"));
        s.putAll(Map.of("tokenization.key-provider", "vault", "vault.address", vault.server().address(),
                "vault.kubernetes-jwt-path", jwt.toString(), "vault.key-cache-ttl", KEY_CACHE_TTL.toSeconds() + "s",
                "vault.refresh-interval", "200ms", "vault.request-timeout", "1s"));
        s.putAll(FaultRunChecks.SETTLEMENT);
        return s;
    }
}
