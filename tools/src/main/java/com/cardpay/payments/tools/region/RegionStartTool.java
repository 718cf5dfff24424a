package com.cardpay.payments.tools.region;

import com.cardpay.payments.jobs.OperatorUids;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.common.ToolArguments;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.flink.util.ExceptionUtils;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the job's start in the second region (flink-k8s/DR.md) from a savepoint taken in the
 * first: its state (dedupe, fraud features, rules, settlement windows) comes along; its Kafka
 * positions, which are first-region offsets, do not. The tool
 * <ol>
 *   <li>reads where the {@code payments.raw} source stood in the savepoint;</li>
 *   <li>translates each position to the second region's offsets through MirrorMaker 2's offset
 *       syncs, never past the first record the savepoint had not read;</li>
 *   <li>writes a copy of the savepoint without the state that names the first cluster (the two
 *       sources' positions, the sinks' committers' first-region transactions);</li>
 *   <li>commits the translated positions as the job's consumer group offsets in the second region,
 *       where the source, without positions of its own, starts ({@code kafka.starting-offsets committed}).</li>
 * </ol>
 * The records between a sync and the savepoint's position are read again; dedupe's state, which
 * came along, drops them, so nothing is emitted twice and nothing is skipped.
 *
 * <pre>
 * java -jar payments-tools.jar region-start &lt;first-region savepoint&gt; --target &lt;new savepoint directory&gt; \
 *     --source-cluster region-a [--offset-syncs-topic T] [--dry-run] [--config job.properties] [--key value ...]
 * </pre>
 * The job config is the second region's ({@code kafka.bootstrap-servers} there, its TLS settings,
 * {@code kafka.consumer-group}, {@code topics.raw}).
 */
public final class RegionStartTool {
    static final String USAGE = "usage: java -jar payments-tools.jar region-start <first-region savepoint> --target <directory>"
            + " --source-cluster <MirrorMaker 2 alias of the first region> [--offset-syncs-topic <topic>] [--dry-run]"
            + " [--config FILE] [--key value ...]";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * State that names the first region's Kafka cluster: the sources' positions, and each
     * exactly-once sink's committer, which holds the savepoint's transactions of the first cluster
     * (committed there right after the savepoint, and mirrored; the second cluster has no such
     * transactions to commit). The sinks' writers keep their state: it names no cluster.
     */
    static final List<String> FIRST_CLUSTER_STATE = List.of(
            OperatorUids.RAW_PAYMENTS_SOURCE,
            OperatorUids.FRAUD_RULES_SOURCE,
            "Sink Committer: " + OperatorUids.TOKENIZATION_SINK,
            "Sink Committer: " + OperatorUids.DLQ_SINK,
            "Sink Committer: " + OperatorUids.SCORED_SINK,
            "Sink Committer: " + OperatorUids.RULE_STATUS_SINK,
            "Sink Committer: " + OperatorUids.SETTLEMENTS_SINK);

    private RegionStartTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return 0 prepared (or planned, with --dry-run), 1 refused or failed, 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("--")) {
            err.println(USAGE);
            return 2;
        }
        String savepoint = args[0];
        ToolArguments arguments = ToolArguments.split(Arrays.copyOfRange(args, 1, args.length),
                Set.of("target", "source-cluster", "offset-syncs-topic", "dry-run"));
        String target = arguments.get("target");
        String sourceCluster = arguments.get("source-cluster");
        boolean dryRun = arguments.own().containsKey("dry-run");
        if (target == null || sourceCluster == null) {
            err.println("--target and --source-cluster are required; " + USAGE);
            return 2;
        }
        String syncsTopic = arguments.own().getOrDefault("offset-syncs-topic",
                "mm2-offset-syncs." + sourceCluster + ".internal");
        PaymentsConfig config;
        try {
            config = PaymentsConfigLoader.load(arguments.configArgs());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return prepare(savepoint, target, syncsTopic, dryRun, config, out, err);
        } catch (Exception e) {
            Throwable root = ExceptionUtils.findThrowable(e, t -> t.getCause() == null).orElse(e);
            err.println("region-start failed: " + root.getClass().getSimpleName() + ": " + root.getMessage());
            return 1;
        }
    }

    private static int prepare(String savepoint, String target, String syncsTopic, boolean dryRun, PaymentsConfig config,
            PrintStream out, PrintStream err) throws Exception {
        Map<TopicPartition, Long> saved = SavedSourcePositions.read(savepoint, OperatorUids.RAW_PAYMENTS_SOURCE);
        if (saved.isEmpty()) {
            err.println("the savepoint holds no position of " + OperatorUids.RAW_PAYMENTS_SOURCE + ": is it this job's?");
            return 1;
        }
        OffsetSyncs syncs = OffsetSyncs.read(config, syncsTopic, READ_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> translated = new LinkedHashMap<>();
        List<String> untranslatable = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> position : saved.entrySet()) {
            OptionalLong there = syncs.translate(position.getKey(), position.getValue());
            if (there.isEmpty()) {
                untranslatable.add(position.getKey() + " at " + position.getValue());
                continue;
            }
            translated.put(position.getKey(), new OffsetAndMetadata(there.getAsLong(), "region-start from " + savepoint));
            out.printf("%s: first region %d -> second region %d%n", position.getKey(), position.getValue(), there.getAsLong());
        }
        if (!untranslatable.isEmpty()) {
            err.println("no offset sync in " + syncsTopic + " at or before: " + String.join(", ", untranslatable)
                    + ". Check the topic name (--offset-syncs-topic) and that MirrorMaker 2 mirrored these partitions.");
            return 1;
        }
        try (Admin admin = Admin.create(adminProperties(config))) {
            String active = activeMembers(admin, config.consumerGroup());
            if (active != null) {
                err.println("consumer group " + config.consumerGroup() + " has active members (" + active + "): stop the job"
                        + " and MirrorMaker 2's group offset sync in this region first (flink-k8s/DR.md, step 2)");
                return 1;
            }
            if (dryRun) {
                out.println("dry run: nothing written");
                return 0;
            }
            SavepointWithoutFirstCluster.write(savepoint, target, FIRST_CLUSTER_STATE);
            admin.alterConsumerGroupOffsets(config.consumerGroup(), translated).all().get(1, TimeUnit.MINUTES);
        }
        out.println("wrote " + target + " (the state of " + savepoint + " without " + String.join(", ", FIRST_CLUSTER_STATE)
                + ") and committed the positions above for group " + config.consumerGroup()
                + ". Start the job from " + target + " with kafka.starting-offsets committed (the default);"
                + " keep " + savepoint + " until the job's first checkpoint: the new savepoint refers to its files.");
        return 0;
    }

    private static Map<String, Object> adminProperties(PaymentsConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaTls().clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    /** The group's members, or null when it has none (or does not exist yet). */
    private static String activeMembers(Admin admin, String group) throws Exception {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(1, TimeUnit.MINUTES).get(group);
            return description == null || description.members().isEmpty() ? null : description.members().size() + " members";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }
}
