package com.cardpay.payments.jobs;

import com.cardpay.payments.connectors.kafka.TransactionalIdGuard;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;

import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Entry point for {@code flink run payments-job.jar [--config FILE] [--key value ...]}. The
 * configuration is validated before anything is submitted.
 */
public final class PaymentsJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsJobMain.class);

    private PaymentsJobMain() {}

    /**
     * A running job keeps a transaction open under its prefix, begun at most about one checkpoint
     * interval ago; twice that plus 30 s tells it from one left behind by a job that crashed (which
     * may then be resubmitted after that long). A job stuck in failing checkpoints is not seen, nor
     * one that has written nothing since its last checkpoint (see {@link TransactionalIdGuard}).
     */
    public static void refuseIfAnotherJobUsesOurTransactionalIds(PaymentsConfig config) throws InterruptedException {
        Duration recent = config.checkpointInterval().multipliedBy(2).plusSeconds(30);
        List<String> active = TransactionalIdGuard.recentlyActive(config.bootstrapServers(), config.kafkaTls().clientProperties(),
                PaymentsJob.SinkRoles.ALL.stream().map(config::transactionalIdPrefix).toList(), recent, Clock.systemUTC());
        if (!active.isEmpty()) {
            throw new ConfigException(List.of("job.name, deployment.environment: a running job already writes with the "
                    + "transactional ids " + config.transactionalIdPrefix() + "-* (" + active.size() + " transaction(s) begun "
                    + "in the last " + recent.toSeconds() + " s, e.g. " + active.get(0) + "); starting this one would abort its "
                    + "transactions and fence it. Give this job another job.name or deployment.environment, or stop the other "
                    + "one first (if it has just stopped or crashed, retry in " + recent.toSeconds() + " s)"));
        }
    }

    public static void main(String[] args) throws Exception {
        PaymentsConfig config;
        try {
            config = PaymentsConfigLoader.load(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        if (config.developmentAllowInsecure()) {
            LOG.warn("development.allow-insecure is set: local (public) keys and an http:// Vault are accepted. "
                    + "Never in production.");
        }
        LOG.info("Starting {} reading {} with parallelism {}", config.jobName(), config.topics().raw(), config.parallelism());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        if (env instanceof LocalStreamEnvironment) {
            // This JVM is the cluster: its file systems are ours to set up.
            ObjectStorage.configureThisProcess(config);
        } else if (config.checkpoints().usesS3()) {
            // Under flink run (or in application mode) the cluster's processes set up their file
            // systems when they started, from the cluster's configuration; a job cannot change them.
            LOG.info("Checkpoints go to {} and savepoints to {} through the cluster's flink-s3-fs-hadoop plugin, "
                    + "configured by the cluster's own s3.* settings", config.checkpoints().storage(),
                    config.checkpoints().savepointStorage());
            if (config.s3().differsFromDefaults()) {
                LOG.warn("The s3.* keys apply only when the job runs in-process; on this cluster the S3 endpoint, region, "
                        + "addressing and credentials come from the cluster's configuration (README, 'Checkpoints in object storage')");
            }
        }
        try {
            refuseIfAnotherJobUsesOurTransactionalIds(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        PaymentsJob.fromConfig(config).build(env);
        env.execute(config.jobName());
    }
}
