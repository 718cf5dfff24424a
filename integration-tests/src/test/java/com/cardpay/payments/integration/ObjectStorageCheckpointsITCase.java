package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.LogCapture;
import com.cardpay.payments.integration.testutils.S3MockServer;
import com.cardpay.payments.integration.testutils.ToolsJar;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.ObjectStorage;
import com.cardpay.payments.jobs.OperatorUids;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RocksDB incremental checkpoints and savepoints in a real S3 API server (S3Mock, its own JVM),
 * through {@code flink-s3-fs-hadoop} loaded as a plugin, with the S3 keys read from files. On a
 * MiniCluster of two TaskManagers with one slot each, so that each runs half of the parallelism 2
 * job, against the real broker:
 * <ol>
 *   <li>checkpoint files land in the bucket, and a later checkpoint refers to SST files in
 *       {@code shared/} that were uploaded before it started (incremental: not uploaded again);
 *       new state adds new files beside them;</li>
 *   <li>a TaskManager is terminated mid-stream and a fresh one (no local state) takes its place: the
 *       job restores from a checkpoint in the bucket, and every payment is committed exactly once;</li>
 *   <li>a savepoint (to the configured savepoint directory) and the checkpoint retained when the job
 *       is cancelled each resume a new job, which picks up exactly where they were taken: the
 *       payments after them once each, the replays of payments before them dropped (the dedupe
 *       state came back from the bucket), nothing before them emitted again; the savepoint inspector
 *       (the tools jar, in its own JVM) reads the savepoint from the bucket;</li>
 *   <li>the S3 keys never show in a log line, and the keyless setting (the AWS default chain, the
 *       pod's identity in production) also signs in.</li>
 * </ol>
 * Event time comes from the test's own records; outputs are read {@code read_committed}.
 */
class ObjectStorageCheckpointsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "payments-checkpoints";
    private static final String PREFIX = "payments-job";
    private static final String ACCESS_KEY = "AKIAS3ITEXAMPLE00001";
    private static final String SECRET_KEY = "s3-it/secret+Key0123456789abcdefEXAMPLE";
    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final Path PLUGINS = Path.of("target", "plugins");
    private static final String INLINE = "(inline in the metadata)";

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture("com.cardpay");

    // Registered before the broker and the cluster: S3Mock boots while they start.
    @RegisterExtension
    @Order(2)
    static final S3MockServer S3 = new S3MockServer(BUCKET);

    @RegisterExtension
    @Order(3)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    // One slot per TaskManager: each runs one subtask of every operator, so losing one loses half of
    // the job's state. Local recovery on, as in production (a TaskManager setting).
    @RegisterExtension
    @Order(4)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(FlinkSettings.clusterSettings(PaymentsConfig.from(Map.of())))
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

    private static MiniCluster cluster;

    @AfterAll
    static void leaveTheFileSystemsAsFound() {
        FileSystem.initialize(new Configuration(), null);
    }

    @Test
    void checkpointsAndSavepointsInTheBucketCarryTheJobThroughALostTaskManagerAndIntoNewJobs(
            @InjectMiniCluster MiniCluster miniCluster, @TempDir Path secrets) throws Exception {
        cluster = miniCluster;
        long started = System.nanoTime();
        Map<String, String> settings = s3Settings("s3-it", secrets);
        PaymentsConfig config = PaymentsConfig.from(settings);
        ObjectStorage.configureThisProcess(config, ObjectStorage.pluginsIn(PLUGINS));
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);
        SyntheticPayments generator = new SyntheticPayments(12, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        Ledger ledger = new Ledger();

        // 1. Incremental checkpoints in the bucket.
        List<Generated> first = ledger.add(generator.next(2000));
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), first);
        JobClient jobA = TestJobs.start(config, null);
        JobID a = jobA.getJobID();
        JobClient cancelLater = jobA;
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), ledger.valid.size(), WITHIN);
            // Two checkpoints later, RocksDB has compacted what the last flushes left behind.
            CompletedCheckpointStats earlier = awaitCheckpointAfter(a, latestCompleted(a).getCheckpointId() + 1);
            String earlierKey = PREFIX + "/" + a + "/chk-" + earlier.getCheckpointId();
            assertThat(earlier.getExternalPath()).isEqualTo("s3://" + BUCKET + "/" + earlierKey);
            assertThat(S3.keys(earlierKey + "/")).as("checkpoint metadata in the bucket").contains(earlierKey + "/_metadata");
            Map<String, String> earlierFiles = sstFiles(a, earlier.getCheckpointId());
            List<String> shared = S3.keys(PREFIX + "/" + a + "/shared/");
            assertThat(objects(earlierFiles)).as("RocksDB's SST files of chk-%s in objects", earlier.getCheckpointId()).isNotEmpty();
            assertThat(shared).as("the SST files, in shared/").containsAll(objects(earlierFiles));

            // A later checkpoint (it starts only once the earlier one completed) refers to the very
            // objects the earlier one uploaded for the same SST files, and uploads only part of the state.
            CompletedCheckpointStats later = awaitCheckpointAfter(a, earlier.getCheckpointId());
            Map<String, String> laterFiles = sstFiles(a, later.getCheckpointId());
            assertThat(reused(laterFiles, earlierFiles)).as("SST files of chk-%s that chk-%s uploaded", later.getCheckpointId(),
                    earlier.getCheckpointId()).isNotEmpty();
            assertThat(later.getCheckpointedSize()).as("bytes chk-%s uploaded, against its full state size %s",
                    later.getCheckpointId(), later.getStateSize()).isLessThan(later.getStateSize());
            step("incremental: chk-" + earlier.getCheckpointId() + " has " + objects(earlierFiles).size() + " SST files in shared/ (and "
                    + (earlierFiles.size() - objects(earlierFiles).size()) + " small ones inline); chk-"
                    + later.getCheckpointId() + " refers to " + laterFiles.size() + ", " + reused(laterFiles, earlierFiles).size()
                    + " of them the objects chk-" + earlier.getCheckpointId() + " uploaded; it uploaded "
                    + later.getCheckpointedSize() + " of " + later.getStateSize() + " bytes", started);

            // New state: new SST files beside the old ones.
            List<Generated> second = ledger.add(generator.next(1000));
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), second);
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), ledger.valid.size(), WITHIN);
            CompletedCheckpointStats grown = latestCompleted(a);
            Map<String, String> grownFiles = sstFiles(a, grown.getCheckpointId());
            reused(grownFiles, laterFiles);
            assertThat(grownFiles.keySet()).as("chk-%s uploaded the SST files of the new state", grown.getCheckpointId())
                    .anyMatch(f -> !laterFiles.containsKey(f));
            assertThat(S3.keys(PREFIX + "/" + a + "/shared/")).containsAll(objects(grownFiles));
            step("after 1,000 more payments, chk-" + grown.getCheckpointId() + " refers to " + grownFiles.size()
                    + " SST files, " + reused(grownFiles, laterFiles).size() + " of them chk-" + later.getCheckpointId()
                    + "'s (RocksDB compacts the rest into new files); uploaded " + grown.getCheckpointedSize() + " of "
                    + grown.getStateSize() + " bytes", started);

            // 2. A TaskManager is lost mid-stream; a fresh one, with no local state, takes its place.
            List<Generated> third = ledger.add(generator.next(2000));
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), third.subList(0, 1000));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(),
                    committedCount(config) + 1, WITHIN);
            // The replacement is up before the loss, as a Kubernetes deployment's next pod would be
            // soon after: the job then has exactly two slots, the survivor's and the fresh one's.
            cluster.startTaskManager();
            // The second half goes in just before the loss, so that the job is busy with it.
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), third.subList(1000, third.size()));
            long beforeKill = latestCompleted(a).getCheckpointId();
            cluster.terminateTaskManager(0).get(1, TimeUnit.MINUTES);
            RestoredCheckpointStats restored = awaitRestore(a);
            assertThat(restored.getExternalPath()).as("restored from a checkpoint in the bucket")
                    .startsWith("s3://" + BUCKET + "/" + PREFIX + "/" + a + "/chk-");
            assertThat(restored.getCheckpointId()).isGreaterThanOrEqualTo(beforeKill);
            assertExactlyOnce(a, config, ledger);
            step("TaskManager lost after chk-" + beforeKill + "; restored from " + restored.getExternalPath()
                    + "; " + ledger.valid.size() + " payments committed exactly once", started);

            // 3. A savepoint, to the configured directory, then a cancel that keeps the last checkpoint.
            String savepoint = jobA.triggerSavepoint(null, SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
            assertThat(savepoint).startsWith("s3://" + BUCKET + "/" + PREFIX + "/savepoints/savepoint-");
            assertThat(S3.keys(key(savepoint) + "/")).contains(key(savepoint) + "/_metadata");
            jobA.cancel().get(1, TimeUnit.MINUTES);
            assertThat(JobEnd.awaitTerminal(jobA)).isEqualTo(JobStatus.CANCELED);
            cancelLater = null;
            CompletedCheckpointStats retained = latestCompleted(a);
            assertThat(S3.keys(PREFIX + "/" + a + "/")).as("the last checkpoint outlives the cancel")
                    .contains(key(retained.getExternalPath()) + "/_metadata")
                    .anyMatch(k -> k.startsWith(PREFIX + "/" + a + "/shared/"));
            step("savepoint " + savepoint + "; job cancelled, " + retained.getExternalPath() + " retained", started);

            // The savepoint inspector reads the savepoint in the bucket as an operator runs it: the
            // tools jar in a JVM of its own, the job's settings, the plugin from FLINK_PLUGINS_DIR.
            ToolsJar.Result inspected = ToolsJar.run(secrets, Map.of("FLINK_PLUGINS_DIR", PLUGINS.toAbsolutePath().toString()),
                    Stream.concat(Stream.of("inspect-state", savepoint), ToolsJar.settingsArgs(settings).stream()).toList());
            assertThat(inspected.exitCode()).as(inspected.err()).isZero();
            assertThat(inspected.out()).contains(OperatorUids.DEDUPE + ": parallelism 2, max parallelism 720, state ")
                    .doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);
            assertThat(inspected.err()).doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);
            step("inspect-state read " + savepoint + " from the bucket (tools jar, own JVM)", started);
        } finally {
            if (cancelLater != null) {
                cancel(cancelLater);
            }
        }

        // New input after both: new payments, and replays of payments from before them (the
        // generator's own, exact and conflicting, and a hundred resent as they were).
        int validBefore = ledger.valid.size();
        int rejectedBefore = ledger.rejected;
        Ledger after = new Ledger();
        List<Generated> fourth = after.add(generator.next(1000));
        List<Generated> resent = first.stream().filter(g -> g.kind() == Kind.VALID).limit(100).toList();
        assertThat(fourth).anyMatch(g -> g.kind() == Kind.EXACT_REPLAY).anyMatch(g -> g.kind() == Kind.CONFLICTING_REPLAY);
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), fourth);
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), resent);
        ledger.valid.addAll(after.valid);
        ledger.rejected += after.rejected;

        // 3a. The retained checkpoint resumes a new job, on the same topics.
        String retainedPath = latestCompleted(a).getExternalPath();
        JobClient jobB = TestJobs.start(config, retainedPath);
        try {
            assertThat(awaitRestore(jobB.getJobID()).getExternalPath()).isEqualTo(retainedPath);
            assertExactlyOnce(jobB.getJobID(), config, ledger);
            step("a new job resumed from the retained " + retainedPath + ": " + (ledger.valid.size() - validBefore)
                    + " new payments once each, every replay dropped, nothing before it emitted again", started);
        } finally {
            cancel(jobB);
        }

        // 3b. The savepoint resumes another new job, writing to topics of its own.
        Map<String, String> fromSavepoint = new HashMap<>(settings);
        for (String output : List.of("tokenized", "vault", "dlq", "scored", "fraud-rules-status", "settlements")) {
            fromSavepoint.put("topics." + output, "s3-it-sp." + output);
        }
        fromSavepoint.put("job.name", "s3-it-sp");
        PaymentsConfig configC = PaymentsConfig.from(fromSavepoint);
        KAFKA.broker().createTopics(configC.topics().outputs(), 3);
        String savepoint = latestSavepoint(a);
        JobClient jobC = TestJobs.start(configC, savepoint);
        try {
            RestoredCheckpointStats restored = awaitRestore(jobC.getJobID());
            assertThat(restored.getExternalPath()).isEqualTo(savepoint);
            assertThat(restored.getProperties().isSavepoint()).isTrue();
            assertExactlyOnce(jobC.getJobID(), configC, after);
            step("a new job resumed from " + savepoint + ": the same " + after.valid.size() + " payments, once each, "
                    + "replays dropped", started);
        } finally {
            cancel(jobC);
        }
        assertThat(validBefore + after.valid.size()).isEqualTo(ledger.valid.size());
        assertThat(rejectedBefore).isPositive();

        // 4. The keys never reached a log line; the keyless setting signs in through the AWS chain.
        assertThat(LOGS.lines()).as("log lines").noneMatch(l -> l.contains(SECRET_KEY) || l.contains(ACCESS_KEY));
        assertTheDefaultCredentialChainSignsIn(settings);
        step("done", started);
    }

    /** The test's settings: S3 checkpoints and savepoints, keys in files readable by their owner only. */
    private static Map<String, String> s3Settings(String name, Path secrets) throws IOException {
        Path accessKey = Files.writeString(secrets.resolve("access-key"), ACCESS_KEY + "\n");
        Path secretKey = Files.writeString(secrets.resolve("secret-key"), SECRET_KEY + "\n");
        Files.setPosixFilePermissions(accessKey, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(secretKey, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> s = TestJobs.settings(name, KAFKA.bootstrapServers(), secrets.resolve("unused"));
        s.put("checkpoint.storage", "s3://" + BUCKET + "/" + PREFIX);
        // Fewer, larger checkpoints than TestJobs' 300 ms: each one is a round of S3 requests.
        s.put("checkpoint.interval", "500ms");
        s.put("checkpoint.incremental", "true");
        s.put("s3.endpoint", S3.endpoint().toString());
        s.put("s3.region", "us-east-1");
        s.put("s3.path-style-access", "true");
        s.put("s3.access-key-file", accessKey.toString());
        s.put("s3.secret-key-file", secretKey.toString());
        return s;
    }


    private static void cancel(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        JobEnd.awaitTerminal(job);
    }

    /**
     * The committed outputs hold every valid payment of the ledger once, and nothing else; the
     * vault one record per payment; the DLQ every rejected record once. Waits for the last of them,
     * then until two more checkpoints have completed after the one that committed them all (the
     * first commits what came after, the second completes only once that commit is done), so that
     * anything the job wrote twice would be committed too.
     */
    private static void assertExactlyOnce(JobID job, PaymentsConfig config, Ledger ledger) throws Exception {
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), ledger.valid.size(), WITHIN);
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().dlq(), ledger.rejected, WITHIN);
        awaitCheckpointAfter(job, latestCompleted(job).getCheckpointId() + 2);
        List<String> tokenized = readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized()).stream()
                .map(r -> jsonField(r, "payment_id")).toList();
        assertThat(tokenized).as("payments in %s", config.topics().tokenized())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ledger.valid);
        assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().vault())).hasSize(ledger.valid.size());
        assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().dlq())).hasSize(ledger.rejected);
    }

    private static int committedCount(PaymentsConfig config) {
        return readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized()).size();
    }

    /**
     * RocksDB's SST files that a checkpoint refers to, read from its metadata in the bucket: for each
     * operator, subtask and local file name, the object that holds it, or {@link #INLINE}.
     */
    private static Map<String, String> sstFiles(JobID job, long checkpointId) throws IOException {
        String location = PREFIX + "/" + job + "/chk-" + checkpointId;
        CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(
                new DataInputStream(new ByteArrayInputStream(S3.get(location + "/_metadata"))),
                ObjectStorageCheckpointsITCase.class.getClassLoader(), "s3://" + BUCKET + "/" + location);
        Map<String, String> files = new TreeMap<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            operator.getSubtaskStates().forEach((subtask, state) -> {
                for (KeyedStateHandle handle : state.getManagedKeyedState()) {
                    if (handle instanceof IncrementalRemoteKeyedStateHandle incremental) {
                        for (HandleAndLocalPath file : incremental.getSharedState()) {
                            // Files under execution.checkpointing.data-inline-threshold (20 KB) travel
                            // inside the metadata instead.
                            files.put(operator.getOperatorID() + "/" + subtask + "/" + file.getLocalPath(),
                                    file.getHandle() instanceof FileStateHandle f ? key(f.getFilePath().toString()) : INLINE);
                        }
                    }
                }
            });
        }
        return files;
    }

    /** The objects in the bucket that hold SST files. */
    private static Set<String> objects(Map<String, String> files) {
        return files.values().stream().filter(o -> !o.equals(INLINE)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The SST files in objects of {@code later} that {@code earlier} had too; each must be the same
     * object, as an SST file never changes once written: an incremental checkpoint does not upload
     * it again.
     */
    private static Set<String> reused(Map<String, String> later, Map<String, String> earlier) {
        Set<String> common = new TreeSet<>(later.keySet());
        common.retainAll(earlier.keySet());
        common.removeIf(file -> later.get(file).equals(INLINE));
        for (String file : common) {
            assertThat(later.get(file)).as("the object holding %s", file).isEqualTo(earlier.get(file));
        }
        return common;
    }

    private static AccessExecutionGraph graph(JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
    }

    private static CompletedCheckpointStats latestCompleted(JobID job) throws Exception {
        CompletedCheckpointStats latest = graph(job).getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        assertThat(latest).as("a completed checkpoint of %s", job).isNotNull();
        return latest;
    }

    private static String latestSavepoint(JobID job) throws Exception {
        CompletedCheckpointStats savepoint = graph(job).getCheckpointStatsSnapshot().getHistory().getLatestSavepoint();
        assertThat(savepoint).as("a savepoint of %s", job).isNotNull();
        return savepoint.getExternalPath();
    }

    /** The first completed checkpoint with an id above {@code afterId}. */
    private static CompletedCheckpointStats awaitCheckpointAfter(JobID job, long afterId) throws Exception {
        return await("a checkpoint of " + job + " after " + afterId, () -> {
            CompletedCheckpointStats latest = graph(job).getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
            return latest != null && latest.getCheckpointId() > afterId ? latest : null;
        });
    }

    /** The checkpoint or savepoint the job restored from, once it has restored and is running again. */
    private static RestoredCheckpointStats awaitRestore(JobID job) throws Exception {
        return await("a restore of " + job, () -> {
            AccessExecutionGraph graph = graph(job);
            RestoredCheckpointStats restored = graph.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
            return restored != null && graph.getState() == JobStatus.RUNNING ? restored : null;
        });
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " within " + WITHIN);
    }

    /** With no key files, the AWS default chain signs in (here from system properties; the pod's identity in production). */
    private static void assertTheDefaultCredentialChainSignsIn(Map<String, String> settings) throws Exception {
        Map<String, String> keyless = new HashMap<>(settings);
        keyless.remove("s3.access-key-file");
        keyless.remove("s3.secret-key-file");
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretKey", SECRET_KEY);
        try {
            ObjectStorage.configureThisProcess(PaymentsConfig.from(keyless), ObjectStorage.pluginsIn(PLUGINS));
            URI root = URI.create("s3://" + BUCKET + "/" + PREFIX);
            FileStatus[] listed = FileSystem.get(root).listStatus(new org.apache.flink.core.fs.Path(root));
            assertThat(listed).as("s3://%s/%s through the default chain", BUCKET, PREFIX)
                    .anyMatch(((Predicate<FileStatus>) FileStatus::isDir).and(s -> s.getPath().getName().equals("savepoints")));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretKey");
        }
    }

    /** Object key of an {@code s3://bucket/key} path. */
    private static String key(String s3Path) {
        return URI.create(s3Path).getPath().substring(1);
    }



    private static void step(String what, long started) {
        System.out.printf("[ObjectStorageCheckpointsITCase +%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /** What a run must produce: the valid payments' ids, and how many records go to the DLQ. */
    private static final class Ledger {
        final Set<String> valid = new HashSet<>();
        int rejected;

        List<Generated> add(List<Generated> records) {
            for (Generated g : records) {
                if (g.kind() == Kind.VALID) {
                    valid.add(g.paymentId());
                } else if (g.expectedRejection() != null) {
                    rejected++;
                }
            }
            return records;
        }
    }
}
