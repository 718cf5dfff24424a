package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.ToolsJar;
import com.cardpay.payments.integration.testutils.ToolsJar.Result;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.OperatorUids;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.tools.savepoint.InspectStateTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The savepoint inspector ({@code inspect-state}) on the job's real state: the job runs briefly on
 * a real broker (parallelism 2, RocksDB, incremental checkpoints, payments with their own event
 * time and a rule published at run time), a canonical savepoint is taken, and the inspector reads
 * it in this JVM (the summary, and a dump of dedupe); then the tools jar, in a JVM of its own (no
 * cluster: what an operator runs from a shell), reads the checkpoint retained when the job was
 * cancelled (RocksDB's incremental format).
 */
class InspectStateITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    /** Every operator that holds state, with its parallelism (the rules source runs once). */
    private static final Map<String, Integer> STATEFUL = Map.ofEntries(
            Map.entry(OperatorUids.RAW_PAYMENTS_SOURCE, 2), Map.entry(OperatorUids.DEDUPE, 2),
            Map.entry(OperatorUids.TOKENIZATION_SINK, 2), Map.entry(OperatorUids.DLQ_SINK, 2),
            Map.entry(OperatorUids.CARD_FEATURES, 2), Map.entry(OperatorUids.FRAUD_RULES_SOURCE, 1),
            Map.entry(OperatorUids.FRAUD_SCORING, 2), Map.entry(OperatorUids.SCORED_SINK, 2),
            Map.entry(OperatorUids.RULE_STATUS_SINK, 2), Map.entry(OperatorUids.SETTLEMENT, 2),
            Map.entry(OperatorUids.SETTLEMENTS_SINK, 2));
    private static final List<String> SINKS = List.of(OperatorUids.TOKENIZATION_SINK, OperatorUids.DLQ_SINK,
            OperatorUids.SCORED_SINK, OperatorUids.RULE_STATUS_SINK, OperatorUids.SETTLEMENTS_SINK);
    private static final Pattern OPERATOR = Pattern.compile("^(.+?): parallelism (\\d+), max parallelism (\\d+), state (.*)$");
    private static final Pattern KEYS = Pattern.compile(", (\\d+) keys \\(");

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @Test
    void showsEveryStatefulOperatorItsStatesAndKeysAndDumpsDedupeWithoutCardData(@TempDir Path dir) throws Exception {
        long testStarted = System.nanoTime();
        Path checkpoints = dir.resolve("checkpoints");
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("inspect-it", KAFKA.bootstrapServers(), checkpoints));
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        List<Generated> input = new SyntheticPayments(13, 0.05, 0.05, START).next(400);
        List<Generated> valid = input.stream().filter(g -> g.kind() == Kind.VALID).toList();
        Set<String> pans = input.stream().map(Generated::pan).filter(p -> p != null && !p.isEmpty()).collect(Collectors.toSet());
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);
        publishRule(config);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        String savepoint;
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), valid.size(), Duration.ofMinutes(1));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().fraudRulesStatus(), 1, Duration.ofMinutes(1));
            savepoint = job.triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(1, TimeUnit.MINUTES);
        } finally {
            JobEnd.cancel(job, checkpoints);
        }

        System.out.println("job run and savepoint: " + millisSince(testStarted) + " ms");

        // The summary, in this JVM.
        long started = System.nanoTime();
        Result summary = inspect(savepoint);
        System.out.println("inspect-state " + savepoint + " (" + millisSince(started) + " ms):\n" + summary.out());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertNoCardData(summary, pans);
        assertThat(summary.out()).startsWith("savepoint (CANONICAL) of checkpoint ");
        Set<String> merchants = valid.stream().map(g -> new String(g.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        Map<String, Matcher> operators = assertEveryStatefulOperator(summary, merchants.size());
        assertThat(keys(operators, OperatorUids.SETTLEMENT)).isPositive();
        assertThat(keys(operators, OperatorUids.CARD_FEATURES)).isPositive();
        assertThat(keys(operators, OperatorUids.FRAUD_SCORING)).isPositive();
        assertThat(summary.out()).contains("  keyed state merchant-profile: VALUE, TtlSerializer<")
                .contains("  keyed state settlement-open-windows: MAP, MapSerializer<LongSerializer, PojoSerializer<")
                .contains("  keyed state card-activity: VALUE, CardActivitySerializer\n")
                .contains("  timers _timer_state/event_user-timers: TimerSerializer<")
                .contains("  broadcast state fraud-rules: BROADCAST, StringSerializer -> PojoSerializer<")
                .contains("  operator state SourceReaderState: SPLIT_DISTRIBUTE, ")
                .contains("  operator state partition-highest-event-time: UNION, TupleSerializer<")
                .containsPattern("without state: .*" + Pattern.quote(OperatorUids.TOKENIZED_ONLY));

        // Dedupe's keyed state as JSON lines: every valid payment's id under its merchant, nothing else.
        started = System.nanoTime();
        Result dump = inspect(savepoint, "--dump", OperatorUids.DEDUPE);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertNoCardData(dump, pans);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : dump.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        System.out.println("inspect-state --dump " + OperatorUids.DEDUPE + " (" + millisSince(started) + " ms): "
                + lines.size() + " lines, the first:\n" + dump.out().lines().limit(3).collect(Collectors.joining("\n")));
        assertThat(lines).allSatisfy(l -> assertThat(l.get("state").asText()).isEqualTo("seen-payment-ids"));
        assertThat(lines.stream().map(l -> l.get("entry").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(valid.stream().map(Generated::paymentId).toList());
        assertThat(lines.stream().map(l -> l.get("key").asText()).collect(Collectors.toSet())).isEqualTo(merchants);
        assertThat(lines).allSatisfy(l -> assertThat(Instant.parse(l.get("value").get("lastAccessTimestamp").asText()))
                .isAfter(Instant.now().minus(Duration.ofMinutes(10))));

        // The checkpoint retained on cancel (RocksDB's incremental format), from the tools jar in a
        // JVM of its own, as an operator runs it from a shell: no cluster.
        Path retained = latestCheckpoint(checkpoints);
        started = System.nanoTime();
        Result fromJar = ToolsJar.run(dir, Map.of(), List.of("inspect-state", retained.toString()));
        System.out.println("java -jar payments-tools.jar inspect-state " + retained + " (" + millisSince(started) + " ms):\n"
                + fromJar.out());
        assertThat(fromJar.exitCode()).as(fromJar.err()).isZero();
        assertNoCardData(fromJar, pans);
        assertThat(fromJar.out()).startsWith("checkpoint ");
        assertEveryStatefulOperator(fromJar, merchants.size());
        System.out.println("test: " + millisSince(testStarted) + " ms");
    }

    /** Every operator with state, by uid, with its parallelism and 720; dedupe with one key per merchant. */
    private static Map<String, Matcher> assertEveryStatefulOperator(Result run, int merchants) {
        Map<String, Matcher> operators = run.out().lines().map(OPERATOR::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> m.group(1), m -> m));
        Map<String, Integer> expected = new HashMap<>(STATEFUL);
        SINKS.forEach(uid -> expected.put("Sink Committer: " + uid, 2));
        expected.forEach((uid, parallelism) -> {
            assertThat(operators).as("operators shown").containsKey(uid);
            assertThat(operators.get(uid).group(2)).as(uid + " parallelism").isEqualTo(parallelism.toString());
            assertThat(operators.get(uid).group(3)).as(uid + " max parallelism").isEqualTo("720");
        });
        assertThat(run.out()).doesNotContain("unknown uid").contains("  keyed state seen-payment-ids: MAP, "
                + "MapSerializer<StringSerializer, TtlSerializer<LongSerializer, LongSerializer>>");
        assertThat(keys(operators, OperatorUids.DEDUPE)).as("dedupe: one key per merchant").isEqualTo(merchants);
        return operators;
    }

    private static void assertNoCardData(Result run, Set<String> pans) {
        String all = run.out() + "\n" + run.err();
        assertThat(CardNumberDetector.containsCardNumber(all)).as("a card number in the inspector's output").isFalse();
        assertThat(pans).noneMatch(all::contains);
        assertThat(CardNumberDetector.digitChains(all)).noneMatch(chain -> pans.stream().anyMatch(chain::contains));
    }

    private static long keys(Map<String, Matcher> operators, String uid) {
        Matcher keys = KEYS.matcher(operators.get(uid).group(4));
        assertThat(keys.find()).as(uid + " key count in: " + operators.get(uid).group()).isTrue();
        return Long.parseLong(keys.group(1));
    }

    private static Result inspect(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = InspectStateTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path latestCheckpoint(Path checkpoints) throws IOException {
        try (Stream<Path> all = Files.walk(checkpoints, 2)) {
            return all.filter(p -> p.getFileName().toString().matches("chk-\\d+") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint under " + checkpoints));
        }
    }

    private static void publishRule(PaymentsConfig config) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(config.topics().fraudRules(), "it-inspect-large", """
                    {"id":"it-inspect-large","version":1,"state":"SHADOW","reason":"IT_INSPECT",
                     "when":{"feature":"payment.amount_minor","op":">=","value":900000},"decision":"DECLINE"}"""));
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
