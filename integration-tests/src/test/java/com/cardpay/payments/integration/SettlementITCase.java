package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.TopicSchemas;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.Reconcile.Outcome;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settlement on a real broker: thousands of payments across merchants and currencies, out of
 * order, with refunds, chargebacks, declines, replays, malformed records and payments that arrive
 * minutes after their window closed. The reconciliation tool, recomputing every line on its own,
 * must find no mismatch, and must find one when given another fee plan.
 */
class SettlementITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String[] CURRENCIES = {"EUR", "USD", "JPY"};

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private final Random random = new Random(5);
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<String> produced = new ArrayList<>();
    private int sequence;

    @Test
    void everySettlementLineReconcilesIncludingLateAdjustments() throws Exception {
        // Event time moves only with the test's own records (clock() below writes to every partition).
        Map<String, String> settings = TestJobs.withMinuteSettlement(TestJobs.settings("settle-it", KAFKA.bootstrapServers(), dir));
        settings.put("settlement.merchant-fee-plans", "m-2=150bps,m-5=0bps+0.10EUR/0.10USD/0.10GBP/0.10CHF/10JPY");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        publishRule(config, """
                {"id":"it-large-decline","version":1,"state":"ACTIVE","reason":"IT_LARGE",
                 "when":{"feature":"payment.amount_minor","op":">=","value":900000},"decision":"DECLINE"}""");

        // Eight minutes of payments, each up to 3 s out of order (the watermark bound is 5 s).
        for (int i = 0; i < 3_000; i++) {
            long t = i * 160L - random.nextInt(3_000);
            ObjectNode p = payment(Math.max(0, t));
            if (i % 50 == 7) {
                pending.add(p.deepCopy()); // an exact replay: settled once
            }
            if (i % 97 == 3) {
                pending.add(p.deepCopy().put("currency", "EURO").put("payment_id", "bad-" + i)); // to the DLQ
            }
        }
        Set<String> firstLines = new TreeSet<>();
        pending.stream().filter(p -> !p.get("payment_id").asText().startsWith("bad-")).forEach(p -> firstLines.add(
                p.get("merchant_id").asText() + p.get("currency").asText()
                        + Instant.parse(p.get("event_time").asText()).toEpochMilli() / 60_000));
        flush(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            // Once event time passes 9:25, every line of minutes 0 to 8 has had its revision 0.
            clock(config, Duration.ofSeconds(570));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().settlements(), firstLines.size(),
                    Duration.ofMinutes(2));
            // Minutes late: every one of these lands in a window already emitted, as an adjustment.
            for (int i = 0; i < 200; i++) {
                payment(random.nextInt(7 * 60_000));
            }
            flush(config);
            clock(config, Duration.ofSeconds(660));

            String[] args = Reconcile.args(settings, "--closed-before", T0.plusSeconds(540).toString());
            Outcome reconciled = Reconcile.untilClean(args, Duration.ofSeconds(90));
            assertThat(reconciled.exitCode()).as(reconciled.output()).isZero();
            assertThat(reconciled.output()).contains("; 0 mismatches").doesNotContain("MISMATCH").doesNotContain("MANUAL");

            List<JsonNode> lines = settlements(config);
            assertThat(lines).allSatisfy(l -> assertThat(TopicSchemas.validate(TopicSchemas.SETTLEMENTS,
                    JSON.writeValueAsBytes(l))).as(l.toString()).isEmpty());
            assertThat(lines).filteredOn(l -> l.get("is_adjustment").asBoolean()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.get("revision").asInt()).isPositive());
            assertThat(lines).filteredOn(l -> l.get("declined_count").asLong() > 0).isNotEmpty();
            Set<String> currencies = new TreeSet<>();
            lines.forEach(l -> currencies.add(l.get("currency").asText()));
            assertThat(currencies).containsExactly("EUR", "JPY", "USD");

            // The same from an archive file of the input instead of the topic.
            Path archive = dir.resolve("payments-raw.jsonl");
            Files.write(archive, produced);
            Outcome fromFile = Reconcile.run(Reconcile.args(settings, "--closed-before", T0.plusSeconds(540).toString(),
                    "--raw-file", archive.toString()));
            assertThat(fromFile.exitCode()).as(fromFile.output()).isZero();
            assertThat(fromFile.output()).contains(produced.size() + " input records", "; 0 mismatches");

            Outcome otherFees = Reconcile.run(Reconcile.args(settings, "--closed-before", T0.plusSeconds(540).toString(),
                    "--settlement.default-fee-plan", "291bps+0.30EUR/0.30USD/0.20GBP/0.30CHF/50JPY"));
            assertThat(otherFees.exitCode()).as("a changed fee plan must be caught").isEqualTo(1);
            assertThat(otherFees.output()).contains("MISMATCH m-0 ", "fees_minor expected");
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    private ObjectNode payment(long millisAfterT0) {
        int n = ++sequence;
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int typeDice = random.nextInt(100);
        String type = typeDice < 85 ? "PURCHASE" : typeDice < 95 ? "REFUND" : "CHARGEBACK";
        long amount = random.nextInt(100) < 3 && type.equals("PURCHASE") ? 900_000 + random.nextInt(100_000)
                : 1 + random.nextInt(250_000);
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_id", "pay-settle-" + n).put("merchant_id", "m-" + random.nextInt(6)).put("type", type)
                .put("amount_minor", amount).put("currency", currency).put("pan", pan(n)).put("expiry", "12/29")
                .put("card_country", "DE").put("merchant_country", "DE")
                .put("event_time", T0.plusMillis(millisAfterT0).toString());
        if (!type.equals("PURCHASE")) {
            p.put("original_payment_id", "pay-earlier-" + n);
        }
        pending.add(p);
        return p;
    }

    /** One payment per merchant at {@code at}: moves event time forward on every partition. */
    private void clock(PaymentsConfig config, Duration at) {
        for (int m = 0; m < 6; m++) {
            payment(at.toMillis()).put("merchant_id", "m-" + m).put("type", "PURCHASE").put("amount_minor", 100);
        }
        flush(config);
    }

    private void flush(PaymentsConfig config) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (ObjectNode p : pending) {
                produced.add(p.toString());
                producer.send(new ProducerRecord<>(config.topics().raw(), p.get("merchant_id").asText(), p.toString()));
            }
        }
        pending.clear();
    }

    private static void publishRule(PaymentsConfig config, String json) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(config.topics().fraudRules(), "it-large-decline", json));
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static List<JsonNode> settlements(PaymentsConfig config) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestSupport.readCommitted(KAFKA.bootstrapServers(),
                config.topics().settlements())) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    /** A Luhn-valid 16-digit test PAN, distinct per serial. */
    private static String pan(long serial) {
        String partial = "400000" + String.format("%09d", serial % 1_000);
        return partial + Luhn.checkDigitFor(partial);
    }
}
