package com.cardpay.payments.functions.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One OpenTelemetry SDK per job and task manager JVM, created by the first operator that opens
 * its spans there and shut down (last spans flushed, for at most {@link #SHUTDOWN_WAIT}) when the
 * job leaves the task manager. On a cluster each job has its own class loader, so this is one SDK
 * per task manager; in one JVM running several jobs (tests) each job has its own.
 */
final class TracingSdk {
    private static final Logger LOG = LoggerFactory.getLogger(TracingSdk.class);
    private static final Map<String, TracingSdk> BY_JOB = new ConcurrentHashMap<>();
    // An export waits at most this long for the collector; the batch processor's thread waits,
    // never a task thread. Short, so that a slow collector costs dropped spans, not memory.
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    final Tracer tracer;
    final DroppedSpans dropped;
    private final SdkTracerProvider provider;
    private final SdkMeterProvider processorMetrics;

    private TracingSdk(String serviceName, TracingSettings settings) {
        dropped = new DroppedSpans();
        processorMetrics = SdkMeterProvider.builder().registerMetricReader(dropped).build();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.otlpEndpoint())
                .setTimeout(EXPORT_TIMEOUT)
                .setServiceClassLoader(TracingSdk.class.getClassLoader())
                .build();
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                // Parent-based: a caller's sampled flag decides; payments without one carry a
                // made-up parent whose flag the ratio set (PaymentTraceParent), so the root
                // sampler only matters if a span ever starts without a parent.
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
                // offer(), never put(): a full queue drops the span (counted), never blocks the task thread.
                .addSpanProcessor(BatchSpanProcessor.builder(dropped.counting(exporter))
                        .setMaxQueueSize(settings.queueSize())
                        .setMaxExportBatchSize(Math.min(512, settings.queueSize()))
                        .setExporterTimeout(EXPORT_TIMEOUT)
                        .setMeterProvider(processorMetrics)
                        .build())
                .build();
        tracer = provider.get("com.cardpay.payments");
    }

    /**
     * This job's SDK in this JVM, created on first use. {@code registerReleaseHook} registers (once
     * per job, if absent) the shutdown to run when the job leaves this task manager.
     */
    static TracingSdk forJob(String jobId, String serviceName, TracingSettings settings,
            ReleaseHooks registerReleaseHook) {
        TracingSdk sdk = BY_JOB.computeIfAbsent(jobId, id -> {
            LOG.info("Tracing on: spans of job {} go to {} (sample ratio {}, queue {})", id, settings.otlpEndpoint(),
                    settings.sampleRatio(), settings.queueSize());
            return new TracingSdk(serviceName, settings);
        });
        registerReleaseHook.registerIfAbsent("payments-tracing-sdk", () -> shutDown(jobId));
        return sdk;
    }

    /** Flink's {@code registerUserCodeClassLoaderReleaseHookIfAbsent}, as a seam. */
    @FunctionalInterface
    interface ReleaseHooks {
        void registerIfAbsent(String name, Runnable hook);
    }

    private static void shutDown(String jobId) {
        TracingSdk sdk = BY_JOB.remove(jobId);
        if (sdk == null) {
            return;
        }
        boolean flushed = sdk.provider.shutdown().join(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS).isSuccess();
        long dropped = sdk.dropped.count();
        sdk.processorMetrics.shutdown();
        LOG.info("Tracing of job {} shut down ({}); spans dropped in all: {}", jobId,
                flushed ? "last spans exported" : "last spans not exported", dropped);
    }
}
