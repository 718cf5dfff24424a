package com.cardpay.payments.functions.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the spans a task manager lost: those its batch span processor's full queue refused (read
 * from the processor's own {@code processedSpans{dropped=true}} counter, through this metric
 * reader, only when Flink reads the gauge), plus those in exports that failed (collector down,
 * slow past the export timeout, or refusing them).
 */
final class DroppedSpans implements MetricReader {
    private static final String PROCESSED_SPANS = "processedSpans";
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

    private final AtomicLong inFailedExports = new AtomicLong();
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    long count() {
        long queueFull = 0;
        for (MetricData metric : registration.collectAllMetrics()) {
            if (metric.getName().equals(PROCESSED_SPANS)) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    if (Boolean.TRUE.equals(point.getAttributes().get(DROPPED))) {
                        queueFull += point.getValue();
                    }
                }
            }
        }
        return queueFull + inFailedExports.get();
    }

    /** {@code exporter}, counting the spans of each export that fails here. */
    SpanExporter counting(SpanExporter exporter) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                CompletableResultCode result = exporter.export(spans);
                int size = spans.size();
                result.whenComplete(() -> {
                    if (!result.isSuccess()) {
                        inFailedExports.addAndGet(size);
                    }
                });
                return result;
            }

            @Override
            public CompletableResultCode flush() {
                return exporter.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return exporter.shutdown();
            }
        };
    }

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public MemoryMode getMemoryMode() {
        return MemoryMode.IMMUTABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
