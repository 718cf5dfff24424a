package com.cardpay.payments.functions.ingest;

import static com.cardpay.payments.functions.testutils.Harnesses.sideOutputValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.EventTimeLimit;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** Accepted payments flow on; refused records leave through the DLQ side output. */
class IngestOutcomeRouterTest {
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);
    private static final Duration DISORDER = Duration.ofSeconds(5);
    private OneInputStreamOperatorTestHarness<IngestOutcome, IngestOutcome> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new IngestOutcomeRouter(DISORDER));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void acceptedPaymentGoesToTheMainOutputOnly() throws Exception {
        IngestOutcome accepted = ingest(Payments.raw());

        harness.processElement(accepted, 1_000L);

        assertThat(harness.extractOutputValues()).containsExactly(stamped(accepted, eventTime(accepted) - 5_001));
        assertThat(sideOutputValues(harness, IngestOutcomeRouter.REJECTED)).isEmpty();
    }

    @Test
    void rejectedRecordGoesToTheRejectedSideOutputOnly() throws Exception {
        IngestOutcome rejected = ingest(Payments.raw().with("amount_minor", -5));

        harness.processElement(rejected, 1_000L);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(sideOutputValues(harness, IngestOutcomeRouter.REJECTED)).containsExactly(rejected.deadLetter());
    }

    @Test
    void mixedStreamIsSplitKeepingOrderAndTimestamps() throws Exception {
        IngestOutcome first = ingest(Payments.raw().with("payment_id", "pay-1"));
        IngestOutcome badPan = ingest(Payments.raw().with("payment_id", "pay-2").with("pan", "4111111111111112"));
        IngestOutcome second = ingest(Payments.raw().with("payment_id", "pay-3"));
        IngestOutcome badExpiry = ingest(Payments.raw().with("payment_id", "pay-4").with("expiry", "13/26"));

        harness.processElement(first, 1L);
        harness.processElement(badPan, 2L);
        harness.processElement(second, 3L);
        harness.processElement(badExpiry, 4L);

        assertThat(harness.extractOutputStreamRecords())
                .containsExactly(new StreamRecord<>(stamped(first, eventTime(first) - 5_001), 1L),
                        new StreamRecord<>(stamped(second, Math.max(eventTime(first), eventTime(second)) - 5_001), 3L));
        assertThat(harness.getSideOutput(IngestOutcomeRouter.REJECTED))
                .containsExactly(new StreamRecord<>(badPan.deadLetter(), 2L), new StreamRecord<>(badExpiry.deadLetter(), 4L));
        assertThat(sideOutputValues(harness, IngestOutcomeRouter.REJECTED))
                .extracting(DeadLetter::errorCode).containsExactly("BAD_PAN", "BAD_EXPIRY");
    }

    /**
     * Each payment carries its own partition's watermark, the highest event time read from that
     * partition so far less the disorder (and 1 ms), as the source's generator computes it; another
     * partition's payments do not move it.
     */
    @Test
    void eachPaymentIsStampedWithItsOwnPartitionsWatermark() throws Exception {
        harness.processElement(ingestAt(0, "2026-11-24T10:00:10Z"), 1L);
        harness.processElement(ingestAt(1, "2026-11-24T12:00:00Z"), 2L);
        harness.processElement(ingestAt(0, "2026-11-24T10:00:05Z"), 3L);
        harness.processElement(ingestAt(0, "2026-11-24T10:00:20Z"), 4L);

        assertThat(harness.extractOutputValues()).extracting(o -> o.payment().source().partitionWatermarkMillis())
                .containsExactly(millis("2026-11-24T10:00:04.999Z"), millis("2026-11-24T11:59:54.999Z"),
                        millis("2026-11-24T10:00:04.999Z"), millis("2026-11-24T10:00:14.999Z"));
    }

    /** After a restore, or on another subtask after a rescale, a partition's watermark goes on from where it was. */
    @Test
    void thePartitionWatermarksSurviveARestoreOnAnySubtask() throws Exception {
        harness.processElement(ingestAt(0, "2026-11-24T10:00:10Z"), 1L);
        harness.processElement(ingestAt(1, "2026-11-24T12:00:00Z"), 2L);
        // rescaled from one subtask to two; the second one takes it
        OperatorSubtaskState snapshot = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                harness.snapshot(1, 10L), 2, 1, 2, 1);

        OneInputStreamOperatorTestHarness<IngestOutcome, IngestOutcome> restored = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new IngestOutcomeRouter(DISORDER)), 2, 2, 1);
        try {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(ingestAt(1, "2026-11-24T11:00:00Z"), 3L);
            assertThat(restored.extractOutputValues()).extracting(o -> o.payment().source().partitionWatermarkMillis())
                    .containsExactly(millis("2026-11-24T11:59:54.999Z"));
        } finally {
            restored.close();
        }
    }

    private IngestOutcome ingestAt(int partition, String eventTime) throws Exception {
        Payments.RawPayment record = Payments.raw().with("event_time", eventTime);
        return ingestor.ingest(record.bytes(), record.key(), MessageHeaders.EMPTY,
                new SourcePosition("payments.raw", partition, 0, EventTimeLimit.NO_TIMESTAMP));
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static long eventTime(IngestOutcome outcome) {
        return outcome.payment().eventTimeMillis();
    }

    private static IngestOutcome stamped(IngestOutcome outcome, long watermark) {
        TokenizedPayment p = outcome.payment();
        return IngestOutcome.accepted(new TokenizedPayment(p.paymentId(), p.merchantId(), p.type(), p.amountMinor(),
                p.currency(), p.cardToken(), p.tokenKeyVersion(), p.cardBin(), p.cardLast4(), p.cardCountry(),
                p.merchantCountry(), p.ipCountry(), p.deviceId(), p.eventTimeMillis(), p.originalPaymentId(),
                p.contentHash(), p.source().withPartitionWatermark(watermark), p.headers()), outcome.vaultRecord());
    }

    private IngestOutcome ingest(Payments.RawPayment record) throws Exception {
        return ingestor.ingest(record.bytes(), record.key(), MessageHeaders.EMPTY, Payments.source());
    }
}
