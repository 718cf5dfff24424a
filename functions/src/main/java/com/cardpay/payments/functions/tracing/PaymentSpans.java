package com.cardpay.payments.functions.tracing;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Gauge;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The spans of a payment, one per stage, each a child of the caller's span from the payment's
 * {@code traceparent} ({@link PaymentTraceParent}): {@code payment ingest}, {@code payment
 * emission}, {@code payment scoring}. An operator opens it in {@code open()} and calls one method
 * per payment.
 *
 * <p><b>No card data:</b> attributes come only from fields that every output topic already holds
 * in clear (ids, card token, amount and currency, type, decision and score, error code, Kafka
 * position); never the BIN, last four, the headers or a dead letter's payload.
 *
 * <p>With tracing off ({@code tracing.otlp-endpoint} empty) every method returns at once. With it
 * on, an unsampled payment costs the parse of its {@code traceparent} (or the hash of its id) and
 * nothing more.
 */
public final class PaymentSpans {
    /** Gauge under each traced operator: spans this task manager's exporter lost (the same value in each). */
    public static final String DROPPED_METRIC = "payments_tracing_spans_dropped";
    public static final String INGEST = "payment ingest";
    public static final String EMISSION = "payment emission";
    public static final String SCORING = "payment scoring";
    static final PaymentSpans OFF = new PaymentSpans(null, 0.0);

    private final TracingSdk sdk;
    private final double sampleRatio;

    private PaymentSpans(TracingSdk sdk, double sampleRatio) {
        this.sdk = sdk;
        this.sampleRatio = sampleRatio;
    }

    /** The spans of an operator, from the job's {@code tracing.*} settings; off when they say so. */
    public static PaymentSpans open(RuntimeContext context) {
        TracingSettings settings = TracingSettings.fromJobParameters(context.getGlobalJobParameters());
        if (!settings.enabled()) {
            return OFF;
        }
        PaymentSpans spans = forJob(context.getJobInfo().getJobId().toString(), context.getJobInfo().getJobName(),
                settings, context::registerUserCodeClassLoaderReleaseHookIfAbsent);
        context.getMetricGroup().gauge(DROPPED_METRIC, (Gauge<Long>) spans::droppedSpans);
        return spans;
    }

    /**
     * {@link #open} without Flink, for tests and benchmarks: {@code releaseHooks} gets the SDK's
     * shutdown under its name (the caller runs it to flush and stop).
     */
    public static PaymentSpans forJob(String jobId, String serviceName, TracingSettings settings,
            BiConsumer<String, Runnable> releaseHooks) {
        if (!settings.enabled()) {
            return OFF;
        }
        return new PaymentSpans(TracingSdk.forJob(jobId, serviceName, settings, releaseHooks::accept), settings.sampleRatio());
    }

    /** Spans this task manager's exporter has lost so far (full queue, failed exports). */
    public long droppedSpans() {
        return sdk == null ? 0 : sdk.dropped.count();
    }

    /** For the nanosecond start of a stage's span: {@code System.nanoTime()}. */
    public static long now() {
        return System.nanoTime();
    }

    /**
     * The ingest span of a source record: from its Kafka timestamp (the wait in {@code payments.raw}
     * included) until the job has parsed, validated and tokenized it, or rejected it.
     */
    public void ingest(IngestOutcome outcome) {
        if (sdk == null) {
            return;
        }
        if (outcome.isAccepted()) {
            TokenizedPayment p = outcome.payment();
            Span span = start(INGEST, SpanKind.CONSUMER, p.headers(), p.paymentId(), sourceStartNanos(p.source()));
            if (span != null) {
                paymentAttributes(span, p);
                span.setAttribute("payment.ingest.outcome", "accepted");
                span.end();
            }
        } else {
            DeadLetter d = outcome.deadLetter();
            String key = d.paymentId() != null ? d.paymentId() : position(d.source());
            Span span = start(INGEST, SpanKind.CONSUMER, d.headers(), key, sourceStartNanos(d.source()));
            if (span != null) {
                // A dead letter's ids are masked already; only the code says why, never the payload.
                span.setAttribute("payment.ingest.outcome", "rejected");
                span.setAttribute("payment.dlq.error_code", d.errorCode());
                span.end();
            }
        }
    }

    /**
     * The emission span: dedupe's decision and, for a first sighting, the hand-over of its
     * tokenized and vault records to the exactly-once sink chained to dedupe.
     *
     * @param startNanos {@link #now()} when dedupe took the payment
     * @param dedupeOutcome {@code written}, {@code duplicate} or {@code conflict}
     */
    public void emission(TokenizedPayment payment, long startNanos, String dedupeOutcome) {
        if (sdk == null) {
            return;
        }
        Span span = start(EMISSION, SpanKind.PRODUCER, payment.headers(), payment.paymentId(), epochNanosOf(startNanos));
        if (span != null) {
            paymentAttributes(span, payment);
            span.setAttribute("payment.dedupe.outcome", dedupeOutcome);
            span.end();
        }
    }

    /** The scoring span: merchant features, rules and decision; {@code startNanos} is {@link #now()} then. */
    public void scoring(TokenizedPayment payment, Decision decision, int score, long startNanos) {
        if (sdk == null) {
            return;
        }
        Span span = start(SCORING, SpanKind.INTERNAL, payment.headers(), payment.paymentId(), epochNanosOf(startNanos));
        if (span != null) {
            paymentAttributes(span, payment);
            span.setAttribute("fraud.decision", decision.name());
            span.setAttribute("fraud.score", score);
            span.end();
        }
    }

    /** A started span, or null when the payment is not sampled (then nothing else is spent on it). */
    private Span start(String name, SpanKind kind, MessageHeaders headers, String paymentKey, long startEpochNanos) {
        Context parent = PaymentTraceParent.of(headers, paymentKey, sampleRatio);
        if (!PaymentTraceParent.sampled(parent)) {
            return null;
        }
        SpanBuilder builder = sdk.tracer.spanBuilder(name).setParent(parent).setSpanKind(kind)
                .setStartTimestamp(Math.min(startEpochNanos, epochNanosOf(System.nanoTime())), TimeUnit.NANOSECONDS);
        return builder.startSpan();
    }

    private static void paymentAttributes(Span span, TokenizedPayment p) {
        span.setAttribute("payment.id", p.paymentId());
        span.setAttribute("payment.merchant_id", p.merchantId());
        span.setAttribute("payment.card_token", p.cardToken());
        span.setAttribute("payment.type", p.type().name());
        span.setAttribute("payment.amount_minor", p.amountMinor());
        span.setAttribute("payment.currency", p.currency());
        span.setAttribute("messaging.kafka.partition", p.source().partition());
        span.setAttribute("messaging.kafka.offset", p.source().offset());
    }

    private static long sourceStartNanos(SourcePosition source) {
        return source == null || source.timestampMillis() <= 0 ? epochNanosOf(System.nanoTime())
                : TimeUnit.MILLISECONDS.toNanos(source.timestampMillis());
    }

    private static String position(SourcePosition source) {
        return source == null ? "unknown" : source.topic() + "-" + source.partition() + "@" + source.offset();
    }

    /** Wall-clock nanoseconds of a {@code System.nanoTime()} reading taken a moment ago. */
    private static long epochNanosOf(long nanoTime) {
        long nowEpoch = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        return nowEpoch - (System.nanoTime() - nanoTime);
    }
}
