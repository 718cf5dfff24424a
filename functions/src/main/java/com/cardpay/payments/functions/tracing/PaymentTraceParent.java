package com.cardpay.payments.functions.tracing;

import com.cardpay.payments.functions.model.MessageHeaders;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.Arrays;

/**
 * The parent of a payment's spans: the caller's span from the payment's W3C {@code traceparent}
 * header (with its sampled flag), or, without a valid one, a parent made up from the payment id.
 *
 * <p>Why made up, and from the id: the three stages run in different operators and the records
 * carry no span of ours, so each stage must reach the same trace and the same sampling decision
 * on its own. A trace id and parent span id hashed from {@code payment_id} do that, and the
 * sampled flag comes from {@code tracing.sample-ratio} applied to that trace id. The made-up parent
 * span is never exported (a trace viewer shows its root as missing): the price of keeping no
 * tracing state in the records or in Flink state.
 */
final class PaymentTraceParent {
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<MessageHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MessageHeaders carrier) {
            return Arrays.asList(carrier.names);
        }

        @Override
        public String get(MessageHeaders carrier, String key) {
            return carrier == null ? null : carrier.lastValueAsString(key);
        }
    };

    private PaymentTraceParent() {}

    /** The parent context of {@code paymentKey}'s spans; its span context tells whether they are sampled. */
    static Context of(MessageHeaders headers, String paymentKey, double sampleRatio) {
        if (headers != null && headers.lastValue(TRACEPARENT) != null) {
            Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
            if (Span.fromContext(extracted).getSpanContext().isValid()) {
                return extracted;
            }
        }
        return madeUp(paymentKey, sampleRatio);
    }

    static boolean sampled(Context parent) {
        return Span.fromContext(parent).getSpanContext().isSampled();
    }

    private static Context madeUp(String paymentKey, double sampleRatio) {
        long high = mix(hash(paymentKey, 0x9E3779B97F4A7C15L));
        long low = mix(hash(paymentKey, 0xC2B2AE3D27D4EB4FL));
        long spanId = mix(high ^ low) | 1L; // never 0, which is the invalid span id
        // The same comparison as the SDK's trace-id ratio sampler: the low 63 bits against ratio x 2^63.
        boolean sampled = (low & Long.MAX_VALUE) < (long) (sampleRatio * Long.MAX_VALUE) || sampleRatio >= 1.0;
        SpanContext context = SpanContext.createFromRemoteParent(TraceId.fromLongs(high, low), SpanId.fromLong(spanId),
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return Context.root().with(Span.wrap(context));
    }

    /** FNV-1a over the UTF-16 units: an id, not a secret, so a fast non-cryptographic hash does. */
    private static long hash(String text, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: spreads FNV's weak low bits over the whole long. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
