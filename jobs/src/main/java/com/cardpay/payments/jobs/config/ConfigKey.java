package com.cardpay.payments.jobs.config;

import com.cardpay.payments.connectors.contracts.dlq.DlqTopic;
import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.contracts.rules.FraudRulesTopic;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusTopic;
import com.cardpay.payments.connectors.contracts.scored.ScoredTopic;
import com.cardpay.payments.connectors.contracts.settlements.SettlementsTopic;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedTopic;
import com.cardpay.payments.connectors.contracts.vault.VaultTopic;
import com.cardpay.payments.functions.fraud.CurrencyThresholds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configuration key the job accepts, with its default and what it means. This list is the
 * single source of truth: the loader rejects any other key, and a test checks README documents
 * each one with its default.
 */
public enum ConfigKey {
    JOB_NAME("job.name", "payments-job", "Flink job name: letters, digits, - and _; also the default consumer group, and with deployment.environment the transactional-id prefix."),
    PARALLELISM("job.parallelism", "2", "Default operator parallelism."),
    // 720 = 2^4 * 3^2 * 5: key groups spread evenly over many parallelisms (2, 3, 4, 5, 6, 8, 9, 10, 12, ...).
    // It is fixed for the life of the state: changing it needs a state migration.
    MAX_PARALLELISM("job.max-parallelism", "720", "Key-group count; the upper bound for rescaling. Never change it on an existing savepoint."),
    BOOTSTRAP_SERVERS("kafka.bootstrap-servers", "localhost:9092", "Kafka bootstrap servers."),
    CONSUMER_GROUP("kafka.consumer-group", "payments-job", "Consumer group of the payments.raw source; defaults to job.name. Offsets are committed on checkpoints, for lag monitoring."),
    STARTING_OFFSETS("kafka.starting-offsets", "committed", "Where to start without a checkpoint: committed (falls back to earliest), earliest or latest."),
    DEPLOYMENT_ENVIRONMENT("deployment.environment", "dev", "Where this job runs (prod, staging, dev, replay-2026-12, ...): letters, digits, - and _. With job.name it makes the sinks' transactional-id prefix <job.name>.<deployment.environment>, each sink appending its role (-tokenized-vault, -dlq, -scored, -rules-status, -settlements); a job whose prefix a running job uses is refused at start."),
    TRANSACTION_TIMEOUT("kafka.transaction-timeout", "10m", "Producer transaction.timeout.ms: above the longest a transaction can stay open (checkpoint interval, timeouts and tolerated failures, max restart backoff; see the checks below), below the broker maximum."),
    LONGEST_PLANNED_OUTAGE("kafka.longest-planned-outage", "2m", "The longest the job may stay down after a failure (rescheduling, image pull, a broker maintenance) and still commit its last checkpoint's output: counted in the kafka.transaction-timeout check. Longer outages: stop with a savepoint first."),
    BROKER_MAX_TRANSACTION_TIMEOUT("kafka.broker-max-transaction-timeout", "15m", "The brokers' transaction.max.timeout.ms (Kafka's default is 15m), to check the above against."),
    SECURITY_PROTOCOL("kafka.security-protocol", "plaintext", "plaintext or ssl (TLS; mutual TLS when a keystore is set)."),
    SSL_TRUSTSTORE("kafka.ssl.truststore-path", "", "PKCS12 truststore with the CA of the brokers' certificates (ssl only)."),
    SSL_TRUSTSTORE_PASSWORD_FILE("kafka.ssl.truststore-password-file", "", "File holding the truststore password (mounted secret); read by the Kafka client on the task manager."),
    SSL_KEYSTORE("kafka.ssl.keystore-path", "", "PKCS12 keystore with the job's client certificate: set it for mutual TLS."),
    SSL_KEYSTORE_PASSWORD_FILE("kafka.ssl.keystore-password-file", "", "File holding the keystore password (mounted secret)."),
    SSL_KEY_PASSWORD_FILE("kafka.ssl.key-password-file", "", "File holding the private key's password (mounted secret), if it differs from the keystore's."),
    // A key rather than fixed: TLS 1.3 only by default, but a managed cluster that still speaks
    // only TLS 1.2 can be reached by configuration, without a code change (and visibly so).
    SSL_ENABLED_PROTOCOLS("kafka.ssl.enabled-protocols", "TLSv1.3", "TLS versions the Kafka clients offer (ssl only), comma-separated: TLSv1.3 and/or TLSv1.2, nothing older."),
    // Topic names default to their contracts' (connectors, contracts.<topic>).
    TOPIC_RAW("topics.raw", RawTopic.NAME, "Input topic."),
    TOPIC_TOKENIZED("topics.tokenized", TokenizedTopic.NAME, "Output: validated, tokenized payments."),
    TOPIC_VAULT("topics.vault", VaultTopic.NAME, "Output (restricted): card token to envelope-encrypted PAN."),
    TOPIC_DLQ("topics.dlq", DlqTopic.NAME, "Output: rejected records with error codes, PANs masked."),
    TOPIC_SCORED("topics.scored", ScoredTopic.NAME, "Output: scored payments with decision and reasons."),
    TOPIC_FRAUD_RULES("topics.fraud-rules", FraudRulesTopic.NAME, "Input (compacted): fraud rules, one JSON rule per record, keyed by rule id."),
    TOPIC_FRAUD_RULES_STATUS("topics.fraud-rules-status", RuleStatusTopic.NAME, "Output: accepted and rejected rule updates, and stored rules skipped on restore, with the reason."),
    TOPIC_SETTLEMENTS("topics.settlements", SettlementsTopic.NAME, "Output: settlement lines per merchant, currency and window, with revisions for late events."),
    MAX_OUT_OF_ORDERNESS("source.max-out-of-orderness", "5s", "Watermark bound: how late an event may arrive and still count as in order."),
    // A payment stamped tomorrow would drag event time forward and close today's windows early.
    // Five minutes covers the skew of NTP-synced terminals and acquirers; validation keeps it at
    // most settlement.allowed-lateness, so that no window closes before its end by the wall clock.
    MAX_EVENT_TIME_AHEAD("source.max-event-time-ahead", "5m", "An event_time further ahead of its record's Kafka timestamp (or of this job's clock, if earlier) goes to payments.dlq as EVENT_TIME_IN_FUTURE; at most settlement.allowed-lateness."),
    IDLENESS("source.idleness", "30s", "A partition silent this long stops holding back the watermark."),
    BOUNDED("source.bounded", "false", "Stop at the offsets that are latest at start (replays, tests), instead of running forever."),
    DEDUPE_TTL("dedupe.ttl", "7d", "How long a payment_id is remembered to drop replays."),
    // Exactly-once outputs become visible only when a checkpoint completes, so the interval is the
    // latency floor; shorter intervals cost more checkpoint I/O. 1s keeps both modest.
    CHECKPOINT_INTERVAL("checkpoint.interval", "1s", "Checkpoint interval; outputs are visible to read_committed consumers about this much later."),
    // Flink's default, kept: checkpoints are incremental and asynchronous, so one right after a
    // slow one costs upload I/O, not processing, while a pause would delay every output exactly
    // when checkpoints are already slow (and stretch short intervals such as the benchmarks' 100ms).
    CHECKPOINT_MIN_PAUSE("checkpoint.min-pause", "0s", "Least time from the end of one checkpoint to the start of the next; at most checkpoint.interval."),
    // Normal checkpoints take well under a second; 2m leaves room for a slow object store without
    // letting a stuck one hold the sinks' transactions open for long.
    CHECKPOINT_TIMEOUT("checkpoint.timeout", "2m", "A checkpoint that takes longer is declined."),
    // A short object-store outage should not restart the pipeline (a restart has to read its state
    // back from the same store). Each tolerated failure keeps the sinks' transactions open one more
    // checkpoint.timeout, which the kafka.transaction-timeout check counts; 2 keeps that near 7m, under 10m.
    CHECKPOINT_TOLERABLE_FAILURES("checkpoint.tolerable-failures", "2", "Checkpoint failures in a row that the job rides out; one more fails it, and it restarts from its last checkpoint. 0 fails on the first."),
    CHECKPOINT_STORAGE("checkpoint.storage", "file:///tmp/payments-job/checkpoints", "Checkpoint directory URI; s3://bucket/path in production (see s3.*)."),
    // One bucket and prefix for everything the job writes, so one grant covers it, and a savepoint
    // taken without a path (flink stop, the REST API) lands beside the checkpoints.
    CHECKPOINT_SAVEPOINT_STORAGE("checkpoint.savepoint-storage", "", "Directory URI of savepoints taken without a path; empty: savepoints/ under checkpoint.storage."),
    CHECKPOINT_INCREMENTAL("checkpoint.incremental", "true", "Incremental RocksDB checkpoints (upload only new SST files)."),
    // Aligned checkpoints hold operator state only: smaller, and restored without replaying
    // in-flight records. The pipeline runs far below its capacity, so barriers are rarely held up.
    CHECKPOINT_UNALIGNED("checkpoint.unaligned", "false", "Allow unaligned checkpoints (they also store in-flight records), for sustained backpressure; savepoints stay aligned."),
    // With unaligned allowed, start aligned and switch only where alignment takes this long, that
    // is under backpressure; 0s would store in-flight records in every checkpoint.
    CHECKPOINT_ALIGNED_TIMEOUT("checkpoint.aligned-timeout", "1s", "With checkpoint.unaligned=true: a checkpoint starts aligned and turns unaligned where alignment takes longer than this."),
    // After a cancel (by mistake, or in an incident) the last checkpoint is the way back to the
    // exact state; it costs bucket space until deleted by hand or a lifecycle rule.
    CHECKPOINT_RETAIN_ON_CANCEL("checkpoint.retain-on-cancel", "true", "Keep the last checkpoint when the job is cancelled (it is always kept when the job fails)."),
    // A task that restarts on a TaskManager that survived (an exception, a Vault outage) reads its
    // RocksDB state from local disk instead of the object store; for incremental RocksDB the local
    // copy is mostly hard links. A TaskManager that is lost restores from the object store.
    CHECKPOINT_LOCAL_RECOVERY("checkpoint.local-recovery", "true", "Keep a local copy of each checkpoint on the TaskManager and restore from it when the task restarts there. A TaskManager setting: on a cluster it comes from the cluster's configuration."),
    STATE_BACKEND("state.backend", "rocksdb", "rocksdb (production) or hashmap (small tests)."),
    RESTART_INITIAL_BACKOFF("restart.initial-backoff", "1s", "Exponential-delay restart strategy: first backoff."),
    RESTART_MAX_BACKOFF("restart.max-backoff", "1m", "Exponential-delay restart strategy: longest backoff."),
    // Doubling reaches the 1m cap after six restarts (about two minutes): a one-off failure
    // restarts within a second, a persistent one (Vault, the broker) is not hammered.
    RESTART_BACKOFF_MULTIPLIER("restart.backoff-multiplier", "2.0", "Exponential-delay restart strategy: each backoff is the previous one times this (1.0 to 10.0)."),
    // Spreads the restarts of jobs and tasks that failed together (a shared Vault or broker outage).
    RESTART_JITTER("restart.jitter", "0.1", "Exponential-delay restart strategy: each backoff varies at random by up to this share (0.0 to 1.0)."),
    // Shorter would let a fault that recurs every few minutes restart at full speed forever.
    RESTART_RESET_BACKOFF_AFTER("restart.reset-backoff-after", "1h", "Exponential-delay restart strategy: after running this long without a failure, the next backoff is restart.initial-backoff again."),
    // A payments job that gives up needs a person to start it again from its checkpoint; retrying
    // every restart.max-backoff until Vault or the broker is back is what outage recovery relies on.
    RESTART_MAX_ATTEMPTS("restart.max-attempts", "unlimited", "Restarts in a row (counted until the backoff resets) before the job fails for good: unlimited or a positive number."),
    // Empty endpoint and region: AWS's own endpoint in the region the SDK finds (AWS_REGION).
    S3_ENDPOINT("s3.endpoint", "", "S3 API endpoint, https://host[:port]; empty: AWS S3. http:// only with development.allow-insecure. Applied in-process (see README, 'Checkpoints in object storage')."),
    S3_REGION("s3.region", "", "S3 region used to sign requests, e.g. eu-west-1; empty: the AWS SDK's own lookup (AWS_REGION)."),
    // AWS prefers virtual-hosted-style addressing (bucket.host); most S3-compatible stores need paths.
    S3_PATH_STYLE_ACCESS("s3.path-style-access", "false", "Address buckets as host/bucket instead of bucket.host: true for MinIO, Ceph and most S3-compatible stores."),
    // No keys by default: on Kubernetes the pod's identity (web identity token) is the credential.
    S3_ACCESS_KEY_FILE("s3.access-key-file", "", "File holding the S3 access key id (mounted secret), with s3.secret-key-file; empty: the AWS default credential chain (pod identity)."),
    S3_SECRET_KEY_FILE("s3.secret-key-file", "", "File holding the S3 secret access key (mounted secret), with s3.access-key-file; read at startup, never logged."),
    // Empty: the bucket's default encryption applies (SSE-S3 on AWS since 2023). A key id makes
    // every checkpoint and savepoint object ask for SSE-KMS with that key, so the state is
    // readable only with kms:Decrypt on it (not secret: the id is a name, the key stays in KMS).
    S3_SSE_KMS_KEY_ID("s3.sse-kms-key-id", "", "KMS key (id, alias/name or ARN) that checkpoint and savepoint writes ask S3 to encrypt with (SSE-KMS, aws:kms); empty: the bucket's default encryption."),
    KEY_PROVIDER("tokenization.key-provider", "vault", "Where tokenization keys come from: vault (production) or local (development only; public keys; needs development.allow-insecure)."),
    // The one switch for settings that must never reach production; the local runner and tests set it.
    DEVELOPMENT_ALLOW_INSECURE("development.allow-insecure", "false", "Development and tests only: allows tokenization.key-provider=local (public keys) and an http:// vault.address (a local test server). Never set it in production."),
    // Longer windows cost nothing per payment but keep a card's state longer (the long window plus a minute).
    FRAUD_SHORT_WINDOW("fraud.card-window.short", "1m", "Short velocity window (card.count_short, card.amount_short): 6 buckets, each at least 1s."),
    FRAUD_MEDIUM_WINDOW("fraud.card-window.medium", "1h", "Medium velocity window (card.count_medium, card.amount_medium): 60 buckets."),
    FRAUD_LONG_WINDOW("fraud.card-window.long", "24h", "Long velocity window (card.count_long, card.amount_long): 24 buckets, at most 31d."),
    FRAUD_DISTINCT_WINDOW("fraud.card-distinct-window", "1h", "Window of card.distinct_merchants and card.distinct_countries."),
    FRAUD_CARD_TESTING_SMALL_AMOUNT("fraud.card-testing-small-amount", CurrencyThresholds.DEFAULT_CARD_TESTING_SMALL, "Card testing: a purchase at or below this, in its own currency, is small. One amount per currency, in major units with the currency's ISO decimals; a currency not listed has no thresholds, and its threshold features are off (metric and features_off on the scored record). The four threshold keys must list the same currencies."),
    FRAUD_CARD_TESTING_LARGE_AMOUNT("fraud.card-testing-large-amount", CurrencyThresholds.DEFAULT_CARD_TESTING_LARGE, "Card testing: a purchase at or above this, in its own currency, is large; above the small amount of the currency."),
    FRAUD_LARGE_PAYMENT_AMOUNT("fraud.large-payment-amount", CurrencyThresholds.DEFAULT_LARGE_PAYMENT, "payment.large_amount: a payment at or above this, in its own currency, is large."),
    FRAUD_CARD_AMOUNT_LONG_LIMIT("fraud.card-amount-long-limit", CurrencyThresholds.DEFAULT_CARD_AMOUNT_LONG_LIMIT, "card.amount_long_over_limit: the card's amount over the long window, in the payment's currency, at or above this."),
    FRAUD_CARD_TESTING_COUNT("fraud.card-testing-small-count", "3", "Card testing: this many small purchases before a large one."),
    FRAUD_CARD_TESTING_WINDOW("fraud.card-testing-window", "10m", "Card testing: within this window."),
    FRAUD_BASELINE_HALF_LIFE("fraud.merchant-baseline-half-life", "200", "Merchant amount baseline: half-life of the weights, in payments."),
    FRAUD_RATIO_HALF_LIFE("fraud.merchant-ratio-half-life", "7d", "Merchant refund and chargeback ratios: half-life of the decayed counts."),
    FRAUD_MIN_BASELINE("fraud.merchant-min-baseline", "30", "Payments a merchant baseline needs before its z-score counts."),
    FRAUD_MERCHANT_TTL("fraud.merchant-state-ttl", "90d", "A merchant silent this long loses its profile."),
    FRAUD_REVIEW_SCORE("fraud.review-score", "400", "A score at or above this is REVIEW."),
    FRAUD_DECLINE_SCORE("fraud.decline-score", "700", "A score at or above this is DECLINE."),
    // Daily windows closing at 00:00 UTC are the usual settlement cycle; the local run uses 1m.
    SETTLEMENT_WINDOW("settlement.window", "24h", "Length of the event-time settlement window (tumbling)."),
    SETTLEMENT_WINDOW_OFFSET("settlement.window-offset", "0s", "Where windows start, after local midnight in the merchant's zone (24h windows; shorter ones: after 00:00 UTC): 0s cuts at midnight, 2h at 02:00. Below settlement.window; non-zero with 24h windows only if every zone has a fixed offset."),
    // A merchant closes its books at its own local midnight: daily windows follow the zone's rules
    // (23- and 25-hour days at DST changes), never a fixed offset.
    SETTLEMENT_DEFAULT_TIME_ZONE("settlement.default-time-zone", "UTC", "IANA time zone of merchants not listed below: 24h windows run from local midnight to local midnight (23 or 25 hours on DST days)."),
    SETTLEMENT_MERCHANT_TIME_ZONES("settlement.merchant-time-zones", "", "Per-merchant IANA time zones, comma-separated: m-1=Europe/Berlin,m-2=America/New_York."),
    // Waiting longer puts more late payments into the first emission (fewer adjustments) but
    // delays every settlement by that much.
    SETTLEMENT_ALLOWED_LATENESS("settlement.allowed-lateness", "15m", "How long after its end (in event time) a window waits for late payments before its first emission (revision 0)."),
    SETTLEMENT_ADJUSTMENT_HORIZON("settlement.adjustment-horizon", "7d", "How long after its first emission a window still takes late payments as adjustments; later ones go to payments.dlq for manual settlement."),
    SETTLEMENT_ADJUSTMENT_BATCH("settlement.adjustment-batch", "1m", "Late payments whose partition's watermark fell into the same stretch this long after the window closed make one adjustment revision, emitted when the watermark passes the stretch's end: longer means fewer revisions, each later."),
    SETTLEMENT_DEFAULT_FEE_PLAN("settlement.default-fee-plan", "290bps+0.30EUR/0.30USD/0.20GBP/0.30CHF/50JPY", "Fee plan of merchants not listed below: basis points of gross purchases plus a fixed fee per purchase named per currency, in major units with the currency's ISO decimals (0.30EUR, 50JPY, 0.300BHD); <n>bps alone has no fixed fee. Must price every currency of settlement.currencies."),
    SETTLEMENT_MERCHANT_FEE_PLANS("settlement.merchant-fee-plans", "", "Per-merchant fee plans, comma-separated: m-1=150bps,m-2=200bps+0.25EUR/0.25USD/0.20GBP/0.25CHF/40JPY. Each must price every currency of settlement.currencies."),
    SETTLEMENT_CURRENCIES("settlement.currencies", "EUR,USD,GBP,CHF,JPY", "The currencies the job settles (ISO 4217, with minor units), comma-separated. A payment in another currency is rejected at ingest to payments.dlq as CURRENCY_NOT_SETTLED; every fee plan must price each of them."),
    VAULT_ADDRESS("vault.address", "https://vault.vault.svc:8200", "Vault's address; https:// (http:// only with development.allow-insecure)."),
    VAULT_AUTH("vault.auth-method", "kubernetes", "kubernetes (service-account JWT and a role) or token (a token read from vault.token-path)."),
    VAULT_K8S_ROLE("vault.kubernetes-role", "payments-job", "Vault role for Kubernetes auth."),
    VAULT_K8S_JWT("vault.kubernetes-jwt-path", "/var/run/secrets/kubernetes.io/serviceaccount/token", "Service-account token file, for Kubernetes auth."),
    VAULT_K8S_MOUNT("vault.kubernetes-mount", "kubernetes", "Mount path of Vault's Kubernetes auth method."),
    VAULT_TOKEN_PATH("vault.token-path", "/var/run/secrets/vault/token", "File holding a Vault token, for token auth; never put a token in config."),
    VAULT_KV_MOUNT("vault.kv-mount", "secret", "Mount path of the KV v2 engine."),
    VAULT_TOKEN_KEY_PATH("vault.token-key-path", "payments/card-token-key", "KV v2 secret whose field key is the base64 HMAC key for card tokens; its KV version is the token key version."),
    VAULT_TRANSIT_MOUNT("vault.transit-mount", "transit", "Mount path of the transit engine."),
    VAULT_TRANSIT_KEY("vault.transit-key", "payments-pan", "Transit key that wraps the data keys."),
    VAULT_DATA_KEY_MAX_AGE("vault.data-key-max-age", "1h", "A data key is replaced after this long."),
    VAULT_DATA_KEY_MAX_USES("vault.data-key-max-uses", "1000000", "A data key is replaced after sealing this many PANs."),
    VAULT_KEY_CACHE_TTL("vault.key-cache-ttl", "15m", "How long cached keys stay usable without a successful refresh from Vault; then tokenization stops and the task restarts from its checkpoint."),
    VAULT_REFRESH_INTERVAL("vault.refresh-interval", "30s", "How often the background refresher renews keys and checks the token key version."),
    VAULT_REQUEST_TIMEOUT("vault.request-timeout", "5s", "Timeout of one Vault HTTP call."),
    VAULT_CA_CERT("vault.ca-cert-path", "", "PEM file of the CA that signed Vault's certificate; empty uses the JVM's trust store."),
    // Spans carry no card data, so plain http:// is allowed: in the cluster the mesh's mTLS carries it.
    TRACING_OTLP_ENDPOINT("tracing.otlp-endpoint", "", "OTLP/HTTP traces URL of the collector (http://host:4318/v1/traces): the job exports three spans per sampled payment (ingest, emission, scoring) there; empty: tracing off."),
    // 1% of untraced traffic: at 10,000 payments/s that is 300 spans/s, a few KB/s of export.
    TRACING_SAMPLE_RATIO("tracing.sample-ratio", "0.01", "Share (0 to 1) of payments without a valid traceparent whose spans are exported; a traceparent's sampled flag always decides for its payment."),
    // 8,192 spans of about 1 KB: 8 MB of heap per task manager, several seconds of sampled spans at 10,000/s.
    TRACING_QUEUE_SIZE("tracing.queue-size", "8192", "Spans held for export per task manager; when the collector is slow or down, spans beyond it are dropped (payments_tracing_spans_dropped), never waited for.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Key name to constant, in declaration order. */
    public static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> all = new LinkedHashMap<>();
        for (ConfigKey k : values()) {
            all.put(k.key, k);
        }
        return all;
    }
}
