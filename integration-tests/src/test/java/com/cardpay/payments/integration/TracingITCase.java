package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.tracing.OtlpTraceReceiver;
import com.cardpay.payments.functions.tracing.OtlpTraceReceiver.ReceivedSpan;
import com.cardpay.payments.functions.tracing.PaymentSpans;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.PrometheusText;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The job's spans end to end: payments with a sampled, an unsampled or no {@code traceparent} go
 * through the real job on a real broker, with {@code tracing.otlp-endpoint} pointed at an in-test
 * OTLP/HTTP receiver ({@link OtlpTraceReceiver}, decoding with the OTLP protobuf classes). And the
 * same job with the receiver stopped: every payment still comes out once, and the lost spans are
 * counted in {@code payments_tracing_spans_dropped} on Flink's Prometheus endpoint.
 */
class TracingITCase {
    private static final int PROMETHEUS_PORT = MiniClusters.freePort();
    private static final int RECORDS = 600;

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withPrometheusReporter(PROMETHEUS_PORT);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** A record as sent: its traceparent (null: none) and whether that says sampled. */
    private record Sent(Generated generated, String traceId, String spanId, boolean sampled) {}

    @Test
    void eachSampledPaymentGetsItsStagesSpansAsChildrenOfTheCallersSpanAndNoCardData(@TempDir Path checkpoints)
            throws Exception {
        try (OtlpTraceReceiver receiver = OtlpTraceReceiver.start()) {
            // Ratio 0: a payment without a traceparent gets no span, so every span must belong to a sampled caller.
            PaymentsConfig config = config("tracing-it", checkpoints, receiver.endpoint(), "0.0", "8192");
            List<Sent> sent = produce(config, 2026);
            Map<String, List<String>> expected = expectedSpanNamesByTrace(sent);
            assertThat(expected.values().stream().mapToInt(List::size).sum()).as("the mix has sampled payments").isGreaterThan(100);

            JobClient job = TestJobs.start(config, null);
            try {
                List<ReceivedSpan> spans = awaitSpans(receiver, expected.values().stream().mapToInt(List::size).sum());
                assertThat(receiver.problems()).isEmpty();

                Map<String, List<String>> actual = new TreeMap<>(spans.stream().collect(Collectors.groupingBy(
                        ReceivedSpan::traceId, Collectors.mapping(ReceivedSpan::name, Collectors.toList()))));
                actual.values().forEach(names -> names.sort(null));
                assertThat(actual).as("span names per caller trace (unsampled and no-traceparent payments: none)")
                        .isEqualTo(expected);

                Map<String, Sent> byTrace = sent.stream().filter(Sent::sampled)
                        .collect(Collectors.toMap(Sent::traceId, s -> s));
                for (ReceivedSpan span : spans) {
                    Sent caller = byTrace.get(span.traceId());
                    assertThat(span.parentSpanId()).as("parent of %s", span).isEqualTo(caller.spanId());
                    assertThat(span.serviceName()).isEqualTo(config.jobName());
                    assertNoCardData(span, sent);
                    if (!"rejected".equals(span.attributes().get("payment.ingest.outcome"))) {
                        assertThat(span.attributes()).containsEntry("payment.id", caller.generated().paymentId())
                                .containsKeys("payment.merchant_id", "payment.card_token", "payment.amount_minor",
                                        "payment.currency");
                    }
                }
                assertThat(spans).filteredOn(s -> s.name().equals(PaymentSpans.SCORING))
                        .allSatisfy(s -> assertThat(s.attributes()).containsKeys("fraud.decision", "fraud.score"));

                long unique = sent.stream().filter(s -> s.generated().kind() == Kind.VALID).count();
                assertThat(KafkaTestSupport.readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized()))
                        .as("tracing changes no output").hasSize((int) unique);
            } finally {
                JobEnd.cancel(job, checkpoints);
            }
        }
    }

    @Test
    void aCollectorThatIsDownLosesSpansCountedButNoPayment(@TempDir Path checkpoints) throws Exception {
        OtlpTraceReceiver stopped = OtlpTraceReceiver.start();
        stopped.close();
        // Every payment traced, into a queue of 16: the queue overflows and every export is refused.
        PaymentsConfig config = config("tracing-down-it", checkpoints, stopped.endpoint(), "1.0", "16");
        List<Sent> sent = produce(config, 2027);
        long unique = sent.stream().filter(s -> s.generated().kind() == Kind.VALID).count();

        JobClient job = TestJobs.start(config, null);
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().tokenized(), unique, Duration.ofMinutes(2));
            List<ConsumerRecord<byte[], byte[]>> tokenized =
                    KafkaTestSupport.readCommitted(KAFKA.bootstrapServers(), config.topics().tokenized());
            Set<String> ids = tokenized.stream().map(r -> KafkaTestSupport.jsonField(r, "payment_id")).collect(Collectors.toSet());
            assertThat(tokenized).as("every payment once, while the collector is down").hasSize((int) unique);
            assertThat(ids).hasSize((int) unique);

            assertThat(awaitDropped()).as("payments_tracing_spans_dropped").isPositive();
        } finally {
            JobEnd.cancel(job, checkpoints);
        }
    }

    private static PaymentsConfig config(String name, Path checkpoints, String endpoint, String ratio, String queue) {
        Map<String, String> settings = TestJobs.settings(name, KAFKA.bootstrapServers(), checkpoints);
        settings.put("tracing.otlp-endpoint", endpoint);
        settings.put("tracing.sample-ratio", ratio);
        settings.put("tracing.queue-size", queue);
        return PaymentsConfig.from(settings);
    }

    /**
     * Produces {@link #RECORDS} synthetic records (valid, replays, malformed), each with a
     * traceparent of its own: a third sampled, a third unsampled, a third without one. The ids are
     * built so that no run of 12 digits appears (the job would mask the header as a card number).
     */
    private static List<Sent> produce(PaymentsConfig config, long seed) throws Exception {
        KAFKA.broker().createTopics(TestJobs.topics(config), 3);
        SyntheticPayments generator = new SyntheticPayments(seed, 0.10, 0.10, Instant.parse("2026-11-24T10:00:00Z"));
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < RECORDS; i++) {
                Generated g = generator.next();
                String traceId = String.format("%08x", i) + "cafebabe" + String.format("%08x", seed) + "feedface";
                String spanId = String.format("%08x", i) + "beefbeef";
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topics().raw(), g.key(), g.value());
                Sent s = switch (i % 3) {
                    case 0 -> new Sent(g, traceId, spanId, true);
                    case 1 -> new Sent(g, traceId, spanId, false);
                    default -> new Sent(g, null, null, false);
                };
                if (s.traceId() != null) {
                    record.headers().add("traceparent", ("00-" + traceId + "-" + spanId + (s.sampled() ? "-01" : "-00"))
                            .getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record);
                sent.add(s);
            }
            producer.flush();
        }
        return sent;
    }

    /** The spans each sampled record must get, by its kind: a replay is not scored, a rejected record only ingested. */
    private static Map<String, List<String>> expectedSpanNamesByTrace(List<Sent> sent) {
        Map<String, List<String>> expected = new TreeMap<>();
        for (Sent s : sent) {
            if (!s.sampled()) {
                continue;
            }
            List<String> names = switch (s.generated().kind()) {
                case VALID, LATE -> new ArrayList<>(List.of(PaymentSpans.INGEST, PaymentSpans.EMISSION, PaymentSpans.SCORING));
                case EXACT_REPLAY, CONFLICTING_REPLAY -> new ArrayList<>(List.of(PaymentSpans.INGEST, PaymentSpans.EMISSION));
                case MALFORMED -> new ArrayList<>(List.of(PaymentSpans.INGEST));
            };
            names.sort(null);
            expected.put(s.traceId(), names);
        }
        return expected;
    }

    /** Every name, attribute key and value through the one card-number detector, and no input PAN anywhere. */
    private static void assertNoCardData(ReceivedSpan span, List<Sent> sent) {
        assertThat(CardNumberDetector.containsCardNumber(span.name())).as(span.name()).isFalse();
        span.attributes().forEach((key, value) -> {
            assertThat(CardNumberDetector.containsCardNumber(key)).as(key).isFalse();
            assertThat(CardNumberDetector.containsCardNumber(value)).as("%s of %s", key, span.name()).isFalse();
        });
        String all = span.toString();
        assertThat(sent).noneMatch(s -> !s.generated().pan().isEmpty() && all.contains(s.generated().pan()));
    }

    private static List<ReceivedSpan> awaitSpans(OtlpTraceReceiver receiver, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (receiver.spans().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // A little longer, so that a span too many (an unsampled payment's) would show.
        Thread.sleep(6_000);
        return receiver.spans();
    }

    private static long awaitDropped() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long dropped = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> counters = PrometheusText.paymentsCounters(scrape());
            Long seen = counters.get(PaymentSpans.DROPPED_METRIC);
            assertThat(seen).as("%s is exported", PaymentSpans.DROPPED_METRIC).isNotNull();
            dropped = seen;
            if (dropped > 0) {
                break;
            }
            Thread.sleep(500);
        }
        return dropped;
    }


    private static String scrape() {
        return MiniClusters.scrapePrometheus(PROMETHEUS_PORT);
    }

}
