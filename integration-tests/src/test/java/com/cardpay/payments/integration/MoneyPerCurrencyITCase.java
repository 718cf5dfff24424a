package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.TopicSchemas;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Money per currency through the whole job on a real broker: the same number of minor units is a
 * large payment in EUR but not in JPY; a settled currency without fraud thresholds is scored with
 * its threshold features off and says so ({@code features_off}); a currency the job does not settle
 * is refused at ingest as {@code CURRENCY_NOT_SETTLED}, and nothing else sees it.
 */
class MoneyPerCurrencyITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void eachPaymentIsJudgedAndSettledInItsOwnCurrency() throws Exception {
        Map<String, String> settings = TestJobs.settings("money-it", KAFKA.bootstrapServers(), dir);
        // SEK is settled (priced) but has no fraud thresholds; NOK is neither
        settings.put("settlement.currencies", "EUR,USD,GBP,CHF,JPY,SEK");
        settings.put("settlement.default-fee-plan", "290bps+0.30EUR/0.30USD/0.20GBP/0.30CHF/50JPY/3.00SEK");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob.fromConfig(config).build(env);
        JobClient job = env.executeAsync(config.jobName());
        try {
            List<ObjectNode> payments = List.of(
                    payment("pay-eur", "m-a", 1, 1_000_000, "EUR"),
                    payment("pay-jpy", "m-b", 2, 1_000_000, "JPY"),
                    payment("pay-sek", "m-c", 3, 900_000_000, "SEK"),
                    payment("pay-nok", "m-d", 4, 1_000, "NOK"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (ObjectNode p : payments) {
                    producer.send(new ProducerRecord<>(config.topics().raw(), p.get("merchant_id").asText(), p.toString()));
                }
            }
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().scored(), 3, Duration.ofMinutes(1));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().dlq(), 1, Duration.ofMinutes(1));

            Map<String, JsonNode> scored = byPaymentId(config.topics().scored());
            assertThat(scored).containsOnlyKeys("pay-eur", "pay-jpy", "pay-sek");
            assertThat(reasonIds(scored.get("pay-eur"))).contains("large-amount");
            assertThat(scored.get("pay-eur").get("features").get("payment.large_amount").asBoolean()).isTrue();
            assertThat(reasonIds(scored.get("pay-jpy"))).doesNotContain("large-amount");
            assertThat(scored.get("pay-jpy").get("features").get("payment.large_amount").asBoolean()).isFalse();
            assertThat(scored.get("pay-jpy").has("features_off")).isFalse();

            JsonNode sek = scored.get("pay-sek");
            assertThat(reasonIds(sek)).doesNotContain("large-amount", "amount-velocity-24h");
            assertThat(sek.get("features_off").get("reason").asText()).isEqualTo("NO_THRESHOLDS_FOR_CURRENCY");
            assertThat(sek.get("features_off").get("currency").asText()).isEqualTo("SEK");
            assertThat(sek.get("features").get("payment.currency_has_thresholds").asBoolean()).isFalse();
            for (JsonNode n : scored.values()) {
                assertThat(TopicSchemas.validate("payments.scored", JSON.writeValueAsBytes(n))).as(n.toString()).isEmpty();
            }

            List<JsonNode> dlq = readCommitted(KAFKA.bootstrapServers(), config.topics().dlq()).stream()
                    .map(MoneyPerCurrencyITCase::json).toList();
            assertThat(dlq).singleElement().satisfies(d -> {
                assertThat(d.get("error_code").asText()).isEqualTo("CURRENCY_NOT_SETTLED");
                assertThat(d.get("payment_id").asText()).isEqualTo("pay-nok");
                assertThat(d.get("error_message").asText()).contains("NOK", "settlement.currencies");
                assertThat(TopicSchemas.validate("payments.dlq", JSON.writeValueAsBytes(d))).isEmpty();
            });
            assertThat(byPaymentId(config.topics().tokenized())).containsOnlyKeys("pay-eur", "pay-jpy", "pay-sek");
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    private static ObjectNode payment(String id, String merchant, long serial, long amountMinor, String currency) {
        String partial = "400000" + String.format("%09d", serial);
        return JSON.createObjectNode().put("payment_id", id).put("merchant_id", merchant).put("type", "PURCHASE")
                .put("amount_minor", amountMinor).put("currency", currency).put("pan", partial + Luhn.checkDigitFor(partial))
                .put("expiry", "12/29").put("card_country", "DE").put("merchant_country", "DE")
                .put("event_time", T0.plusSeconds(serial).toString());
    }

    private static Map<String, JsonNode> byPaymentId(String topic) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(KAFKA.bootstrapServers(), topic)) {
            JsonNode n = json(r);
            assertThat(byId.put(n.get("payment_id").asText(), n)).as("once").isNull();
        }
        return byId;
    }

    private static List<String> reasonIds(JsonNode scored) {
        return scored.get("reasons").findValuesAsText("rule_id");
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
