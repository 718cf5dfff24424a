package com.cardpay.payments.integration.faults;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.integration.testutils.StandaloneFlinkCluster;
import com.cardpay.payments.jobs.StageHook.Stage;
import com.cardpay.payments.local.EmbeddedKafka;

import java.time.Duration;

/**
 * Faults on a standalone cluster of one-slot TaskManager processes, every one of them running
 * tasks: a kill is {@code kill -9} of one, then a replacement process is started, as Kubernetes
 * would. A kill during a checkpoint strikes once REST shows one in progress with some
 * acknowledgements in; nothing holds it there, so it may complete first, which the driver notices
 * (and tries again). The job jar carries no test hook: no stage exceptions here.
 */
public final class StandaloneFaults extends CommonFaults {
    private final StandaloneFlinkCluster cluster;

    public StandaloneFaults(StandaloneFlinkCluster cluster, int taskManagers, long seed, EmbeddedKafka kafka,
            FakeVaultServer vault, Duration brokerDown, Duration vaultDown) {
        super(taskManagers, seed, kafka, vault, brokerDown, vaultDown);
        this.cluster = cluster;
    }

    @Override
    public FaultDriver.Kill killTaskManager(boolean duringCheckpoint, FaultDriver driver) throws Exception {
        FlinkRest.Checkpoint inProgress = duringCheckpoint ? checkpointInProgress(driver, "") : null;
        int victim = victim();
        long pid = cluster.killTaskManager(victim);
        cluster.startTaskManager();
        return kill("kill -9 of TaskManager #" + victim + " (pid " + pid + "), #" + replacement() + " started", inProgress);
    }

    @Override
    public String throwFrom(Stage stage, FaultDriver driver) {
        throw new UnsupportedOperationException("the job jar carries no test hook: stage exceptions run in FaultInjectionITCase");
    }
}
