package com.cardpay.payments.integration;

import com.cardpay.payments.connectors.vault.VaultFixture;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.integration.faults.CheckpointLog;
import com.cardpay.payments.integration.faults.Fault;
import com.cardpay.payments.integration.faults.FaultDriver;
import com.cardpay.payments.integration.faults.FaultRunChecks;
import com.cardpay.payments.integration.faults.FaultTimeline;
import com.cardpay.payments.integration.faults.FlinkRest;
import com.cardpay.payments.integration.faults.OutputTail;
import com.cardpay.payments.integration.faults.PaymentLoad;
import com.cardpay.payments.integration.faults.StandaloneFaults;
import com.cardpay.payments.integration.testutils.BuiltJars;
import com.cardpay.payments.integration.testutils.StandaloneFlinkCluster;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.EmbeddedKafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's larger run, outside CI: {@code ./run-fault-suite} (README, Tests). The job jar
 * on a real standalone Flink cluster (two one-slot TaskManager processes, parallelism 2) through
 * {@code flink run -d}, with its keys from the Vault stand-in, over 1,000,000 synthetic payments,
 * with ten faults at seeded random points: six {@code kill -9} of a TaskManager process (one while
 * a checkpoint is in progress), two broker restarts, two Vault outages longer than the key cache.
 * Then the same verdict as {@link FaultInjectionITCase}: the audit and the reconciliation. It
 * prints the faults, the time from each kill until output resumed, checkpoint durations and sizes,
 * and the audit's result.
 *
 * <p>Not an {@code *ITCase}: failsafe runs it only when named ({@code -Dit.test=FaultInjectionLargeRun}).
 * {@code -Dfaults.payments}, {@code -Dfaults.rate} and {@code -Dfaults.seed} change its size, pace and plan.
 */
class FaultInjectionLargeRun {
    private static final long SEED = Long.getLong("faults.seed", 20261204L);
    private static final int PAYMENTS = Integer.getInteger("faults.payments", 1_000_000);
    private static final int RATE = Integer.getInteger("faults.rate", 5_000);
    private static final int TASK_MANAGERS = 2;
    private static final int PARTITIONS = 4;
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aMillionPaymentsExactlyOnceThroughKillMinusNineBrokerRestartsAndVaultOutages() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startQuietly(); FakeVaultServer vault = FakeVaultServer.start()) {
            VaultFixture.provision(vault, Duration.ofHours(1), Duration.ofHours(24));
            Map<String, String> settings = settings(kafka, vault);
            PaymentsConfig config = PaymentsConfig.from(settings);
            kafka.createTopics(TestJobs.topics(config), PARTITIONS);
            Map<String, String> flinkConfig = new HashMap<>(FlinkRest.FRESH);
            // kill -9 says no goodbye: the JobManager learns of it from missed heartbeats.
            flinkConfig.putAll(Map.of("heartbeat.interval", "1000", "heartbeat.timeout", "5000"));
            List<Fault> faults = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                faults.add(Fault.of(Fault.Type.TASK_MANAGER_KILL));
            }
            faults.addAll(List.of(Fault.of(Fault.Type.TASK_MANAGER_KILL_IN_CHECKPOINT), Fault.of(Fault.Type.BROKER_RESTART),
                    Fault.of(Fault.Type.BROKER_RESTART), Fault.of(Fault.Type.VAULT_OUTAGE), Fault.of(Fault.Type.VAULT_OUTAGE)));
            List<Fault> plan = Fault.plan(SEED, PAYMENTS, faults);
            System.out.printf("[faults] FaultInjectionLargeRun seed %d, %,d payments at %,d/s, plan: %s%n", SEED, PAYMENTS,
                    RATE, plan);

            try (StandaloneFlinkCluster flink = StandaloneFlinkCluster.start(dir.resolve("flink"), TASK_MANAGERS, 1, flinkConfig)) {
                List<String> args = new ArrayList<>();
                settings.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
                String jobId = flink.submitDetached(BuiltJars.jobJar(), args, Duration.ofMinutes(3));
                FlinkRest rest = new FlinkRest(flink.restUri(), jobId);
                PaymentLoad load = new PaymentLoad(SEED, PAYMENTS, RATE, kafka.bootstrapServers(), config.topics().raw());
                try (OutputTail tail = new OutputTail(kafka.bootstrapServers(), config.topics().tokenized())) {
                    FaultTimeline timeline = new FaultTimeline(load::sent, tail::count);
                    FaultDriver driver = new FaultDriver(timeline, load, tail, rest, new CheckpointLog(), new StandaloneFaults(
                            flink, TASK_MANAGERS, SEED, kafka, vault, Duration.ofSeconds(5), KEY_CACHE_TTL.plusSeconds(5)));
                    driver.awaitRunning(Duration.ofMinutes(3));
                    timeline.log("job " + jobId + " running on the standalone cluster; input starts");
                    load.start();
                    FaultRunChecks checks = new FaultRunChecks(config, settings, driver, load, tail);
                    checks.run(plan, PARTITIONS, () -> rest.cancel(Duration.ofMinutes(2)));
                    checks.assertFailureSeen("KeyUnavailableException");
                    checks.assertKilledDuringACheckpoint();
                }
            }
        }
    }

    private Map<String, String> settings(EmbeddedKafka kafka, FakeVaultServer vault) throws Exception {
        Path jwt = Files.writeString(Files.createDirectories(dir.resolve("vault")).resolve("jwt"), VaultFixture.JWT);
        Map<String, String> s = TestJobs.settings("faults-large", kafka.bootstrapServers(), dir.resolve("checkpoints"));
        s.putAll(Map.of("tokenization.key-provider", "vault", "vault.address", vault.address(),
                "vault.kubernetes-jwt-path", jwt.toString(), "vault.key-cache-ttl", KEY_CACHE_TTL.toSeconds() + "s",
                "vault.refresh-interval", "200ms", "vault.request-timeout", "1s"));
        s.putAll(FaultRunChecks.SETTLEMENT);
        return s;
    }
}
