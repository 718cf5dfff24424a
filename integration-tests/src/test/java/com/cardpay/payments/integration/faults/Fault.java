package com.cardpay.payments.integration.faults;

import com.cardpay.payments.jobs.StageHook.Stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One planned fault and the point of the input where it strikes: once {@code at} payments have
 * been sent.
 *
 * @param stage for {@link Type#STAGE_EXCEPTION} only
 */
public record Fault(Type type, Stage stage, long at) {

    public enum Type {
        /** A TaskManager is killed and a replacement started, as Kubernetes would. */
        TASK_MANAGER_KILL,
        /** The same, while a checkpoint is in progress, some of its acknowledgements in. */
        TASK_MANAGER_KILL_IN_CHECKPOINT,
        /** A stateful stage throws (the {@code StageHook} test seam). */
        STAGE_EXCEPTION,
        /** The Kafka broker stops and starts again on its port, with its data. */
        BROKER_RESTART,
        /** The Vault stand-in refuses connections for longer than {@code vault.key-cache-ttl}. */
        VAULT_OUTAGE
    }

    @Override
    public String toString() {
        return (type == Type.STAGE_EXCEPTION ? type + "(" + stage + ")" : type.toString()) + " at " + at;
    }

    /**
     * The faults in a seeded random order at seeded random points between 5% and 85% of the input,
     * at least {@code 1/(2 n)} of it apart, so that payments are in flight at each.
     */
    public static List<Fault> plan(long seed, long payments, List<Fault> faults) {
        Random random = new Random(seed);
        List<Fault> order = new ArrayList<>(faults);
        Collections.shuffle(order, random);
        int n = order.size();
        double span = 0.80 - 0.5 * (n - 1) / n; // room left after the minimum gaps
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(random.nextDouble() * span);
        }
        Collections.sort(points);
        List<Fault> planned = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double fraction = 0.05 + points.get(i) + 0.5 * i / n;
            planned.add(new Fault(order.get(i).type(), order.get(i).stage(), (long) (fraction * payments)));
        }
        return planned;
    }

    public static Fault of(Type type) {
        return new Fault(type, null, 0);
    }

    public static Fault stage(Stage stage) {
        return new Fault(Type.STAGE_EXCEPTION, stage, 0);
    }
}
