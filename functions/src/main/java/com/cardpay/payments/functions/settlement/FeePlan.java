package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a merchant pays us for a settlement window: a percentage of the gross purchase amount plus a
 * fixed fee per purchase. Applied once per window to the window's totals, never per payment, so the
 * rounding happens once and a merchant's fee does not depend on how its payments were split.
 *
 * @param basisPoints the percentage in hundredths of a percent, 0 to 10 000 (290 is 2.90 %)
 * @param fixedFeeMinor fee per purchase in the minor units of the line's currency, at least 0
 */
public record FeePlan(int basisPoints, long fixedFeeMinor) implements Serializable {
    /** 10 000 basis points: all of it. */
    public static final int MAX_BASIS_POINTS = 10_000;

    private static final long BASIS = 10_000L;
    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})bps\\+(\\d{1,18})");

    public FeePlan {
        Preconditions.checkArgument(basisPoints >= 0 && basisPoints <= MAX_BASIS_POINTS,
                "basis points must be between 0 and 10000, got %s", basisPoints);
        Preconditions.checkArgument(fixedFeeMinor >= 0, "fixed fee must not be negative, got %s", fixedFeeMinor);
    }

    /**
     * Parses {@code <basis points>bps+<fixed fee minor>}, for example {@code 290bps+30}: 2.90 % plus
     * 30 minor units per purchase.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form or out of range
     */
    public static FeePlan parse(String text) {
        Preconditions.checkArgument(text != null, "fee plan must not be null");
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("fee plan '" + text
                    + "' is not of the form <basis points>bps+<fixed fee in minor units>, e.g. 290bps+30");
        }
        long bps = Long.parseLong(m.group(1));
        if (bps > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException("fee plan '" + text + "' has " + bps + " basis points; at most 10000");
        }
        return new FeePlan((int) bps, Long.parseLong(m.group(2)));
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

    /** The text {@link #parse} reads. */
    @Override
    public String toString() {
        return basisPoints + "bps+" + fixedFeeMinor;
    }
}
