package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.jobs.local.SyntheticPayments.Generated;
import com.cardpay.payments.jobs.local.SyntheticPayments.Kind;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers pre-generated payments at a fixed rate, each stamped with its send time ({@link
 * SentAtHeader}) just before {@code send()}. The rate is kept against the start time, not per
 * tick, so a late tick is caught up and the long-run rate is exact. Sending stops at {@link
 * #measureUntil}; records sent inside [{@link #measureFrom}, {@link #measureUntil}) are counted
 * per variant as the outputs the probe must see.
 */
final class PacedSender extends Thread {
    private final String bootstrap;
    private final String topic;
    private final List<Generated> pool;
    private final int rate;
    private volatile boolean running = true;
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentInWindow = new AtomicLong();
    private final AtomicLong expectedScored = new AtomicLong();
    private final AtomicLong expectedPassthrough = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    PacedSender(String bootstrap, String topic, List<Generated> pool, int rate) {
        super("bench-paced-sender");
        setDaemon(true);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pool = pool;
        this.rate = rate;
    }

    void measure(long fromNanos, long untilNanos) {
        measureFrom = fromNanos;
        measureUntil = untilNanos;
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
                if (now >= measureUntil) {
                    break;
                }
                long due = (now - start) * rate / 1_000_000_000L;
                for (; count < due && running; count++) {
                    // Past the pool's end the records repeat: the job drops them as exact replays.
                    boolean repeat = count >= pool.size();
                    Generated g = pool.get((int) (count % pool.size()));
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                    record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                    long sentAt = System.nanoTime();
                    record.headers().add(SentAtHeader.NAME, SentAtHeader.encode(sentAt));
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    sent.incrementAndGet();
                    if (sentAt >= measureFrom && sentAt < measureUntil) {
                        sentInWindow.incrementAndGet();
                        if (!repeat && (g.kind() == Kind.VALID || g.kind() == Kind.LATE)) {
                            expectedScored.incrementAndGet();
                        }
                        if (g.expectedRejection() != RejectionCode.INVALID_JSON) {
                            expectedPassthrough.incrementAndGet();
                        }
                    }
                }
                LockSupport.parkNanos(200_000);
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    void shutdown() throws InterruptedException {
        running = false;
        join(10_000);
    }

    long sent() {
        return sent.get();
    }

    long sentInWindow() {
        return sentInWindow.get();
    }

    long expected(Variant variant) {
        return variant == Variant.PIPELINE ? expectedScored.get() : expectedPassthrough.get();
    }

    Exception failure() {
        return failure.get();
    }
}
