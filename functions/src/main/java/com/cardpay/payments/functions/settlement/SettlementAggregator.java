package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
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
import java.util.Comparator;
import java.util.List;

/**
 * Settles scored payments per merchant and currency (keyed by {@link SettlementKey#of}) in tumbling
 * event-time {@link SettlementWindows}, and emits revisioned {@link Settlement}s.
 *
 * <p><b>Every revision is a function of the input alone</b>, so a replay from any checkpoint emits
 * byte-identical settlement lines, and a ledger that posts each (settlement id, revision) once
 * posts each delta once. What decides where a payment goes is not when it meets the pipeline's
 * watermark (that depends on how partitions' reads interleave, which differs from run to run) but
 * its own partition's watermark when it was read ({@link
 * com.cardpay.payments.functions.model.SourcePosition#partitionWatermarkMillis}, stamped at ingest
 * from that partition's records in offset order). With {@code close = windowEnd - 1 +
 * allowedLateness}:
 *
 * <ul>
 *   <li><b>Windows</b> are cut in the merchant's time zone ({@link SettlementWindows}: daily ones
 *       from local midnight to local midnight, 23 or 25 hours on DST days). Each window keeps in
 *       state the zone it opened in ({@link SettlementTotals#timeZone}), so its end, close and id
 *       never move when the configuration changes; a window with no zone (opened before zones) or
 *       in UTC is cut by the UTC rule and keeps the payments within its bounds while it is in
 *       state, even if the merchant's zone now says another window.
 *   <li><b>Revision 0</b> holds every payment of the window whose partition watermark was below
 *       {@code close}. It is emitted when the pipeline's watermark reaches {@code close}: the
 *       pipeline's watermark is the minimum over partitions, so by then every payment still to
 *       come carries a partition watermark of at least {@code close}.
 *   <li><b>Adjustments.</b> A payment whose partition watermark was at or past {@code close} is
 *       late. Late payments are batched by their partition watermark into stretches of {@code
 *       adjustmentBatch} after {@code close}; each non-empty batch is one revision (1, 2, ...),
 *       {@code isAdjustment}, emitted when the pipeline's watermark reaches the batch's end, with
 *       the cumulative figures and the {@link SettlementDelta} against the previous revision. A
 *       window that had no payment at {@code close} gets its revision 0 from its first batch.
 *   <li><b>Fees</b> are computed once per revision on the cumulative totals, with the merchant's
 *       plan from the {@link FeeSchedule}; the fee delta is the new fee minus the fee emitted
 *       before, so the fees posted over all revisions equal the fee on the final totals.
 *   <li><b>Declined</b> payments (any type) are not settled; they are counted apart. Approved and
 *       reviewed ones are settled.
 *   <li><b>Horizon.</b> A closed window takes adjustments from payments whose partition watermark
 *       is below {@code close + adjustmentHorizon}, and is forgotten when the pipeline's watermark
 *       reaches that. A later payment goes to {@link #BEYOND_HORIZON}, for the DLQ and manual
 *       settlement.
 *   <li><b>Overflow.</b> If a sum, the fee or the net of a revision does not fit in a long, no
 *       settlement is emitted for it: a {@link SettlementOverflow} goes to {@link #OVERFLOWS}
 *       instead, and so does every later revision of that window. Wrong numbers are never emitted.
 * </ul>
 *
 * <p>The one exception to determinism, counted in {@code payments_settlement_behind_watermark}: a
 * payment that arrives after the pipeline's watermark already passed the point its partition
 * watermark gives it. That happens only when its partition was declared idle ({@code
 * source.idleness}) and came back behind the others. It is never dropped: it goes into the next
 * batch still open, so its money is settled, but that revision's content depends on timing.
 *
 * <p>A payment whose merchant and currency do not make the current key fails the job with an
 * {@link IllegalStateException}: that is a wiring bug, the same for every record, and settling it
 * into another line would silently mix currencies or merchants; a restart loop gets it noticed
 * before any wrong settlement leaves. The message names ids only, no amounts and no card token.
 *
 * <p>State per key: open windows' {@link SettlementTotals}, closed windows' {@link EmittedWindow}s,
 * both by window start, and {@link LateBatch}es by (window start, batch end). Event-time timers
 * only (one per distinct time, shared among windows) drive closing, adjustment batches and
 * cleanup; each timer works from the state, not from its own time, so a timer shared by several
 * windows serves them all, in window order. Nothing is kept past the horizon, and no wall-clock
 * time is in the output or in any decision.
 *
 * <p>Metrics: {@code payments_settlement_lines_emitted} (every revision emitted), {@code
 * payments_settlement_adjustments} (those with revision > 0), {@code
 * payments_settlement_late_payments} (payments in an adjustment), {@code
 * payments_settlement_behind_watermark}, {@code payments_settlement_overflows}, {@code
 * payments_settlement_beyond_horizon}.
 */
public final class SettlementAggregator extends KeyedProcessFunction<String, ScoredPayment, Settlement>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SettlementAggregator.class);

    /** Payments for windows past their adjustment horizon: to the DLQ, for manual settlement. */
    public static final OutputTag<ScoredPayment> BEYOND_HORIZON = new OutputTag<>("settlement-beyond-horizon") {};
    /** Revisions that could not be computed exactly. */
    public static final OutputTag<SettlementOverflow> OVERFLOWS = new OutputTag<>("settlement-overflows") {};

    static final String OPEN_STATE = "settlement-open-windows";
    static final String CLOSED_STATE = "settlement-closed-windows";
    static final String WATERMARK_FLOOR_STATE = "settlement-watermark-floor";
    static final String LATE_BATCHES_STATE = "settlement-late-batches";

    private final SettlementWindows windows;
    private final FeeSchedule fees;
    private final long allowedLatenessMillis;
    private final long adjustmentHorizonMillis;
    private final long adjustmentBatchMillis;

    private transient MapState<Long, SettlementTotals> openWindows;
    private transient MapState<Long, EmittedWindow> closedWindows;
    /** Late payments not yet published, by (window start, batch end). */
    private transient MapState<Tuple2<Long, Long>, LateBatch> lateBatches;
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
    private transient Counter behindWatermark;
    private transient Counter overflows;
    private transient Counter beyondHorizon;

    /**
     * @param allowedLateness how long after a window's end revision 0 waits for stragglers, at least 0
     * @param adjustmentHorizon how long after revision 0 is due late payments still adjust the
     *     window, at least 0 (0: none do, they all go to {@link #BEYOND_HORIZON})
     * @param adjustmentBatch the stretch of partition watermark whose late payments make one
     *     revision, positive: longer means fewer revisions, each published later
     */
    public SettlementAggregator(SettlementWindows windows, FeeSchedule fees, Duration allowedLateness,
            Duration adjustmentHorizon, Duration adjustmentBatch) {
        this.windows = Preconditions.checkNotNull(windows, "windows");
        this.fees = Preconditions.checkNotNull(fees, "fees");
        Preconditions.checkArgument(!allowedLateness.isNegative(), "allowed lateness must not be negative, got %s",
                allowedLateness);
        Preconditions.checkArgument(!adjustmentHorizon.isNegative(),
                "adjustment horizon must not be negative, got %s", adjustmentHorizon);
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.adjustmentHorizonMillis = adjustmentHorizon.toMillis();
        Preconditions.checkArgument(adjustmentBatch.toMillis() > 0, "adjustment batch must be positive, got %s",
                adjustmentBatch);
        this.adjustmentBatchMillis = adjustmentBatch.toMillis();
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
        lateBatches = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                LATE_BATCHES_STATE, Types.TUPLE(Types.LONG, Types.LONG), TypeInformation.of(LateBatch.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        settlementsEmitted = metrics.counter("payments_settlement_lines_emitted");
        adjustments = metrics.counter("payments_settlement_adjustments");
        lateEvents = metrics.counter("payments_settlement_late_payments");
        behindWatermark = metrics.counter("payments_settlement_behind_watermark");
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
        long time = payment.eventTimeMillis();
        String zone = windows.zoneOf(payment.merchantId());
        long start = windows.windowStartOf(time, zone);
        SettlementTotals open = openWindows.get(start);
        EmittedWindow emitted = open == null ? closedWindows.get(start) : null;
        // A window already in state keeps the zone it was opened in, whatever the configuration says now.
        if (open != null || emitted != null) {
            zone = open != null ? open.timeZone() : emitted.windowZone();
        } else {
            // A window cut by the UTC rule (opened before zones: no zone in state; or while the
            // merchant was in UTC) keeps the payments of its own bounds until it is forgotten, so
            // its lines keep their ids and totals; the merchant's new zone cuts the windows after it.
            long legacyStart = windows.windowStartOf(time, null);
            if (legacyStart != start) {
                SettlementTotals legacyOpen = openWindows.get(legacyStart);
                EmittedWindow legacyEmitted = legacyOpen == null ? closedWindows.get(legacyStart) : null;
                if ((legacyOpen != null && SettlementWindows.isUtcRule(legacyOpen.timeZone()))
                        || (legacyEmitted != null && SettlementWindows.isUtcRule(legacyEmitted.windowZone()))) {
                    start = legacyStart;
                    zone = legacyOpen != null ? legacyOpen.timeZone() : legacyEmitted.windowZone();
                    open = legacyOpen;
                    emitted = legacyEmitted;
                }
            }
        }
        long watermark = watermark(ctx.timerService());
        long partitionWatermark = payment.source() == null
                ? SourcePosition.NOT_STAMPED : payment.source().partitionWatermarkMillis();
        long close = closeTime(start, zone);
        boolean closed = watermark >= close || emitted != null;

        if (partitionWatermark < close && !closed) {
            if (open == null) {
                open = openNew(start, zone, ctx);
            }
            openWindows.put(start, open.add(scored));
            return;
        }
        if (partitionWatermark >= expiryTime(start, zone)) {
            beyondHorizonPayment(scored, ctx);
            return;
        }
        // On time by its partition's watermark, yet the window has closed, or its batch has been
        // published: its partition was behind the others (idle, then back). It goes into the next
        // batch still open, or, past the horizon, to the DLQ; either way its revision is not replayable.
        boolean behind = partitionWatermark < close;
        long batchEnd = batchEnd(start, zone, Math.max(partitionWatermark, close));
        if (batchEnd <= watermark) {
            behind = true;
            batchEnd = batchEnd(start, zone, watermark);
        }
        if (behind) {
            behindWatermark.inc();
        }
        if (batchEnd <= watermark) {
            beyondHorizonPayment(scored, ctx);
            return;
        }
        lateEvents.inc();
        if (!closed) {
            if (open == null) {
                openNew(start, zone, ctx);
            }
        } else if (emitted == null) {
            // closed without a payment: nothing was emitted and no cleanup timer runs yet
            closedWindows.put(start, EmittedWindow.empty(zone));
            ctx.timerService().registerEventTimeTimer(expiryTime(start, zone));
        }
        Tuple2<Long, Long> batchKey = Tuple2.of(start, batchEnd);
        LateBatch batch = lateBatches.get(batchKey);
        lateBatches.put(batchKey, (batch == null ? LateBatch.EMPTY : batch).add(scored));
        ctx.timerService().registerEventTimeTimer(batchEnd);
    }

    private void beyondHorizonPayment(ScoredPayment scored, Context ctx) {
        beyondHorizon.inc();
        ctx.output(BEYOND_HORIZON, scored);
    }

    /** Opens the window starting at {@code start}, cut in {@code zone}, which is not in state yet. */
    private SettlementTotals openNew(long start, String zone, Context ctx) throws Exception {
        SettlementTotals empty = SettlementTotals.emptyIn(zone);
        openWindows.put(start, empty);
        ctx.timerService().registerEventTimeTimer(closeTime(start, zone));
        return empty;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Settlement> out) throws Exception {
        String key = ctx.getCurrentKey();
        watermarkFloor = Math.max(watermarkFloor, timestamp);
        for (long start : sorted(openWindows.keys())) {
            SettlementTotals totals = openWindows.get(start);
            String zone = totals.timeZone();
            if (closeTime(start, zone) > timestamp) {
                continue;
            }
            openWindows.remove(start);
            // no payment on time (only late ones, batched): its first batch will be revision 0
            EmittedWindow closed = totals.isEmpty()
                    ? EmittedWindow.empty(zone) : publish(key, start, EmittedWindow.firstOf(totals), ctx, out);
            if (expiryTime(start, zone) > timestamp) {
                closedWindows.put(start, closed);
                ctx.timerService().registerEventTimeTimer(expiryTime(start, zone));
            }
        }
        for (Tuple2<Long, Long> batchKey : dueBatches(timestamp)) {
            long start = batchKey.f0;
            EmittedWindow closed = closedWindows.get(start);
            // a batch ends after its window closed and no later than it expires, so the window is there
            Preconditions.checkState(closed != null, "late payments for window %s of %s, which is not in state", start, key);
            closedWindows.put(start, publish(key, start, closed.with(lateBatches.get(batchKey)), ctx, out));
            lateBatches.remove(batchKey);
        }
        for (long start : sorted(closedWindows.keys())) {
            if (expiryTime(start, closedWindows.get(start).windowZone()) <= timestamp) {
                closedWindows.remove(start);
            }
        }
    }

    /** The batches due at {@code timestamp}, by window start, then batch end: revisions in order. */
    private List<Tuple2<Long, Long>> dueBatches(long timestamp) throws Exception {
        List<Tuple2<Long, Long>> due = new ArrayList<>();
        for (Tuple2<Long, Long> batchKey : lateBatches.keys()) {
            if (batchKey.f1 <= timestamp) {
                due.add(batchKey);
            }
        }
        due.sort(Comparator.<Tuple2<Long, Long>>comparingLong(k -> k.f0).thenComparingLong(k -> k.f1));
        return due;
    }

    /**
     * The end of the adjustment batch that takes a late payment of the window starting at {@code
     * start} (cut in {@code zone}) read at partition watermark {@code partitionWatermark} (at least
     * the window's close): stretches of {@code adjustmentBatch} from the close, the last one cut at
     * the horizon.
     */
    private long batchEnd(long start, String zone, long partitionWatermark) {
        long close = closeTime(start, zone);
        long stretches = Math.floorDiv(partitionWatermark - close, adjustmentBatchMillis) + 1;
        long end = stretches > (Long.MAX_VALUE - close) / adjustmentBatchMillis
                ? Long.MAX_VALUE : close + stretches * adjustmentBatchMillis;
        return Math.min(end, expiryTime(start, zone));
    }

    /** Emits the next revision of the window's current totals, or reports it overflowed. */
    private EmittedWindow publish(String key, long start, EmittedWindow window, OnTimerContext ctx,
            Collector<Settlement> out) {
        String merchant = SettlementKey.merchantOf(key);
        String currency = SettlementKey.currencyOf(key);
        String zone = window.windowZone();
        long end = windows.windowEndOf(start, zone);
        String id = SettlementId.of(merchant, currency, start, end);
        // A window opened before zones was cut by the UTC rule: it says so, UTC, with the UTC date.
        String zoneShown = zone == null ? SettlementWindows.LEGACY_ZONE : zone;
        int revision = window.revision() + 1;
        SettlementTotals totals = window.current();
        if (!totals.overflowed()) {
            FeePlan plan = fees.planFor(merchant, currency);
            try {
                long fee = totals.feesMinor(plan);
                long net = totals.netMinor(fee);
                SettlementDelta delta = revision == 0
                        ? null : SettlementDelta.between(window.emitted(), window.emittedFeesMinor(), totals, fee);
                out.collect(new Settlement(id, merchant, currency, start, end, revision, revision > 0,
                        totals.amounts(), fee, net, plan.basisPoints(), plan.fixedFeeMinor(), window.lateEventCount(),
                        delta, zoneShown, windows.businessDateOf(start, zone).toString()));
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

    /** When revision 0 of the window starting at {@code start}, cut in {@code zone}, is due. */
    private long closeTime(long start, String zone) {
        return saturatedAdd(windows.windowEndOf(start, zone) - 1, allowedLatenessMillis);
    }

    /** When the window starting at {@code start} stops taking adjustments and is forgotten. */
    private long expiryTime(long start, String zone) {
        return saturatedAdd(closeTime(start, zone), adjustmentHorizonMillis);
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
