package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.contracts.rules.FraudRulesTopic;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedTopic;
import com.cardpay.payments.connectors.kafka.PaymentsKafka.StartingOffsets;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

class PaymentsKafkaTest {

    @Test
    void committedOffsetsFallBackToEarliestSoNothingIsSkippedOnFirstStart() {
        OffsetsInitializer committed = StartingOffsets.COMMITTED.initializer();

        assertThat(committed.getAutoOffsetResetStrategy()).isEqualTo(OffsetResetStrategy.EARLIEST);
    }

    @Test
    void theSourceRunsForeverUnlessAskedToStopAtTheLatestOffsets() {
        KafkaSource<?> unbounded = source(false);
        KafkaSource<?> bounded = source(true);

        assertThat(unbounded.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(bounded.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void clientPropertiesCannotOverrideWhatExactlyOnceRestsOn() {
        for (String owned : PaymentsKafka.OWNED_PROPERTIES) {
            Map<String, String> props = Map.of(owned, "x");
            assertThatThrownBy(() -> PaymentsKafka.rawPaymentsSource("localhost:9092", "payments.raw", "payments-job",
                    StartingOffsets.COMMITTED, props, RawTopic.deserializer(LocalKeyProvider.factory(), Duration.ofMinutes(5)),
                    false)).as(owned).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(owned);
            assertThatThrownBy(() -> PaymentsKafka.exactlyOnceSink("localhost:9092", "payments-job-tokenized",
                    Duration.ofMinutes(5), props, TokenizedTopic.serializer("payments.tokenized")))
                    .as(owned).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(owned);
        }
        assertThat(PaymentsKafka.fraudRulesSource("localhost:9092", "payments.fraud-rules", "payments-job",
                Map.of("security.protocol", "SSL"), FraudRulesTopic.deserializer(), false)).as("adding settings is fine").isNotNull();
    }

    @Test
    void missingOrNonsensicalArgumentsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> PaymentsKafka.fraudRulesSource(" ", "payments.fraud-rules", "payments-job", Map.of(),
                FraudRulesTopic.deserializer(), false))
                .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> PaymentsKafka.exactlyOnceSink("localhost:9092", "payments-job-tokenized", Duration.ZERO,
                Map.of(), TokenizedTopic.serializer("payments.tokenized"))).hasMessageContaining("transactionTimeout");
        assertThatThrownBy(() -> PaymentsKafka.rawPaymentsSource("localhost:9092", "payments.raw", "payments-job",
                StartingOffsets.COMMITTED, Map.of(), null, false)).hasMessageContaining("deserializer");
    }

    private static KafkaSource<?> source(boolean bounded) {
        return PaymentsKafka.rawPaymentsSource("localhost:9092", "payments.raw", "payments-job", StartingOffsets.COMMITTED,
                Map.of(), RawTopic.deserializer(LocalKeyProvider.factory(), Duration.ofMinutes(5)), bounded);
    }
}
