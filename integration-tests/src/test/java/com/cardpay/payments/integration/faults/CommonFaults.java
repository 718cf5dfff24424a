package com.cardpay.payments.integration.faults;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.integration.faults.FlinkRest.Checkpoint;
import com.cardpay.payments.local.EmbeddedKafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What the fault injectors share, whatever runs the job: the broker (in this JVM) stopped and
 * started again, the Vault stand-in (in this JVM, reached over HTTP) down for longer than the job's
 * key cache (how long each is down is the fault itself, not a wait for something to happen), and the
 * bookkeeping of kills: which TaskManagers are alive (seeded choice of the victim) and how to find a
 * checkpoint in progress.
 */
public abstract class CommonFaults implements FaultDriver.Injectors {
    private final EmbeddedKafka kafka;
    private final FakeVaultServer vault;
    private final Duration brokerDown;
    private final Duration vaultDown;
    private final Random random;
    private final List<Integer> alive = new ArrayList<>();
    private int started;

    protected CommonFaults(int taskManagers, long seed, EmbeddedKafka kafka, FakeVaultServer vault, Duration brokerDown,
            Duration vaultDown) {
        this.kafka = kafka;
        this.vault = vault;
        this.brokerDown = brokerDown;
        this.vaultDown = vaultDown;
        this.random = new Random(seed);
        for (int i = 0; i < taskManagers; i++) {
            alive.add(i);
        }
        started = taskManagers;
    }

    /** Picks (and forgets) one live TaskManager, by its index in the order they were started. */
    protected int victim() {
        return alive.remove(random.nextInt(alive.size()));
    }

    /** Records one more TaskManager started; returns its index. */
    protected int replacement() {
        alive.add(started);
        return started++;
    }

    /** Waits until REST shows a checkpoint in progress with some of its acknowledgements in. */
    protected static Checkpoint checkpointInProgress(FaultDriver driver, String while_) throws InterruptedException {
        Checkpoint[] found = new Checkpoint[1];
        driver.await("a checkpoint in progress, partly acknowledged" + while_, () -> {
            Optional<Checkpoint> c = driver.checkpointsNow().stream()
                    .filter(x -> x.status().equals("IN_PROGRESS") && x.acknowledged() > 0).findFirst();
            c.ifPresent(x -> found[0] = x);
            return c.isPresent();
        }, Duration.ofMinutes(2));
        return found[0];
    }

    protected static FaultDriver.Kill kill(String what, Checkpoint inProgress) {
        return inProgress == null ? new FaultDriver.Kill(what, -1)
                : new FaultDriver.Kill(what + " while checkpoint " + inProgress.id() + " was in progress ("
                        + inProgress.acknowledged() + "/" + inProgress.subtasks() + " subtasks acknowledged)", inProgress.id());
    }

    @Override
    public String restartBroker(FaultDriver driver) throws Exception {
        kafka.stopBroker();
        driver.timeline().log("BROKER_RESTART: broker stopped");
        Thread.sleep(brokerDown.toMillis()); // the outage itself
        kafka.restartBroker();
        return "broker down " + brokerDown.toSeconds() + " s, back on the same port with its data";
    }

    @Override
    public String vaultOutage(FaultDriver driver) throws Exception {
        vault.goDown(FakeVaultServer.Outage.CONNECTION_REFUSED);
        driver.timeline().log("VAULT_OUTAGE: Vault refuses connections");
        Thread.sleep(vaultDown.toMillis()); // the outage itself
        vault.comeBack();
        return "Vault down " + vaultDown.toSeconds() + " s (longer than vault.key-cache-ttl), back";
    }
}
