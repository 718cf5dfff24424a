package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_ALIGNED_TIMEOUT;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_INCREMENTAL;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_INTERVAL;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_LOCAL_RECOVERY;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_MIN_PAUSE;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_RETAIN_ON_CANCEL;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_SAVEPOINT_STORAGE;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_STORAGE;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_TIMEOUT;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_TOLERABLE_FAILURES;
import static com.cardpay.payments.jobs.config.ConfigKey.CHECKPOINT_UNALIGNED;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How the job checkpoints: when, how long a checkpoint may take and how many may fail, where
 * checkpoints and savepoints go, aligned or not, what is kept on cancel, and local recovery.
 * {@code FlinkSettings} maps each to Flink's own option.
 */
public record CheckpointSettings(
        Duration interval,
        Duration minPause,
        Duration timeout,
        int tolerableFailures,
        URI storage,
        URI savepointStorage,
        boolean incremental,
        boolean unaligned,
        Duration alignedTimeout,
        boolean retainOnCancel,
        boolean localRecovery) implements Serializable {

    /**
     * The longest a Kafka transaction of the sinks can stay open before a completed checkpoint, or
     * a restarted job, commits it: until the next barrier, then every tolerated failure (each up to
     * the timeout, then the minimum pause), the checkpoint that completes or fails the job, and the
     * longest restart backoff.
     */
    public Duration longestOpenTransaction(Duration restartMaxBackoff) {
        return interval.plus(timeout.multipliedBy(tolerableFailures + 1L))
                .plus(minPause.multipliedBy(tolerableFailures)).plus(restartMaxBackoff);
    }

    /** Whether checkpoints or savepoints go to S3 (the s3:// and s3a:// schemes of flink-s3-fs-hadoop). */
    public boolean usesS3() {
        return isS3(storage) || isS3(savepointStorage);
    }

    static boolean isS3(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("s3") || scheme.equals("s3a");
    }

    static CheckpointSettings from(ConfigValues v) {
        Duration interval = v.duration(CHECKPOINT_INTERVAL);
        Duration minPause = v.nonNegativeDuration(CHECKPOINT_MIN_PAUSE);
        Duration timeout = v.duration(CHECKPOINT_TIMEOUT);
        URI storage = v.uri(CHECKPOINT_STORAGE);
        URI savepoints = v.optionalString(CHECKPOINT_SAVEPOINT_STORAGE) == null
                ? URI.create(storage.toString().replaceAll("/+$", "") + "/savepoints")
                : v.uri(CHECKPOINT_SAVEPOINT_STORAGE);
        boolean unaligned = v.bool(CHECKPOINT_UNALIGNED);
        Duration alignedTimeout = v.nonNegativeDuration(CHECKPOINT_ALIGNED_TIMEOUT);
        CheckpointSettings settings = new CheckpointSettings(interval, minPause, timeout, v.nonNegativeInt(CHECKPOINT_TOLERABLE_FAILURES),
                storage, savepoints, v.bool(CHECKPOINT_INCREMENTAL), unaligned, alignedTimeout,
                v.bool(CHECKPOINT_RETAIN_ON_CANCEL), v.bool(CHECKPOINT_LOCAL_RECOVERY));

        if (timeout.compareTo(interval) < 0) {
            v.problem(CHECKPOINT_TIMEOUT, "must be at least checkpoint.interval (" + interval + ")");
        }
        // A longer pause would stretch the interval, and the latency of every output with it.
        if (minPause.compareTo(interval) > 0) {
            v.problem(CHECKPOINT_MIN_PAUSE, "must be at most checkpoint.interval (" + interval + "), or checkpoints would "
                    + "come less often than the interval says; got " + minPause);
        }
        if (v.isSet(CHECKPOINT_ALIGNED_TIMEOUT) && !unaligned) {
            v.problem(CHECKPOINT_ALIGNED_TIMEOUT, "is only used with checkpoint.unaligned=true, which is not set");
        }
        if (unaligned && alignedTimeout.compareTo(timeout) >= 0) {
            v.problem(CHECKPOINT_ALIGNED_TIMEOUT, "must be shorter than checkpoint.timeout (" + timeout + "), got " + alignedTimeout);
        }
        checkLocation(v, CHECKPOINT_STORAGE, storage);
        checkLocation(v, CHECKPOINT_SAVEPOINT_STORAGE, savepoints);
        return settings;
    }

    /** An s3:// location names its bucket; a file: location is absolute. */
    private static void checkLocation(ConfigValues v, ConfigKey key, URI uri) {
        if (uri.getScheme() == null) {
            return; // already reported by ConfigValues.uri
        }
        if (uri.getRawUserInfo() != null) {
            // The value is not echoed: it may hold a key.
            v.problem(key, "must not carry user info: credentials never go in config (see s3.access-key-file)");
            return;
        }
        if (isS3(uri) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            v.problem(key, "must name a bucket, as in s3://bucket/path (bucket names: lowercase letters, digits, '-' "
                    + "and '.'), got " + ConfigValues.shown(uri));
        } else if (uri.getScheme().equalsIgnoreCase("file") && (uri.getPath() == null || !uri.getPath().startsWith("/"))) {
            v.problem(key, "must be an absolute file:/// URI, got " + ConfigValues.shown(uri));
        }
    }
}
