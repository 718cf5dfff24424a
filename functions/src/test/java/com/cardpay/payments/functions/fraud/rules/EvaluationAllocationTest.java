package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.FraudSettings;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

/** Evaluation runs per payment: a clean payment allocates nothing, a flagged one only its result. */
class EvaluationAllocationTest {
    private static final int RUNS = 20_000;

    private static long allocatedBytes(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        work.run(); // warm up
        long before = threads.getThreadAllocatedBytes(thread);
        work.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private static boolean measurable() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
    }

    @Test
    void cleanPaymentsAllocateNothing() {
        assumeTrue(measurable(), "this JVM does not count allocations per thread");
        RuleBook book = RuleBook.withDefaults();
        FraudSettings settings = FraudSettings.defaults();
        // Amounts and ratios beyond the small-value caches, so that boxing would show.
        Feature.Values clean = values().amountMinor(123_456).amountLong(654_321).amountZScore(1.25).refundRatio(0.05)
                .baselinePayments(500).countMedium(3).secondsSincePrevious(900).ipCountry("DE").build();
        assertThat(book.evaluate(clean, settings).reasons()).isEmpty();
        long bytes = allocatedBytes(() -> {
            for (int i = 0; i < RUNS; i++) {
                book.evaluate(clean, settings);
            }
        });
        assertThat(bytes).as("bytes for %s clean evaluations", RUNS).isLessThan(RUNS / 10);
    }

    @Test
    void flaggedPaymentsAllocateOnlyTheirResult() {
        assumeTrue(measurable(), "this JVM does not count allocations per thread");
        RuleBook book = RuleBook.withDefaults();
        FraudSettings settings = FraudSettings.defaults();
        Feature.Values burst = values().countShort(6).secondsSincePrevious(2).merchantCountry("FR").build();
        assertThat(book.evaluate(burst, settings).reasons()).hasSize(3);
        long bytes = allocatedBytes(() -> {
            for (int i = 0; i < RUNS; i++) {
                book.evaluate(burst, settings);
            }
        });
        // One Evaluation and two small arrays (plus a trimmed copy) each: well under 256 bytes.
        assertThat(bytes / RUNS).isLessThan(256);
    }
}
