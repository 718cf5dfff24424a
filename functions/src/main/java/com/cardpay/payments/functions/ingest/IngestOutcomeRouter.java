package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.tracing.PaymentSpans;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends rejected records to the DLQ side output, and lets accepted payments through stamped with
 * their own partition's event-time watermark ({@link PartitionWatermarks}, {@link
 * com.cardpay.payments.functions.model.SourcePosition#partitionWatermarkMillis}).
 *
 * <p>Chained to the source, so it sees each partition's records in offset order. State: the
 * highest event time per partition, one entry per partition, as union operator state, so that
 * after a restore or a rescale every subtask knows every partition's, whichever subtask reads it
 * then; it is consistent with the source offsets of the same checkpoint.
 */
public final class IngestOutcomeRouter extends ProcessFunction<IngestOutcome, IngestOutcome>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 2L;

    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};
    static final String STATE = "partition-highest-event-time";

    private final long disorderMillis;
    private transient PartitionWatermarks watermarks;
    private transient ListState<Tuple2<String, Long>> state;
    private transient PaymentSpans spans;

    /** @param maxOutOfOrderness the source watermark's allowed disorder ({@code source.max-out-of-orderness}) */
    public IngestOutcomeRouter(Duration maxOutOfOrderness) {
        this.disorderMillis = maxOutOfOrderness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        spans = PaymentSpans.open(getRuntimeContext());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(STATE, Types.TUPLE(Types.STRING, Types.LONG)));
        watermarks = new PartitionWatermarks(disorderMillis);
        for (Tuple2<String, Long> entry : state.get()) {
            watermarks.restore(entry.f0, entry.f1);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> e : watermarks.highestEventTimes().entrySet()) {
            entries.add(Tuple2.of(e.getKey(), e.getValue()));
        }
        state.update(entries);
    }

    @Override
    public void processElement(IngestOutcome outcome, Context ctx, Collector<IngestOutcome> out) {
        spans.ingest(outcome);
        if (outcome.isAccepted()) {
            out.collect(stamped(outcome));
        } else {
            ctx.output(REJECTED, outcome.deadLetter());
        }
    }

    private IngestOutcome stamped(IngestOutcome outcome) {
        TokenizedPayment p = outcome.payment();
        long watermark = watermarks.advance(p.source(), p.eventTimeMillis());
        TokenizedPayment stamped = new TokenizedPayment(p.paymentId(), p.merchantId(), p.type(), p.amountMinor(),
                p.currency(), p.cardToken(), p.tokenKeyVersion(), p.cardBin(), p.cardLast4(), p.cardCountry(),
                p.merchantCountry(), p.ipCountry(), p.deviceId(), p.eventTimeMillis(), p.originalPaymentId(),
                p.contentHash(), p.source().withPartitionWatermark(watermark), p.headers());
        return IngestOutcome.accepted(stamped, outcome.vaultRecord());
    }
}
