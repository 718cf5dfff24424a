package com.cardpay.payments.connectors.keys;

import com.cardpay.payments.functions.tokenization.KeyProvider;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open {@link KeyProvider} per source subtask in this JVM, closed when the subtask no longer
 * needs it. A Kafka deserializer has no {@code close()}, and the user-code class loader's release
 * hooks run only when the job leaves this task manager (its last slot here is freed: the job ends,
 * is cancelled, or moves away), not when a task fails and Flink restarts it in place. So there are
 * two triggers:
 *
 * <ul>
 *   <li>opening a subtask again (its next attempt after a failure, on this task manager) first
 *       closes the provider its previous attempt opened;
 *   <li>a release hook closes the provider the subtask holds when the job leaves the task manager.
 * </ul>
 *
 * Between a failure and the next attempt (the restart backoff) the failed attempt's provider is
 * still open; if that attempt is placed on another task manager, this one closes it only when the
 * job leaves. A subtask is identified by job, operator and subtask index from Flink's metric
 * variables; without them (a metric group that carries none) each open is on its own and only the
 * release hook closes it.
 */
public final class SubtaskKeyProviders {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskKeyProviders.class);
    private static final Map<String, KeyProvider> OPEN = new ConcurrentHashMap<>();

    private SubtaskKeyProviders() {}

    /**
     * Closes the provider this subtask opened before, if any, then opens one from {@code factory}
     * with its metrics under the {@code keys} group, and arranges for it to be closed when the job
     * leaves this task manager.
     */
    public static KeyProvider open(KeyProviderFactory factory, DeserializationSchema.InitializationContext context)
            throws Exception {
        MetricGroup metrics = context.getMetricGroup();
        String subtask = subtaskId(metrics);
        closeQuietly(subtask, OPEN.remove(subtask));
        KeyProvider keys = factory.open(metrics.addGroup("keys"));
        OPEN.put(subtask, keys);
        context.getUserCodeClassLoader().registerReleaseHookIfAbsent("payments-key-provider:" + subtask,
                () -> closeQuietly(subtask, OPEN.remove(subtask)));
        return keys;
    }

    private static String subtaskId(MetricGroup metrics) {
        Map<String, String> variables = metrics.getAllVariables();
        String job = variables.get("<job_id>");
        String operator = variables.get("<operator_id>");
        String index = variables.get("<subtask_index>");
        if (job == null || operator == null || index == null) {
            return "unidentified-" + UUID.randomUUID();
        }
        return job + "/" + operator + "/" + index;
    }

    private static void closeQuietly(String subtask, KeyProvider keys) {
        if (keys == null) {
            return;
        }
        try {
            keys.close();
            LOG.info("Closed the {} key provider of source subtask {}", keys.name(), subtask);
        } catch (RuntimeException e) {
            LOG.warn("Closing the {} key provider of source subtask {} failed: {}", keys.name(), subtask,
                    e.getClass().getSimpleName());
        }
    }
}
