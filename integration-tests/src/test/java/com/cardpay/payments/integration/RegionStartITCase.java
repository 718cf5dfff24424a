package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.MirrorMakerStandIn;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.Reconcile.Outcome;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.tools.region.RegionStartTool;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The disaster-recovery start (flink-k8s/DR.md, "Starting from a savepoint"): the job runs in
 * region-a, MirrorMaker 2 (a stand-in that copies records and writes offset syncs in MirrorMaker
 * 2's format) copies {@code payments.raw} to region-b, where offsets differ because region-a's
 * producer wrote in transactions. The job is stopped with a savepoint in region-a; the region-start
 * tool translates the savepoint's positions to region-b and writes a savepoint without region-a's
 * Kafka state; the job starts from it in region-b, where the rest of the input arrives. Region-b
 * re-reads the records between the nearest offset sync and the savepoint's position (the overlap),
 * dedupe's state drops them, and every payment is tokenized once over both regions. Settlement,
 * with region-a's lines mirrored beside region-b's, reconciles with no mismatch.
 */
class RegionStartITCase {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final String SOURCE_ALIAS = "region-a";
    private static final String OFFSET_SYNCS = "mm2-offset-syncs." + SOURCE_ALIAS + ".internal";

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension REGION_A = new KafkaBrokerExtension();

    @RegisterExtension
    static final KafkaBrokerExtension REGION_B = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void theJobMovesToTheSecondRegionWithItsStateAndEmitsEveryPaymentOnceAcrossBoth() throws Exception {
        Map<String, String> inA = TestJobs.withMinuteSettlement(
                TestJobs.settings("region-it", REGION_A.bootstrapServers(), dir.resolve("checkpoints-a")));
        inA.put("kafka.starting-offsets", "committed");
        Map<String, String> inB = new HashMap<>(inA);
        inB.put("kafka.bootstrap-servers", REGION_B.bootstrapServers());
        inB.put("checkpoint.storage", dir.resolve("checkpoints-b").toUri().toString());
        PaymentsConfig a = PaymentsConfig.from(inA);
        PaymentsConfig b = PaymentsConfig.from(inB);
        REGION_A.broker().createTopics(TestJobs.topics(a), 2);
        REGION_B.broker().createTopics(TestJobs.topics(b), 2);
        REGION_B.broker().createTopics(List.of(OFFSET_SYNCS), 1);

        // 100 ms of event time between payments: the first part spans minutes 0 and 1.
        SyntheticPayments generator = new SyntheticPayments(21, 0.05, 0.05, 0.02, T0).spacedBy(Duration.ofMillis(100));
        List<Generated> first = generator.next(1_200);
        produceInTransactions(REGION_A.bootstrapServers(), a.topics().raw(), first, 25);

        JobClient inRegionA = TestJobs.start(a, null);
        String savepoint;
        try {
            KafkaTestSupport.awaitCommitted(REGION_A.bootstrapServers(), a.topics().scored(), 300, WITHIN);
            savepoint = inRegionA.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            JobEnd.awaitTerminal(inRegionA);
        } finally {
            JobEnd.cancel(inRegionA, dir.resolve("checkpoints-a"));
        }
        // Replication catches up, and region-a is lost: its outputs so far are mirrored for downstream.
        Map<TopicPartition, Map<Long, Long>> copied = MirrorMakerStandIn.mirror(REGION_A.bootstrapServers(),
                REGION_B.bootstrapServers(), a.topics().raw(), OFFSET_SYNCS, 10);
        for (String output : List.of(a.topics().scored(), a.topics().dlq(), a.topics().settlements())) {
            MirrorMakerStandIn.copy(REGION_A.bootstrapServers(), REGION_B.bootstrapServers(), output);
        }
        Set<String> tokenizedInA = paymentIds(readCommitted(REGION_A.bootstrapServers(), a.topics().tokenized()));

        String regionB = dir.resolve("savepoint-region-b").toUri().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RegionStartTool.run(Stream.concat(Stream.of(savepoint, "--target", regionB, "--source-cluster", SOURCE_ALIAS),
                        Stream.of(Reconcile.args(inB))).toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(out + "\n" + err).isZero();

        // The positions committed in region-b never lie after the savepoint's, and some lie before: the overlap.
        Map<TopicPartition, OffsetAndMetadata> translated = REGION_B.broker().admin()
                .listConsumerGroupOffsets(b.consumerGroup()).partitionsToOffsetAndMetadata().get();
        assertThat(translated).hasSize(2);
        long overlap = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> p : translated.entrySet()) {
            long exact = exactPositionInB(copied.get(p.getKey()), savedPosition(out.toString(StandardCharsets.UTF_8), p.getKey()));
            assertThat(p.getValue().offset()).as(p.getKey().toString()).isLessThanOrEqualTo(exact);
            overlap += exact - p.getValue().offset();
        }
        assertThat(overlap).as("records read again in region-b").isPositive();

        // The producers move to region-b; the rest of the input, and 20 s more to close the last windows.
        List<Generated> second = new ArrayList<>(generator.next(1_200));
        second.addAll(new SyntheticPayments(22, 0, 0, 0, T0.plusSeconds(400)).spacedBy(Duration.ofMillis(100)).next(200));
        KafkaTestSupport.produce(REGION_B.bootstrapServers(), b.topics().raw(), second);

        JobClient inRegionB = TestJobs.start(b, regionB);
        try {
            Set<String> accepted = Stream.concat(first.stream(), second.stream())
                    .filter(g -> g.kind() == Kind.VALID || g.kind() == Kind.LATE)
                    .map(Generated::paymentId).collect(Collectors.toSet());
            KafkaTestSupport.awaitCommitted(REGION_B.bootstrapServers(), b.topics().tokenized(),
                    accepted.size() - tokenizedInA.size(), WITHIN);
            List<String> tokenizedInB = readCommitted(REGION_B.bootstrapServers(), b.topics().tokenized()).stream()
                    .map(r -> jsonField(r, "payment_id")).toList();
            assertThat(tokenizedInB).doesNotHaveDuplicates().doesNotContainAnyElementsOf(tokenizedInA);
            Set<String> both = new HashSet<>(tokenizedInA);
            both.addAll(tokenizedInB);
            assertThat(both).isEqualTo(accepted);

            // Event time reached about 6:55: windows up to 6:00 are closed, region-a's lines beside region-b's.
            Outcome reconciled = Reconcile.untilClean(Reconcile.args(inB, "--closed-before", T0.plusSeconds(360).toString()), WITHIN);
            assertThat(reconciled.exitCode()).as(reconciled.output()).isZero();
            assertThat(reconciled.output()).contains("; 0 mismatches").doesNotContain(" 0 lines compared");
            System.out.printf("region start: %d payments tokenized in region-a, %d in region-b, %d records read again;%n%s%s%n",
                    tokenizedInA.size(), tokenizedInB.size(), overlap, out.toString(StandardCharsets.UTF_8),
                    reconciled.output().lines().reduce((x, y) -> y).orElse(""));
        } finally {
            JobEnd.cancel(inRegionB, dir.resolve("checkpoints-b"));
        }
    }

    /** Upstream writes in transactions: each commit marker takes an offset in region-a, which MirrorMaker 2 does not copy. */
    private static void produceInTransactions(String bootstrap, String topic, List<Generated> records, int perTransaction) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "upstream-acquirer-gateway",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.initTransactions();
            for (int i = 0; i < records.size(); i += perTransaction) {
                producer.beginTransaction();
                for (Generated g : records.subList(i, Math.min(records.size(), i + perTransaction))) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                    record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
                producer.commitTransaction();
            }
        }
    }

    private static Set<String> paymentIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> jsonField(r, "payment_id")).collect(Collectors.toSet());
    }

    /** The region-a position the tool printed for the partition ("topic-0: first region 612 -> second region 590"). */
    private static long savedPosition(String toolOutput, TopicPartition partition) {
        String prefix = partition + ": first region ";
        return toolOutput.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).split(" ")[0])
                .mapToLong(Long::parseLong).findFirst().orElseThrow(() -> new AssertionError("no position printed for " + partition));
    }

    /** Where the first record at or after {@code position} in region-a landed in region-b. */
    private static long exactPositionInB(Map<Long, Long> copied, long position) {
        return copied.entrySet().stream().filter(e -> e.getKey() >= position).mapToLong(Map.Entry::getValue).min()
                .orElse(copied.values().stream().mapToLong(Long::longValue).max().orElseThrow() + 1);
    }
}
