package com.cardpay.payments.jobs;

import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for {@code flink run payments-job.jar [--config FILE] [--key value ...]}. The
 * configuration is validated before anything is submitted.
 */
public final class PaymentsJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsJobMain.class);

    private PaymentsJobMain() {}

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
        PaymentsJob.fromConfig(config).build(env);
        env.execute(config.jobName());
    }
}
