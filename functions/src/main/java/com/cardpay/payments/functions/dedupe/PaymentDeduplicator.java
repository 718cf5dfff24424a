package com.cardpay.payments.functions.dedupe;

import com.cardpay.payments.functions.deadletter.DeadLetters;
import com.cardpay.payments.functions.metrics.CommitLatency;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tracing.PaymentSpans;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.Preconditions;

import java.time.Duration;

/**
 * Drops exact replays of a payment, keyed by merchant. State per merchant: the {@code payment_id}s
 * seen within the TTL, each with the {@link TokenizedPayment#contentHash()} of its first record.
 *
 * <ul>
 *   <li>Same id, same content: a duplicate; counted and dropped.
 *   <li>Same id, other content: a conflict; never dropped silently, it goes to the DLQ as
 *       {@code DUPLICATE_CONFLICT}.
 * </ul>
 *
 * A first sighting goes out as two records on the main output: the tokenized payment ({@link
 * Either#Left}) and its vault record ({@link Either#Right}), so a replay does not write the vault
 * topic twice either. One output, not a side output for the vault: the job chains a single
 * exactly-once sink for both topics to this operator, so a payment's two records are always written
 * in the same Kafka transaction and commit or abort together; a token never lacks its vault entry.
 * ({@link #tokenizedOnly} gives the tokenized stream for the stages that follow.)
 *
 * <p>The TTL runs on processing time (the only time Flink's state TTL supports) from the first
 * sighting. RocksDB drops expired entries in compaction; the heap backend, when they are next read
 * or by incremental cleanup.
 *
 * <p>Metric {@value CommitLatency#METRIC}: the commit-visible latency of each first sighting, from
 * its {@code payments.raw} record's Kafka timestamp until the checkpoint that commits the sink's
 * transaction completes ({@link CommitLatency}). That is why the function is a {@link
 * CheckpointedFunction} and a {@link CheckpointListener}: it learns of the barriers and of the
 * completions (Flink notifies a chain's operators tail first: the chained sink's committer has
 * committed the transaction when this function takes the time). It registers no state there: the operator's state (and so its savepoints) is only
 * the keyed {@value #STATE_NAME}.
 */
public final class PaymentDeduplicator
        extends KeyedProcessFunction<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;

    /** The main output's type: each side with its own serializer, no Kryo. */
    public static final TypeInformation<Either<TokenizedPayment, VaultRecord>> OUTPUT_TYPE =
            new EitherTypeInfo<>(TypeInformation.of(TokenizedPayment.class), TypeInformation.of(VaultRecord.class));
    public static final OutputTag<DeadLetter> CONFLICTS = new OutputTag<>("duplicate-conflicts") {};
    static final String STATE_NAME = "seen-payment-ids";

    private final Duration ttl;
    private final CommitLatency.Clock clock;
    private transient MapState<String, Long> seen;
    private transient Counter tokenized;
    private transient Counter duplicates;
    private transient Counter conflicts;
    private transient CommitLatency commitLatency;
    private transient PaymentSpans spans;

    public PaymentDeduplicator(Duration ttl) {
        this(ttl, CommitLatency.Clock.SYSTEM);
    }

    /** With the wall clock that the commit-visible latency metric reads (tests). */
    PaymentDeduplicator(Duration ttl, CommitLatency.Clock clock) {
        Preconditions.checkArgument(!ttl.isNegative() && !ttl.isZero(), "dedupe TTL must be positive, got %s", ttl);
        this.ttl = ttl;
        this.clock = Preconditions.checkNotNull(clock);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> descriptor = new MapStateDescriptor<>(STATE_NAME, Types.STRING, Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        tokenized = getRuntimeContext().getMetricGroup().counter("payments_records_tokenized");
        duplicates = getRuntimeContext().getMetricGroup().counter("payments_duplicates");
        conflicts = getRuntimeContext().getMetricGroup()
                .addGroup("error_code", RejectionCode.DUPLICATE_CONFLICT.name())
                .counter("payments_dlq_records");
        commitLatency = new CommitLatency(getRuntimeContext().getMetricGroup().histogram(CommitLatency.METRIC,
                new DescriptiveStatisticsHistogram(CommitLatency.HISTOGRAM_WINDOW)), clock);
        spans = PaymentSpans.open(getRuntimeContext());
    }

    /** No operator state: the barrier only files the latency samples (see {@link CommitLatency}). */
    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        commitLatency.snapshot(context.getCheckpointId());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        commitLatency.completed(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        commitLatency.aborted(checkpointId);
    }

    @Override
    public void processElement(IngestOutcome outcome, Context ctx, Collector<Either<TokenizedPayment, VaultRecord>> out)
            throws Exception {
        long started = PaymentSpans.now();
        TokenizedPayment payment = outcome.payment();
        Preconditions.checkArgument(payment != null, "dedupe takes accepted payments only; route dead letters first");
        Long firstHash = seen.get(payment.paymentId());
        if (firstHash == null) {
            seen.put(payment.paymentId(), payment.contentHash());
            tokenized.inc();
            out.collect(Either.Left(payment));
            out.collect(Either.Right(outcome.vaultRecord()));
            commitLatency.emitted(payment.source().timestampMillis());
        } else if (firstHash == payment.contentHash()) {
            duplicates.inc();
        } else {
            conflicts.inc();
            ctx.output(CONFLICTS, DeadLetters.duplicateConflict(payment));
        }
        spans.emission(payment, started,
                firstHash == null ? "written" : firstHash == payment.contentHash() ? "duplicate" : "conflict");
    }

    /** The tokenized payments of a first-sighting stream, for the fraud and settlement stages. */
    public static void tokenizedOnly(Either<TokenizedPayment, VaultRecord> record, Collector<TokenizedPayment> out) {
        if (record.isLeft()) {
            out.collect(record.left());
        }
    }
}
