package com.cardpay.payments.functions.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tracing.OtlpTraceReceiver.ReceivedSpan;
import com.cardpay.payments.functions.validation.CardNumberDetector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The spans of one payment, through the real SDK and OTLP/HTTP exporter to {@link
 * OtlpTraceReceiver}. The SDK is shut down (its last batch flushed) by running the release hook it
 * registered, as Flink does when a job leaves the task manager.
 */
class PaymentSpansTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    /** The SDKs' shutdowns, one per job (Flink's hook is once per job and task manager). */
    private final List<Runnable> releaseHooks = new ArrayList<>();
    private final List<OtlpTraceReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stop() {
        flush();
        receivers.forEach(OtlpTraceReceiver::close);
    }

    private OtlpTraceReceiver receiver() throws Exception {
        OtlpTraceReceiver receiver = OtlpTraceReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private PaymentSpans spans(String endpoint, double ratio, int queueSize) {
        return PaymentSpans.forJob(UUID.randomUUID().toString(), "payments-test", new TracingSettings(endpoint, ratio, queueSize),
                (name, hook) -> releaseHooks.add(hook));
    }

    /** All three stages of one payment, as the operators call them. */
    private static void allStages(PaymentSpans spans, TokenizedPayment payment) {
        spans.ingest(IngestOutcome.accepted(payment, new VaultRecord(payment.cardToken(), 1, "AES-256-GCM", "aXY=", "Y2lwaGVy",
                "vault:v1:d3JhcA==", 1, "local", payment.headers())));
        long started = PaymentSpans.now();
        spans.emission(payment, started, "written");
        spans.scoring(payment, Decision.APPROVE, 120, started);
    }

    private void flush() {
        releaseHooks.forEach(Runnable::run);
        releaseHooks.clear();
    }

    private static TokenizedPayment payment(String id, MessageHeaders headers) {
        return new TokenizedPayment(id, "m-1", PaymentType.PURCHASE, 12_345L, "EUR", "tok_v1_abc", 1, "411111", "1111",
                "DE", "DE", null, null, 1_700_000_000_000L, null, 7L,
                new SourcePosition("payments.raw", 2, 40L, System.currentTimeMillis() - 5), headers);
    }

    private static MessageHeaders traceparent(String flags) {
        return new MessageHeaders(new String[] {"traceparent"},
                new byte[][] {("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-" + flags).getBytes(StandardCharsets.UTF_8)});
    }

    @Test
    void aSampledCallersPaymentGetsThreeChildSpansOfTheCallersSpanWithSafeAttributes() throws Exception {
        OtlpTraceReceiver receiver = receiver();
        allStages(spans(receiver.endpoint(), 0.0, 100), payment("pay-1", traceparent("01")));
        flush();

        List<ReceivedSpan> received = receiver.spans();
        assertThat(received).extracting(ReceivedSpan::name)
                .containsExactlyInAnyOrder(PaymentSpans.INGEST, PaymentSpans.EMISSION, PaymentSpans.SCORING);
        assertThat(received).allSatisfy(span -> {
            assertThat(span.traceId()).isEqualTo(CALLER_TRACE);
            assertThat(span.parentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(span.serviceName()).isEqualTo("payments-test");
            assertThat(span.attributes()).containsEntry("payment.id", "pay-1").containsEntry("payment.merchant_id", "m-1")
                    .containsEntry("payment.amount_minor", "12345").containsEntry("payment.currency", "EUR");
            assertThat(CardNumberDetector.containsCardNumber(span.name())).isFalse();
            span.attributes().forEach((key, value) -> assertThat(CardNumberDetector.containsCardNumber(key + "=" + value))
                    .as("%s on %s", key, span.name()).isFalse());
        });
        assertThat(received).filteredOn(s -> s.name().equals(PaymentSpans.SCORING)).singleElement()
                .satisfies(s -> assertThat(s.attributes()).containsEntry("fraud.decision", "APPROVE"));
        assertThat(receiver.problems()).isEmpty();
    }

    @Test
    void anUnsampledCallersPaymentGetsNoSpanWhateverTheRatio() throws Exception {
        OtlpTraceReceiver receiver = receiver();
        PaymentSpans spans = spans(receiver.endpoint(), 1.0, 100);
        allStages(spans, payment("pay-unsampled", traceparent("00")));
        allStages(spans, payment("pay-marker", traceparent("01")));
        flush();

        assertThat(receiver.spans()).hasSize(3).allSatisfy(s -> assertThat(s.attributes()).containsEntry("payment.id", "pay-marker"));
    }

    @Test
    void withoutAValidTraceparentTheRatioDecidesAndTheStagesShareOneTrace() throws Exception {
        OtlpTraceReceiver receiver = receiver();
        allStages(spans(receiver.endpoint(), 1.0, 100), payment("pay-none", MessageHeaders.EMPTY));
        allStages(spans(receiver.endpoint(), 1.0, 100), payment("pay-bad", new MessageHeaders(new String[] {"traceparent"},
                new byte[][] {"00-****-01".getBytes(StandardCharsets.UTF_8)})));
        allStages(spans(receiver.endpoint(), 0.0, 100), payment("pay-off", MessageHeaders.EMPTY));
        flush();

        List<ReceivedSpan> received = receiver.spans();
        assertThat(received).hasSize(6).noneMatch(s -> s.attributes().get("payment.id").equals("pay-off"));
        for (String id : List.of("pay-none", "pay-bad")) {
            List<ReceivedSpan> ofPayment = received.stream().filter(s -> s.attributes().get("payment.id").equals(id)).toList();
            assertThat(ofPayment).hasSize(3);
            assertThat(ofPayment).extracting(ReceivedSpan::traceId).containsOnly(ofPayment.get(0).traceId());
            assertThat(ofPayment).extracting(ReceivedSpan::parentSpanId).containsOnly(ofPayment.get(0).parentSpanId());
            assertThat(ofPayment.get(0).parentSpanId()).isNotEqualTo("0000000000000000").isNotEmpty();
        }
    }

    @Test
    void aCollectorThatIsDownCostsCountedSpansNeverAWait() throws Exception {
        OtlpTraceReceiver receiver = receiver();
        String endpoint = receiver.endpoint();
        receiver.close();
        PaymentSpans spans = spans(endpoint, 1.0, 10);

        for (int i = 0; i < 1_000; i++) {
            allStages(spans, payment("pay-" + i, traceparent("01")));
        }

        // 3,000 spans into a queue of 10 while nothing can be exported: most never get in. The
        // loop returning at all is the "never blocks" half; a blocking put() would hang here.
        assertThat(spans.droppedSpans()).isGreaterThan(2_000);
    }
}
