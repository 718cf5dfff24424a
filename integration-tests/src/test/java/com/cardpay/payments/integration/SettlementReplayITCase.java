package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A replay from any checkpoint emits byte-identical settlement lines: the same input, run once
 * straight through (taking two savepoints on the way) and then again from each savepoint, gives
 * every (settlement id, revision) the same key and value bytes in all three runs, and each replay
 * emits exactly the revisions the first run emitted after its savepoint, none missing, none new.
 *
 * <p>The input is built to make arrival order matter: four partitions read by two subtasks, merchants
 * whose event time runs ahead of others', payments out of order within the watermark bound, and in
 * every phase payments for windows closed minutes before, so adjustments and their batches are cut
 * differently in each run if anything but the input decides them. Each card pays at one merchant
 * only, so its fraud features see its payments in its partition's order (a card used across
 * partitions is scored in arrival order; see README). The runs end with stop-with-savepoint and
 * drain, which closes every window, so the last lines do not depend on waiting either.
 */
class SettlementReplayITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final int MERCHANTS = 8;
    private static final int PHASES = 3;
    private static final Duration WITHIN = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private final Random random = new Random(17);
    private int sequence;

    @Test
    void replaysFromTwoDifferentSavepointsEmitByteIdenticalSettlementLines() throws Exception {
        PaymentsConfig a = config("replay-a");
        PaymentsConfig b = config("replay-b");
        PaymentsConfig c = config("replay-c");
        KAFKA.broker().createTopics(TestJobs.topics(a), 4);
        KAFKA.broker().createTopics(b.topics().outputs(), 4);
        KAFKA.broker().createTopics(c.topics().outputs(), 4);

        List<List<ObjectNode>> phases = new ArrayList<>();
        for (int phase = 0; phase < PHASES; phase++) {
            phases.add(phase(phase));
        }
        int[] sizes = phases.stream().mapToInt(List::size).toArray();

        // Run A, straight through, with a savepoint after each of the first two phases.
        List<String> savepoints = new ArrayList<>();
        JobClient jobA = TestJobs.start(a, null);
        int read = 0;
        try {
            for (int phase = 0; phase < PHASES; phase++) {
                produce(a, phases.get(phase));
                read += sizes[phase];
                KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), a.topics().scored(), read, WITHIN);
                if (phase < PHASES - 1) {
                    savepoints.add(jobA.triggerSavepoint(dir.resolve("savepoints").toUri().toString(),
                            SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES));
                }
            }
            drain(jobA);
        } finally {
            JobEnd.cancel(jobA, dir);
        }

        // Runs B and C: the same job from each savepoint, each writing to topics of its own.
        runFrom(b, savepoints.get(0), sizes[1] + sizes[2]);
        runFrom(c, savepoints.get(1), sizes[2]);

        Map<String, Line> first = lines(a);
        Map<String, Line> fromFirst = lines(b);
        Map<String, Line> fromSecond = lines(c);
        assertThat(first.values()).as("the input makes adjustments").anyMatch(l -> l.revision > 0);
        assertThat(fromSecond.values()).as("adjustments after the second savepoint").anyMatch(l -> l.revision > 0);
        for (Map<String, Line> replay : List.of(fromFirst, fromSecond)) {
            assertThat(replay).isNotEmpty();
            replay.forEach((id, line) -> {
                assertThat(first).as("run A has %s", id).containsKey(id);
                assertThat(line.key).as("key of %s", id).isEqualTo(first.get(id).key);
                assertThat(line.value).as("%s byte for byte", id).isEqualTo(first.get(id).value);
            });
            assertThat(revisionsBySettlement(replay)).allSatisfy((settlement, revisions) -> {
                List<Integer> all = revisionsBySettlement(first).get(settlement);
                assertThat(revisions).as("%s: the revisions run A emitted from the replay's first on", settlement)
                        .isEqualTo(all.subList(all.indexOf(revisions.get(0)), all.size()));
            });
        }
        assertThat(fromFirst.keySet()).containsAll(fromSecond.keySet());
    }

    private PaymentsConfig config(String name) {
        Map<String, String> settings = TestJobs.withMinuteSettlement(
                TestJobs.settings(name, KAFKA.bootstrapServers(), dir.resolve(name)));
        settings.put("topics.raw", "replay-a.raw");
        settings.put("topics.fraud-rules", "replay-a.fraud-rules");
        return PaymentsConfig.from(settings);
    }

    private void runFrom(PaymentsConfig config, String savepoint, int payments) throws Exception {
        JobClient job = TestJobs.start(config, savepoint);
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().scored(), payments, WITHIN);
            drain(job);
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    /** Stop with a savepoint, advancing event time to its end: every window and batch is published and committed. */
    private void drain(JobClient job) throws Exception {
        job.stopWithSavepoint(true, dir.resolve("final").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        JobEnd.awaitTerminal(job);
    }


    /**
     * Four minutes of payments per phase. Merchants 0 and 1 run 20 s ahead of the others, so their
     * partitions' watermarks lead those of partitions 2 and 3; every payment is up to 3 s out of order (the bound is 5 s); and
     * from the second phase on, one in ten is for a window that closed minutes before.
     */
    private List<ObjectNode> phase(int phase) {
        List<ObjectNode> payments = new ArrayList<>();
        long from = phase * 240_000L;
        for (int i = 0; i < 400; i++) {
            int merchant = random.nextInt(MERCHANTS);
            long t = from + i * 600L - random.nextInt(3_000) + (merchant < 2 ? 20_000 : 0);
            if (phase > 0 && i % 10 == 3) {
                t = random.nextInt((int) from);
            }
            payments.add(payment(merchant, Math.max(0, t)));
        }
        return payments;
    }

    private ObjectNode payment(int merchant, long millisAfterT0) {
        int n = ++sequence;
        int typeDice = random.nextInt(100);
        String type = typeDice < 85 ? "PURCHASE" : typeDice < 95 ? "REFUND" : "CHARGEBACK";
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_id", "pay-replay-" + n).put("merchant_id", "m-" + merchant).put("type", type)
                .put("amount_minor", 1 + random.nextInt(250_000)).put("currency", random.nextBoolean() ? "EUR" : "USD")
                .put("pan", pan(merchant, random.nextInt(20))).put("expiry", "12/29")
                .put("card_country", "DE").put("merchant_country", "DE")
                .put("event_time", T0.plusMillis(millisAfterT0).toString());
        if (!type.equals("PURCHASE")) {
            p.put("original_payment_id", "pay-earlier-" + n);
        }
        return p;
    }

    /** A card of this merchant only. */
    private static String pan(int merchant, int card) {
        String partial = "400000" + String.format("%04d%05d", merchant, card);
        return partial + Luhn.checkDigitFor(partial);
    }

    private static void produce(PaymentsConfig config, List<ObjectNode> payments) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (ObjectNode p : payments) {
                // two merchants per partition, one leading and one not: every partition holds event time
                String merchant = p.get("merchant_id").asText();
                int partition = Integer.parseInt(merchant.substring(2)) % 4;
                producer.send(new ProducerRecord<>(config.topics().raw(), partition, merchant, p.toString()));
            }
        }
    }

    private record Line(int revision, String key, String value) {}

    /** The committed settlement lines by "settlement id#revision"; none may appear twice. */
    private static Map<String, Line> lines(PaymentsConfig config) throws IOException {
        Map<String, Line> lines = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(KAFKA.bootstrapServers(), config.topics().settlements())) {
            JsonNode line = JSON.readTree(r.value());
            String id = line.get("settlement_id").asText() + "#" + line.get("revision").asInt();
            Line previous = lines.put(id, new Line(line.get("revision").asInt(),
                    new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8)));
            assertThat(previous).as("%s in %s once", id, config.topics().settlements()).isNull();
        }
        return lines;
    }

    /** Each settlement id's revisions, ascending. */
    private static Map<String, List<Integer>> revisionsBySettlement(Map<String, Line> lines) {
        Map<String, List<Integer>> revisions = new HashMap<>();
        lines.forEach((id, line) -> revisions.computeIfAbsent(id.substring(0, id.indexOf('#')), k -> new ArrayList<>())
                .add(line.revision));
        revisions.values().forEach(list -> list.sort(Integer::compare));
        return revisions;
    }
}
