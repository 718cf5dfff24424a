package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.Preconditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Settles scored payments per merchant and currency (keyed by {@link SettlementKey#of}) in tumbling
 * event-time {@link SettlementWindows}, and emits revisioned {@link Settlement}s.
 *
 * <ul>
 *   <li><b>Revision 0</b> of a window is emitted when the watermark reaches {@code windowEnd - 1 +
 *       allowedLateness}. Every payment that arrives before, in order, out of order or behind the
 *       watermark, is in it.
 *   <li><b>Adjustments.</b> A payment for a window already emitted is never dropped: it updates the
 *       window's totals and yields the next revision (1, 2, ...), {@code isAdjustment}, with the
 *       cumulative figures and the {@link SettlementDelta} against the previous revision. Late
 *       payments are batched: each registers a timer at the current watermark + 1, so those that
 *       arrive between two watermarks make one revision per window; a processing-time timer
 *       about a second later emits them when event time stands still (all partitions quiet). A
 *       window that had no payment when it closed gets its revision 0 this way.
 *   <li><b>Fees</b> are computed once per revision on the cumulative totals, with the merchant's
 *       plan from the {@link FeeSchedule}; the fee delta is the new fee minus the fee emitted
 *       before, so the fees posted over all revisions equal the fee on the final totals.
 *   <li><b>Declined</b> payments (any type) are not settled; they are counted apart. Approved and
 *       reviewed ones are settled.
 *   <li><b>Horizon.</b> A closed window is kept for adjustments until the watermark reaches
 *       {@code windowEnd - 1 + allowedLateness + adjustmentHorizon}, then forgotten. A payment for
 *       a window past that goes to {@link #BEYOND_HORIZON}, for the DLQ and manual settlement.
 *   <li><b>Overflow.</b> If a sum, the fee or the net of a revision does not fit in a long, no
 *       settlement is emitted for it: a {@link SettlementOverflow} goes to {@link #OVERFLOWS}
 *       instead, and so does every later revision of that window. Wrong numbers are never emitted.
 * </ul>
 *
 * <p>A payment whose merchant and currency do not make the current key fails the job with an
 * {@link IllegalStateException}: that is a wiring bug, the same for every record, and settling it
 * into another line would silently mix currencies or merchants; a restart loop gets it noticed
 * before any wrong settlement leaves. The message names ids only, no amounts and no card token.
 *
 * <p>State per key: open windows' {@link SettlementTotals} and closed windows' {@link EmittedWindow}s,
 * both by window start. Timers (one per distinct time, so shared among windows) drive closing,
 * adjustment batches and cleanup; each timer works from the state, not from its own time, so a
 * timer shared by several windows serves them all, in window order. Nothing is kept past the
 * horizon. No wall-clock time is in the output; wall-clock time decides only how late payments are
 * batched into revisions when event time stands still, and revisions add up whatever the batching.
 *
 * <p>Metrics: {@code payments_settlement_lines_emitted} (every revision emitted), {@code
 * payments_settlement_adjustments} (those with revision > 0), {@code
 * payments_settlement_late_payments} (payments for already closed windows), {@code
 * payments_settlement_overflows}, {@code payments_settlement_beyond_horizon}.
 */
public final class SettlementAggregator extends KeyedProcessFunction<String, ScoredPayment, Settlement>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SettlementAggregator.class);

    /** Payments for windows past their adjustment horizon: to the DLQ, for manual settlement. */
    public static final OutputTag<ScoredPayment> BEYOND_HORIZON = new OutputTag<>("settlement-beyond-horizon") {};
    /** Revisions that could not be computed exactly. */
    public static final OutputTag<SettlementOverflow> OVERFLOWS = new OutputTag<>("settlement-overflows") {};

    /**
     * Late payments wait at most about this long (processing time) for their adjustment when the
     * watermark does not move. With traffic, the next watermark comes first.
     */
    static final long ADJUSTMENT_FLUSH_MILLIS = 1_000L;

    static final String OPEN_STATE = "settlement-open-windows";
    static final String CLOSED_STATE = "settlement-closed-windows";
    static final String WATERMARK_FLOOR_STATE = "settlement-watermark-floor";

    private final SettlementWindows windows;
    private final FeeSchedule fees;
    private final long allowedLatenessMillis;
    private final long adjustmentHorizonMillis;

    private transient MapState<Long, SettlementTotals> openWindows;
    private transient MapState<Long, EmittedWindow> closedWindows;
    /**
     * Flink does not checkpoint watermarks: after a restore the operator's watermark starts from
     * nothing while the replayed payments arrive. Judged against it alone, a payment for a window
     * already emitted, or already forgotten past its horizon, would open that window again and
     * settle it a second time from zero, under the same settlement id. So the highest watermark
     * seen goes into every checkpoint (union list state: after a rescale each subtask takes the
     * highest of all, the watermark being the same stream's for every subtask) and is the floor of
     * the watermark after a restore. Operator state, one long per subtask, not per key.
     */
    private transient ListState<Long> watermarkFloorState;
    private transient long watermarkFloor;
    private transient Counter settlementsEmitted;
    private transient Counter adjustments;
    private transient Counter lateEvents;
    private transient Counter overflows;
    private transient Counter beyondHorizon;

    /**
     * @param allowedLateness how long after a window's end revision 0 waits for stragglers, at least 0
     * @param adjustmentHorizon how long after revision 0 is due late payments still adjust the
     *     window, at least 0 (0: none do, they all go to {@link #BEYOND_HORIZON})
     */
    public SettlementAggregator(SettlementWindows windows, FeeSchedule fees, Duration allowedLateness,
            Duration adjustmentHorizon) {
        this.windows = Preconditions.checkNotNull(windows, "windows");
        this.fees = Preconditions.checkNotNull(fees, "fees");
        Preconditions.checkArgument(!allowedLateness.isNegative(), "allowed lateness must not be negative, got %s",
                allowedLateness);
        Preconditions.checkArgument(!adjustmentHorizon.isNegative(),
                "adjustment horizon must not be negative, got %s", adjustmentHorizon);
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.adjustmentHorizonMillis = adjustmentHorizon.toMillis();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        watermarkFloorState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(WATERMARK_FLOOR_STATE, Types.LONG));
        watermarkFloor = Long.MIN_VALUE;
        for (Long seen : watermarkFloorState.get()) {
            watermarkFloor = Math.max(watermarkFloor, seen);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        watermarkFloorState.update(List.of(watermarkFloor));
    }

    /** The watermark, never below what this operator saw before a restore. */
    private long watermark(TimerService timers) {
        watermarkFloor = Math.max(watermarkFloor, timers.currentWatermark());
        return watermarkFloor;
    }

    @Override
    public void open(OpenContext openContext) {
        openWindows = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                OPEN_STATE, Types.LONG, TypeInformation.of(SettlementTotals.class)));
        closedWindows = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                CLOSED_STATE, Types.LONG, TypeInformation.of(EmittedWindow.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        settlementsEmitted = metrics.counter("payments_settlement_lines_emitted");
        adjustments = metrics.counter("payments_settlement_adjustments");
        lateEvents = metrics.counter("payments_settlement_late_payments");
        overflows = metrics.counter("payments_settlement_overflows");
        beyondHorizon = metrics.counter("payments_settlement_beyond_horizon");
    }

    @Override
    public void processElement(ScoredPayment scored, Context ctx, Collector<Settlement> out) throws Exception {
        TokenizedPayment payment = scored.payment();
        String key = ctx.getCurrentKey();
        if (!key.equals(SettlementKey.of(payment.merchantId(), payment.currency()))) {
            throw new IllegalStateException("payment " + payment.paymentId() + " of merchant " + payment.merchantId()
                    + " in " + payment.currency() + " reached settlement key " + key
                    + "; settlement must be keyed by SettlementKey.of(merchantId, currency)");
        }
        long start = windows.windowStartOf(payment.eventTimeMillis());
        long watermark = watermark(ctx.timerService());

        // The watermark starts afresh after a restore: a window closed before it is still closed.
        // (A window already past its horizon before the restore is not known here any more: a payment
        // for it before the first watermark still opens it; only a watermark kept in state would tell.)
        if (watermark < closeTime(start) && !closedWindows.contains(start)) {
            SettlementTotals totals = openWindows.get(start);
            if (totals == null) {
                totals = SettlementTotals.EMPTY;
                ctx.timerService().registerEventTimeTimer(closeTime(start));
            }
            openWindows.put(start, totals.add(scored));
            return;
        }
        if (watermark >= expiryTime(start)) {
            beyondHorizon.inc();
            ctx.output(BEYOND_HORIZON, scored);
            return;
        }
        lateEvents.inc();
        EmittedWindow closed = closedWindows.get(start);
        if (closed == null) {
            // closed without a payment: nothing was emitted and no cleanup timer runs yet
            closed = EmittedWindow.empty();
            ctx.timerService().registerEventTimeTimer(expiryTime(start));
        }
        closedWindows.put(start, closed.withLatePayment(scored));
        // one revision for all late payments up to the next watermark
        ctx.timerService().registerEventTimeTimer(watermark + 1);
        // ... or, when event time stands still (every partition quiet), within ADJUSTMENT_FLUSH of
        // processing time; rounded up so that a burst of late payments shares one timer
        long now = ctx.timerService().currentProcessingTime();
        ctx.timerService().registerProcessingTimeTimer((now / ADJUSTMENT_FLUSH_MILLIS + 2) * ADJUSTMENT_FLUSH_MILLIS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Settlement> out) throws Exception {
        String key = ctx.getCurrentKey();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            // the flush of late payments only: closing and expiry follow event time alone
            for (long start : sorted(closedWindows.keys())) {
                EmittedWindow closed = closedWindows.get(start);
                if (closed.hasPending()) {
                    closedWindows.put(start, publish(key, start, closed, ctx, out));
                }
            }
            return;
        }
        watermarkFloor = Math.max(watermarkFloor, timestamp);
        for (long start : sorted(openWindows.keys())) {
            if (closeTime(start) > timestamp) {
                continue;
            }
            SettlementTotals totals = openWindows.get(start);
            openWindows.remove(start);
            EmittedWindow closed = publish(key, start, EmittedWindow.firstOf(totals), ctx, out);
            if (expiryTime(start) > timestamp) {
                closedWindows.put(start, closed);
                ctx.timerService().registerEventTimeTimer(expiryTime(start));
            }
        }
        for (long start : sorted(closedWindows.keys())) {
            EmittedWindow closed = closedWindows.get(start);
            if (closed.hasPending()) {
                closed = publish(key, start, closed, ctx, out);
                closedWindows.put(start, closed);
            }
            if (expiryTime(start) <= timestamp) {
                closedWindows.remove(start);
            }
        }
    }

    /** Emits the next revision of the window's current totals, or reports it overflowed. */
    private EmittedWindow publish(String key, long start, EmittedWindow window, OnTimerContext ctx,
            Collector<Settlement> out) {
        String merchant = SettlementKey.merchantOf(key);
        String currency = SettlementKey.currencyOf(key);
        long end = windows.windowEndOf(start);
        String id = SettlementId.of(merchant, currency, start, end);
        int revision = window.revision() + 1;
        SettlementTotals totals = window.current();
        if (!totals.overflowed()) {
            FeePlan plan = fees.planFor(merchant);
            try {
                long fee = totals.feesMinor(plan);
                long net = totals.netMinor(fee);
                SettlementDelta delta = revision == 0
                        ? null : SettlementDelta.between(window.emitted(), window.emittedFeesMinor(), totals, fee);
                out.collect(new Settlement(id, merchant, currency, start, end, revision, revision > 0,
                        totals.amounts(), fee, net, plan.basisPoints(), plan.fixedFeeMinor(), window.lateEventCount(),
                        delta));
                settlementsEmitted.inc();
                if (revision > 0) {
                    adjustments.inc();
                }
                return window.published(revision, fee);
            } catch (ArithmeticException e) {
                // fee, net or delta out of range: reported below like an overflowed sum
            }
        }
        LOG.warn("Settlement {} (merchant {}, currency {}, window start {}) revision {} overflowed; "
                + "reported for manual settlement", id, merchant, currency, start, revision);
        overflows.inc();
        ctx.output(OVERFLOWS, new SettlementOverflow(id, merchant, currency, start, end, revision));
        return window.overflowedAt(revision);
    }

    /** When revision 0 of the window starting at {@code start} is due. */
    private long closeTime(long start) {
        return saturatedAdd(windows.windowEndOf(start) - 1, allowedLatenessMillis);
    }

    /** When the window starting at {@code start} stops taking adjustments and is forgotten. */
    private long expiryTime(long start) {
        return saturatedAdd(closeTime(start), adjustmentHorizonMillis);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** Window starts in ascending order, so a timer serving several windows emits them in order. */
    private static List<Long> sorted(Iterable<Long> starts) {
        List<Long> list = new ArrayList<>();
        starts.forEach(list::add);
        Collections.sort(list);
        return list;
    }
}
