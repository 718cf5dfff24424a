package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static KafkaSource<?> source(boolean bounded) {
        return PaymentsKafka.rawPaymentsSource("localhost:9092", "payments.raw", "payments-job", StartingOffsets.COMMITTED,
                Map.of(), PaymentsKafka.deserializer(LocalKeyProvider.factory(), Duration.ofMinutes(5)), bounded);
    }
}
