package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

/**
 * The running sums of one settlement window of one merchant and currency, in minor units: the
 * state the settlement stage keeps per window. A record (of a record), so Flink serializes it as a
 * POJO without Kryo, and immutable, so the totals last emitted can be kept next to the current ones
 * to compute a delta.
 *
 * <p>Approved and reviewed payments are settled: purchases add to the gross, refunds and
 * chargebacks are taken off it. Declined payments of any type move no money; they are only counted
 * in {@code declined*}, so the merchant can see what was turned away.
 *
 * <p>Sums are overflow-checked. A payment that would overflow any of them does not throw out of the
 * operator (which would fail the job on every restart); it marks the totals {@code overflowed}
 * instead, which stays set, and such totals are never emitted as a settlement. Fees and net are not
 * stored: they are derived from the totals with the merchant's {@link FeePlan} when a revision is
 * emitted.
 *
 * @param amounts never null. Checked, so that restoring state of the layout from before they were
 *     nested here (Flink's POJO evolution would drop the eight old fields and leave this null) fails
 *     the restore, rather than the first timer afterwards
 * @param timeZone on a window's totals (open, or {@link EmittedWindow#current}): the zone id the
 *     window was cut in when it opened ({@link SettlementWindows}), kept with it so that a changed
 *     configuration never moves the end of a window already open. <b>Null</b> on windows opened
 *     before zones existed: added in 0.2.0, so state restored from an older savepoint (fixture
 *     0.1.0) has its POJO default, null, which means "cut by the UTC-offset rule", exactly the
 *     bounds those windows were opened with. Null on a {@link LateBatch}'s totals (the window's
 *     zone is on the window).
 */
public record SettlementTotals(SettlementAmounts amounts, boolean overflowed, @Nullable String timeZone) {

    /** Nothing yet, no zone. */
    public static final SettlementTotals EMPTY = new SettlementTotals(SettlementAmounts.ZERO, false, null);

    public SettlementTotals {
        Preconditions.checkNotNull(amounts,
                "settlement totals without amounts: state written before they were nested cannot be restored");
    }

    /** Totals of no window in particular (a late batch's), or of a window opened before zones. */
    public SettlementTotals(SettlementAmounts amounts, boolean overflowed) {
        this(amounts, overflowed, null);
    }

    /** Nothing yet, in a window cut in {@code zone}. */
    public static SettlementTotals emptyIn(@Nullable String zone) {
        return new SettlementTotals(SettlementAmounts.ZERO, false, zone);
    }

    /** No payment counted and not overflowed, whatever the zone. */
    public boolean isEmpty() {
        return !overflowed && amounts.equals(SettlementAmounts.ZERO);
    }

    /**
     * These totals with the payment added; marked overflowed (and otherwise unchanged) if a sum
     * would not fit. Amounts are positive, as ingest validates them.
     */
    public SettlementTotals add(ScoredPayment scored) {
        TokenizedPayment p = scored.payment();
        Preconditions.checkArgument(p.amountMinor() >= 0, "settlement takes non-negative amounts, payment %s has %s",
                p.paymentId(), p.amountMinor());
        if (overflowed) {
            return this;
        }
        try {
            return new SettlementTotals(amounts.plus(scored), false, timeZone);
        } catch (ArithmeticException e) {
            return markOverflowed();
        }
    }

    /**
     * These totals and {@code more} together, in this window's zone; marked overflowed if either
     * was or a sum would not fit.
     */
    public SettlementTotals plus(SettlementTotals more) {
        if (overflowed || more.overflowed) {
            return markOverflowed();
        }
        try {
            return new SettlementTotals(amounts.plus(more.amounts), false, timeZone);
        } catch (ArithmeticException e) {
            return markOverflowed();
        }
    }

    /** These totals, flagged as not emittable. */
    public SettlementTotals markOverflowed() {
        return overflowed ? this : new SettlementTotals(amounts, true, timeZone);
    }

    /**
     * The window's fee under {@code plan}; see {@link SettlementAmounts#feesMinor}.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long feesMinor(FeePlan plan) {
        return amounts.feesMinor(plan);
    }

    /**
     * What the merchant is paid for the window; see {@link SettlementAmounts#netMinor}.
     *
     * @throws ArithmeticException if it does not fit in a long
     */
    public long netMinor(long feesMinor) {
        return amounts.netMinor(feesMinor);
    }
}
