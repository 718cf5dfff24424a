package com.cardpay.payments.jobs;

import com.cardpay.payments.connectors.contracts.dlq.DlqTopic;
import com.cardpay.payments.connectors.contracts.dlq.SettlementDeadLetters;
import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.contracts.rules.FraudRulesTopic;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusTopic;
import com.cardpay.payments.connectors.contracts.scored.ScoredTopic;
import com.cardpay.payments.connectors.contracts.settlements.SettlementsTopic;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedTopic;
import com.cardpay.payments.connectors.contracts.vault.VaultTopic;
import com.cardpay.payments.connectors.kafka.EitherTopicSerializer;
import com.cardpay.payments.connectors.kafka.PaymentsKafka;
import com.cardpay.payments.connectors.kafka.SerializeForKafka;
import com.cardpay.payments.connectors.kafka.SerializedKafkaRecord;
import com.cardpay.payments.connectors.keys.KeyProviderFactory;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.connectors.vault.VaultKeyProvider;
import com.cardpay.payments.functions.dedupe.PaymentDeduplicator;
import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.features.CardFeaturesFunction;
import com.cardpay.payments.functions.fraud.scoring.FraudScoringFunction;
import com.cardpay.payments.functions.ingest.IngestOutcomeRouter;
import com.cardpay.payments.functions.ingest.PaymentWatermarks;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAggregator;
import com.cardpay.payments.functions.settlement.SettlementKey;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.SettlementSettings;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The payments job graph:
 *
 * <pre>
 * payments.raw ─► source (parse, validate, tokenize) ─► router ─► keyBy(merchant) ─► dedupe ─► one sink, one transaction:
 *                                                         │                           │      payments.tokenized + payments.vault
 *                                                         └─ rejected ─────────┬──────┴─ conflicts
 *                                                                               └────────► payments.dlq
 * dedupe ─► keyBy(card) ─► card features ─► keyBy(merchant) ─► scoring ◄── broadcast ── payments.fraud-rules
 *                                                                 ├──────► payments.scored
 *                                                                 ├──────► payments.fraud-rules.status
 *                                                                 ▼
 *            keyBy(currency:merchant) ─► settlement windows ─► payments.settlements
 *                                                 └─ beyond horizon / overflow ─► payments.dlq
 * </pre>
 *
 * The source and sinks come in through the constructor, so tests can wire their own; {@link
 * #fromConfig} wires the real Kafka ones.
 */
public final class PaymentsJob {
    private final PaymentsConfig config;
    private final Source<IngestOutcome, ?, ?> source;
    private final Sink<Either<TokenizedPayment, VaultRecord>> tokenizationSink;
    private final Sink<DeadLetter> dlqSink;
    private final Source<RuleUpdate, ?, ?> rulesSource;
    private final Sink<ScoredPayment> scoredSink;
    private final Sink<RuleStatus> ruleStatusSink;
    private final Sink<Settlement> settlementsSink;
    private StageHook stageHook;
    /** Set only in the single-sink layout ({@link #withOneKafkaSinkForAllOutputs}). */
    private Serializers oneSinkSerializers;
    private Sink<SerializedKafkaRecord> oneSink;
    private final List<DataStream<SerializedKafkaRecord>> toOneSink = new ArrayList<>();

    /**
     * The job's outputs. {@code tokenization} takes each payment's tokenized record (left) and vault
     * record (right) in one sink, so both are in the same transaction: a token never lacks its vault
     * entry, whatever fails. The others: one sink per topic.
     */
    public record Sinks(Sink<Either<TokenizedPayment, VaultRecord>> tokenization, Sink<DeadLetter> dlq,
            Sink<ScoredPayment> scored, Sink<RuleStatus> ruleStatus, Sink<Settlement> settlements) {}

    public PaymentsJob(PaymentsConfig config, Source<IngestOutcome, ?, ?> source, Source<RuleUpdate, ?, ?> rulesSource,
            Sinks sinks) {
        this.config = config;
        this.source = source;
        this.rulesSource = rulesSource;
        this.tokenizationSink = sinks.tokenization();
        this.dlqSink = sinks.dlq();
        this.scoredSink = sinks.scored();
        this.ruleStatusSink = sinks.ruleStatus();
        this.settlementsSink = sinks.settlements();
    }

    /** Each exactly-once sink's role: the last part of its transactional-id prefix. */
    public static final class SinkRoles {
        public static final String TOKENIZED_VAULT = "tokenized-vault";
        public static final String DLQ = "dlq";
        public static final String SCORED = "scored";
        public static final String RULES_STATUS = "rules-status";
        public static final String SETTLEMENTS = "settlements";
        public static final List<String> ALL = List.of(TOKENIZED_VAULT, DLQ, SCORED, RULES_STATUS, SETTLEMENTS);

        private SinkRoles() {}
    }

    /** The production wiring: Kafka source and exactly-once Kafka sinks, keys as configured. */
    public static PaymentsJob fromConfig(PaymentsConfig config) {
        return fromConfig(config, keyProviderFactory(config), config.kafkaTls().clientProperties());
    }

    public static PaymentsJob fromConfig(PaymentsConfig config, KeyProviderFactory keys, Map<String, String> kafkaClientProperties) {
        return withKafkaSinks(config, rawSource(config, keys, kafkaClientProperties), kafkaClientProperties);
    }

    private static Source<IngestOutcome, ?, ?> rawSource(PaymentsConfig config, KeyProviderFactory keys,
            Map<String, String> kafkaClientProperties) {
        return PaymentsKafka.rawPaymentsSource(config.bootstrapServers(), config.topics().raw(), config.consumerGroup(),
                config.startingOffsets(), kafkaClientProperties, RawTopic.deserializer(keys, config.maxEventTimeAhead(), config.settlement().currencies()),
                config.bounded());
    }

    /** The given source with the production exactly-once Kafka sinks. */
    public static PaymentsJob withKafkaSinks(PaymentsConfig config, Source<IngestOutcome, ?, ?> source,
            Map<String, String> kafkaClientProperties) {
        Serializers s = Serializers.of(config);
        return new PaymentsJob(config, source, rulesSource(config, kafkaClientProperties),
                new Sinks(
                        sink(config, SinkRoles.TOKENIZED_VAULT, kafkaClientProperties, s.tokenization()),
                        sink(config, SinkRoles.DLQ, kafkaClientProperties, s.dlq()),
                        sink(config, SinkRoles.SCORED, kafkaClientProperties, s.scored()),
                        sink(config, SinkRoles.RULES_STATUS, kafkaClientProperties, s.ruleStatus()),
                        sink(config, SinkRoles.SETTLEMENTS, kafkaClientProperties, s.settlements())));
    }

    /**
     * <b>The other layout, measured and not chosen</b> (README, "One sink or one per stage"): every
     * output serialized by its contract in its stage, then all of them through one exactly-once
     * sink (a union before it), so a subtask's outputs of all stages share one transaction. The
     * benchmark's {@code pipeline-one-sink} variant runs it.
     */
    public static PaymentsJob withOneKafkaSinkForAllOutputs(PaymentsConfig config, KeyProviderFactory keys,
            Map<String, String> kafkaClientProperties) {
        PaymentsJob job = new PaymentsJob(config, rawSource(config, keys, kafkaClientProperties),
                rulesSource(config, kafkaClientProperties), new Sinks(null, null, null, null, null));
        job.oneSinkSerializers = Serializers.of(config);
        job.oneSink = sink(config, "all-outputs", kafkaClientProperties, SerializedKafkaRecord.passThrough());
        return job;
    }

    /** Each output topic's serializer, by its contract. */
    record Serializers(KafkaRecordSerializationSchema<Either<TokenizedPayment, VaultRecord>> tokenization,
            KafkaRecordSerializationSchema<DeadLetter> dlq, KafkaRecordSerializationSchema<ScoredPayment> scored,
            KafkaRecordSerializationSchema<RuleStatus> ruleStatus, KafkaRecordSerializationSchema<Settlement> settlements) {
        static Serializers of(PaymentsConfig config) {
            return new Serializers(
                    new EitherTopicSerializer<>(TokenizedTopic.serializer(config.topics().tokenized()),
                            VaultTopic.serializer(config.topics().vault())),
                    DlqTopic.serializer(config.topics().dlq()),
                    ScoredTopic.serializer(config.topics().scored()),
                    RuleStatusTopic.serializer(config.topics().fraudRulesStatus()),
                    SettlementsTopic.serializer(config.topics().settlements()));
        }
    }

    private static Source<RuleUpdate, ?, ?> rulesSource(PaymentsConfig config, Map<String, String> kafkaClientProperties) {
        return PaymentsKafka.fraudRulesSource(config.bootstrapServers(), config.topics().fraudRules(), config.consumerGroup(),
                kafkaClientProperties, FraudRulesTopic.deserializer(), config.bounded());
    }

    static KeyProviderFactory keyProviderFactory(PaymentsConfig config) {
        return switch (config.keyProvider()) {
            case LOCAL -> LocalKeyProvider.factory();
            case VAULT -> VaultKeyProvider.factory(config.vault());
        };
    }

    private static <T> Sink<T> sink(PaymentsConfig config, String role, Map<String, String> clientProperties,
            KafkaRecordSerializationSchema<T> serializer) {
        return PaymentsKafka.exactlyOnceSink(config.bootstrapServers(), config.transactionalIdPrefix(role),
                config.transactionTimeout(), clientProperties, serializer);
    }

    /** <b>Test seam</b>: {@code hook} sees every record each stateful stage emits (see {@link StageHook}). */
    public PaymentsJob withStageHook(StageHook hook) {
        this.stageHook = hook;
        return this;
    }

    /** {@code stage}'s main output, through the test hook's operator when there is one. */
    private <T> DataStream<T> afterHook(SingleOutputStreamOperator<T> stage, StageHook.Stage which) {
        return stageHook == null ? stage : stage.map(new StageHook.Tap<T>(stageHook, which)).returns(stage.getType())
                .uid(which.uid()).name("test hook after " + which);
    }

    /**
     * Writes {@code records} to their sink, or in the single-sink layout serializes them for the one
     * sink (which {@link #build} adds last).
     */
    private <T> void writeTo(DataStream<T> records, Sink<T> sink,
            Function<Serializers, KafkaRecordSerializationSchema<T>> serializer, String uid, String name) {
        if (oneSink == null) {
            records.sinkTo(sink).uid(uid).name(name);
        } else {
            toOneSink.add(records.map(new SerializeForKafka<>(serializer.apply(oneSinkSerializers)))
                    .returns(SerializedKafkaRecord.class).uid(uid + "-serialize").name("serialize for " + name));
        }
    }

    /** Adds the job's operators to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        env.setParallelism(config.parallelism());
        // Every operator opens its spans from these (PaymentSpans.open): no constructor changes.
        Map<String, String> jobParameters = new java.util.HashMap<>(env.getConfig().getGlobalJobParameters().toMap());
        jobParameters.putAll(config.tracing().toJobParameters());
        env.getConfig().setGlobalJobParameters(org.apache.flink.configuration.Configuration.fromMap(jobParameters));
        SingleOutputStreamOperator<IngestOutcome> ingested = env
                .fromSource(source, PaymentWatermarks.strategy(config.maxOutOfOrderness(), config.idleness(),
                                config.maxEventTimeAhead()),
                        "payments.raw: parse, validate, tokenize")
                .uid(OperatorUids.RAW_PAYMENTS_SOURCE);

        SingleOutputStreamOperator<IngestOutcome> accepted = ingested
                .process(new IngestOutcomeRouter(config.maxOutOfOrderness()))
                .uid(OperatorUids.INGEST_ROUTER)
                .name("route accepted / rejected");

        SingleOutputStreamOperator<Either<TokenizedPayment, VaultRecord>> firstSightings = accepted
                .keyBy(outcome -> outcome.payment().merchantId(), Types.STRING)
                .process(new PaymentDeduplicator(config.dedupeTtl()), PaymentDeduplicator.OUTPUT_TYPE)
                .uid(OperatorUids.DEDUPE)
                .name("dedupe payment_id per merchant");

        // Chained to dedupe (one input, forward): a payment's two records are written in the same
        // call, so always in the same transaction, aligned or unaligned checkpoints alike.
        writeTo(firstSightings, tokenizationSink, Serializers::tokenization, OperatorUids.TOKENIZATION_SINK,
                "payments.tokenized + payments.vault (exactly-once, one transaction)");
        SingleOutputStreamOperator<TokenizedPayment> unique = firstSightings
                .flatMap(PaymentDeduplicator::tokenizedOnly, TypeInformation.of(TokenizedPayment.class))
                .uid(OperatorUids.TOKENIZED_ONLY)
                .name("tokenized payments only");
        DataStream<TokenizedPayment> uniqueOut = afterHook(unique, StageHook.Stage.DEDUPE);

        DataStream<CardFeaturedPayment> withCardFeatures = afterHook(uniqueOut
                .keyBy(TokenizedPayment::cardToken, Types.STRING)
                .process(new CardFeaturesFunction(config.fraud()))
                .uid(OperatorUids.CARD_FEATURES)
                .name("fraud: card features"), StageHook.Stage.CARD_FEATURES);
        // Rules rarely change: one reader is enough. It is always idle for event time, so that the
        // rules neither hold event time back nor push it forward (see ControlStreamWatermarks).
        BroadcastStream<RuleUpdate> rules = env
                .fromSource(rulesSource, WatermarkStrategy.forGenerator(ctx -> new ControlStreamWatermarks<>()),
                        "payments.fraud-rules")
                .uid(OperatorUids.FRAUD_RULES_SOURCE)
                .setParallelism(1)
                .broadcast(FraudScoringFunction.RULES);
        SingleOutputStreamOperator<ScoredPayment> scored = withCardFeatures
                .keyBy(p -> p.payment().merchantId(), Types.STRING)
                .connect(rules)
                .process(new FraudScoringFunction(config.fraud()))
                .uid(OperatorUids.FRAUD_SCORING)
                .name("fraud: merchant features, rules, decision");
        DataStream<ScoredPayment> scoredOut = afterHook(scored, StageHook.Stage.FRAUD_SCORING);
        writeTo(scoredOut, scoredSink, Serializers::scored, OperatorUids.SCORED_SINK, "payments.scored (exactly-once)");
        writeTo(scored.getSideOutput(FraudScoringFunction.RULE_STATUS), ruleStatusSink, Serializers::ruleStatus,
                OperatorUids.RULE_STATUS_SINK, "payments.fraud-rules.status (exactly-once)");

        SettlementSettings settlement = config.settlement();
        SingleOutputStreamOperator<Settlement> settlements = scoredOut
                .keyBy(s -> SettlementKey.of(s.payment().merchantId(), s.payment().currency()), Types.STRING)
                .process(new SettlementAggregator(settlement.windows(), settlement.fees(), settlement.allowedLateness(),
                        settlement.adjustmentHorizon(), settlement.adjustmentBatch()))
                .uid(OperatorUids.SETTLEMENT)
                .name("settlement: merchant and currency, event-time windows");
        writeTo(afterHook(settlements, StageHook.Stage.SETTLEMENT), settlementsSink, Serializers::settlements,
                OperatorUids.SETTLEMENTS_SINK, "payments.settlements (exactly-once)");
        DataStream<DeadLetter> unsettled = settlements.getSideOutput(SettlementAggregator.BEYOND_HORIZON)
                .map(SettlementDeadLetters::beyondHorizon).returns(DeadLetter.class).uid(OperatorUids.SETTLEMENT_BEYOND_HORIZON)
                .name("settlement: beyond horizon to DLQ")
                .union(settlements.getSideOutput(SettlementAggregator.OVERFLOWS)
                        .map(SettlementDeadLetters::overflow).returns(DeadLetter.class).uid(OperatorUids.SETTLEMENT_OVERFLOWS)
                        .name("settlement: overflow to DLQ"));

        DataStream<DeadLetter> deadLetters = accepted.getSideOutput(IngestOutcomeRouter.REJECTED)
                .union(firstSightings.getSideOutput(PaymentDeduplicator.CONFLICTS), unsettled);
        writeTo(deadLetters, dlqSink, Serializers::dlq, OperatorUids.DLQ_SINK, "payments.dlq (exactly-once)");
        if (oneSink != null) {
            toOneSink.get(0).union(toOneSink.subList(1, toOneSink.size()).toArray(DataStream[]::new))
                    .sinkTo(oneSink).uid("sink-all-outputs").name("every output topic (exactly-once, one sink)");
        }
    }

    public PaymentsConfig config() {
        return config;
    }
}
