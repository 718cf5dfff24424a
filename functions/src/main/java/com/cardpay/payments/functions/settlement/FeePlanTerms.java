package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.money.CurrencyAmounts;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fee plan as a merchant signs it: a percentage of gross purchases, the same in every currency,
 * and a fixed fee per purchase named in each currency the plan prices. {@link #forCurrency} gives
 * the {@link FeePlan} one settlement line applies.
 *
 * <p>Text: {@code <basis points>bps+<fixed fees>}, the fixed fees a {@link CurrencyAmounts} table
 * ({@code 290bps+0.30EUR/0.30USD/30JPY/0.300BHD}: 2.90 % plus EUR 0.30, USD 0.30, JPY 30 or BHD
 * 0.300 per purchase, by the line's currency). {@code <basis points>bps} alone has no fixed fee
 * and prices every currency: a fee of zero is zero in every currency, so nothing there can be
 * misread.
 *
 * @param basisPoints 0 to 10 000 (290 is 2.90 %)
 * @param fixedFees the fixed fee per purchase by currency; null for a plan without a fixed fee
 */
public record FeePlanTerms(int basisPoints, CurrencyAmounts fixedFees) implements Serializable {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})bps(?:\\+(.*))?");

    public FeePlanTerms {
        Preconditions.checkArgument(basisPoints >= 0 && basisPoints <= FeePlan.MAX_BASIS_POINTS,
                "basis points must be between 0 and 10000, got %s", basisPoints);
    }

    /** Basis points and fixed fees in minor units, by currency. */
    public static FeePlanTerms of(int basisPoints, Map<String, Long> fixedFeesMinor) {
        return new FeePlanTerms(basisPoints, CurrencyAmounts.ofMinor(fixedFeesMinor));
    }

    /**
     * Reads the text described above.
     *
     * @throws IllegalArgumentException naming the text and what is wrong; the old form with a bare
     *     number ({@code 290bps+30}) is refused with the reason
     */
    public static FeePlanTerms parse(String text) {
        Preconditions.checkArgument(text != null, "fee plan must not be null");
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("fee plan '" + text + "' is not of the form <basis points>bps+<fixed fee "
                    + "per currency>, e.g. 290bps+0.30EUR/30JPY/0.300BHD, or <basis points>bps for no fixed fee");
        }
        long bps = Long.parseLong(m.group(1));
        if (bps > FeePlan.MAX_BASIS_POINTS) {
            throw new IllegalArgumentException("fee plan '" + text + "' has " + bps + " basis points; at most 10000");
        }
        String fixed = m.group(2);
        if (fixed == null) {
            return new FeePlanTerms((int) bps, null);
        }
        if (fixed.trim().matches("\\d+")) {
            throw new IllegalArgumentException("fee plan '" + text + "': the fixed fee " + fixed.trim() + " names no "
                    + "currency, and the same number of minor units is 0.30 in EUR, 30 in JPY and 0.030 in BHD; "
                    + "name it per currency in major units, e.g. " + m.group(1) + "bps+0.30EUR/30JPY/0.300BHD");
        }
        try {
            return new FeePlanTerms((int) bps, CurrencyAmounts.parse(fixed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fee plan '" + text + "', fixed fee " + e.getMessage(), e);
        }
    }

    /** Whether the plan prices lines in {@code currency}. */
    public boolean prices(String currency) {
        return fixedFees == null || fixedFees.has(currency);
    }

    /**
     * The plan as it applies to a line in {@code currency}.
     *
     * @throws IllegalArgumentException if the plan does not price that currency (configuration
     *     validation keeps this from happening: every plan must price every settled currency)
     */
    public FeePlan forCurrency(String currency) {
        if (!prices(currency)) {
            throw new IllegalArgumentException("fee plan " + this + " does not price " + currency);
        }
        return new FeePlan(basisPoints, fixedFees == null ? 0L : fixedFees.minor(currency));
    }

    /** The text {@link #parse} reads. */
    @Override
    public String toString() {
        return basisPoints + "bps" + (fixedFees == null ? "" : "+" + fixedFees);
    }
}
