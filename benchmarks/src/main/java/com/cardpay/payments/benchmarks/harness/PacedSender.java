package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.local.PacedPaymentSender;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers pre-generated payments at a fixed rate ({@link PacedPaymentSender}), each stamped with its
 * send time ({@link SentAtHeader}) just before {@code send()}. Sending stops at the end of the
 * measured window; records sent inside [from, until) are counted per variant as the outputs the
 * probe must see.
 */
final class PacedSender {
    private final PacedPaymentSender sender;
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;
    private final AtomicLong sentInWindow = new AtomicLong();
    private final AtomicLong expectedScored = new AtomicLong();
    private final AtomicLong expectedPassthrough = new AtomicLong();

    PacedSender(String bootstrap, String topic, List<Generated> pool, int rate) {
        // Past the pool's end the records repeat: the job drops them as exact replays.
        this.sender = new PacedPaymentSender("bench-paced-sender", bootstrap, topic, rate,
                index -> pool.get((int) (index % pool.size())),
                (record, payment, index, now) -> stampAndCount(record, payment, index >= pool.size(), now));
    }

    private void stampAndCount(ProducerRecord<byte[], byte[]> record, Generated g, boolean repeat, long sentAt) {
        record.headers().add(SentAtHeader.NAME, SentAtHeader.encode(sentAt));
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

    void start() {
        sender.start();
    }

    void measure(long fromNanos, long untilNanos) {
        measureFrom = fromNanos;
        measureUntil = untilNanos;
        sender.stopAt(untilNanos);
    }

    void join(long millis) throws InterruptedException {
        sender.join(millis);
    }

    void shutdown() throws InterruptedException {
        sender.shutdown();
    }

    long sent() {
        return sender.sent();
    }

    long sentInWindow() {
        return sentInWindow.get();
    }

    long expected(Variant variant) {
        return variant.isPipeline() ? expectedScored.get() : expectedPassthrough.get();
    }

    Exception failure() {
        return sender.failure();
    }
}
