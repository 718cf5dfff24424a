package com.cardpay.payments.jobs;

import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.ConfigKey;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.S3Settings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 file system that checkpoints and savepoints go through ({@code flink-s3-fs-hadoop}),
 * set up from the job's {@code s3.*} keys.
 *
 * <p>Flink's file systems belong to a process, not to a job: every JobManager and TaskManager
 * sets them up once, when it starts, from its own configuration and its plugins directory. So
 * these settings take effect where the job's process is the cluster: the local run, a local
 * environment, the tests' MiniCluster. On a real cluster the same values go into the cluster's
 * configuration, and the keys come from the pod's identity (README, 'Checkpoints in object
 * storage').
 *
 * <p>The access and secret keys are read from their files here, at startup, into the settings
 * handed to {@link FileSystem#initialize}, and nowhere else: not into the job's configuration
 * (which travels with the job graph and shows in the web UI), not into a log line or an error.
 */
public final class ObjectStorage {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStorage.class);
    /** A key file larger than this is not a key (a whole credentials file, a wrong path). */
    private static final long MAX_KEY_FILE_BYTES = 4096;
    // Hadoop S3A (3.3.4 in flink-s3-fs-hadoop 2.2.0) on the AWS SDK v1: the keys given here, or
    // the SDK's default chain, which unlike S3A's own default includes the web identity token
    // (EKS pod identity), besides environment variables, a profile file and instance metadata.
    static final String KEYS_PROVIDER = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";
    static final String DEFAULT_CHAIN_PROVIDER = "com.amazonaws.auth.DefaultAWSCredentialsProviderChain";
    static final String SSE_ALGORITHM = "s3.encryption.algorithm";
    static final String SSE_KEY = "s3.encryption.key";
    static final String SSE_KMS = "SSE-KMS";

    private ObjectStorage() {}

    /**
     * Flink's options for {@code flink-s3-fs-hadoop} (it hands each {@code s3.*} option to Hadoop
     * S3A as {@code fs.s3a.*}), with the keys read from their files. For
     * {@link FileSystem#initialize} only.
     *
     * @throws ConfigException naming the key whose file cannot be read or holds no key
     */
    public static Configuration fileSystemSettings(S3Settings s3) {
        Configuration fs = new Configuration();
        if (s3.endpoint() != null) {
            fs.setString("s3.endpoint", s3.endpoint().toString());
        }
        if (s3.region() != null) {
            fs.setString("s3.endpoint.region", s3.region());
        }
        fs.setString("s3.path.style.access", Boolean.toString(s3.pathStyleAccess()));
        if (s3.sseKmsKeyId() != null) {
            // S3A's fs.s3a.encryption.*: every PUT, multipart upload and copy asks for aws:kms with this key.
            fs.setString(SSE_ALGORITHM, SSE_KMS);
            fs.setString(SSE_KEY, s3.sseKmsKeyId());
        }
        if (s3.keysFromFiles()) {
            List<String> problems = new ArrayList<>();
            String accessKey = readKey(ConfigKey.S3_ACCESS_KEY_FILE, s3.accessKeyFile(), problems);
            String secretKey = readKey(ConfigKey.S3_SECRET_KEY_FILE, s3.secretKeyFile(), problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            fs.setString("s3.aws.credentials.provider", KEYS_PROVIDER);
            fs.setString("s3.access-key", accessKey);
            fs.setString("s3.secret-key", secretKey);
        } else {
            fs.setString("s3.aws.credentials.provider", DEFAULT_CHAIN_PROVIDER);
        }
        return fs;
    }

    /**
     * Sets up this process's file systems for the job: S3 from the job's keys, with the plugins
     * found where Flink looks for them ({@code FLINK_PLUGINS_DIR}, else {@code ./plugins}).
     * Nothing to do when nothing goes to S3.
     */
    public static void configureThisProcess(PaymentsConfig config) {
        if (config.checkpoints().usesS3()) {
            configureThisProcess(config, PluginUtils.createPluginManagerFromRootFolder(new Configuration()));
        }
    }

    /**
     * As {@link #configureThisProcess(PaymentsConfig)}, with the given plugins. Fails, naming the
     * key, when an {@code s3://} location has no file system in this process.
     */
    public static void configureThisProcess(PaymentsConfig config, PluginManager plugins) {
        S3Settings s3 = config.s3();
        FileSystem.initialize(fileSystemSettings(s3), plugins);
        LOG.info("S3 file system: endpoint {}, region {}, path-style access {}, credentials {}, encryption {}",
                s3.endpoint() == null ? "AWS" : s3.endpoint(), s3.region() == null ? "from the AWS SDK" : s3.region(),
                s3.pathStyleAccess(), s3.keysFromFiles()
                        ? "from the files " + s3.accessKeyFile() + " and " + s3.secretKeyFile()
                        : "from the AWS default chain (pod identity)",
                s3.sseKmsKeyId() == null ? "the bucket's default" : "SSE-KMS with key " + s3.sseKmsKeyId());
        List<String> problems = new ArrayList<>();
        requireFileSystem(ConfigKey.CHECKPOINT_STORAGE, config.checkpoints().storage(), problems);
        requireFileSystem(ConfigKey.CHECKPOINT_SAVEPOINT_STORAGE, config.checkpoints().savepointStorage(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** The plugins in {@code rootDir}, one subdirectory each, as a Flink distribution's {@code plugins/}. */
    public static PluginManager pluginsIn(Path rootDir) throws IOException {
        return new DefaultPluginManager(new DirectoryBasedPluginFinder(rootDir).findPlugins(),
                PluginConfig.fromConfiguration(new Configuration()).getAlwaysParentFirstPatterns());
    }

    private static void requireFileSystem(ConfigKey key, URI location, List<String> problems) {
        try {
            FileSystem.get(location);
        } catch (UnsupportedFileSystemSchemeException e) {
            problems.add(key.key() + ": no file system for " + location.getScheme() + ":// in this process; put "
                    + "flink-s3-fs-hadoop in a plugins/s3-fs-hadoop/ directory (FLINK_PLUGINS_DIR): " + e.getMessage());
        } catch (IOException e) {
            problems.add(key.key() + ": cannot set up the file system of '" + location + "': " + e);
        }
    }

    /** The key in {@code file}, or null with a problem that names the key and the file, never the content. */
    private static String readKey(ConfigKey key, String file, List<String> problems) {
        Path path = Path.of(file);
        try {
            if (!Files.isRegularFile(path)) {
                problems.add(key.key() + ": '" + file + "' is not a readable file");
                return null;
            }
            if (Files.size(path) > MAX_KEY_FILE_BYTES) {
                problems.add(key.key() + ": '" + file + "' is larger than " + MAX_KEY_FILE_BYTES + " bytes: not a key");
                return null;
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                problems.add(key.key() + ": '" + file + "' is empty");
                return null;
            }
            if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                problems.add(key.key() + ": '" + file + "' must hold the key alone, on one line (not a credentials file)");
                return null;
            }
            return value;
        } catch (IOException e) {
            // The exception's message names the file only.
            problems.add(key.key() + ": cannot read '" + file + "': " + e.getClass().getSimpleName());
            return null;
        }
    }
}
