package com.cardpay.payments.functions.ingest;

import static com.cardpay.payments.functions.testutils.Harnesses.sideOutputValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accepted payments flow on; refused records leave through the DLQ side output. */
class IngestOutcomeRouterTest {
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);
    private OneInputStreamOperatorTestHarness<IngestOutcome, IngestOutcome> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new IngestOutcomeRouter());
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void acceptedPaymentGoesToTheMainOutputOnly() throws Exception {
        IngestOutcome accepted = ingest(Payments.raw());

        harness.processElement(accepted, 1_000L);

        assertThat(harness.extractOutputValues()).containsExactly(accepted);
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
                .containsExactly(new StreamRecord<>(first, 1L), new StreamRecord<>(second, 3L));
        assertThat(harness.getSideOutput(IngestOutcomeRouter.REJECTED))
                .containsExactly(new StreamRecord<>(badPan.deadLetter(), 2L), new StreamRecord<>(badExpiry.deadLetter(), 4L));
        assertThat(sideOutputValues(harness, IngestOutcomeRouter.REJECTED))
                .extracting(DeadLetter::errorCode).containsExactly("BAD_PAN", "BAD_EXPIRY");
    }

    private IngestOutcome ingest(Payments.RawPayment record) throws Exception {
        return ingestor.ingest(record.bytes(), record.key(), MessageHeaders.EMPTY, Payments.source());
    }
}
