package com.cardpay.payments.integration.faults;

import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault run's input, with its ground truth: {@code total} synthetic payments (valid, exact and
 * conflicting replays, every kind of malformed record, late ones) sent at a steady rate, never past
 * what the fault driver allows ({@link #allowUpTo}), so that every fault meets payments in flight
 * however slowly the machine recovers. Then a closing payment per merchant far ahead in event time,
 * which moves the watermark of every partition past every window of the run. Event time comes from
 * the records alone (starting at {@link #T0}, 10 ms apart), never from the wall clock.
 */
public final class PaymentLoad extends Thread {
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final int MERCHANTS = 20; // SyntheticPayments' m-000 .. m-019

    private final SyntheticPayments generator;
    private final String bootstrap;
    private final String topic;
    private final long total;
    private final long nanosPerPayment;
    private final Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong allowed = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public PaymentLoad(long seed, long total, int ratePerSecond, String bootstrap, String topic) {
        super("payment-load");
        setDaemon(true);
        this.generator = new SyntheticPayments(seed, 0.03, 0.05, 0.02, T0);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.total = total;
        this.nanosPerPayment = 1_000_000_000L / ratePerSecond;
        allowed.set(total);
    }

    /** The sender stops at {@code limit} payments sent until allowed further. */
    public void allowUpTo(long limit) {
        allowed.set(Math.min(limit, total));
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // Paced against the last start (or resume): a late wake-up sends what is due at once.
            long base = System.nanoTime();
            long baseCount = 0;
            for (long i = 0; i < total; ) {
                if (i >= allowed.get()) {
                    LockSupport.parkNanos(1_000_000);
                    base = System.nanoTime(); // no burst to catch up after a pause
                    baseCount = i;
                    continue;
                }
                if (i >= baseCount + (System.nanoTime() - base) / nanosPerPayment) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                Generated g = generator.next();
                kinds.merge(g.kind(), 1L, Long::sum);
                send(producer, g.key(), g.value(), g.traceparent());
                sent.incrementAndGet();
                i++;
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * Sends one valid purchase per merchant, an hour of event time after the run's last payment,
     * once the run's payments are all sent, and checks that they reach every partition.
     *
     * @return the event time of the closing payments
     */
    public Instant close(int partitions) throws InterruptedException {
        join();
        if (failure.get() != null) {
            throw new IllegalStateException("sending the payments failed", failure.get());
        }
        Instant at = T0.plus(SyntheticPayments.DEFAULT_SPACING.multipliedBy(total)).plus(Duration.ofHours(1));
        Set<Integer> reached = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int m = 0; m < MERCHANTS; m++) {
                String merchant = String.format("m-%03d", m);
                byte[] key = merchant.getBytes(StandardCharsets.UTF_8);
                reached.add(Utils.toPositive(Utils.murmur2(key)) % partitions);
                String partial = "4000" + String.format("%011d", m);
                String json = "{\"payment_id\":\"closing-" + m + "\",\"merchant_id\":\"" + merchant + "\",\"type\":\"PURCHASE\","
                        + "\"amount_minor\":100,\"currency\":\"EUR\",\"pan\":\"" + partial + Luhn.checkDigitFor(partial)
                        + "\",\"expiry\":\"12/29\",\"card_country\":\"DE\",\"merchant_country\":\"DE\",\"event_time\":\"" + at + "\"}";
                send(producer, key, json.getBytes(StandardCharsets.UTF_8), null);
                kinds.merge(Kind.VALID, 1L, Long::sum);
            }
            producer.flush();
        }
        if (reached.size() != partitions) {
            throw new IllegalStateException("the closing payments reach partitions " + reached + " of " + partitions);
        }
        return at;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value, String traceparent) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Idempotent, and patient enough to wait out a broker restart: the input is never doubled or lost. */
    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public long sent() {
        if (failure.get() != null) {
            throw new IllegalStateException("sending the payments failed", failure.get());
        }
        return sent.get();
    }

    public long total() {
        return total;
    }

    /** Records sent so far (closing payments included once sent), by kind. Read after {@link #close}. */
    public Map<Kind, Long> kinds() {
        return Map.copyOf(kinds);
    }

    /** Payments the job must write once to tokenized, vault and scored: valid and late ones. */
    public long payments() {
        return kinds.getOrDefault(Kind.VALID, 0L) + kinds.getOrDefault(Kind.LATE, 0L);
    }

    /** Records the job must dead-letter once: malformed records and conflicting replays. */
    public long deadLetters() {
        return kinds.getOrDefault(Kind.MALFORMED, 0L) + kinds.getOrDefault(Kind.CONFLICTING_REPLAY, 0L);
    }

    /** Every record sent, closing payments included. */
    public long records() {
        return kinds.values().stream().mapToLong(Long::longValue).sum();
    }
}
