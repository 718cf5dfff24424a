package com.cardpay.payments.local;

import com.cardpay.payments.local.SyntheticPayments.Generated;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends payments to a topic at a fixed rate until stopped: the local run's generator and the
 * benchmark's load both use it. The rate is kept against the start time, not per tick, so a late
 * tick is caught up and the long-run rate is exact. Each payment carries its {@code traceparent}.
 */
public final class PacedPaymentSender extends Thread {

    /** The payment to send as the {@code index}-th record. */
    public interface Payments {
        Generated payment(long index);
    }

    /** Called just before each send, on the sender's thread: may add headers, counts what is sent. */
    public interface BeforeSend {
        void sending(ProducerRecord<byte[], byte[]> record, Generated payment, long index, long nowNanos);
    }

    // 0.2 ms between ticks: sends stay evenly spread at 20,000/s, which the latency benchmark needs
    // (a coarser tick would batch them and add its length to every latency); idle cost is negligible.
    private static final long TICK_NANOS = 200_000;

    private final String bootstrap;
    private final String topic;
    private final int ratePerSecond;
    private final Payments payments;
    private final BeforeSend beforeSend;
    private volatile boolean running = true;
    private volatile long stopAtNanos = Long.MAX_VALUE;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public PacedPaymentSender(String name, String bootstrap, String topic, int ratePerSecond, Payments payments,
            BeforeSend beforeSend) {
        super(name);
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        setDaemon(true);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.ratePerSecond = ratePerSecond;
        this.payments = payments;
        this.beforeSend = beforeSend;
    }

    /** No record is sent at or after this {@link System#nanoTime()}. */
    public void stopAt(long nanos) {
        stopAtNanos = nanos;
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long start = System.nanoTime();
            long count = 0;
            while (running) {
                long now = System.nanoTime();
                if (now >= stopAtNanos) {
                    break;
                }
                long due = (now - start) * ratePerSecond / 1_000_000_000L;
                for (; count < due && running; count++) {
                    Generated g = payments.payment(count);
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                    record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                    beforeSend.sending(record, g, count, System.nanoTime());
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    sent.incrementAndGet();
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    public void shutdown() throws InterruptedException {
        running = false;
        join(10_000);
    }

    public long sent() {
        return sent.get();
    }

    /** The first send that failed, or null. */
    public Exception failure() {
        return failure.get();
    }
}
