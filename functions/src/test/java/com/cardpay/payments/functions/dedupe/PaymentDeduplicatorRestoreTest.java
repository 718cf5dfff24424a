package com.cardpay.payments.functions.dedupe;

import static com.cardpay.payments.functions.dedupe.DedupeFixtures.TTL_MILLIS;
import static com.cardpay.payments.functions.testutils.Harnesses.sideOutputValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seen payment ids are keyed state: they survive a checkpoint and a restart from it. */
class PaymentDeduplicatorRestoreTest {
    private final DedupeFixtures fixtures = new DedupeFixtures();
    private IngestOutcome first;
    private KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> restored;

    @BeforeEach
    void checkpointAfterTheFirstRecordAndRestore() throws Exception {
        first = fixtures.accepted(Payments.raw());
        KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> before = DedupeFixtures.openHarness();
        before.setStateTtlProcessingTime(0L);
        before.processElement(first, 10L);
        assertThat(DedupeFixtures.tokenized(before)).containsExactly(first.payment());
        OperatorSubtaskState snapshot = before.snapshot(1L, 100L);
        before.close();

        restored = DedupeFixtures.harness();
        restored.setStateTtlProcessingTime(1_000L);
        restored.initializeState(snapshot);
        restored.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        restored.close();
    }

    @Test
    void exactReplayAfterARestoreIsStillDropped() throws Exception {
        restored.processElement(fixtures.accepted(Payments.raw()), 20L);

        assertThat(DedupeFixtures.tokenized(restored)).isEmpty();
        assertThat(DedupeFixtures.vaultRecords(restored)).isEmpty();
        assertThat(sideOutputValues(restored, PaymentDeduplicator.CONFLICTS)).isEmpty();
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void conflictingReplayAfterARestoreIsStillAConflict() throws Exception {
        restored.processElement(fixtures.accepted(Payments.raw().with("amount_minor", 9_999)), 20L);

        assertThat(DedupeFixtures.tokenized(restored)).isEmpty();
        assertThat(sideOutputValues(restored, PaymentDeduplicator.CONFLICTS))
                .singleElement().extracting(dl -> dl.errorCode()).isEqualTo("DUPLICATE_CONFLICT");
    }

    @Test
    void newPaymentAfterARestoreIsEmitted() throws Exception {
        IngestOutcome next = fixtures.payment("m-1", "pay-0002");

        restored.processElement(next, 20L);

        assertThat(DedupeFixtures.tokenized(restored)).containsExactly(next.payment());
        assertThat(DedupeFixtures.vaultRecords(restored)).containsExactly(next.vaultRecord());
    }

    @Test
    void restoreKeepsTheFirstSightingTimeSoTheTtlIsNotRestarted() throws Exception {
        restored.setStateTtlProcessingTime(TTL_MILLIS);

        IngestOutcome lateReplay = fixtures.accepted(Payments.raw());
        restored.processElement(lateReplay, 20L);

        assertThat(DedupeFixtures.tokenized(restored)).containsExactly(lateReplay.payment());
    }
}
