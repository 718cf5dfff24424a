package com.cardpay.payments.local;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Sends synthetic payments to {@code payments.raw} at a steady rate until stopped, counting each kind. */
final class PaymentGenerator {
    private final PacedPaymentSender sender;
    private final Map<SyntheticPayments.Kind, Long> sent = new EnumMap<>(SyntheticPayments.Kind.class);

    PaymentGenerator(String bootstrap, String topic, int ratePerSecond, double malformedShare, double replayShare) {
        // Event time keeps step with the wall clock: one payment every 1 s / rate.
        SyntheticPayments payments = new SyntheticPayments(System.nanoTime(), malformedShare, replayShare, Instant.now())
                .spacedBy(Duration.ofNanos(1_000_000_000L / ratePerSecond));
        this.sender = new PacedPaymentSender("payment-generator", bootstrap, topic, ratePerSecond,
                index -> payments.next(), (record, payment, index, now) -> {
                    synchronized (sent) {
                        sent.merge(payment.kind(), 1L, Long::sum);
                    }
                });
    }

    void start() {
        sender.start();
    }

    void shutdown() throws InterruptedException {
        sender.shutdown();
    }

    /** The first send that failed, or null: the counts are of payments handed to the producer. */
    Exception failure() {
        return sender.failure();
    }

    Map<SyntheticPayments.Kind, Long> sent() {
        synchronized (sent) {
            return new EnumMap<>(sent);
        }
    }
}
