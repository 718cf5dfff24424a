package com.cardpay.payments.functions.dedupe;

import com.cardpay.payments.functions.deadletter.DeadLetters;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
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
 * Accepted payments go out on the main output and their vault records on {@link #VAULT}, so a
 * replay does not write the vault topic twice either.
 *
 * <p>The TTL runs on processing time (the only time Flink's state TTL supports) from the first
 * sighting. RocksDB drops expired entries in compaction; the heap backend, when they are next read
 * or by incremental cleanup.
 */
public final class PaymentDeduplicator extends KeyedProcessFunction<String, IngestOutcome, TokenizedPayment> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<VaultRecord> VAULT = new OutputTag<>("vault") {};
    public static final OutputTag<DeadLetter> CONFLICTS = new OutputTag<>("duplicate-conflicts") {};
    static final String STATE_NAME = "seen-payment-ids";

    private final Duration ttl;
    private transient MapState<String, Long> seen;
    private transient Counter tokenized;
    private transient Counter duplicates;
    private transient Counter conflicts;

    public PaymentDeduplicator(Duration ttl) {
        Preconditions.checkArgument(!ttl.isNegative() && !ttl.isZero(), "dedupe TTL must be positive, got %s", ttl);
        this.ttl = ttl;
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
    }

    @Override
    public void processElement(IngestOutcome outcome, Context ctx, Collector<TokenizedPayment> out) throws Exception {
        TokenizedPayment payment = outcome.payment();
        Preconditions.checkArgument(payment != null, "dedupe takes accepted payments only; route dead letters first");
        Long firstHash = seen.get(payment.paymentId());
        if (firstHash == null) {
            seen.put(payment.paymentId(), payment.contentHash());
            tokenized.inc();
            out.collect(payment);
            ctx.output(VAULT, outcome.vaultRecord());
        } else if (firstHash == payment.contentHash()) {
            duplicates.inc();
        } else {
            conflicts.inc();
            ctx.output(CONFLICTS, DeadLetters.duplicateConflict(payment));
        }
    }
}
