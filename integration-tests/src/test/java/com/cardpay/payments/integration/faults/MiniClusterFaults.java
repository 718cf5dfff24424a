package com.cardpay.payments.integration.faults;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.integration.faults.FlinkRest.Checkpoint;
import com.cardpay.payments.jobs.StageHook.Stage;
import com.cardpay.payments.local.EmbeddedKafka;

import org.apache.flink.runtime.minicluster.MiniCluster;

import java.time.Duration;

/**
 * Faults on a MiniCluster of one-slot TaskManagers, every one of them running tasks: a kill
 * terminates one and starts a replacement, as Kubernetes would. A kill during a checkpoint first
 * holds one scoring task ({@link StageFaults#hold}): a checkpoint whose barrier has not passed it
 * cannot complete, and none other is triggered meanwhile (one at a time); the kill comes once REST
 * shows one in progress with some acknowledgements in (if that one had passed the held task and
 * completes after all, the driver sees it and tries again). Stage exceptions go through {@link
 * StageFaults}.
 */
public final class MiniClusterFaults extends CommonFaults {
    private final MiniCluster cluster;
    private final StageFaults hook;

    public MiniClusterFaults(MiniCluster cluster, int taskManagers, StageFaults hook, long seed, EmbeddedKafka kafka,
            FakeVaultServer vault, Duration brokerDown, Duration vaultDown) {
        super(taskManagers, seed, kafka, vault, brokerDown, vaultDown);
        this.cluster = cluster;
        this.hook = hook;
    }

    @Override
    public FaultDriver.Kill killTaskManager(boolean duringCheckpoint, FaultDriver driver) throws Exception {
        Checkpoint inProgress = null;
        if (duringCheckpoint) {
            hook.hold(Stage.FRAUD_SCORING);
            driver.await("a scoring task held", hook::holding, Duration.ofMinutes(2));
            inProgress = checkpointInProgress(driver, " while a scoring task is held");
        }
        int victim = victim();
        cluster.terminateTaskManager(victim).get();
        hook.release();
        cluster.startTaskManager();
        return kill("TaskManager #" + victim + " terminated, #" + replacement() + " started", inProgress);
    }

    @Override
    public String throwFrom(Stage stage, FaultDriver driver) throws Exception {
        int before = hook.thrown(stage);
        hook.throwOnce(stage);
        driver.await(stage + " emits a record and throws", () -> hook.thrown(stage) > before, Duration.ofMinutes(2));
        return stage + " threw from its task (after its state changed for the record)";
    }
}
