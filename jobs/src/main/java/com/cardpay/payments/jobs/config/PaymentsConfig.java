package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.*;

import com.cardpay.payments.connectors.kafka.KafkaTls;
import com.cardpay.payments.connectors.kafka.PaymentsKafka.StartingOffsets;
import com.cardpay.payments.connectors.vault.VaultSettings;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.features.VelocityWindow;
import com.cardpay.payments.functions.tracing.TracingSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's one typed configuration, validated as a whole before any job graph is built. Holds no
 * secrets: those come from files or Vault, never from config or arguments.
 */
public record PaymentsConfig(
        String jobName,
        int parallelism,
        int maxParallelism,
        String bootstrapServers,
        String consumerGroup,
        StartingOffsets startingOffsets,
        String environment,
        Duration transactionTimeout,
        Duration longestPlannedOutage,
        Topics topics,
        Duration maxOutOfOrderness,
        Duration maxEventTimeAhead,
        Duration idleness,
        boolean bounded,
        Duration dedupeTtl,
        CheckpointSettings checkpoints,
        StateBackend stateBackend,
        RestartSettings restart,
        S3Settings s3,
        KeyProviderKind keyProvider,
        boolean developmentAllowInsecure,
        KafkaTls kafkaTls,
        VaultSettings vault,
        FraudSettings fraud,
        SettlementSettings settlement,
        TracingSettings tracing) implements Serializable {

    /** The topics the job reads and writes. */
    public record Topics(String raw, String tokenized, String vault, String dlq, String scored, String fraudRules,
            String fraudRulesStatus, String settlements) implements Serializable {
        public List<String> outputs() {
            return List.of(tokenized, vault, dlq, scored, fraudRulesStatus, settlements);
        }

        /** Every topic the job reads or writes. */
        public List<String> all() {
            return List.of(raw, tokenized, vault, dlq, scored, fraudRules, fraudRulesStatus, settlements);
        }
    }

    public enum StateBackend { ROCKSDB, HASHMAP }

    public enum KeyProviderKind { VAULT, LOCAL }

    /**
     * Reads and validates settings; missing keys take their defaults.
     *
     * @throws ConfigException listing every problem, each naming its key
     */
    public static PaymentsConfig from(Map<String, String> settings) {
        ConfigValues v = new ConfigValues(settings);
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(ConfigKey.byName().keySet());
        for (String key : unknown) {
            v.problems().add(key + ": unknown key (see README, 'Configuration')");
        }
        PaymentsConfig config = new PaymentsConfig(
                v.name(JOB_NAME), v.positiveInt(PARALLELISM), v.positiveInt(MAX_PARALLELISM),
                v.string(BOOTSTRAP_SERVERS), settings.containsKey(CONSUMER_GROUP.key()) ? v.string(CONSUMER_GROUP) : v.string(JOB_NAME),
                v.choice(STARTING_OFFSETS, StartingOffsets.class),
                v.name(DEPLOYMENT_ENVIRONMENT),
                v.duration(TRANSACTION_TIMEOUT),
                v.nonNegativeDuration(LONGEST_PLANNED_OUTAGE),
                new Topics(v.string(TOPIC_RAW), v.string(TOPIC_TOKENIZED), v.string(TOPIC_VAULT), v.string(TOPIC_DLQ),
                        v.string(TOPIC_SCORED), v.string(TOPIC_FRAUD_RULES), v.string(TOPIC_FRAUD_RULES_STATUS),
                        v.string(TOPIC_SETTLEMENTS)),
                v.duration(MAX_OUT_OF_ORDERNESS), v.duration(MAX_EVENT_TIME_AHEAD), v.duration(IDLENESS), v.bool(BOUNDED), v.duration(DEDUPE_TTL),
                CheckpointSettings.from(v), v.choice(STATE_BACKEND, StateBackend.class), RestartSettings.from(v),
                S3Settings.from(v),
                v.choice(KEY_PROVIDER, KeyProviderKind.class), v.bool(DEVELOPMENT_ALLOW_INSECURE),
                new KafkaTls(v.choice(SECURITY_PROTOCOL, KafkaTls.SecurityProtocol.class), v.optionalString(SSL_TRUSTSTORE),
                        v.optionalString(SSL_TRUSTSTORE_PASSWORD_FILE), v.optionalString(SSL_KEYSTORE),
                        v.optionalString(SSL_KEYSTORE_PASSWORD_FILE), v.optionalString(SSL_KEY_PASSWORD_FILE),
                        tlsProtocols(v)),
                new VaultSettings(v.string(VAULT_ADDRESS), v.choice(VAULT_AUTH, VaultSettings.AuthMethod.class),
                        v.string(VAULT_K8S_ROLE), v.string(VAULT_K8S_JWT), v.string(VAULT_K8S_MOUNT), v.string(VAULT_TOKEN_PATH),
                        v.string(VAULT_KV_MOUNT), v.string(VAULT_TOKEN_KEY_PATH), v.string(VAULT_TRANSIT_MOUNT),
                        v.string(VAULT_TRANSIT_KEY), v.duration(VAULT_DATA_KEY_MAX_AGE), v.positiveLong(VAULT_DATA_KEY_MAX_USES),
                        v.duration(VAULT_KEY_CACHE_TTL), v.duration(VAULT_REFRESH_INTERVAL), v.duration(VAULT_REQUEST_TIMEOUT),
                        v.optionalString(VAULT_CA_CERT)),
                new FraudSettings(v.duration(FRAUD_SHORT_WINDOW), v.duration(FRAUD_MEDIUM_WINDOW), v.duration(FRAUD_LONG_WINDOW),
                        v.duration(FRAUD_DISTINCT_WINDOW), FraudThresholdSettings.from(v),
                        v.positiveInt(FRAUD_CARD_TESTING_COUNT), v.duration(FRAUD_CARD_TESTING_WINDOW),
                        v.positiveInt(FRAUD_BASELINE_HALF_LIFE), v.duration(FRAUD_RATIO_HALF_LIFE),
                        v.positiveInt(FRAUD_MIN_BASELINE), v.duration(FRAUD_MERCHANT_TTL),
                        v.positiveInt(FRAUD_REVIEW_SCORE), v.positiveInt(FRAUD_DECLINE_SCORE)),
                SettlementSettings.from(v),
                TracingConfig.from(v));
        config.crossCheck(v, v.duration(BROKER_MAX_TRANSACTION_TIMEOUT));
        if (!v.problems().isEmpty()) {
            throw new ConfigException(v.problems());
        }
        return config;
    }

    /** kafka.ssl.enabled-protocols: TLSv1.3 and/or TLSv1.2, each once; TLS 1.3 alone if invalid (reported). */
    private static List<String> tlsProtocols(ConfigValues v) {
        String value = v.optionalString(SSL_ENABLED_PROTOCOLS);
        List<String> protocols = value == null ? List.of() : java.util.Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (protocols.isEmpty() || !KafkaTls.SUPPORTED_PROTOCOLS.containsAll(protocols)
                || new TreeSet<>(protocols).size() != protocols.size()) {
            v.problem(SSL_ENABLED_PROTOCOLS, "must list TLSv1.3 and/or TLSv1.2 (comma-separated, each once; older versions "
                    + "are broken or deprecated), got " + ConfigValues.shown(value == null ? "" : value));
            return List.of(KafkaTls.TLS_1_3);
        }
        return protocols;
    }

    private void crossCheck(ConfigValues v, Duration brokerMaxTransactionTimeout) {
        if (maxParallelism < parallelism) {
            v.problem(MAX_PARALLELISM, "must be at least job.parallelism (" + parallelism + "), got " + maxParallelism);
        }
        if (maxParallelism > 32768) {
            v.problem(MAX_PARALLELISM, "must be at most 32768, got " + maxParallelism);
        }
        // A transaction stays open from one checkpoint to the commit after the next completed one;
        // if it times out before that, or before a restarted job can commit it, its records are lost.
        // A job that is down longer than that (a failure, then an outage we plan for) finds its last
        // checkpoint's transactions aborted by the broker: those records are lost (see README).
        Duration needed = checkpoints.longestOpenTransaction(restart.maxBackoff()).plus(longestPlannedOutage);
        if (transactionTimeout.compareTo(needed) <= 0) {
            v.problem(TRANSACTION_TIMEOUT, "must exceed checkpoint.interval + (checkpoint.tolerable-failures + 1) x "
                    + "checkpoint.timeout + checkpoint.tolerable-failures x checkpoint.min-pause + restart.max-backoff"
                    + " + kafka.longest-planned-outage ("
                    + needed + "), the longest a sink transaction can stay open, got " + transactionTimeout);
        }
        if (transactionTimeout.compareTo(brokerMaxTransactionTimeout) > 0) {
            v.problem(TRANSACTION_TIMEOUT, "must not exceed kafka.broker-max-transaction-timeout ("
                    + brokerMaxTransactionTimeout + "); the broker would refuse the producer, got " + transactionTimeout);
        }
        // The watermark runs at most max-event-time-ahead past the wall clock; a window is first
        // emitted when it passes the window's end + allowed lateness. So no window closes before
        // its end by the wall clock as long as the lead stays within the lateness.
        if (maxEventTimeAhead.compareTo(settlement.allowedLateness()) > 0) {
            v.problem(MAX_EVENT_TIME_AHEAD, "must be at most settlement.allowed-lateness (" + settlement.allowedLateness()
                    + "), or a clock running ahead could close a settlement window before its end; got " + maxEventTimeAhead);
        }
        checkObjectStorage(v);
        if (new TreeSet<>(topics.all()).size() != topics.all().size()) {
            v.problem(TOPIC_RAW, "the topics.* keys must all name different topics");
        }
        if (fraud.reviewScore() >= fraud.declineScore() || fraud.declineScore() > 1000) {
            v.problem(FRAUD_REVIEW_SCORE, "must be below fraud.decline-score (" + fraud.declineScore()
                    + "), which must be at most 1000");
        }
        checkCardWindows(v);
        if (kafkaTls.securityProtocol() == KafkaTls.SecurityProtocol.SSL) {
            if (kafkaTls.truststorePath() == null) {
                v.problem(SSL_TRUSTSTORE, "is required when kafka.security-protocol is ssl");
            }
            if (kafkaTls.truststorePath() != null && kafkaTls.truststorePasswordFile() == null) {
                v.problem(SSL_TRUSTSTORE_PASSWORD_FILE, "is required with kafka.ssl.truststore-path");
            }
            if (kafkaTls.keystorePath() != null && kafkaTls.keystorePasswordFile() == null) {
                v.problem(SSL_KEYSTORE_PASSWORD_FILE, "is required with kafka.ssl.keystore-path");
            }
            if (kafkaTls.keystorePath() == null && kafkaTls.keyPasswordFile() != null) {
                v.problem(SSL_KEY_PASSWORD_FILE, "is only used with kafka.ssl.keystore-path, which is not set");
            }
            // The task managers resolve these paths, not the machine that submits the job.
            requireAbsolute(v, SSL_TRUSTSTORE, kafkaTls.truststorePath());
            requireAbsolute(v, SSL_TRUSTSTORE_PASSWORD_FILE, kafkaTls.truststorePasswordFile());
            requireAbsolute(v, SSL_KEYSTORE, kafkaTls.keystorePath());
            requireAbsolute(v, SSL_KEYSTORE_PASSWORD_FILE, kafkaTls.keystorePasswordFile());
            requireAbsolute(v, SSL_KEY_PASSWORD_FILE, kafkaTls.keyPasswordFile());
        } else if (kafkaTls.truststorePath() != null || kafkaTls.keystorePath() != null) {
            v.problem(SECURITY_PROTOCOL, "must be ssl when kafka.ssl.truststore-path or kafka.ssl.keystore-path is set");
        }
        if (keyProvider == KeyProviderKind.LOCAL && !developmentAllowInsecure) {
            v.problem(KEY_PROVIDER, "local uses public development keys: anyone can recompute its tokens and open its "
                    + "vault records; it is refused unless development.allow-insecure=true (development and tests only)");
        }
        if (keyProvider == KeyProviderKind.VAULT) {
            boolean http = vault.address().startsWith("http://");
            if (!vault.address().startsWith("https://") && !(http && developmentAllowInsecure)) {
                v.problem(VAULT_ADDRESS, "must start with https://" + (http ? ": over http:// the Vault token and the keys "
                        + "cross the network in clear text; allowed only with development.allow-insecure=true (a local test "
                        + "server)" : "") + ", got " + ConfigValues.shown(vault.address()));
            }
            if (vault.keyCacheTtl().compareTo(vault.refreshInterval().multipliedBy(2)) < 0) {
                v.problem(VAULT_KEY_CACHE_TTL, "must be at least twice vault.refresh-interval (" + vault.refreshInterval()
                        + "), or one missed refresh would stop tokenization");
            }
        }
    }

    private void checkObjectStorage(ConfigValues v) {
        if (s3.endpoint() != null && s3.endpoint().getScheme().equalsIgnoreCase("http") && !developmentAllowInsecure) {
            v.problem(S3_ENDPOINT, "must start with https://: over http:// every checkpoint (the job's state) crosses the "
                    + "network in clear text; allowed only with development.allow-insecure=true (a local test server), got "
                    + ConfigValues.shown(s3.endpoint()));
        }
        if (!checkpoints.usesS3()) {
            for (ConfigKey key : S3Settings.KEYS) {
                if (v.isSet(key)) {
                    v.problem(key, "is set, but neither checkpoint.storage nor checkpoint.savepoint-storage is an s3:// URI");
                }
            }
        }
    }

    /** The checkpoint interval: how often outputs become visible (the runners pace themselves by it). */
    public Duration checkpointInterval() {
        return checkpoints.interval();
    }

    private void checkCardWindows(ConfigValues v) {
        checkVelocityWindow(v, FRAUD_SHORT_WINDOW, fraud.shortWindow(), VelocityWindow.SHORT_BUCKETS);
        checkVelocityWindow(v, FRAUD_MEDIUM_WINDOW, fraud.mediumWindow(), VelocityWindow.MEDIUM_BUCKETS);
        checkVelocityWindow(v, FRAUD_LONG_WINDOW, fraud.longWindow(), VelocityWindow.LONG_BUCKETS);
        if (fraud.shortWindow().compareTo(fraud.mediumWindow()) >= 0) {
            v.problem(FRAUD_SHORT_WINDOW, "must be shorter than fraud.card-window.medium (" + fraud.mediumWindow() + ")");
        }
        if (fraud.mediumWindow().compareTo(fraud.longWindow()) >= 0) {
            v.problem(FRAUD_MEDIUM_WINDOW, "must be shorter than fraud.card-window.long (" + fraud.longWindow() + ")");
        }
        if (fraud.distinctWindow().isZero() || fraud.distinctWindow().compareTo(VelocityWindow.MAX_LENGTH) > 0) {
            v.problem(FRAUD_DISTINCT_WINDOW, "must be positive and at most " + VelocityWindow.MAX_LENGTH.toDays() + "d, got "
                    + fraud.distinctWindow());
        }
    }

    private static void checkVelocityWindow(ConfigValues v, ConfigKey key, Duration length, int buckets) {
        String problem = VelocityWindow.problem(length, buckets);
        if (problem != null) {
            v.problem(key, problem);
        }
    }

    private static void requireAbsolute(ConfigValues v, ConfigKey key, String path) {
        // ':' and '}' would break Kafka's ${provider:dir:file} reference syntax.
        if (path != null && (!path.startsWith("/") || path.contains(":") || path.contains("}"))) {
            v.problem(key, "must be an absolute path without ':' or '}', got '" + path + "'");
        }
    }

    /** Transactional-id prefix of one sink: unique per sink, so sinks never fence each other. */
    /**
     * {@code <job.name>.<deployment.environment>}: the job name and where it runs, so a copy of the
     * production configuration started elsewhere under another name or environment can never fence
     * production's producers. Neither may hold a '.', so no two pairs give the same prefix.
     */
    public String transactionalIdPrefix() {
        return jobName + "." + environment;
    }

    /** One sink's transactional-id prefix: {@link #transactionalIdPrefix()}{@code -<role>}. */
    public String transactionalIdPrefix(String sinkRole) {
        return transactionalIdPrefix() + "-" + sinkRole;
    }
}
