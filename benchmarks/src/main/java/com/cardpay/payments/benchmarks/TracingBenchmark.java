package com.cardpay.payments.benchmarks;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tracing.PaymentSpans;
import com.cardpay.payments.functions.tracing.TracingSettings;

import com.sun.net.httpserver.HttpServer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What tracing costs the task thread per payment: the three stages' calls ({@code ingest},
 * {@code emission}, {@code scoring}) as the operators make them, with the real SDK exporting to a
 * throwaway OTLP/HTTP receiver on loopback. {@code mode}: {@code off} (no endpoint), {@code
 * unsampled} (a traceparent with the flag off), {@code ratio-0.01} (no traceparent, 1% traced),
 * {@code sampled} (every payment traced: three spans). The batch processor's export thread runs
 * beside it and is not in the per-operation time; when it cannot keep up, spans are dropped
 * (after being built), as in the job.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TracingBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TracingBenchmark {
    private static final int PAYMENTS = 1024;

    @Param({"off", "unsampled", "ratio-0.01", "sampled"})
    public String mode;

    private HttpServer receiver;
    private final List<Runnable> shutdown = new ArrayList<>();
    private PaymentSpans spans;
    private TokenizedPayment[] payments;
    private VaultRecord vault;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        String endpoint = mode.equals("off") ? "" : "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces";
        spans = PaymentSpans.forJob(UUID.randomUUID().toString(), "tracing-benchmark",
                new TracingSettings(endpoint, mode.equals("ratio-0.01") ? 0.01 : 1.0, 8192), (name, hook) -> shutdown.add(hook));
        payments = new TokenizedPayment[PAYMENTS];
        for (int i = 0; i < PAYMENTS; i++) {
            String traceparent = "00-" + String.format("%08x", i) + "cafebabecafebabefeedface-" + String.format("%08x", i)
                    + "beefbeef-" + (mode.equals("unsampled") ? "00" : "01");
            MessageHeaders headers = mode.equals("ratio-0.01") ? MessageHeaders.EMPTY : new MessageHeaders(
                    new String[] {"traceparent"}, new byte[][] {traceparent.getBytes(StandardCharsets.UTF_8)});
            payments[i] = new TokenizedPayment("pay-" + i, "m-" + (i % 50), PaymentType.PURCHASE, 12_345L, "EUR",
                    "tok_v1_4bNx0c2Yt8vQm1zR7pLk3sW9aD5fG6hJ", 1, "411111", "1111", "DE", "DE", "DE", null,
                    1_700_000_000_000L + i, null, i, new SourcePosition("payments.raw", i % 4, i, System.currentTimeMillis()),
                    headers);
        }
        vault = new VaultRecord("tok_v1_4bNx0c2Yt8vQm1zR7pLk3sW9aD5fG6hJ", 1, "AES-256-GCM", "aXY=", "Y2lwaGVy",
                "vault:v1:d3JhcA==", 1, "local", MessageHeaders.EMPTY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        shutdown.forEach(Runnable::run);
        receiver.stop(0);
    }

    /** One payment's three stage calls, as the router, dedupe and scoring make them. */
    @Benchmark
    public void threeStagesOfOnePayment() {
        TokenizedPayment payment = payments[next++ & (PAYMENTS - 1)];
        spans.ingest(IngestOutcome.accepted(payment, vault));
        long started = PaymentSpans.now();
        spans.emission(payment, started, "written");
        spans.scoring(payment, Decision.APPROVE, 120, started);
    }
}
