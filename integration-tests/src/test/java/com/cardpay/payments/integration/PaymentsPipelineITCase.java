package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.TopicSchemas;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.cardpay.payments.integration.testutils.CardDataScanner;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole job on a real broker: a few thousand records with every kind of malformed record and
 * replays go in; every output topic is read {@code read_committed} and checked for exact counts,
 * DLQ codes, contracts, headers and card data.
 */
class PaymentsPipelineITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 3000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void acceptsValidPaymentsOnceRejectsTheRestWithTheirCodesAndLeaksNoCardNumber(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(withBounded(TestJobs.settings("pipeline-it", KAFKA.bootstrapServers(), checkpoints)));
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);
        SyntheticPayments generator = new SyntheticPayments(42, 0.10, 0.10, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            input.add(generator.next());
        }
        input.add(unsettledCurrency(generator));
        // An upstream producer's aborted transaction comes first: the source reads read_committed.
        SyntheticPayments abortedGenerator = new SyntheticPayments(99, 0, 0, Instant.parse("2026-11-24T09:00:00Z"));
        List<Generated> aborted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            aborted.add(abortedGenerator.next());
        }
        KafkaTestSupport.produceAndAbort(KAFKA.bootstrapServers(), config.topics().raw(), aborted);
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), input);

        // A bad record must never fail the job: with restarts off, any task failure fails this test.
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        PaymentsJob.fromConfig(config).build(env);
        env.execute(config.jobName());

        List<ConsumerRecord<byte[], byte[]>> tokenized = readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized());
        List<ConsumerRecord<byte[], byte[]>> vault = readCommitted(KAFKA.bootstrapServers(), config.topics().vault());
        List<ConsumerRecord<byte[], byte[]>> dlq = readCommitted(KAFKA.bootstrapServers(), config.topics().dlq());

        Map<String, Generated> valid = input.stream().filter(g -> g.kind() == Kind.VALID)
                .collect(Collectors.toMap(Generated::paymentId, g -> g));
        assertThat(input).anyMatch(g -> g.kind() == Kind.EXACT_REPLAY).anyMatch(g -> g.kind() == Kind.CONFLICTING_REPLAY);

        // Exactly the valid payments, each once.
        List<String> tokenizedIds = tokenized.stream().map(r -> field(r, "payment_id")).toList();
        assertThat(tokenizedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(valid.keySet());
        assertThat(vault).hasSize(valid.size());

        // Every malformed record and every conflicting replay, with its own code.
        Map<RejectionCode, Long> expectedCodes = new EnumMap<>(RejectionCode.class);
        input.stream().filter(g -> g.expectedRejection() != null)
                .forEach(g -> expectedCodes.merge(g.expectedRejection(), 1L, Long::sum));
        Map<RejectionCode, Long> actualCodes = new EnumMap<>(RejectionCode.class);
        dlq.forEach(r -> actualCodes.merge(RejectionCode.valueOf(field(r, "error_code")), 1L, Long::sum));
        assertThat(actualCodes).isEqualTo(expectedCodes);
        assertThat(expectedCodes.keySet()).hasSize((int) Stream.of(RejectionCode.values()).filter(RejectionCode::fromIngest).count());

        assertContracts(config, tokenized, vault, dlq);
        assertKeysAndHeaders(input, tokenized, dlq);
        assertNoCardNumberInClear(tokenized, vault, dlq);
        assertVaultOpensToTheRightCard(vault, tokenized, valid);
    }

    private static Map<String, String> withBounded(Map<String, String> settings) {
        settings.put("source.bounded", "true");
        return settings;
    }

    private static void assertContracts(PaymentsConfig config, List<ConsumerRecord<byte[], byte[]>> tokenized,
            List<ConsumerRecord<byte[], byte[]>> vault, List<ConsumerRecord<byte[], byte[]>> dlq) {
        for (ConsumerRecord<byte[], byte[]> r : tokenized) {
            assertThat(TopicSchemas.validate("payments.tokenized", r.value())).as(text(r.value())).isEmpty();
        }
        for (ConsumerRecord<byte[], byte[]> r : vault) {
            assertThat(TopicSchemas.validate("payments.vault", r.value())).as(text(r.value())).isEmpty();
        }
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            assertThat(TopicSchemas.validate("payments.dlq", r.value())).as(text(r.value())).isEmpty();
        }
    }

    private static void assertKeysAndHeaders(List<Generated> input, List<ConsumerRecord<byte[], byte[]>> tokenized,
            List<ConsumerRecord<byte[], byte[]>> dlq) {
        Map<String, Set<String>> traceparents = new HashMap<>();
        input.forEach(g -> traceparents.computeIfAbsent(g.paymentId(), k -> new LinkedHashSet<>()).add(g.traceparent()));
        for (ConsumerRecord<byte[], byte[]> r : tokenized) {
            assertThat(text(r.key())).isEqualTo(field(r, "merchant_id"));
            assertThat(traceparents.get(field(r, "payment_id"))).contains(text(r.headers().lastHeader("traceparent").value()));
        }
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            assertThat(r.headers().lastHeader("traceparent")).isNotNull();
            JsonNode merchant = json(r).get("merchant_id");
            assertThat(text(r.key())).isEqualTo(merchant == null ? "" : merchant.asText());
        }
    }

    private static void assertNoCardNumberInClear(List<ConsumerRecord<byte[], byte[]>> tokenized,
            List<ConsumerRecord<byte[], byte[]>> vault, List<ConsumerRecord<byte[], byte[]>> dlq) {
        assertThat(CardDataScanner.luhnValidRuns("card 4111111111111111 here")).as("the scanner itself works").hasSize(1);
        List<String> leaks = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(tokenized);
        all.addAll(dlq);
        for (ConsumerRecord<byte[], byte[]> r : all) {
            leaks.addAll(CardDataScanner.luhnValidRuns(text(r.key()) + " " + text(r.value())));
            for (Header h : r.headers()) {
                // traceparent is hex by the W3C spec and copied unchanged from the source.
                if (!h.key().equals("traceparent")) {
                    leaks.addAll(CardDataScanner.luhnValidRuns(text(h.value())));
                }
            }
        }
        for (ConsumerRecord<byte[], byte[]> r : vault) {
            JsonNode value = json(r);
            ((com.fasterxml.jackson.databind.node.ObjectNode) value).remove(List.of("ciphertext", "iv", "wrapped_data_key"));
            leaks.addAll(CardDataScanner.luhnValidRuns(text(r.key()) + " " + value));
        }
        assertThat(leaks).isEmpty();
        assertThat(dlq).allSatisfy(r -> assertThat(text(r.value())).doesNotContainPattern("[0-9]{12,}"));
    }

    private static void assertVaultOpensToTheRightCard(List<ConsumerRecord<byte[], byte[]>> vault,
            List<ConsumerRecord<byte[], byte[]>> tokenized, Map<String, Generated> valid) throws Exception {
        Map<String, String> panByToken = new HashMap<>();
        tokenized.forEach(r -> panByToken.put(field(r, "card_token"), valid.get(field(r, "payment_id")).pan()));
        try (LocalKeyProvider keys = new LocalKeyProvider()) {
            for (ConsumerRecord<byte[], byte[]> r : vault) {
                JsonNode v = json(r);
                VaultRecord record = new VaultRecord(v.get("card_token").asText(), v.get("token_key_version").asInt(),
                        v.get("algorithm").asText(), v.get("iv").asText(), v.get("ciphertext").asText(),
                        v.get("wrapped_data_key").asText(), v.get("data_key_version").asInt(),
                        v.get("key_provider").asText(), MessageHeaders.EMPTY);
                assertThat(text(r.key())).isEqualTo(record.cardToken());
                assertThat(CardTokenizer.open(record, keys).pan()).isEqualTo(panByToken.get(record.cardToken()));
            }
        }
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            throw new AssertionError("output is not JSON: " + text(r.value()), e);
        }
    }

    /**
     * A valid payment in SEK, which the default settlement.currencies does not settle: the one
     * ingest code the generator does not make (it is about configuration, not the record).
     */
    private static Generated unsettledCurrency(SyntheticPayments generator) throws IOException {
        Generated valid;
        do {
            valid = generator.next();
        } while (valid.kind() != Kind.VALID);
        ObjectNode p = (ObjectNode) JSON.readTree(valid.value());
        p.put("payment_id", "pay-sek-" + p.get("payment_id").asText()).put("currency", "SEK");
        return new Generated(p.get("payment_id").asText(), valid.key(), JSON.writeValueAsBytes(p), valid.traceparent(),
                Kind.MALFORMED, RejectionCode.CURRENCY_NOT_SETTLED, valid.pan());
    }

    private static String field(ConsumerRecord<byte[], byte[]> r, String name) {
        JsonNode node = json(r).get(name);
        assertThat(node).as("%s in %s", name, text(r.value())).isNotNull();
        return node.asText();
    }
}
