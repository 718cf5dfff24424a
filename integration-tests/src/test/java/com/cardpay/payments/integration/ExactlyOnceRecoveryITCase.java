package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentDeserializer;
import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.kafka.PaymentsKafka;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.FailOnceDeserializer;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exactly-once across a failure: the job fails once, on purpose, after a checkpoint has completed
 * and while records are in flight, restarts from that checkpoint, and the committed outputs hold
 * every payment exactly once.
 */
class ExactlyOnceRecoveryITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void failureAfterACompletedCheckpointLosesAndDuplicatesNothing(@TempDir Path checkpoints) throws Exception {
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("recovery-it", KAFKA.bootstrapServers(), checkpoints));
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);
        SyntheticPayments generator = new SyntheticPayments(7, 0.05, 0.05, Instant.parse("2026-11-24T10:00:00Z"));
        List<Generated> before = generator.next(4000);
        List<Generated> after = generator.next(4000);
        String poison = after.stream().filter(g -> g.kind() == Kind.VALID).findFirst().orElseThrow().paymentId();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        RawPaymentDeserializer real = RawTopic.deserializer(LocalKeyProvider.factory(), config.maxEventTimeAhead());
        FailOnceDeserializer<IngestOutcome> failOnce = FailOnceDeserializer.failingOnceOn(poison, real);
        PaymentsJob.withKafkaSinks(config, PaymentsKafka.rawPaymentsSource(config.bootstrapServers(), config.topics().raw(),
                config.consumerGroup(), config.startingOffsets(), Map.of(), failOnce, false), Map.of())
                .build(env);

        KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), before);
        JobClient job = env.executeAsync(config.jobName());
        try {
            // Something committed means a checkpoint completed; only then send the record that fails the job.
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), 1, Duration.ofMinutes(2));
            KafkaTestSupport.produce(KAFKA.bootstrapServers(), config.topics().raw(), after);

            Set<String> expected = new java.util.HashSet<>();
            before.stream().filter(g -> g.kind() == Kind.VALID).forEach(g -> expected.add(g.paymentId()));
            after.stream().filter(g -> g.kind() == Kind.VALID).forEach(g -> expected.add(g.paymentId()));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), expected.size(), Duration.ofMinutes(2));
            // A few more checkpoints: anything replayed twice would be committed by now.
            Thread.sleep(2_000);

            List<ConsumerRecord<byte[], byte[]>> tokenized = readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized());
            List<String> ids = tokenized.stream().map(r -> jsonField(r, "payment_id")).collect(Collectors.toList());
            assertThat(failOnce.failures()).as("the job failed once, on purpose").isEqualTo(1);
            assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            List<ConsumerRecord<byte[], byte[]>> vault = readCommitted(KAFKA.bootstrapServers(), config.topics().vault());
            assertThat(vault).hasSize(expected.size());
            // the two topics agree after the failure: every token has its vault entry (keyed by token)
            assertThat(vault.stream().map(r -> text(r.key())).collect(Collectors.toSet()))
                    .containsAll(tokenized.stream().map(r -> jsonField(r, "card_token")).collect(Collectors.toSet()));
            long rejected = before.stream().filter(g -> g.expectedRejection() != null).count()
                    + after.stream().filter(g -> g.expectedRejection() != null).count();
            assertThat(readCommitted(KAFKA.bootstrapServers(), config.topics().dlq())).hasSize((int) rejected);
        } finally {
            JobEnd.cancel(job, checkpoints);
        }
    }


}
