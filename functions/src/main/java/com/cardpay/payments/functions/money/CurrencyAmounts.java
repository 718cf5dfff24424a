package com.cardpay.payments.functions.money;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A table of one amount per currency, written in configuration as terms joined by {@code /}, each
 * an amount in major units with exactly the currency's ISO 4217 decimals followed by its code:
 * {@code 0.30EUR/0.30USD/30JPY/0.300BHD}. Held in minor units ({@code EUR 30}, {@code JPY 30},
 * {@code BHD 300}).
 *
 * <p>Why this notation: a bare number ({@code 30}) reads as 0.30 EUR, 30 JPY or 0.030 BHD depending
 * on the currency, which is the mistake it replaces. Requiring the currency's exact number of
 * decimals makes the major-unit reading the only one: {@code 30EUR} (30 euros or 30 cents?) and
 * {@code 0.3EUR} are refused, {@code 30.00EUR} and {@code 0.30EUR} are not ambiguous. {@code /} and
 * no comma, so a table fits inside the comma-separated per-merchant lists; no space, so it passes
 * as one command-line argument.
 *
 * <p>A currency without minor units in ISO 4217 ({@code XAU}, {@code XXX}: Java reports -1
 * fraction digits) is refused: an amount in it has no minor unit to count in, and the job rejects
 * payments in it at ingest ({@code BAD_CURRENCY}) anyway.
 */
public final class CurrencyAmounts implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many digits before the decimal point (far beyond any fee or threshold). */
    private static final int MAX_WHOLE_DIGITS = 15;

    private final TreeMap<String, Long> minorByCurrency;

    private CurrencyAmounts(TreeMap<String, Long> minorByCurrency) {
        this.minorByCurrency = minorByCurrency;
    }

    /** From minor units per currency (each checked as {@link #parse} would). */
    public static CurrencyAmounts ofMinor(Map<String, Long> minorByCurrency) {
        TreeMap<String, Long> copy = new TreeMap<>();
        minorByCurrency.forEach((currency, minor) -> {
            fractionDigits(currency);
            Preconditions.checkArgument(minor != null && minor >= 0, "amount for %s must not be negative", currency);
            copy.put(currency, minor);
        });
        return new CurrencyAmounts(copy);
    }

    /**
     * Reads {@code <amount><CUR>(/<amount><CUR>)*}, for example {@code 5.00EUR/500JPY/2.000BHD}.
     *
     * @throws IllegalArgumentException naming the term and what is wrong with it
     */
    public static CurrencyAmounts parse(String text) {
        Preconditions.checkArgument(text != null, "amounts must not be null");
        TreeMap<String, Long> amounts = new TreeMap<>();
        for (String term : text.trim().split("/", -1)) {
            String t = term.trim();
            if (t.length() < 4) {
                throw bad(t, "expected an amount followed by its ISO 4217 code, e.g. 0.30EUR, 30JPY, 0.300BHD");
            }
            String currency = t.substring(t.length() - 3);
            int digits;
            try {
                digits = fractionDigits(currency);
            } catch (IllegalArgumentException e) {
                throw bad(t, e.getMessage());
            }
            long minor = minor(t, t.substring(0, t.length() - 3), currency, digits);
            if (amounts.put(currency, minor) != null) {
                throw bad(t, currency + " is given twice");
            }
        }
        return new CurrencyAmounts(amounts);
    }

    /** The currency's ISO 4217 minor-unit digits (0 for JPY, 2 for EUR, 3 for BHD). */
    public static int fractionDigits(String currency) {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 alphabetic code (three capitals)");
        }
        Currency c;
        try {
            c = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(currency + " is not an ISO 4217 currency known to Java");
        }
        int digits = c.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit in ISO 4217, so no amount in it can be "
                    + "counted in minor units (payments in it are rejected as BAD_CURRENCY)");
        }
        return digits;
    }

    private static long minor(String term, String amount, String currency, int digits) {
        int dot = amount.indexOf('.');
        String whole = dot < 0 ? amount : amount.substring(0, dot);
        String fraction = dot < 0 ? "" : amount.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > MAX_WHOLE_DIGITS || !whole.chars().allMatch(Character::isDigit)
                || !fraction.chars().allMatch(Character::isDigit) || (dot >= 0 && fraction.isEmpty())) {
            throw bad(term, "the amount must be digits in major units, e.g. " + example(currency, digits));
        }
        if (fraction.length() != digits) {
            throw bad(term, currency + " has " + digits + " decimal" + (digits == 1 ? "" : "s")
                    + " in ISO 4217; write the amount in major units with exactly that many, e.g. "
                    + example(currency, digits));
        }
        return Math.addExact(Math.multiplyExact(Long.parseLong(whole), pow10(digits)),
                fraction.isEmpty() ? 0L : Long.parseLong(fraction));
    }

    private static String example(String currency, int digits) {
        return digits == 0 ? "30" + currency : "0." + "3" + "0".repeat(digits - 1) + currency;
    }

    private static long pow10(int digits) {
        long p = 1;
        for (int i = 0; i < digits; i++) {
            p *= 10;
        }
        return p;
    }

    private static IllegalArgumentException bad(String term, String why) {
        return new IllegalArgumentException("'" + term + "': " + why);
    }

    /** Whether the table has an amount in {@code currency}. */
    public boolean has(String currency) {
        return minorByCurrency.containsKey(currency);
    }

    /**
     * The amount in {@code currency}'s minor units.
     *
     * @throws IllegalArgumentException if the table has none in that currency
     */
    public long minor(String currency) {
        Long minor = minorByCurrency.get(currency);
        if (minor == null) {
            throw new IllegalArgumentException("no amount in " + currency + "; the table has " + currencies());
        }
        return minor;
    }

    /** The currencies, sorted; unmodifiable. */
    public Set<String> currencies() {
        return Collections.unmodifiableSet(minorByCurrency.keySet());
    }

    /** Minor units per currency, sorted; unmodifiable. */
    public Map<String, Long> minorByCurrency() {
        return Collections.unmodifiableMap(minorByCurrency);
    }

    /** {@code amountMinor} written in major units with the currency's decimals and its code: 300 BHD is 0.300BHD. */
    public static String format(long amountMinor, String currency) {
        int digits = fractionDigits(currency);
        if (digits == 0) {
            return amountMinor + currency;
        }
        String s = Long.toString(amountMinor);
        if (s.length() <= digits) {
            s = "0".repeat(digits - s.length() + 1) + s;
        }
        return s.substring(0, s.length() - digits) + "." + s.substring(s.length() - digits) + currency;
    }

    /** The text {@link #parse} reads, currencies sorted. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        minorByCurrency.forEach((currency, minor) -> b.append(b.length() == 0 ? "" : "/").append(format(minor, currency)));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurrencyAmounts other && minorByCurrency.equals(other.minorByCurrency);
    }

    @Override
    public int hashCode() {
        return minorByCurrency.hashCode();
    }
}
