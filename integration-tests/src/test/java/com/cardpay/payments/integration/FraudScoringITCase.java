package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.TopicSchemas;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fraud scoring on a real broker: scenarios with their expected decisions and reasons, a rule update
 * mid-stream, a shadow rule, and a bad rule that is rejected while the job goes on.
 */
class FraudScoringITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private int sequence;
    private final List<ObjectNode> sent = new ArrayList<>();
    private final List<ObjectNode> pending = new ArrayList<>();

    @Test
    void scenariosGetTheirDecisionsAndReasonsAndRulesChangeWhileTheJobRuns() throws Exception {
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("fraud-it", KAFKA.bootstrapServers(), dir));
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            String burstCard = pan("411111", 1);
            for (int i = 0; i < 5; i++) {
                payment("m-velocity", burstCard, 2_500, "PURCHASE", "DE", "DE", i * 3);
            }
            String testedCard = pan("520000", 2);
            for (int i = 0; i < 3; i++) {
                payment("m-shop", testedCard, 100, "PURCHASE", "DE", "DE", i * 60);
            }
            String cardTesting = payment("m-shop", testedCard, 90_000, "PURCHASE", "DE", "DE", 240);
            String mismatch = payment("m-travel", pan("411111", 3), 4_000, "PURCHASE", "US", "DE", 0);
            for (int i = 0; i < 40; i++) {
                payment("m-bakery", pan("400000", 100 + i), 950 + (i % 10) * 10, "PURCHASE", "FR", "FR", i * 30);
            }
            for (int i = 0; i < 10; i++) {
                payment("m-refunds", pan("400000", 600 + i), 5_000, "PURCHASE", "GB", "GB", i * 10);
            }
            String largeBefore = payment("m-big", pan("400000", 700), 1_500_000, "PURCHASE", "NL", "NL", 0);
            flush(config);
            // Payments of one merchant by different cards reach merchant scoring through different
            // card-feature subtasks, so their order there is not guaranteed: build the baselines first.
            awaitScored(config, sent.size());
            String outlier = payment("m-bakery", pan("400000", 500), 250_000, "PURCHASE", "FR", "FR", 1_300);
            List<String> refunds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                refunds.add(payment("m-refunds", pan("400000", 600 + i), 5_000, "REFUND", "GB", "GB", 200 + i * 10));
            }
            flush(config);
            awaitScored(config, sent.size());

            Map<String, JsonNode> scored = scored(config);
            JsonNode lastBurst = scored.get(sent.get(4).get("payment_id").asText());
            assertThat(reasonIds(lastBurst)).contains("velocity-burst", "rapid-repeat");
            assertThat(lastBurst.get("decision").asText()).isEqualTo("REVIEW");
            assertThat(shadowIds(lastBurst)).contains("velocity-burst-3");
            assertThat(scored.get(cardTesting).get("decision").asText()).isEqualTo("DECLINE");
            assertThat(reasonIds(scored.get(cardTesting))).contains("card-testing");
            assertThat(reasonIds(scored.get(mismatch))).containsExactly("country-mismatch");
            assertThat(scored.get(mismatch).get("decision").asText()).isEqualTo("APPROVE");
            assertThat(reasonIds(scored.get(outlier))).contains("merchant-outlier");
            assertThat(scored.get(outlier).get("decision").asText()).isIn("REVIEW", "DECLINE");
            assertThat(refunds.stream().map(scored::get).filter(n -> reasonIds(n).contains("refund-heavy-merchant"))).isNotEmpty();
            assertThat(scored.get(largeBefore).get("decision").asText()).isNotEqualTo("DECLINE");
            String rulesBefore = scored.get(largeBefore).get("rules_version").asText();

            // Mid-stream: an active rule, a shadow rule and a bad rule arrive.
            publishRule(config, "large-amount", """
                    {"id":"large-amount","version":2,"state":"ACTIVE","description":"decline very large purchases",
                     "when":{"feature":"payment.amount_minor","op":">=","value":1000000},"decision":"DECLINE"}""");
            publishRule(config, "nl-watch", """
                    {"id":"nl-watch","version":1,"state":"SHADOW","description":"trial: Dutch cards",
                     "when":{"feature":"payment.card_country","op":"==","value":"NL"},"points":500}""");
            publishRule(config, "broken", """
                    {"id":"broken","version":1,"state":"ACTIVE","when":{"feature":"card.count_2m","op":">","value":1},"points":9}""");
            List<JsonNode> statuses = awaitStatuses(config, 3);
            assertThat(statuses).extracting(s -> s.get("rule_id").asText() + "=" + s.get("status").asText())
                    .containsExactlyInAnyOrder("large-amount=ACCEPTED", "nl-watch=ACCEPTED", "broken=REJECTED");
            assertThat(statuses).filteredOn(s -> s.get("rule_id").asText().equals("broken"))
                    .singleElement().satisfies(s -> assertThat(s.get("message").asText()).contains("card.count_2m"));

            String largeAfter = payment("m-big", pan("400000", 701), 1_500_000, "PURCHASE", "NL", "NL", 60);
            String smallDutch = payment("m-big", pan("400000", 702), 1_000, "PURCHASE", "NL", "NL", 120);
            flush(config);
            awaitScored(config, sent.size());
            scored = scored(config);

            assertThat(scored.get(largeAfter).get("decision").asText()).isEqualTo("DECLINE");
            assertThat(scored.get(largeAfter).get("rules_version").asText()).isNotEqualTo(rulesBefore);
            assertThat(shadowIds(scored.get(smallDutch))).contains("nl-watch");
            assertThat(scored.get(smallDutch).get("decision").asText()).as("a shadow rule changes nothing").isEqualTo("APPROVE");
            assertThat(scored.values()).hasSize(sent.size()).allSatisfy(n ->
                    assertThat(TopicSchemas.validate("payments.scored", JSON.writeValueAsBytes(n))).isEmpty());
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    private String payment(String merchant, String pan, long amountMinor, String type, String cardCountry,
            String merchantCountry, int secondsAfterT0) {
        ObjectNode p = JSON.createObjectNode();
        String id = "pay-fraud-" + (++sequence);
        p.put("payment_id", id).put("merchant_id", merchant).put("type", type).put("amount_minor", amountMinor)
                .put("currency", "EUR").put("pan", pan).put("expiry", "12/29").put("card_country", cardCountry)
                .put("merchant_country", merchantCountry).put("event_time", T0.plusSeconds(secondsAfterT0).toString());
        if (!type.equals("PURCHASE")) {
            p.put("original_payment_id", "pay-earlier-" + sequence);
        }
        sent.add(p);
        pending.add(p);
        return id;
    }

    private void flush(PaymentsConfig config) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (ObjectNode p : pending) {
                producer.send(new ProducerRecord<>(config.topics().raw(), p.get("merchant_id").asText(), p.toString()));
            }
        }
        pending.clear();
    }

    private static void publishRule(PaymentsConfig config, String id, String json) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(config.topics().fraudRules(), id, json));
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static void awaitScored(PaymentsConfig config, int n) throws InterruptedException {
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().scored(), n, Duration.ofMinutes(1));
    }

    private static List<JsonNode> awaitStatuses(PaymentsConfig config, int n) throws InterruptedException {
        KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().fraudRulesStatus(), n, Duration.ofMinutes(1));
        return readCommitted(KAFKA.bootstrapServers(), config.topics().fraudRulesStatus()).stream().map(FraudScoringITCase::json)
                .toList();
    }

    private static Map<String, JsonNode> scored(PaymentsConfig config) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(KAFKA.bootstrapServers(), config.topics().scored())) {
            JsonNode n = json(r);
            assertThat(byId.put(n.get("payment_id").asText(), n)).as("scored once").isNull();
        }
        return byId;
    }

    private static List<String> reasonIds(JsonNode scored) {
        return ids(scored.get("reasons"));
    }

    private static List<String> shadowIds(JsonNode scored) {
        return ids(scored.get("shadow_hits"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("rule_id").asText()));
        return out;
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A Luhn-valid 16-digit test PAN, distinct per serial. */
    private static String pan(String bin, long serial) {
        String partial = bin + String.format("%09d", serial);
        return partial + Luhn.checkDigitFor(partial);
    }
}
