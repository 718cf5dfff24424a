package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.kafka.TransactionalIdGuard;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.jobs.PaymentsJobMain;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The start-up guard against two jobs sharing transactional ids, against a real broker: an open
 * transaction under the job's prefix (as a running job always has) refuses the start, naming the
 * keys; another prefix, a committed transaction, or one begun longer ago than the window does not.
 */
class TransactionalIdGuardTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void aJobWhosePrefixARunningJobUsesIsRefusedNamingTheKeys(@TempDir Path checkpoints) throws Exception {
        Map<String, String> settings = TestJobs.settings("guard-it", KAFKA.bootstrapServers(), checkpoints);
        settings.put("deployment.environment", "prod");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(List.of("guard-it.out"), 1);
        assertThat(config.transactionalIdPrefix()).isEqualTo("guard-it.prod");

        PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(config);   // nothing open yet

        try (KafkaProducer<byte[], byte[]> running = openTransaction(config.transactionalIdPrefix("tokenized-vault") + "-0-7");
                KafkaProducer<byte[], byte[]> other = openTransaction("guard-it.staging-tokenized-vault-0-7")) {
            assertThatThrownBy(() -> PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(config)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("job.name, deployment.environment: a running job already writes with the "
                            + "transactional ids guard-it.prod-*")
                    .hasMessageContaining("guard-it.prod-tokenized-vault-0-7")
                    .hasMessageNotContaining("staging");

            settings.put("deployment.environment", "replay");   // the same config, another environment: fine
            PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(PaymentsConfig.from(settings));

            // a transaction begun before the window: left behind by a crashed job, not a running one
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
            assertThat(TransactionalIdGuard.recentlyActive(KAFKA.bootstrapServers(), Map.of(), List.of("guard-it.prod-tokenized-vault"),
                    Duration.ofMinutes(1), later)).isEmpty();
            assertThat(TransactionalIdGuard.recentlyActive(KAFKA.bootstrapServers(), Map.of(), List.of("guard-it.prod-tokenized-vault"),
                    Duration.ofMinutes(1), Clock.fixed(Instant.now(), ZoneOffset.UTC)))
                    .containsExactly("guard-it.prod-tokenized-vault-0-7");

            running.commitTransaction();
            PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(config);   // committed: nothing open under the prefix
        }
    }

    /**
     * Environments may hold '-': prod-eu's sinks write as guard-it.prod-eu-tokenized-vault-*, which
     * starts with guard-it.prod-. Those are not prod's ids, and prod must still start.
     */
    @Test
    void anotherEnvironmentWhoseNameExtendsOursIsNotUs(@TempDir Path checkpoints) throws Exception {
        Map<String, String> settings = TestJobs.settings("guard-it2", KAFKA.bootstrapServers(), checkpoints);
        settings.put("deployment.environment", "prod");
        PaymentsConfig prod = PaymentsConfig.from(settings);
        settings.put("deployment.environment", "prod-eu");
        PaymentsConfig prodEu = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(List.of("guard-it.out"), 1);

        try (KafkaProducer<byte[], byte[]> running = openTransaction(prodEu.transactionalIdPrefix("tokenized-vault") + "-0-7")) {
            assertThatThrownBy(() -> PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(prodEu))
                    .isInstanceOf(ConfigException.class);
            PaymentsJobMain.refuseIfAnotherJobUsesOurTransactionalIds(prod);
            running.abortTransaction();
        }
    }

    private static KafkaProducer<byte[], byte[]> openTransaction(String transactionalId) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("guard-it.out", new byte[] {1}));
        producer.flush();
        return producer;
    }
}
