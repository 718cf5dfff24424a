package com.cardpay.payments.integration;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.cardpay.payments.integration.testutils.CollectingSink;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The whole job graph through {@link PaymentsJob}'s constructor, with in-memory sources and sinks
 * instead of Kafka: the pipeline's logic (validation, dedupe, tokenization, scoring, settlement
 * totals) checked end to end without a broker, so that a logic bug shows up here on its own. The
 * source runs the real ingest step ({@link PaymentIngestor}) on generated records, at a fixed
 * ingest clock; the bounded source's end of input closes every settlement window.
 */
class PaymentsJobInMemoryITCase {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @Test
    void everyPaymentIsTokenizedScoredAndSettledOnceAndEveryBadRecordGetsItsCode(@TempDir Path checkpoints)
            throws Exception {
        Map<String, String> settings = TestJobs.settings("in-memory", "127.0.0.1:9", checkpoints);
        settings.put("settlement.window", "1m");
        settings.put("settlement.allowed-lateness", "2s");
        settings.put("source.max-event-time-ahead", "2s");
        PaymentsConfig config = PaymentsConfig.from(settings);
        List<Generated> input = inKafkaOrder(new SyntheticPayments(11, 0.10, 0.10, T0), 3_000);

        CollectingSink<Either<TokenizedPayment, VaultRecord>> tokenization = new CollectingSink<>();
        CollectingSink<DeadLetter> dlq = new CollectingSink<>();
        CollectingSink<ScoredPayment> scored = new CollectingSink<>();
        CollectingSink<RuleStatus> ruleStatus = new CollectingSink<>();
        CollectingSink<Settlement> settlements = new CollectingSink<>();
        Configuration flink = FlinkSettings.of(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        new PaymentsJob(config, new DataGeneratorSource<>(new IngestGenerated(input), input.size(),
                        TypeInformation.of(IngestOutcome.class)),
                // The rules topic holds one tombstone for a rule that never existed: the defaults apply.
                new DataGeneratorSource<>(index -> new RuleUpdate("no-such-rule", null,
                        new SourcePosition("payments.fraud-rules", 0, 0, 0)), 1, TypeInformation.of(RuleUpdate.class)),
                new PaymentsJob.Sinks(tokenization, dlq, scored, ruleStatus, settlements)).build(env);
        env.execute(config.jobName());

        List<String> valid = input.stream().filter(g -> g.kind() == Kind.VALID).map(Generated::paymentId).toList();
        List<TokenizedPayment> tokenized = tokenization.collected().stream().filter(Either::isLeft).map(Either::left).toList();
        List<VaultRecord> vault = tokenization.collected().stream().filter(Either::isRight).map(Either::right).toList();
        assertThat(tokenized).extracting(TokenizedPayment::paymentId)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(valid);
        assertThat(vault).hasSameSizeAs(valid);
        // every token has its vault entry
        assertThat(vault).extracting(VaultRecord::cardToken)
                .containsAll(tokenized.stream().map(TokenizedPayment::cardToken).distinct().toList());
        assertThat(scored.collected()).extracting(s -> s.payment().paymentId())
                .containsExactlyInAnyOrderElementsOf(valid);

        Map<RejectionCode, Long> expectedCodes = new EnumMap<>(RejectionCode.class);
        input.stream().filter(g -> g.expectedRejection() != null)
                .forEach(g -> expectedCodes.merge(g.expectedRejection(), 1L, Long::sum));
        assertThat(dlq.collected().stream().collect(Collectors.groupingBy(d -> RejectionCode.valueOf(d.errorCode()),
                () -> new EnumMap<>(RejectionCode.class), Collectors.counting()))).isEqualTo(expectedCodes);

        // Settlement: per merchant, currency and minute, the approved purchases' gross, to the minor unit.
        assertThat(settlements.collected()).isNotEmpty().allSatisfy(s -> assertThat(s.isAdjustment()).isFalse());
        assertThat(grossPerLine(settlements.collected())).isEqualTo(expectedGrossPerLine(scored.collected()));
        assertThat(settlements.collected()).extracting(s -> s.amounts().declinedCount()).anyMatch(n -> n > 0);
    }

    /**
     * The generated records as two halves of equal size, each holding whole record keys in the order
     * generated: the source's two subtasks each read one half in order, so every merchant's records
     * arrive in order, as from a Kafka partition. (First-seen decides which replay is the conflict,
     * so order matters.) The larger half loses its last records; a replay never outlives its original.
     */
    private static List<Generated> inKafkaOrder(SyntheticPayments generator, int records) {
        List<List<Generated>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < records; i++) {
            Generated g = generator.next();
            halves.get(Math.floorMod(java.util.Arrays.hashCode(g.key()), 2)).add(g);
        }
        int size = Math.min(halves.get(0).size(), halves.get(1).size());
        List<Generated> input = new ArrayList<>(halves.get(0).subList(0, size));
        input.addAll(halves.get(1).subList(0, size));
        return input;
    }

    private static Map<String, Long> grossPerLine(List<Settlement> lines) {
        Map<String, Long> gross = new TreeMap<>();
        lines.forEach(s -> gross.merge(s.merchantId() + "/" + s.currency() + "/" + s.windowStartMillis(), s.amounts().grossMinor(),
                Long::sum));
        return gross;
    }

    private static Map<String, Long> expectedGrossPerLine(List<ScoredPayment> scored) {
        Map<String, Long> gross = new TreeMap<>();
        for (ScoredPayment s : scored) {
            TokenizedPayment p = s.payment();
            String line = p.merchantId() + "/" + p.currency() + "/" + Math.floorDiv(p.eventTimeMillis(), 60_000L) * 60_000L;
            boolean counts = s.decision() != Decision.DECLINE && p.type() == PaymentType.PURCHASE;
            gross.merge(line, counts ? p.amountMinor() : 0L, Long::sum);
        }
        return gross;
    }

    /** The real ingest step on generated records, as the Kafka source's deserializer runs it. */
    private static final class IngestGenerated implements GeneratorFunction<Long, IngestOutcome> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<byte[]> keys = new ArrayList<>();
        private final ArrayList<byte[]> values = new ArrayList<>();
        private final ArrayList<String> traceparents = new ArrayList<>();
        private transient PaymentIngestor ingestor;

        IngestGenerated(List<Generated> input) {
            input.forEach(g -> {
                keys.add(g.key());
                values.add(g.value());
                traceparents.add(g.traceparent());
            });
        }

        @Override
        public void open(SourceReaderContext context) {
            ingestor = new PaymentIngestor(new RawPaymentReader(), new CardTokenizer(new LocalKeyProvider()),
                    EventTimeLimit.at(T0.plus(Duration.ofDays(1)), Duration.ofSeconds(2)));
        }

        @Override
        public IngestOutcome map(Long index) throws Exception {
            int i = index.intValue();
            MessageHeaders headers = new MessageHeaders(new String[] {"traceparent"},
                    new byte[][] {traceparents.get(i).getBytes(StandardCharsets.UTF_8)});
            return ingestor.ingest(values.get(i), keys.get(i), headers, new SourcePosition("payments.raw", 0, i, EventTimeLimit.NO_TIMESTAMP));
        }
    }
}
