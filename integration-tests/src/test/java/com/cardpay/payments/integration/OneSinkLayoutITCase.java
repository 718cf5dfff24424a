package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single-sink layout the benchmark measures against the production one (README, "One sink or
 * one per stage") writes the same records to the same topics: both layouts run over the same input,
 * each into topics of its own, and every output topic ends up with the same keys, and settlements
 * with the same bytes. So the benchmark compares two correct jobs.
 */
class OneSinkLayoutITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void everyOutputTopicGetsTheSameRecordsAsWithOneSinkPerStage() throws Exception {
        PaymentsConfig perStage = config("layout-per-stage");
        PaymentsConfig oneSink = config("layout-one-sink");
        KAFKA.broker().createTopics(TestJobs.topics(perStage), 3);
        KAFKA.broker().createTopics(oneSink.topics().outputs(), 3);
        SyntheticPayments generator = new SyntheticPayments(7, 0.10, 0.10, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> input = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            input.add(generator.next());
        }
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), perStage.topics().raw(), input);

        run(PaymentsJob.fromConfig(perStage, LocalKeyProvider.factory(), Map.of()), perStage);
        run(PaymentsJob.withOneKafkaSinkForAllOutputs(oneSink, LocalKeyProvider.factory(), Map.of()), oneSink);

        assertThat(paymentIds(oneSink.topics().tokenized())).isNotEmpty().doesNotHaveDuplicates()
                .isEqualTo(paymentIds(perStage.topics().tokenized()));
        assertThat(paymentIds(oneSink.topics().scored())).isEqualTo(paymentIds(perStage.topics().tokenized()));
        assertThat(keys(oneSink.topics().vault())).isNotEmpty().isEqualTo(keys(perStage.topics().vault()));
        assertThat(keys(oneSink.topics().scored())).isNotEmpty().isEqualTo(keys(perStage.topics().scored()));
        assertThat(keys(oneSink.topics().dlq())).isNotEmpty().isEqualTo(keys(perStage.topics().dlq()));
        assertThat(values(oneSink.topics().settlements())).isNotEmpty().isEqualTo(values(perStage.topics().settlements()));
    }

    private PaymentsConfig config(String name) {
        Map<String, String> settings = TestJobs.settings(name, KAFKA.bootstrapServers(), dir.resolve(name));
        settings.put("topics.raw", "layout-per-stage.raw");
        settings.put("topics.fraud-rules", "layout-per-stage.fraud-rules");
        settings.put("source.bounded", "true");
        return PaymentsConfig.from(settings);
    }

    private static void run(PaymentsJob job, PaymentsConfig config) throws Exception {
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        job.build(env);
        env.execute(config.jobName());
    }

    private static List<String> paymentIds(String topic) {
        return readCommitted(KAFKA.bootstrapServers(), topic).stream()
                .map(r -> KafkaTestSupport.jsonField(r, "payment_id")).sorted().toList();
    }

    /** The record keys of a topic, sorted. */
    private static List<String> keys(String topic) {
        return readCommitted(KAFKA.bootstrapServers(), topic).stream()
                .map(r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).sorted().toList();
    }

    private static List<String> values(String topic) {
        return readCommitted(KAFKA.bootstrapServers(), topic).stream()
                .map(ConsumerRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).sorted().toList();
    }
}
