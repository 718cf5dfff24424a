package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.kafka.PaymentsKafka;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.CardDataScan;
import com.cardpay.payments.integration.testutils.CardDataScan.Encoding;
import com.cardpay.payments.integration.testutils.CardDataScan.Finding;
import com.cardpay.payments.integration.testutils.FailOnceDeserializer;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.KafkaTopicDump;
import com.cardpay.payments.integration.testutils.LogCapture;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PCI containment, end to end: the card numbers that go into {@code payments.raw} must come out
 * nowhere but encrypted in {@code payments.vault}. The whole job runs on a real broker with RocksDB
 * and incremental checkpoints, fails once and restarts, and a canonical savepoint is taken while
 * it runs; afterwards every place the job writes to is scanned for the test PANs and for anything
 * that looks like a card number (see {@link CardDataScan}): every topic on the broker but the input
 * and the vault, the vault for the test PANs in clear, everything logged in this JVM, the job's
 * exception history, every file of every checkpoint and of the savepoint, and RocksDB's working
 * directory.
 *
 * <p>{@link #theScansFindCardDataThatIsThere} proves that the scans can fail: a small job that
 * keeps card numbers in keyed state, on the same state backend and checkpoint settings, and logs
 * one, must be caught by the same scans, with the same allowances.
 *
 * <p>Why state is decoded rather than trusted as raw bytes: Flink 2.2 writes RocksDB's SST files
 * with Snappy on every level by default ({@code state.backend.rocksdb.compression.per.level:
 * SNAPPY_COMPRESSION}; every SST file here says "Snappy" in its table properties), and Snappy turns
 * any 4 bytes that repeat within a 4 KiB block into a back-reference; RocksDB also stores keys as
 * deltas of the previous key. In the control test, the raw bytes of the checkpoint directory show
 * about 30 of 200 card numbers kept as strings, 2 of 200 kept as UTF-16 and none kept as escaped
 * JSON; read back through RocksDB's own {@code SstFileReader}, all of them. So the scans keep the
 * production setting (Snappy stays on) and read every SST file entry by entry, also those that
 * Flink inlines into {@code _metadata} (below 20 KiB, most of them here), and they scan the
 * canonical savepoint, which is Flink's own uncompressed serialization of every state entry (the
 * test asserts that {@code execution.checkpointing.snapshot-compression} is off). See
 * {@link com.cardpay.payments.integration.testutils.StateFiles}.
 *
 * <p>The order matters: the second test puts card numbers in the logs on purpose, and the first
 * test scans every log line captured since the class started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardDataContainmentITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant CLASS_STARTED = Instant.now();
    /** A PAN as the DLQ shows it: all but the last four digits masked. */
    /** A pan field as the DLQ shows it: every character of its value masked. */
    private static final Pattern MASKED_PAN = Pattern.compile("pan\\\\?\":\\\\?\"\\*{12,19}");
    /** A W3C trace context header: version, trace id, parent id, flags; lower-case hex. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture("com.cardpay", "org.apache.flink");

    @RegisterExtension
    @Order(2)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo(clusterConfiguration());

    /**
     * Keep every completed checkpoint instead of the last one only, so that the scan covers every
     * checkpoint the run wrote, not only what survived: this changes what is deleted, not what is
     * written.
     */
    private static Configuration clusterConfiguration() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1000);
        return cluster;
    }

    @Test
    @Order(1)
    void noCardNumberOutsideTheVaultAfterARunWithAFailureARestartAndASavepoint(@TempDir Path work) throws Exception {
        Path checkpoints = work.resolve("checkpoints");
        Path savepoints = work.resolve("savepoints");
        Path rocksDbWorkingDir = work.resolve("rocksdb");
        Map<String, String> settings = TestJobs.settings("containment-it", KAFKA.bootstrapServers(), checkpoints);
        settings.put("checkpoint.incremental", "true");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);

        // Input: three batches of synthetic payments (valid ones, replays, every kind of malformed
        // record, most of them with a valid PAN inside), plus records that put valid PANs where the
        // generator does not: in the key, grouped, as a JSON number, in other fields, 13 and 19 digits.
        SyntheticPayments generator = new SyntheticPayments(20261124L, 0.10, 0.05, START);
        List<Generated> first = generator.next(1500);
        List<Generated> second = new ArrayList<>(generator.next(1500));
        second.addAll(crafted(new Random(7)));
        List<Generated> third = generator.next(1000);
        List<Generated> all = Stream.of(first, second, third).flatMap(List::stream).toList();
        Set<String> testPans = all.stream().map(Generated::pan).collect(Collectors.toCollection(TreeSet::new));
        Set<String> traceparents = all.stream().map(Generated::traceparent).collect(Collectors.toSet());
        assertThat(all).filteredOn(g -> g.kind() == Kind.MALFORMED && Luhn.isValid(g.pan())).hasSizeGreaterThan(100);
        String poison = second.stream().filter(g -> g.kind() == Kind.VALID).findFirst().orElseThrow().paymentId();

        Configuration flink = FlinkSettings.of(config);
        // RocksDB's working directory where the test can scan it (it is deleted when the job ends).
        flink.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDbWorkingDir.toString());
        assertProductionLikeState(flink);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        FailOnceDeserializer<IngestOutcome> failOnce =
                FailOnceDeserializer.failingOnceOn(poison, RawTopic.deserializer(LocalKeyProvider.factory(), config.maxEventTimeAhead()));
        PaymentsJob.withKafkaSinks(config, PaymentsKafka.rawPaymentsSource(config.bootstrapServers(), config.topics().raw(),
                config.consumerGroup(), config.startingOffsets(), Map.of(), failOnce, false), Map.of()).build(env);

        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), first);
        JobClient job = env.executeAsync(config.jobName());
        String savepoint;
        String exceptionHistory;
        try {
            // Something committed: a checkpoint completed. Then the batch whose first valid record
            // fails the job; it restarts from that checkpoint.
            awaitSomethingCommitted(config.topics().tokenized());
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), second);
            awaitOutputs(config, Stream.concat(first.stream(), second.stream()).toList());
            assertThat(failOnce.failures()).as("the job failed once, on purpose, and recovered").isEqualTo(1);

            // A canonical savepoint while the last batch is being processed.
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), third);
            savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(2, TimeUnit.MINUTES);
            awaitOutputs(config, all);
            exceptionHistory = rest("/jobs/" + job.getJobID() + "/exceptions?maxExceptions=50");
        } catch (Exception | Error e) {
            job.cancel().get();
            throw e;
        }
        // Timestamps, random ids and temporary paths are excused by name, each for a stated reason;
        // the test PANs never are.
        CardDataScan scan = new CardDataScan(testPans).withCanaries("pay-", paymentIds(all))
                .allowTestRunNoise(CLASS_STARTED.minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        // Quiet now (all input processed and committed): scan RocksDB's working directory (its
        // SST, MANIFEST, OPTIONS and LOG files) while it exists; it goes when the job ends.
        scan.scanStateDirectory("RocksDB working directory", rocksDbWorkingDir);
        job.cancel().get();
        awaitTerminal(job);

        // The outputs: every topic but the input (which holds PANs by contract) and the vault.
        BiPredicate<ConsumerRecord<byte[], byte[]>, Header> inputTraceparent = copiedTraceparent(traceparents);
        Set<String> topics = KafkaTopicDump.allTopics(KAFKA.bootstrapServers());
        assertThat(topics).contains(config.topics().tokenized(), config.topics().dlq(), "__consumer_offsets", "__transaction_state");
        for (String topic : topics) {
            if (topic.equals(config.topics().raw())) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> records = KafkaTopicDump.everything(KAFKA.bootstrapServers(), topic);
            if (topic.equals(config.topics().vault())) {
                // Restricted, and its ciphertext is random bytes: only the test PANs in clear count here.
                scan.scanRecords("topic " + topic + " (test PANs only)", records, false, inputTraceparent);
            } else {
                scan.scanRecords("topic " + topic, records, true, inputTraceparent);
                assertNoTestPanUnderTheDetectorsNormalisation(topic, records, testPans);
            }
        }
        scan.scanText("REST job exceptions", "/jobs/:id/exceptions", exceptionHistory);
        scan.scanStateDirectory("checkpoints", checkpoints);
        scan.scanStateDirectory("savepoint", Path.of(URI.create(savepoint)));
        List<String> logLines = LOGS.lines();
        scan.scanLines("logs", logLines);
        System.out.println("Card-data scan of the payments job (" + testPans.size() + " test PANs):\n" + scan.summary());

        // The scans saw what they had to see ...
        assertThat(logLines).as("the task's failure, with its stack trace, is in the captured logs")
                .anyMatch(l -> l.contains("injected failure (testutils.FailOnceDeserializer)") && l.contains("at com.cardpay"));
        assertThat(logLines).anyMatch(l -> l.contains("Completed checkpoint"));
        assertThat(exceptionHistory).contains("injected failure");
        List<ConsumerRecord<byte[], byte[]>> dlq = readCommitted(KAFKA.bootstrapServers(), config.topics().dlq());
        assertThat(dlq).hasSize((int) rejected(all));
        assertThat(scan.tally("topic " + config.topics().dlq()).items()).as("committed, aborted and open").isGreaterThanOrEqualTo(dlq.size());
        // The malformed records carried valid PANs, and the DLQ has their pan fields fully masked.
        long maskedInDlq = dlq.stream().filter(r -> MASKED_PAN.matcher(new String(r.value(), StandardCharsets.UTF_8)).find()).count();
        assertThat(maskedInDlq).isGreaterThanOrEqualTo(all.stream()
                .filter(g -> g.kind() == Kind.MALFORMED && g.expectedRejection() != RejectionCode.INVALID_JSON
                        && !g.paymentId().startsWith("crafted-form-")).count());
        // A payload cut inside its PAN must not show the PAN's leading digits either (PCI DSS allows
        // at most the first six): the DLQ masks the whole value of every pan field.
        assertThat(dlq).noneMatch(r -> showsCutPan(new String(r.value(), StandardCharsets.UTF_8), testPans));
        assertThat(scan.tally("checkpoints").counter("_metadata files")).isGreaterThan(3);
        assertThat(scan.tally("checkpoints / sst entries").items()).isPositive();
        assertThat(scan.tally("savepoint").counter("_metadata files")).isEqualTo(1);
        // ... and read the job's state as plainly as a PAN would sit there: the dedupe state holds
        // every accepted payment_id, as a string, like a PAN string would be held.
        Set<String> acceptedBeforeSavepoint = paymentIds(Stream.concat(first.stream(), second.stream())
                .filter(g -> g.kind() == Kind.VALID).toList());
        assertAllFound("payment ids in the savepoint", scan.canariesFound("savepoint"), acceptedBeforeSavepoint);
        assertAllFound("payment ids in the checkpoints' SST entries", scan.canariesFound("checkpoints / sst entries"),
                paymentIds(all.stream().filter(g -> g.kind() == Kind.VALID).toList()));

        // The result.
        List<Finding> findings = scan.findings();
        assertThat(findings).as("card data outside the vault:\n%s", CardDataScan.describe(findings, 40)).isEmpty();
    }

    /**
     * The scans of {@link #noCardNumberOutsideTheVaultAfterARunWithAFailureARestartAndASavepoint}
     * catch a job that does keep card numbers: in keyed state (as a string, UTF-16, JSON-escaped
     * and as a 64-bit integer), in a log line and an exception message, and in a topic.
     */
    @Test
    @Order(2)
    void theScansFindCardDataThatIsThere(@TempDir Path work, @InjectMiniCluster MiniCluster miniCluster) throws Exception {
        int logMark = LOGS.mark();
        Path checkpoints = work.resolve("checkpoints");
        Path savepoints = work.resolve("savepoints");
        Path rocksDbWorkingDir = work.resolve("rocksdb");
        Map<String, String> settings = TestJobs.settings("leak-control", KAFKA.bootstrapServers(), checkpoints);
        settings.put("checkpoint.incremental", "true");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(List.of(config.topics().raw()), 3);

        SyntheticPayments generator = new SyntheticPayments(1, 0, 0, START);
        List<String> pans = generator.next(400).stream().map(Generated::pan).distinct().limit(200).toList();
        String leakedInTraceparent = pans.get(2);
        // Well-formed, and "known": exempt from the Luhn check, but not from the search for the test PANs.
        String traceparentWithPan = "00-" + leakedInTraceparent + "abcdefabcdefabcdefabcdef".substring(0, 32 - leakedInTraceparent.length())
                + "-0123456789abcdef-01";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < pans.size(); i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(config.topics().raw(), "card-" + i, i + ":" + pans.get(i));
                if (i == 2) {
                    record.headers().add("traceparent", traceparentWithPan.getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record);
            }
        }

        Configuration flink = FlinkSettings.of(config);
        flink.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDbWorkingDir.toString());
        assertProductionLikeState(flink);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setTopics(config.topics().raw())
                .setGroupId("leak-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "cards").uid("cards")
                .keyBy(line -> "card-" + line.substring(0, line.indexOf(':')), Types.STRING)
                .process(new KeepsCardsInState()).uid("keeps-cards")
                .sinkTo(new DiscardingSink<>()).uid("discard");

        KeepsCardsInState.STORED.set(0);
        JobClient job = env.executeAsync("leak-control");
        String checkpoint;
        String savepoint;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (KeepsCardsInState.STORED.get() < pans.size()) {
                assertThat(System.nanoTime()).as("all cards stored within a minute").isLessThan(deadline);
                Thread.sleep(100);
            }
            checkpoint = miniCluster.triggerCheckpoint(job.getJobID()).get(1, TimeUnit.MINUTES);
            savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
        } catch (Exception | Error e) {
            job.cancel().get();
            throw e;
        }
        // The same allowances as the payments job's scan: they must not excuse a card number.
        CardDataScan scan = new CardDataScan(pans)
                .allowTestRunNoise(CLASS_STARTED.minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        scan.scanStateDirectory("RocksDB working directory", rocksDbWorkingDir);
        job.cancel().get();
        awaitTerminal(job);

        BiPredicate<ConsumerRecord<byte[], byte[]>, Header> knownTraceparent = copiedTraceparent(Set.of(traceparentWithPan));
        scan.scanRecords("topic", KafkaTopicDump.everything(KAFKA.bootstrapServers(), config.topics().raw()), true, knownTraceparent);
        scan.scanStateDirectory("checkpoints", checkpoints);
        scan.scanStateDirectory("savepoint", Path.of(URI.create(savepoint)));
        scan.scanLines("logs", LOGS.since(logMark));
        System.out.println("Card-data scan of the leaking control job (" + pans.size() + " test PANs; checkpoint "
                + checkpoint + "):\n" + scan.summary());

        Set<String> allPans = new TreeSet<>(pans);
        // State: the canonical savepoint is Flink's own serialization, uncompressed; every card in
        // every encoding is there, in the raw bytes.
        StringBuilder recall = new StringBuilder();
        for (Encoding encoding : List.of(Encoding.ASCII, Encoding.UTF_16LE, Encoding.JSON_ESCAPED, Encoding.INT64_BE)) {
            assertAllFound("savepoint, " + encoding, pansFound(scan, "savepoint", encoding), allPans);
            assertAllFound("checkpoint SST entries, " + encoding, pansFound(scan, "checkpoints / sst entries", encoding), allPans);
            recall.append(String.format("  %-12s savepoint raw %3d, checkpoint raw %3d, checkpoint SST entries %3d%n", encoding,
                    pansFound(scan, "savepoint", encoding).size(), pansFound(scan, "checkpoints", encoding).size(),
                    pansFound(scan, "checkpoints / sst entries", encoding).size()));
        }
        // RocksDB compacts under a running job, so files can vanish between listing and reading:
        // the working directory is a best-effort extra, the checkpoints are the complete record.
        assertThat(pansFound(scan, "RocksDB working directory / sst entries", Encoding.ASCII)).isNotEmpty();
        // The raw bytes of the (Snappy-compressed) SST files alone would not have been enough.
        System.out.println("Test PANs found, of " + pans.size() + ", by encoding:\n" + recall);
        // The generic check finds them without being told what to look for.
        assertAllFound("savepoint, Luhn check", scan.findings("savepoint").stream()
                .filter(f -> f.kind() == CardDataScan.Kind.LUHN_VALID_RUN).map(Finding::digits).collect(Collectors.toSet()), allPans);
        // Logs: a log line and an exception message (in a stack trace) that quote a card.
        assertThat(scan.testPansFound("logs")).hasSize(2).contains(pans.get(0), pans.get(1));
        assertThat(scan.findings("logs")).anyMatch(f -> f.digits().equals(pans.get(1)) && f.context().contains("IllegalStateException"));
        // Topics: every value; and a traceparent header is exempt from the Luhn check only, never from the PAN search.
        assertAllFound("topic", scan.testPansFound("topic"), allPans);
        assertThat(scan.findings("topic")).anyMatch(f -> f.location().endsWith("header traceparent") && f.digits().equals(leakedInTraceparent));
    }

    /** Keeps each card in keyed state four ways, and logs two of them. */
    static final class KeepsCardsInState extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(KeepsCardsInState.class);
        static final AtomicInteger STORED = new AtomicInteger();
        private transient ValueState<String> asString;
        private transient ValueState<byte[]> asUtf16;
        private transient ValueState<String> asEscapedJson;
        private transient ValueState<Long> asLong;

        @Override
        public void open(OpenContext openContext) {
            asString = getRuntimeContext().getState(new ValueStateDescriptor<>("pan", Types.STRING));
            asUtf16 = getRuntimeContext().getState(new ValueStateDescriptor<>("pan-utf16", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            asEscapedJson = getRuntimeContext().getState(new ValueStateDescriptor<>("pan-json", Types.STRING));
            asLong = getRuntimeContext().getState(new ValueStateDescriptor<>("pan-long", Types.LONG));
        }

        @Override
        public void processElement(String line, Context ctx, Collector<String> out) throws Exception {
            int index = Integer.parseInt(line.substring(0, line.indexOf(':')));
            String pan = line.substring(line.indexOf(':') + 1);
            asString.update(pan);
            asUtf16.update(pan.getBytes(StandardCharsets.UTF_16LE));
            asEscapedJson.update("{\"pan\":\"" + pan.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining()) + "\"}");
            asLong.update(Long.parseLong(pan));
            if (index == 0) {
                LOG.info("storing card {} for later", pan);
            } else if (index == 1) {
                LOG.warn("a card was refused", new IllegalStateException("card " + pan + " refused"));
            }
            STORED.incrementAndGet();
            out.collect(ctx.getCurrentKey());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The {@code traceparent} header is random hex that the job copies from the source record
     * unchanged, and a 32-digit hex trace id holds a Luhn-valid run of 12 to 19 decimal digits now
     * and then (one header in a few hundred). Such a header is exempt from the Luhn check only if it
     * is exactly a well-formed traceparent that the test itself put into the input; it is still
     * searched for the test PANs, and any other header value gets both checks.
     */
    private static BiPredicate<ConsumerRecord<byte[], byte[]>, Header> copiedTraceparent(Set<String> inputTraceparents) {
        return (record, header) -> {
            if (!header.key().equals("traceparent")) {
                return false;
            }
            String value = new String(header.value(), StandardCharsets.UTF_8);
            return TRACEPARENT.matcher(value).matches() && inputTraceparents.contains(value);
        };
    }

    /** Production state settings, so that what is scanned is what production writes. */
    private static void assertProductionLikeState(Configuration flink) {
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        // A compressed full snapshot (canonical savepoint) would be opaque to the raw scan; StateFiles
        // would have to learn to decompress it first.
        assertThat(flink.get(ExecutionOptions.SNAPSHOT_COMPRESSION)).as("execution.checkpointing.snapshot-compression").isFalse();
    }

    private static boolean showsCutPan(String text, Set<String> testPans) {
        java.util.regex.Matcher run = CUT_PAN.matcher(text);
        while (run.find()) {
            String digits = run.group();
            if (testPans.stream().anyMatch(pan -> pan.startsWith(digits))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CUT_PAN = Pattern.compile("(?<![0-9])[0-9]{7,11}(?![0-9])");

    /** Asserts by count, naming a few: the sets run into thousands. */
    private static void assertAllFound(String what, Set<String> found, Set<String> expected) {
        List<String> missing = expected.stream().filter(e -> !found.contains(e)).sorted().toList();
        assertThat(missing.size()).as("%s: %d of %d not found, e.g. %s", what, missing.size(), expected.size(),
                missing.stream().limit(3).map(m -> m.startsWith("pay-") ? m : m.substring(0, 6) + "..." + m.substring(m.length() - 4))
                        .toList()).isZero();
    }

    private static Set<String> pansFound(CardDataScan scan, String source, Encoding encoding) {
        return scan.findings(source).stream().filter(f -> f.kind() == CardDataScan.Kind.TEST_PAN && f.encoding() == encoding)
                .map(Finding::digits).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Records the generator does not make: valid PANs in the key, grouped by spaces and dashes,
     * as a JSON number, in the device id, 13 and 19 digits long; and valid payments with 12-, 13-
     * and 19-digit PANs. The malformed ones must reach the DLQ masked.
     */
    private static List<Generated> crafted(Random random) {
        List<Generated> out = new ArrayList<>();
        String pan16 = panOf("4539", 16, random);
        String pan13 = panOf("4", 13, random);
        String pan19 = panOf("6011", 19, random);
        String pan12 = panOf("50", 12, random);
        String grouped = panOf("5", 16, random);
        String number = panOf("4716", 16, random);
        String device = panOf("3", 15, random);

        ObjectNode keyMismatch = payment("crafted-key", pan16);
        out.add(generated(keyMismatch, pan16.getBytes(StandardCharsets.UTF_8), Kind.MALFORMED, RejectionCode.KEY_MISMATCH, pan16, random));
        ObjectNode tooLarge = payment("crafted-large", grouped);
        String groupedText = grouped.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        tooLarge.put("notes", (groupedText + " / " + groupedText.replace(' ', '-') + " / ").repeat(2000));
        out.add(generated(tooLarge, null, Kind.MALFORMED, RejectionCode.TOO_LARGE, grouped, random));
        ObjectNode asNumber = payment("crafted-number", number);
        asNumber.put("pan", Long.parseLong(number));
        out.add(generated(asNumber, null, Kind.MALFORMED, RejectionCode.WRONG_TYPE, number, random));
        ObjectNode inDevice = payment("crafted-device", device);
        inDevice.put("device_id", ("card " + device + " ").repeat(8));
        out.add(generated(inDevice, null, Kind.MALFORMED, RejectionCode.BAD_DEVICE_ID, device, random));
        ObjectNode longPan = payment("crafted-19-missing", pan19);
        longPan.remove("currency");
        out.add(generated(longPan, null, Kind.MALFORMED, RejectionCode.MISSING_FIELD, pan19, random));
        String truncated = payment("crafted-json", pan13).toString();
        truncated = truncated.substring(0, truncated.indexOf(pan13) + pan13.length() + 5);
        out.add(new Generated("crafted-json", "m-crafted".getBytes(StandardCharsets.UTF_8), truncated.getBytes(StandardCharsets.UTF_8),
                traceparent(random), Kind.MALFORMED, RejectionCode.INVALID_JSON, pan13));
        for (String pan : List.of(pan12, pan13, pan19)) {
            ObjectNode valid = payment("crafted-valid-" + pan.length(), pan);
            out.add(generated(valid, null, Kind.VALID, null, pan, random));
        }
        out.addAll(writtenOtherwise(random));
        return out;
    }

    /**
     * Issue 10's classes, each with a test PAN of its own: card numbers in free text written with
     * other separators or an expiry, in ids, in a header with its CVV, in a UTF-16 or UTF-32
     * record, and in JSON forms ({@code \/} groups, escaped full-width digits, an array of groups,
     * escaped field names). Ids prefixed {@code crafted-form-} have no plain {@code "pan":"} field.
     */
    private static List<Generated> writtenOtherwise(Random random) {
        List<Generated> out = new ArrayList<>();
        // Written into the JSON as is: \\t is JSON's tab escape, \u00a0 a raw no-break space.
        String[] separators = {"_", ",", ":", "\\t", "\u00a0", "  "};
        for (int i = 0; i < separators.length; i++) {
            String pan = panOf("4", 16, random);
            String text = pan.replaceAll("(\\d{4})(?=\\d)", "$1" + Matcher.quoteReplacement(separators[i]));
            out.add(raw("crafted-device-" + i, pan, "\"device_id\":\"" + text + "\",", RejectionCode.BAD_DEVICE_ID, random));
        }
        String withExpiry = panOf("5", 16, random);
        out.add(raw("crafted-device-expiry", withExpiry, "\"device_id\":\"" + withExpiry + " 12/28\",",
                RejectionCode.BAD_DEVICE_ID, random));
        String asPaymentId = panOf("4539", 16, random);
        out.add(generated(payment("x", panOf("4", 16, random)).put("payment_id", asPaymentId), null, Kind.MALFORMED,
                RejectionCode.BAD_PAYMENT_ID, asPaymentId, random));
        String asMerchantId = panOf("4716", 16, random);
        ObjectNode merchant = payment("crafted-merchant-pan", panOf("4", 16, random)).put("merchant_id", asMerchantId);
        out.add(generated(merchant, asMerchantId.getBytes(StandardCharsets.UTF_8), Kind.MALFORMED,
                RejectionCode.BAD_MERCHANT_ID, asMerchantId, random));
        String asOriginal = panOf("5", 16, random);
        ObjectNode refund = payment("crafted-original-pan", panOf("4", 16, random)).put("type", "REFUND")
                .put("original_payment_id", asOriginal);
        out.add(generated(refund, null, Kind.MALFORMED, RejectionCode.BAD_ORIGINAL_PAYMENT_ID, asOriginal, random));
        // A valid payment whose traceparent header holds a PAN and its CVV: accepted, header masked.
        String inHeader = panOf("4", 16, random);
        ObjectNode headerCarrier = payment("crafted-header-pan", panOf("4", 16, random));
        out.add(new Generated("crafted-header-pan", "m-crafted".getBytes(StandardCharsets.UTF_8),
                headerCarrier.toString().getBytes(StandardCharsets.UTF_8),
                inHeader.replaceAll("(\\d{4})(?=\\d)", "$1 ") + " 737", Kind.VALID, null, inHeader));
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, Charset.forName("UTF-32"))) {
            String pan = panOf("4", 16, random);
            out.add(new Generated("crafted-form-" + charset.name(), "m-crafted".getBytes(StandardCharsets.UTF_8),
                    payment("crafted-form-" + charset.name(), pan).toString().getBytes(charset), traceparent(random),
                    Kind.MALFORMED, RejectionCode.INVALID_JSON, pan));
        }
        String slashes = panOf("5", 16, random);
        String withSlashes = payment("crafted-slashes", panOf("4", 16, random)).put("currency", "ZZZ").toString();
        withSlashes = "{\"note\":\"" + slashes.replaceAll("(\\d{4})(?=\\d)", "$1\\\\/") + "\"," + withSlashes.substring(1);
        out.add(new Generated("crafted-slashes", "m-crafted".getBytes(StandardCharsets.UTF_8),
                withSlashes.getBytes(StandardCharsets.UTF_8), traceparent(random), Kind.MALFORMED, RejectionCode.BAD_CURRENCY,
                slashes));
        String escaped = panOf("4", 16, random);
        StringBuilder fullWidth = new StringBuilder();
        escaped.chars().forEach(d -> fullWidth.append(String.format("\\u%04X", 0xFF10 + (d - '0'))));
        out.add(rawPan("crafted-form-fullwidth", escaped, "\"" + fullWidth + "\"", RejectionCode.BAD_PAN, random));
        String array = panOf("5", 16, random);
        out.add(rawPan("crafted-form-array", array, "[\"" + array.replaceAll("(\\d{4})(?=\\d)", "$1\",\"") + "\"]",
                RejectionCode.WRONG_TYPE, random));
        String escapedNames = panOf("4", 16, random);
        out.add(new Generated("crafted-form-names", "m-crafted".getBytes(StandardCharsets.UTF_8),
                payment("crafted-form-names", escapedNames).put("currency", "ZZZ").toString()
                        .replace("\"pan\"", "\"p\\u0061n\"").replace("\"expiry\"", "\"expir\\u0079\"")
                        .getBytes(StandardCharsets.UTF_8), traceparent(random), Kind.MALFORMED, RejectionCode.BAD_CURRENCY,
                escapedNames));
        return out;
    }

    /**
     * The byte scan knows a fixed set of encodings; this looks at each record as the production
     * detector does (escapes decoded, digits folded, any separators), so that a test PAN written
     * with two spaces, tabs or commas between its groups is caught too.
     */
    private static void assertNoTestPanUnderTheDetectorsNormalisation(String topic,
            List<ConsumerRecord<byte[], byte[]>> records, Set<String> testPans) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            List<String> texts = new ArrayList<>();
            texts.add(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8));
            texts.add(new String(r.value(), StandardCharsets.UTF_8));
            for (Header h : r.headers()) {
                texts.add(h.key());
                texts.add(new String(h.value(), StandardCharsets.UTF_8));
            }
            for (String text : texts) {
                for (String chain : CardNumberDetector.digitChains(text)) {
                    assertThat(testPans).as("a test PAN in %s at offset %d", topic, r.offset())
                            .noneMatch(chain::contains);
                }
            }
        }
    }

    /** A payment with {@code fields} (raw JSON, ending in a comma) put first. */
    private static Generated raw(String paymentId, String pan, String fields, RejectionCode code, Random random) {
        String json = "{" + fields + payment(paymentId, panOf("4", 16, random)).toString().substring(1);
        return new Generated(paymentId, "m-crafted".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                traceparent(random), Kind.MALFORMED, code, pan);
    }

    /** A payment whose pan field is {@code panJson}, raw JSON. */
    private static Generated rawPan(String paymentId, String pan, String panJson, RejectionCode code, Random random) {
        String json = payment(paymentId, "PAN").toString().replace("\"PAN\"", panJson);
        return new Generated(paymentId, "m-crafted".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                traceparent(random), Kind.MALFORMED, code, pan);
    }

    private static ObjectNode payment(String paymentId, String pan) {
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_id", paymentId);
        p.put("merchant_id", "m-crafted");
        p.put("type", "PURCHASE");
        p.put("amount_minor", 1234);
        p.put("currency", "EUR");
        p.put("pan", pan);
        p.put("expiry", "12/29");
        p.put("card_country", "DE");
        p.put("merchant_country", "DE");
        p.put("event_time", START.toString());
        return p;
    }

    private static Generated generated(ObjectNode p, byte[] key, Kind kind, RejectionCode code, String pan, Random random) {
        byte[] k = key != null ? key : p.get("merchant_id").asText().getBytes(StandardCharsets.UTF_8);
        return new Generated(p.get("payment_id").asText(), k, p.toString().getBytes(StandardCharsets.UTF_8),
                traceparent(random), kind, code, pan);
    }

    private static String panOf(String prefix, int length, Random random) {
        StringBuilder partial = new StringBuilder(prefix);
        while (partial.length() < length - 1) {
            partial.append(random.nextInt(10));
        }
        return partial.append(Luhn.checkDigitFor(partial)).toString();
    }

    private static String traceparent(Random random) {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        random.nextBytes(trace);
        random.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }


    private static Set<String> paymentIds(List<Generated> records) {
        return records.stream().map(Generated::paymentId).filter(id -> id.startsWith("pay-"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static long rejected(List<Generated> records) {
        return records.stream().filter(g -> g.expectedRejection() != null).count();
    }

    /** Waits until the outputs hold exactly what {@code input} must produce. */
    private static void awaitOutputs(PaymentsConfig config, List<Generated> input) throws InterruptedException {
        Set<String> valid = new HashSet<>();
        input.stream().filter(g -> g.kind() == Kind.VALID).forEach(g -> valid.add(g.paymentId()));
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), valid.size(), Duration.ofMinutes(2));
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().vault(), valid.size(), Duration.ofMinutes(2));
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().dlq(), (int) rejected(input), Duration.ofMinutes(2));
    }

    private static void awaitSomethingCommitted(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (readCommitted(KAFKA.bootstrapServers(), topic).isEmpty()) {
            assertThat(System.nanoTime()).as("something committed to %s within a minute", topic).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitTerminal(JobClient job) throws Exception {
        assertThat(JobEnd.awaitTerminal(job)).isEqualTo(JobStatus.CANCELED);
    }

    private static String rest(String path) throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        URI uri = URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT) + path);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
