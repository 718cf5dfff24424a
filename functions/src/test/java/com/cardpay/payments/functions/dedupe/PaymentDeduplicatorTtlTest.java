package com.cardpay.payments.functions.dedupe;

import static com.cardpay.payments.functions.dedupe.DedupeFixtures.TTL_MILLIS;
import static com.cardpay.payments.functions.testutils.Harnesses.sideOutputValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dedupe remembers a payment id for the TTL (processing time, from the first sighting) and then
 * forgets it. The harness drives the state-TTL clock with {@code setStateTtlProcessingTime}.
 */
class PaymentDeduplicatorTtlTest {
    /**
     * Incremental cleanup on the heap backend ({@code cleanupIncrementally(10, false)}) runs on each
     * state access and walks a global cursor over the state table: per access it looks at no more
     * than 10 of the table's hash buckets when they are empty (the heap table starts with 128 buckets
     * per key group; the harness has one key group). A cursor that was left mid-table first runs to
     * the end (at most 13 accesses), then a fresh cursor sweeps all 128 buckets (13 more). A new
     * payment costs two accesses (get, put), so 13 new payments guarantee one full sweep after the
     * TTL has passed: after them, exactly the live merchants remain. A single record for another key
     * is not enough in general: whether its window reaches an expired entry depends on where the
     * keys hash (with merchants "a".."d" it takes five records).
     */
    private static final int NEW_PAYMENTS_FOR_A_FULL_SWEEP = 13;

    private final DedupeFixtures fixtures = new DedupeFixtures();
    private KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = DedupeFixtures.openHarness();
        harness.setStateTtlProcessingTime(0L);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void replayJustBeforeTheTtlRunsOutIsStillDropped() throws Exception {
        harness.processElement(fixtures.accepted(Payments.raw()), 1L);

        harness.setStateTtlProcessingTime(TTL_MILLIS - 1);
        harness.processElement(fixtures.accepted(Payments.raw()), 2L);

        assertThat(DedupeFixtures.tokenized(harness)).hasSize(1);
        assertThat(DedupeFixtures.vaultRecords(harness)).hasSize(1);
    }

    @Test
    void replayOnceTheTtlHasRunOutIsAcceptedAgain() throws Exception {
        IngestOutcome first = fixtures.accepted(Payments.raw());
        IngestOutcome lateReplay = fixtures.accepted(Payments.raw());
        harness.processElement(first, 1L);

        harness.setStateTtlProcessingTime(TTL_MILLIS);
        harness.processElement(lateReplay, 2L);

        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(first.payment(), lateReplay.payment());
        assertThat(DedupeFixtures.vaultRecords(harness)).containsExactly(first.vaultRecord(), lateReplay.vaultRecord());
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).isEmpty();
    }

    @Test
    void conflictingRecordOnceTheTtlHasRunOutIsAcceptedAsNew() throws Exception {
        harness.processElement(fixtures.accepted(Payments.raw()), 1L);

        harness.setStateTtlProcessingTime(TTL_MILLIS);
        harness.processElement(fixtures.accepted(Payments.raw().with("amount_minor", 9_999)), 2L);

        assertThat(DedupeFixtures.tokenized(harness)).extracting(TokenizedPayment::amountMinor).containsExactly(1250L, 9_999L);
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).isEmpty();
    }

    @Test
    void replaysDoNotExtendTheTtl() throws Exception {
        harness.processElement(fixtures.accepted(Payments.raw()), 1L);
        harness.setStateTtlProcessingTime(TTL_MILLIS - 1);
        harness.processElement(fixtures.accepted(Payments.raw()), 2L);
        harness.processElement(fixtures.accepted(Payments.raw().with("amount_minor", 9_999)), 3L);

        harness.setStateTtlProcessingTime(TTL_MILLIS);
        harness.processElement(fixtures.accepted(Payments.raw()), 4L);

        assertThat(DedupeFixtures.tokenized(harness)).hasSize(2);
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).hasSize(1);
    }

    @Test
    void expiredMerchantsAreCleanedUpIncrementallyWhileOthersStay() throws Exception {
        harness.processElement(fixtures.payment("m-1", "pay-a"), 1L);
        harness.processElement(fixtures.payment("m-1", "pay-b"), 1L);
        harness.processElement(fixtures.payment("m-2", "pay-a"), 1L);
        harness.setStateTtlProcessingTime(TTL_MILLIS / 2);
        harness.processElement(fixtures.payment("m-3", "pay-a"), 2L);
        assertThat(harness.numKeyedStateEntries()).as("one map per merchant").isEqualTo(3);

        harness.setStateTtlProcessingTime(TTL_MILLIS + 1);

        assertThat(harness.numKeyedStateEntries()).as("nothing is dropped until state is accessed").isEqualTo(3);

        for (int i = 0; i < NEW_PAYMENTS_FOR_A_FULL_SWEEP; i++) {
            harness.processElement(fixtures.payment("m-4", "pay-" + i), 3L);
        }

        assertThat(harness.numKeyedStateEntries()).as("m-1 and m-2 expired; m-3 and m-4 live").isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        // m-3 is still remembered, m-1 is not
        harness.processElement(fixtures.payment("m-3", "pay-a"), 4L);
        harness.processElement(fixtures.payment("m-1", "pay-a"), 4L);
        assertThat(DedupeFixtures.tokenized(harness)).extracting(TokenizedPayment::merchantId).endsWith("m-4", "m-1");
    }

    @Test
    void ttlUsesNoTimers() throws Exception {
        harness.processElement(fixtures.payment("m-1", "pay-a"), 1L);
        harness.processElement(fixtures.payment("m-2", "pay-a"), 1L);

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
