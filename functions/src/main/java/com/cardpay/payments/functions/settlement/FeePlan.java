package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;

/**
 * What a merchant pays us for one settlement line (one window in one currency): a percentage of the
 * gross purchase amount plus a fixed fee per purchase, in that line's currency. It is the merchant's
 * {@link FeePlanTerms} for the line's currency, where the fixed fee is named in that currency; it
 * is what the settlement record reports as {@code fee_plan}. Applied once per window to the
 * window's totals, never per payment, so the rounding happens once and a merchant's fee does not
 * depend on how its payments were split.
 *
 * @param basisPoints the percentage in hundredths of a percent, 0 to 10 000 (290 is 2.90 %)
 * @param fixedFeeMinor fee per purchase in the minor units of the line's currency, at least 0
 */
public record FeePlan(int basisPoints, long fixedFeeMinor) implements Serializable {
    /** 10 000 basis points: all of it. */
    public static final int MAX_BASIS_POINTS = 10_000;

    private static final long BASIS = 10_000L;

    public FeePlan {
        Preconditions.checkArgument(basisPoints >= 0 && basisPoints <= MAX_BASIS_POINTS,
                "basis points must be between 0 and 10000, got %s", basisPoints);
        Preconditions.checkArgument(fixedFeeMinor >= 0, "fixed fee must not be negative, got %s", fixedFeeMinor);
    }

    /**
     * The fee for a window: {@code purchaseGrossMinor * basisPoints / 10 000}, rounded half-even to
     * the minor unit (banker's rounding, so rounding errors do not drift one way over many
     * windows), plus {@code fixedFeeMinor * purchaseCount}. Exact for every input: the percentage
     * part never exceeds the gross, and the sum is overflow-checked.
     *
     * @throws ArithmeticException if the fixed part or the sum does not fit in a long
     */
    public long feeMinor(long purchaseCount, long purchaseGrossMinor) {
        Preconditions.checkArgument(purchaseCount >= 0, "purchase count must not be negative, got %s", purchaseCount);
        Preconditions.checkArgument(purchaseGrossMinor >= 0, "gross must not be negative, got %s", purchaseGrossMinor);
        return Math.addExact(percentageMinor(purchaseGrossMinor), Math.multiplyExact(fixedFeeMinor, purchaseCount));
    }

    /** gross * bps / 10 000, half-even; split as (q * 10 000 + r) * bps so nothing overflows. */
    private long percentageMinor(long gross) {
        long whole = gross / BASIS * basisPoints;
        long part = gross % BASIS * basisPoints;
        long result = whole + part / BASIS;
        long remainder = part % BASIS;
        if (remainder > BASIS / 2 || (remainder == BASIS / 2 && (result & 1) == 1)) {
            result++;
        }
        return result;
    }

    /** Basis points and the fixed fee in minor units of the line's currency: {@code 290bps+30minor}. */
    @Override
    public String toString() {
        return basisPoints + "bps+" + fixedFeeMinor + "minor";
    }
}
