package com.cardpay.payments.jobs.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends synthetic payments to {@code payments.raw} at a steady rate until stopped. */
final class PaymentGeneratorThread extends Thread {
    private final String bootstrap;
    private final String topic;
    private final int ratePerSecond;
    private final SyntheticPayments payments;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<SyntheticPayments.Kind, Long> sent = new EnumMap<>(SyntheticPayments.Kind.class);

    PaymentGeneratorThread(String bootstrap, String topic, int ratePerSecond, double malformedShare, double replayShare) {
        super("payment-generator");
        setDaemon(true);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.ratePerSecond = ratePerSecond;
        // Event time keeps step with the wall clock: one payment every 1 s / rate.
        this.payments = new SyntheticPayments(System.nanoTime(), malformedShare, replayShare, Instant.now())
                .spacedBy(Duration.ofNanos(1_000_000_000L / ratePerSecond));
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long startNanos = System.nanoTime();
            long count = 0;
            while (running.get()) {
                long due = (System.nanoTime() - startNanos) * ratePerSecond / 1_000_000_000L;
                for (; count < due && running.get(); count++) {
                    SyntheticPayments.Generated g = payments.next();
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                    record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                    synchronized (sent) {
                        sent.merge(g.kind(), 1L, Long::sum);
                    }
                }
                Thread.sleep(20);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void shutdown() throws InterruptedException {
        running.set(false);
        join(10_000);
    }

    Map<SyntheticPayments.Kind, Long> sent() {
        synchronized (sent) {
            return new EnumMap<>(sent);
        }
    }
}
